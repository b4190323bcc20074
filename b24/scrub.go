package b24

import (
	"context"
	"encoding/json"
	"errors"
	"html"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// redactedMark replaces a secret in text the client surfaces.
const redactedMark = "[REDACTED]"

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
type scrubber struct {
	mu       sync.Mutex // serialises add
	pinned   []string   // secrets that never change: webhook token, client secret
	rotating []string   // OAuth tokens, oldest first
	set      atomic.Pointer[scrubSet]
}

// scrubSet is an immutable index of the forms of the secrets.
type scrubSet struct {
	grams map[uint64]struct{} // every scrubGram-byte run of every form
	bloom []uint64            // a bit per hash of a gram, to skip the map
	short []string            // forms shorter than scrubGram, matched whole
}

const bloomBits = 1 << 16

func gramHash(g uint64) uint64 { return (g * 0x9E3779B97F4A7C15) >> (64 - 16) }

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
	set := &scrubSet{grams: map[uint64]struct{}{}, bloom: make([]uint64, bloomBits/64)}
	for _, v := range append(slices.Clone(s.pinned), s.rotating...) {
		for _, f := range secretForms(v) {
			if len(f) < scrubGram {
				if !slices.Contains(set.short, f) {
					set.short = append(set.short, f)
				}
				continue
			}
			for i := 0; i+scrubGram <= len(f); i++ {
				g := load64(f, i)
				set.grams[g] = struct{}{}
				h := gramHash(g)
				set.bloom[h/64] |= 1 << (h % 64)
			}
		}
	}
	// longer short forms first, so that a form is not cut by one it contains
	slices.SortFunc(set.short, func(a, b string) int { return len(b) - len(a) })
	s.set.Store(set)
}

// secretForms returns the forms in which a secret may come back: as it is,
// percent-encoded (upper- or lower-case hex, + or %20 for a space), and
// each of those JSON-escaped as Go, PHP (\/) or a strict encoder (\u00xx)
// writes it, HTML-escaped or Go-quoted.
func secretForms(v string) []string {
	q := url.QueryEscape(v)
	base := []string{v, q, url.PathEscape(v), strings.ReplaceAll(q, "+", "%20")}
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
	slices.Sort(out)
	return slices.Compact(out)
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
		g := load64(b, i)
		h := gramHash(g)
		if set.bloom[h/64]&(1<<(h%64)) == 0 {
			continue
		}
		if _, ok := set.grams[g]; ok {
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

// String returns text without the secrets.
func (s *scrubber) String(text string) string {
	if s == nil {
		return text
	}
	set := s.set.Load()
	if set == nil {
		return text
	}
	sp := spans(set, text)
	if len(sp) == 0 {
		return text
	}
	return string(replace(text, sp))
}

// Bytes returns b without the secrets: b itself when it holds none.
func (s *scrubber) Bytes(b []byte) []byte {
	if s == nil {
		return b
	}
	set := s.set.Load()
	if set == nil {
		return b
	}
	sp := spans(set, b)
	if len(sp) == 0 {
		return b
	}
	return replace(b, sp)
}

func (s *scrubber) dirty(text string) bool {
	if s == nil {
		return false
	}
	set := s.set.Load()
	return set != nil && len(spans(set, text)) > 0
}

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
		return &redactedError{text: s.String(err.Error()), orig: err}
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
		if sp := spans(s.set.Load(), e.Body); len(sp) > 0 {
			e.Body = replace(e.Body, sp)
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
	return &redactedError{text: s.String(text), inner: cleaned, orig: err}
}

// redactedError stands for an error whose text held a secret: it has the
// scrubbed text and unwraps to the scrubbed forms of the errors the
// original wrapped, so that errors.As still finds an *APIError or a
// *url.Error in it; errors.Is consults the original.
type redactedError struct {
	text  string
	inner []error
	orig  error
}

func (e *redactedError) Error() string   { return e.text }
func (e *redactedError) Unwrap() []error { return e.inner }

// Is reports whether the original error matches target, so that
// errors.Is(err, context.DeadlineExceeded) holds as before the scrubbing.
func (e *redactedError) Is(target error) bool { return errors.Is(e.orig, target) }

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
