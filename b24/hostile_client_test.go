package b24

// Tests from the outside: every server here is a plain httptest server
// written in the test, playing a hostile or broken portal, OAuth server or
// proxy, and counting what reached the wire.
//
// This file holds the secrets the tests use and the helpers that print
// values every way and look for them.

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The secrets of these tests. The OAuth ones hold '/', '+' and '=', so
// that their JSON-escaped (\/) and percent-encoded forms differ from the
// raw ones.
const (
	hWebhook      = "whk-h0stile-7a1b9c"
	hAccess       = "acc/h0stile+8c2d=="
	hRefresh      = "ref/h0stile+9e3f=="
	hNewAccess    = "acc-h0stile-new-41"
	hNewRefresh   = "ref-h0stile-new-52"
	hClientSecret = "cli/h0stile+secret"
)

var hostileSecrets = []string{hWebhook, hAccess, hRefresh, hNewAccess, hNewRefresh, hClientSecret}

func init() { secrets = append(secrets, hostileSecrets...) }

// echoForms returns the forms in which a secret may be echoed, each
// with a name that says which form it is without showing it.
func echoForms(s string) map[string]string {
	forms := map[string]string{
		"raw":                s,
		"JSON-escaped":       strings.ReplaceAll(s, "/", `\/`),
		"query-encoded":      url.QueryEscape(s),
		"path-encoded":       url.PathEscape(s),
		"percent-lower-hex":  strings.ToLower(url.QueryEscape(s)),
		"hex (%x)":           hex.EncodeToString([]byte(s)),
		"HEX (%X)":           strings.ToUpper(hex.EncodeToString([]byte(s))),
		"first 10 bytes":     s[:10],
		"last 10 bytes":      s[len(s)-10:],
		"Go-quoted":          strings.Trim(fmt.Sprintf("%q", s), `"`),
		"JSON unicode-slash": strings.ReplaceAll(s, "/", `\u002f`),
	}
	return forms
}

// leak names the secret and form text carries, or "" when it carries
// none. It never returns the secret.
func leak(text string) string {
	for i, s := range hostileSecrets {
		for name, f := range echoForms(s) {
			if strings.Contains(text, f) {
				return fmt.Sprintf("hostile secret #%d (%s form)", i, name)
			}
		}
	}
	for i, s := range secrets {
		if strings.Contains(text, s) {
			return fmt.Sprintf("test secret #%d", i)
		}
	}
	return ""
}

// printed returns every printed form of v that a program could show or
// log: the fmt verbs, panics, slog's text and JSON handlers and JSON.
func printed(v any) map[string]string {
	out := map[string]string{}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d"} {
		out[verb] = fmt.Sprintf(verb, v)
	}
	if err, ok := v.(error); ok {
		out["Error()"] = err.Error()
		out["errors.Unwrap"] = fmt.Sprintf("%v", errors.Unwrap(err))
	}
	out["panic"] = func() (s string) {
		defer func() { s = fmt.Sprint(recover()) }()
		panic(v)
	}()
	var text, js bytes.Buffer
	slog.New(slog.NewTextHandler(&text, nil)).Info("x", "v", v)
	slog.New(slog.NewJSONHandler(&js, nil)).Info("x", "v", v)
	out["slog text"] = text.String()
	out["slog JSON"] = js.String()
	b, err := json.Marshal(v)
	out["encoding/json"] = string(b) + fmt.Sprint(err)
	return out
}

// mustNotLeak fails the test if any printed form of v carries a secret.
func mustNotLeak(t *testing.T, what string, v any) {
	t.Helper()
	if err, ok := v.(error); ok {
		record(err)
	}
	for form, text := range printed(v) {
		if l := leak(text); l != "" {
			t.Errorf("%s: %s leaks %s", what, form, l)
		}
	}
}

// logBuffer is a slog handler target the tests scan.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	seen.Lock()
	seen.lines = append(seen.lines, string(p))
	seen.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func (l *logBuffer) loggers() (*slog.Logger, *slog.Logger) {
	o := &slog.HandlerOptions{Level: slog.LevelDebug}
	return slog.New(slog.NewTextHandler(l, o)), slog.New(slog.NewJSONHandler(l, o))
}

// echoAll is every form of the secret a hostile server echoes.
func echoAll(s string) string {
	return s + " " + url.QueryEscape(s) + " " + url.PathEscape(s) + " " + strings.ToLower(url.QueryEscape(s))
}

// jsonPHP encodes a string as PHP's json_encode does: "/" as "\/".
func jsonPHP(s string) string {
	b, _ := json.Marshal(s)
	return strings.ReplaceAll(string(b), "/", `\/`)
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// encodedForms returns the encodings of a secret beyond echoForms a server
// or a proxy may write: every byte percent-encoded, double
// percent-encoded, HTML entities, base64 and hex, case-changed, reversed.
// The names say which form, never the secret.
func encodedForms(s string) map[string]string {
	every := func(lower bool) string {
		var b strings.Builder
		for _, c := range []byte(s) {
			if lower {
				fmt.Fprintf(&b, "%%%02x", c)
			} else {
				fmt.Fprintf(&b, "%%%02X", c)
			}
		}
		return b.String()
	}
	entities := func(format string, all bool) string {
		var b strings.Builder
		for _, c := range []byte(s) {
			if !all && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
				b.WriteByte(c)
				continue
			}
			fmt.Fprintf(&b, format, c)
		}
		return b.String()
	}
	rev := []byte(s)
	slices.Reverse(rev)
	return map[string]string{
		"every byte %XX":              every(false),
		"every byte %xx":              every(true),
		"double percent-encoded":      url.QueryEscape(url.QueryEscape(s)),
		"double percent, lower hex":   strings.ToLower(url.QueryEscape(url.QueryEscape(s))),
		"HTML &#xHH; entities":        entities("&#x%X;", false),
		"HTML &#xhh; entities":        entities("&#x%x;", false),
		"HTML &#DD; entities":         entities("&#%d;", false),
		"HTML entities, every byte":   entities("&#%d;", true),
		"base64":                      base64.StdEncoding.EncodeToString([]byte(s)),
		"base64 unpadded":             base64.RawStdEncoding.EncodeToString([]byte(s)),
		"base64url":                   base64.URLEncoding.EncodeToString([]byte(s)),
		"base64url unpadded":          base64.RawURLEncoding.EncodeToString([]byte(s)),
		"base64 of the webhook URL":   base64.StdEncoding.EncodeToString([]byte("https://portal.example/rest/1/" + s + "/")),
		"base64 after one byte":       base64.StdEncoding.EncodeToString([]byte("x" + s)),
		"hex":                         hex.EncodeToString([]byte(s)),
		"HEX":                         strings.ToUpper(hex.EncodeToString([]byte(s))),
		"reversed":                    string(rev),
		"upper-case":                  strings.ToUpper(s),
		"lower-case":                  strings.ToLower(s),
		"split by newlines every 5":   chunked(s, 5, "\n"),
		"split by CRLF+space every 7": chunked(s, 7, "\r\n "),
		"zero-width space every 4":    chunked(s, 4, "\u200b"),
		"soft hyphen every 6":         chunked(s, 6, "\u00ad"),
		"word joiner every 3":         chunked(s, 3, "\u2060"),
		"tab every 3":                 chunked(s, 3, "\t"),
		"invalid UTF-8 every 5":       chunked(s, 5, "\xff"),
		"every byte %XX, one a line":  chunked(every(false), 3, "\n"),
		"double percent, split":       chunked(url.QueryEscape(url.QueryEscape(s)), 4, "\u200b"),
		// found by a black-box attack: characters that show as nothing but
		// are not format characters, terminal escapes, and other encodings
		"Hangul filler every 1":        chunked(s, 1, "\u3164"),
		"halfwidth filler every 3":     chunked(s, 3, "\uffa0"),
		"braille blank every 2":        chunked(s, 2, "\u2800"),
		"ANSI reset every 2":           chunked(s, 2, "\x1b[0m"),
		"HTML entities, no semicolons": entities("&#%d", true),
		"hex, colon-separated":         chunked(hex.EncodeToString([]byte(s)), 2, ":"),
		"quoted-printable":             bytewise(s, "=%02X"),
		"octal escapes":                bytewise(s, `\%03o`),
		"fullwidth":                    fullwidth(s),
		"HTML tags every 1":            chunked(s, 1, "<b></b>"),
		"HTML comments every 2":        chunked(s, 2, "<!---->"),
	}
}

// bytewise writes every byte of s in format.
func bytewise(s, format string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		fmt.Fprintf(&b, format, c)
	}
	return b.String()
}

// fullwidth writes the printable ASCII of s as its fullwidth forms.
func fullwidth(s string) string {
	return strings.Map(func(r rune) rune {
		if r > ' ' && r < 0x7f {
			return r - 0x21 + 0xff01
		}
		return r
	}, s)
}

// chunked cuts s into runs of n bytes joined by sep.
func chunked(s string, n int, sep string) string {
	var parts []string
	for len(s) > n {
		parts = append(parts, s[:n])
		s = s[n:]
	}
	return strings.Join(append(parts, s), sep)
}

// normalView is text as a reader could read it: escapes decoded,
// whitespace, format characters and replacement characters dropped, in
// lower case. It is the test's own, written apart from the scrubber's.
func normalView(text string) string {
	for range 3 {
		text = strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) || r == utf8.RuneError {
				return -1
			}
			return r
		}, strings.ToValidUTF8(text, ""))
		if u, err := url.PathUnescape(text); err == nil {
			text = u
		} else {
			text = percentLoose(text)
		}
		text = html.UnescapeString(text)
	}
	return strings.ToLower(text)
}

// percentLoose decodes the well-formed %XX escapes of s, leaving the rest.
func percentLoose(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			if v, err := hex.DecodeString(s[i+1 : i+3]); err == nil {
				b.WriteByte(v[0])
				i += 2
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// deepLeak names the secret and form text carries in any encoded form,
// or readable once normalised (a run of 10 bytes of it); "" if none. It
// never returns the secret.
func deepLeak(text string) string {
	if l := leak(text); l != "" {
		return l
	}
	norm := normalView(text)
	for i, s := range hostileSecrets {
		for name, f := range encodedForms(s) {
			if len(f) >= 10 && strings.Contains(text, f) {
				return fmt.Sprintf("hostile secret #%d (%s)", i, name)
			}
		}
		low := strings.ToLower(s)
		for j := 0; j+10 <= len(low); j++ {
			if strings.Contains(norm, low[j:j+10]) {
				return fmt.Sprintf("hostile secret #%d (readable once whitespace and format characters are dropped and escapes decoded)", i)
			}
		}
	}
	return ""
}

// mustNotLeakDeep fails the test if any printed form of v carries a
// secret in any form deepLeak knows, or is not valid UTF-8.
func mustNotLeakDeep(t *testing.T, what string, v any) {
	t.Helper()
	if err, ok := v.(error); ok {
		record(err)
	}
	for form, text := range printed(v) {
		if l := deepLeak(text); l != "" {
			t.Errorf("%s: %s leaks %s", what, form, l)
		}
		if form == "Error()" && !utf8.ValidString(text) {
			t.Errorf("%s: the error text is not valid UTF-8", what)
		}
	}
}
