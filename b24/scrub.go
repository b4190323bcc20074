package b24

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// redactedMark replaces a secret in text the client surfaces.
const redactedMark = "[REDACTED]"

// redactedText replaces the whole of a text that still holds a readable
// secret once normalised (see normalise), where the secret's bytes could
// not be told from the rest: split by newlines or invisible characters,
// escaped in a way no form foresaw.
const redactedText = "[REDACTED: the answer quoted a credential]"

// scrubGram is the length of the fragments the scrubber looks for: every
// run of scrubGram bytes of a secret, in each of its encoded forms, is
// redacted. Matching fragments rather than whole secrets also catches an
// echo that was clipped ("acc-5ecr…"), as error texts often are.
const scrubGram = 8

// minScrubbed is the length under which a secret is not looked for: a
// secret that short protects nothing and would mangle every text.
const minScrubbed = 4

// maxRotating bounds how many rotating secrets (OAuth tokens) a scrubber
// remembers; the oldest are long dead when they are dropped.
const maxRotating = 64

// scrubber removes the secrets a client knows (its webhook token, its
// access and refresh tokens, old ones included, and the application's
// client secret once a refresh has used it) from every text the client
// surfaces: error texts and fields, log lines. Servers echo what they
// were sent, and net/http quotes the request URL; both reach the caller
// only through here. It is safe for concurrent use; reads take no lock.
//
// It works in two passes. The first replaces every scrubGram-byte run of
// every encoded form of a secret (raw, percent-encoded once, twice or
// byte by byte, JSON-, HTML- or Go-escaped, HTML entities, base64, hex,
// upper- or lower-case, reversed) with "[REDACTED]". The second reads the
// result normalised (whitespace and invisible characters dropped, escapes
// decoded, in lower case) and, if a run of a secret is still readable
// there, replaces the whole text with a fixed message: a fallback for the
// echoes no form foresaw, which cannot miss.
type scrubber struct {
	mu       sync.Mutex // serialises add
	pinned   []string   // secrets that never change: webhook token, client secret
	rotating []string   // OAuth tokens, oldest first
	set      atomic.Pointer[scrubSet]
}

// scrubSet is an immutable index of the forms of the secrets.
type scrubSet struct {
	plain gramIndex // every scrubGram-byte run of every form
	norm  gramIndex // the same of the normalised forms
	short []string  // forms shorter than scrubGram, matched whole
}

// gramIndex is a set of grams: a sorted list behind a bloom filter, so
// that most positions of a text cost one bit test.
type gramIndex struct {
	grams []uint64
	bloom []uint64
	shift uint
}

func newGramIndex(grams []uint64) gramIndex {
	slices.Sort(grams)
	grams = slices.Compact(grams)
	bits := uint(12) // at least 4096 bits, about 16 per gram, at most 4 Mbit
	for bits < 22 && 1<<bits < 16*len(grams) {
		bits++
	}
	x := gramIndex{grams: slices.Clip(grams), bloom: make([]uint64, (1<<bits)/64), shift: 64 - bits}
	for _, g := range grams {
		h := x.hash(g)
		x.bloom[h/64] |= 1 << (h % 64)
	}
	return x
}

func (x *gramIndex) hash(g uint64) uint64 { return (g * 0x9E3779B97F4A7C15) >> x.shift }

func (x *gramIndex) has(g uint64) bool {
	if len(x.grams) == 0 {
		return false
	}
	h := x.hash(g)
	if x.bloom[h/64]&(1<<(h%64)) == 0 {
		return false
	}
	_, ok := slices.BinarySearch(x.grams, g)
	return ok
}

// any reports whether b holds a gram of the index.
func (x *gramIndex) any(b []byte) bool {
	for i := 0; i+scrubGram <= len(b); i++ {
		if x.has(load64(b, i)) {
			return true
		}
	}
	return false
}

// add makes secrets known; pinned ones are never forgotten.
func (s *scrubber) add(pinned bool, secrets ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	changed := false
	for _, v := range secrets {
		if len(v) < minScrubbed || slices.Contains(s.pinned, v) || slices.Contains(s.rotating, v) {
			continue
		}
		changed = true
		if pinned {
			s.pinned = append(s.pinned, v)
		} else {
			s.rotating = append(s.rotating, v)
		}
	}
	if !changed {
		return
	}
	if n := len(s.rotating) - maxRotating; n > 0 {
		s.rotating = slices.Delete(s.rotating, 0, n)
	}
	set := &scrubSet{}
	var plain, norm []uint64
	for _, v := range append(slices.Clone(s.pinned), s.rotating...) {
		for _, f := range secretForms(v) {
			if len(f) < scrubGram {
				if !slices.Contains(set.short, f) {
					set.short = append(set.short, f)
				}
				continue
			}
			plain = appendGrams(plain, f)
		}
		for _, f := range normalForms(v) {
			norm = appendGrams(norm, f)
		}
	}
	set.plain, set.norm = newGramIndex(plain), newGramIndex(norm)
	// longer short forms first, so that a form is not cut by one it contains
	slices.SortFunc(set.short, func(a, b string) int { return len(b) - len(a) })
	s.set.Store(set)
}

func appendGrams(grams []uint64, f string) []uint64 {
	for i := 0; i+scrubGram <= len(f); i++ {
		grams = append(grams, load64(f, i))
	}
	return grams
}

// secretForms returns the forms in which a secret may come back: as it is,
// percent-encoded (upper- or lower-case hex, + or %20 for a space), and
// each of those JSON-escaped as Go, PHP (\/) or a strict encoder (\u00xx)
// writes it, HTML-escaped or Go-quoted; and, for a secret long enough to
// be told from ordinary text, percent-encoded byte by byte or twice, as
// HTML numeric entities, in base64 (standard and URL alphabets, padded or
// not, and as it reads inside a longer base64 text, such as that of the
// webhook URL), in hex, upper- or lower-case and reversed.
func secretForms(v string) []string {
	q := url.QueryEscape(v)
	base := []string{v, q, url.PathEscape(v), strings.ReplaceAll(q, "+", "%20")}
	if len(v) >= scrubGram {
		base = append(base, everyByteEscaped(v), url.QueryEscape(q), url.PathEscape(url.PathEscape(v)))
	}
	for _, b := range base[1:] {
		base = append(base, lowerHexEscapes(b))
	}
	var out []string
	for _, b := range base {
		js, _ := json.Marshal(b)
		plain := strings.ReplaceAll(strings.ReplaceAll(strings.ReplaceAll(string(js[1:len(js)-1]), `\u003c`, "<"), `\u003e`, ">"), `\u0026`, "&")
		out = append(out, b, string(js[1:len(js)-1]), plain,
			strings.ReplaceAll(plain, "/", `\/`),
			unicodeEscapes(b, false), unicodeEscapes(b, true),
			html.EscapeString(b), strings.Trim(strconv.Quote(b), `"`), strings.Trim(strconv.QuoteToASCII(b), `"`))
	}
	if len(v) >= scrubGram {
		out = append(out, entityEscapes(v, "&#x%X;"), entityEscapes(v, "&#x%x;"), entityEscapes(v, "&#%d;"),
			strings.ToUpper(v), strings.ToLower(v), reversed(v),
			hex.EncodeToString([]byte(v)), strings.ToUpper(hex.EncodeToString([]byte(v))))
		for _, f := range base64Forms(v) {
			out = append(out, f, strings.ReplaceAll(f, "/", `\/`))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// normalForms returns the forms the normalised view of a text is matched
// against: the secret normalised, reversed and in hex.
func normalForms(v string) []string {
	if len(v) < scrubGram {
		return nil // too short to be told from ordinary text once normalised
	}
	h := hex.EncodeToString([]byte(v))
	colons := make([]byte, 0, len(h)*3/2)
	for i := 0; i < len(h); i += 2 {
		if i > 0 {
			colons = append(colons, ':')
		}
		colons = append(colons, h[i:i+2]...)
	}
	return []string{string(normalise([]byte(v))), string(normalise([]byte(reversed(v)))), h, string(colons)}
}

// everyByteEscaped percent-encodes every byte of s, letters too.
func everyByteEscaped(s string) string {
	const digits = "0123456789ABCDEF"
	b := make([]byte, 0, 3*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, '%', digits[s[i]>>4], digits[s[i]&15])
	}
	return string(b)
}

// entityEscapes writes every byte of s but letters and digits as an HTML
// numeric entity of the given format.
func entityEscapes(s, format string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, format, c)
	}
	return b.String()
}

// base64Forms returns s in base64, standard and URL alphabets, padded,
// and the runs of it that any longer text holding s encodes to, whatever
// its offset: those of the whole 3-byte groups of s from its first,
// second and third byte on.
func base64Forms(s string) []string {
	var out []string
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding} {
		out = append(out, enc.EncodeToString([]byte(s)))
		for k := 1; k < 3 && k < len(s); k++ {
			t := s[k:]
			out = append(out, enc.EncodeToString([]byte(t[:len(t)/3*3])))
		}
	}
	return out
}

func reversed(s string) string {
	b := []byte(s)
	slices.Reverse(b)
	return string(b)
}

// lowerHexEscapes lower-cases the hex digits of the %XX escapes of s.
func lowerHexEscapes(s string) string {
	b := []byte(s)
	for i := 0; i+2 < len(b); i++ {
		if b[i] == '%' {
			b[i+1], b[i+2] = lowerASCII(b[i+1]), lowerASCII(b[i+2])
		}
	}
	return string(b)
}

func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// unicodeEscapes writes every character but letters, digits, '-', '_'
// and '.' as a JSON \u escape, with lower- or upper-case hex.
func unicodeEscapes(s string, upper bool) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			b.WriteRune(r)
		case r > 0xFFFF:
			b.WriteString(strings.Trim(strconv.QuoteToASCII(string(r)), `"`))
		default:
			h := strconv.FormatInt(int64(r)|0x10000, 16)[1:]
			if upper {
				h = strings.ToUpper(h)
			}
			b.WriteString(`\u` + h)
		}
	}
	return b.String()
}

// normalise returns text as a reader would read it: whitespace, control
// and invisible characters (format characters such as U+200B and the soft
// hyphen, combining marks, invalid UTF-8 and U+FFFD) dropped, percent
// escapes, HTML entities and JSON or Go backslash escapes decoded, up to
// three times over for text escaped twice, and ASCII letters in lower
// case.
func normalise(text []byte) []byte {
	out := dropInvisible(text)
	for range 3 {
		if bytes.IndexAny(out, `%&\=`) < 0 {
			break // nothing to decode: most texts
		}
		dec, changed := decodeEscapes(out)
		if !changed {
			break
		}
		out = dropInvisible(dec)
	}
	return out
}

// dropInvisible copies b without the characters normalise drops, with
// ASCII letters in lower case and fullwidth ASCII (ｓ３) read as ASCII.
// Besides whitespace, controls and format characters, it drops what
// shows as nothing: terminal escape sequences (ESC [ 0 m), the default
// ignorable characters (U+3164 HANGUL FILLER, U+FFA0), variation
// selectors, U+2800 BRAILLE PATTERN BLANK and U+FFFC, and HTML tags and
// comments of at most maxTag bytes.
func dropInvisible(b []byte) []byte {
	const maxTag = 64
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			i++
			if c == 0x1b && i < len(b) && b[i] == '[' {
				// a CSI sequence: parameters up to a final byte
				for i++; i < len(b) && (b[i] < 0x40 || b[i] > 0x7e); i++ {
				}
				i++
				continue
			}
			if c <= ' ' || c == 0x7f {
				continue
			}
			if c == '<' {
				// an HTML tag or comment shows as nothing: <b></b>, <!---->
				if end := bytes.IndexByte(b[i:min(len(b), i+maxTag)], '>'); end >= 0 && bytes.IndexByte(b[i:i+end], '<') < 0 {
					i += end + 1
					continue
				}
			}
			out = append(out, lowerASCII(c))
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		i += n
		switch {
		case r == utf8.RuneError || unicode.IsSpace(r) || unicode.IsControl(r) ||
			unicode.In(r, unicode.Cf, unicode.Mn, unicode.Me, unicode.Other_Default_Ignorable_Code_Point, unicode.Variation_Selector) ||
			r == 0x2800 || r == 0xfffc:
			continue
		case r >= 0xff01 && r <= 0xff5e:
			out = append(out, lowerASCII(byte(r-0xff01+'!')))
			continue
		}
		out = utf8.AppendRune(out, r)
	}
	return out
}

// decodeEscapes decodes %XX, quoted-printable =XX, &#xHH;, &#DD; (with
// or without the semicolon, as browsers read them), the common named
// entities, \uXXXX, \xHH, octal \ooo and \c escapes of b (lower-cased
// already).
func decodeEscapes(b []byte) ([]byte, bool) {
	out := make([]byte, 0, len(b))
	changed := false
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case (c == '%' || c == '=') && i+2 < len(b) && isHex(b[i+1]) && isHex(b[i+2]):
			out = append(out, unhex(b[i+1])<<4|unhex(b[i+2]))
			i += 2
			changed = true
			continue
		case c == '&':
			if r, n := entity(b[i:]); n > 0 {
				out = utf8.AppendRune(out, r)
				i += n - 1
				changed = true
				continue
			}
		case c == '\\' && i+1 < len(b):
			if r, n := backslash(b[i:]); n > 0 {
				out = utf8.AppendRune(out, r)
				i += n - 1
				changed = true
				continue
			}
		}
		out = append(out, c)
	}
	return out, changed
}

// entity decodes the HTML entity b starts with; n is 0 if there is none.
func entity(b []byte) (r rune, n int) {
	end := bytes.IndexByte(b[:min(len(b), 12)], ';')
	if end < 0 {
		return numericEntity(b)
	}
	name := string(b[1:end])
	switch {
	case strings.HasPrefix(name, "#x"):
		v, err := strconv.ParseUint(name[2:], 16, 21)
		if err != nil {
			return 0, 0
		}
		return rune(v), end + 1
	case strings.HasPrefix(name, "#"):
		v, err := strconv.ParseUint(name[1:], 10, 21)
		if err != nil {
			return 0, 0
		}
		return rune(v), end + 1
	}
	if u := html.UnescapeString("&" + name + ";"); u != "&"+name+";" {
		r, _ := utf8.DecodeRuneInString(u)
		return r, end + 1
	}
	return 0, 0
}

// numericEntity decodes a numeric entity without its semicolon ("&#115",
// "&#x73"), as browsers read it: its digits up to the first other byte.
func numericEntity(b []byte) (r rune, n int) {
	if len(b) < 3 || b[1] != '#' {
		return 0, 0
	}
	start, base := 2, 10
	if b[2] == 'x' {
		start, base = 3, 16
	}
	end := start
	for end < len(b) && end-start < 7 && (base == 16 && isHex(b[end]) || b[end] >= '0' && b[end] <= '9') {
		end++
	}
	if end == start {
		return 0, 0
	}
	v, err := strconv.ParseUint(string(b[start:end]), base, 21)
	if err != nil {
		return 0, 0
	}
	return rune(v), end
}

// backslash decodes the JSON or Go escape b starts with; n is 0 if there
// is none.
func backslash(b []byte) (r rune, n int) {
	switch c := b[1]; {
	case c == 'u' && len(b) >= 6:
		if v, err := strconv.ParseUint(string(b[2:6]), 16, 32); err == nil {
			return rune(v), 6
		}
	case c == 'x' && len(b) >= 4 && isHex(b[2]) && isHex(b[3]):
		return rune(unhex(b[2])<<4 | unhex(b[3])), 4
	case len(b) >= 4 && isOctal(b[1]) && isOctal(b[2]) && isOctal(b[3]) && b[1] <= '3':
		return rune((b[1]-'0')<<6 | (b[2]-'0')<<3 | (b[3] - '0')), 4
	case c == '/' || c == '\\' || c == '"' || c == '\'':
		return rune(c), 2
	}
	return 0, 0
}

func isOctal(c byte) bool { return c >= '0' && c <= '7' }

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

func unhex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// load64 reads 8 bytes of b at i as a little-endian number.
func load64[T string | []byte](b T, i int) uint64 {
	_ = b[i+7]
	return uint64(b[i]) | uint64(b[i+1])<<8 | uint64(b[i+2])<<16 | uint64(b[i+3])<<24 |
		uint64(b[i+4])<<32 | uint64(b[i+5])<<40 | uint64(b[i+6])<<48 | uint64(b[i+7])<<56
}

// spans returns the merged byte ranges of b that hold secrets.
func spans[T string | []byte](set *scrubSet, b T) [][2]int {
	var out [][2]int
	mark := func(from, to int) {
		if n := len(out); n > 0 && from <= out[n-1][1] {
			out[n-1][1] = max(out[n-1][1], to)
			return
		}
		out = append(out, [2]int{from, to})
	}
	for i := 0; i+scrubGram <= len(b); i++ {
		if set.plain.has(load64(b, i)) {
			mark(i, i+scrubGram)
		}
	}
	if len(set.short) == 0 {
		return out
	}
	s := string(b) // short secrets only: rare, and error texts are small
	for _, f := range set.short {
		for off := 0; ; {
			i := strings.Index(s[off:], f)
			if i < 0 {
				break
			}
			out = append(out, [2]int{off + i, off + i + len(f)})
			off += i + len(f)
		}
	}
	slices.SortFunc(out, func(a, b [2]int) int { return a[0] - b[0] })
	merged := out[:0]
	for _, r := range out {
		if n := len(merged); n > 0 && r[0] <= merged[n-1][1] {
			merged[n-1][1] = max(merged[n-1][1], r[1])
			continue
		}
		merged = append(merged, r)
	}
	return merged
}

// replace writes b with each span replaced by the mark.
func replace[T string | []byte](b T, sp [][2]int) []byte {
	out := make([]byte, 0, len(b))
	last := 0
	for _, r := range sp {
		out = append(out, b[last:r[0]]...)
		out = append(out, redactedMark...)
		last = r[1]
	}
	return append(out, b[last:]...)
}

// scrub returns b without the secrets, and whether it changed: the runs of
// their forms replaced by the mark, then the whole of it replaced by
// redactedText if its normalised view still shows a run of one.
func (set *scrubSet) scrub(b []byte) ([]byte, bool) {
	changed := false
	if sp := spans(set, b); len(sp) > 0 {
		b, changed = replace(b, sp), true
	}
	if set.readable(b) {
		return []byte(redactedText), true
	}
	return b, changed
}

// readable reports whether the normalised view of b shows a run of a
// secret.
func (set *scrubSet) readable(b []byte) bool {
	if len(set.norm.grams) == 0 {
		return false
	}
	return set.norm.any(normalise(b))
}

// String returns text without the secrets, as valid UTF-8.
func (s *scrubber) String(text string) string {
	text = strings.ToValidUTF8(text, "\uFFFD")
	if s == nil {
		return text
	}
	set := s.set.Load()
	if set == nil {
		return text
	}
	if b, changed := set.scrub([]byte(text)); changed {
		return string(b)
	}
	return text
}

// Bytes returns b without the secrets: b itself when it holds none. It
// keeps b's bytes otherwise, valid UTF-8 or not: Bytes is for raw answers.
func (s *scrubber) Bytes(b []byte) []byte {
	if s == nil {
		return b
	}
	set := s.set.Load()
	if set == nil {
		return b
	}
	out, _ := set.scrub(b)
	return out
}

// dirty reports whether String would change text.
func (s *scrubber) dirty(text string) bool { return s.String(text) != text }

// err returns err without the secrets. The package's own errors are
// scrubbed in place (their text fields, APIError.Body, a *url.Error's
// URL) and keep their types; any other error whose text holds a secret is
// replaced by one with the scrubbed text, which unwraps to the scrubbed
// forms of what the original wrapped and matches errors.Is as the
// original does. Fields are written only when they change, so scrubbing
// an error twice, or from two goroutines, does not race.
func (s *scrubber) err(err error) error { return s.clean(err, 0) }

func (s *scrubber) clean(err error, depth int) error {
	if err == nil || s == nil || s.set.Load() == nil {
		return err
	}
	if depth > 32 {
		return newRedactedError(s.String(err.Error()), nil, err)
	}
	setS := func(p *string) {
		if v := s.String(*p); v != *p {
			*p = v
		}
	}
	setE := func(p *error) {
		if v := s.clean(*p, depth+1); v != *p {
			*p = v
		}
	}
	switch e := err.(type) {
	case *APIError:
		setS(&e.Code)
		setS(&e.Description)
		setS(&e.Method)
		setS(&e.RequestID)
		if b, changed := s.set.Load().scrub(e.Body); changed {
			e.Body = b
		}
		// a secret split between the code and the description (the
		// code alone, scrubbed, holds less than a run of it)
		if e.Description != redactedText && s.set.Load().readable([]byte(e.Code+" "+e.Description)) {
			e.Description = redactedText
		}
		return e
	case *TransportError:
		setS(&e.Method)
		setE(&e.Err)
		return e
	case *RefreshError:
		setS(&e.Method)
		setE(&e.Err)
		setE(&e.Cause)
		return e
	case *BatchError:
		for k, v := range e.Failed {
			if c := s.clean(v, depth+1); c != v {
				e.Failed[k] = c
			}
		}
		return e
	case *StallError:
		setS(&e.Method)
		return e
	case *url.Error:
		setS(&e.URL)
		setE(&e.Err)
		return e
	case *redactedError:
		setS(&e.text)
		return e
	}
	var inner []error
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		if x := u.Unwrap(); x != nil {
			inner = []error{x}
		}
	case interface{ Unwrap() []error }:
		inner = u.Unwrap()
	}
	text := err.Error()
	if !s.dirty(text) {
		// the text is clean; still scrub the package's errors it wraps
		for _, x := range inner {
			s.clean(x, depth+1)
		}
		return err
	}
	cleaned := make([]error, 0, len(inner))
	for _, x := range inner {
		if x != nil {
			cleaned = append(cleaned, s.clean(x, depth+1))
		}
	}
	return newRedactedError(s.String(text), cleaned, err)
}

// redactedError stands for an error whose text held a secret: it has the
// scrubbed text and unwraps to the scrubbed forms of the errors the
// original wrapped, so that errors.As still finds an *APIError or a
// *url.Error in it; errors.Is consults the original.
//
// The original error is reachable only through a function, never as a
// value: fmt prints unexported fields with %#v, and the original's fields
// hold the secret.
type redactedError struct {
	text  string
	inner []error
	is    func(target error) bool
}

func newRedactedError(text string, inner []error, orig error) *redactedError {
	return &redactedError{text: text, inner: inner, is: func(target error) bool { return errors.Is(orig, target) }}
}

func (e *redactedError) Error() string   { return e.text }
func (e *redactedError) Unwrap() []error { return e.inner }

// Is reports whether the original error matches target, so that
// errors.Is(err, context.DeadlineExceeded) holds as before the scrubbing.
func (e *redactedError) Is(target error) bool { return e.is(target) }

// Format prints the scrubbed text under every verb.
func (e *redactedError) Format(f fmt.State, verb rune) {
	if verb == 'q' {
		_, _ = fmt.Fprintf(f, "%q", e.text)
		return
	}
	_, _ = io.WriteString(f, e.text)
}

// GoString implements fmt.GoStringer with the scrubbed text.
func (e *redactedError) GoString() string { return "b24.redactedError(" + strconv.Quote(e.text) + ")" }

type scrubberKey struct{}

// withScrubber hands a client's scrubber to its RefreshFunc, so that one
// made by RefreshWith adds the client secret to what the client scrubs.
func withScrubber(ctx context.Context, s *scrubber) context.Context {
	return context.WithValue(ctx, scrubberKey{}, s)
}

func scrubberFrom(ctx context.Context) *scrubber {
	s, _ := ctx.Value(scrubberKey{}).(*scrubber)
	return s
}
