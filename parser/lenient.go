package parser

// This file owns the lenient reading of JSON examples written for
// people, and the recognition of placeholders in them.

import (
	"bytes"
	"encoding/json"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Examples in the docs are written for people: trailing commas, // and /*
// */ comments, "..." for "and so on", JavaScript-style unquoted keys and
// single quotes, and placeholders such as **put_access_token_here**.
// repairJSON reads such an example as the JSON it stands for.

// repairs says what repairJSON changed.
type repairs struct {
	// changed is set when anything was repaired.
	changed bool
	// placeholder is set when the example holds placeholders or shell
	// variables instead of values: it is a template.
	placeholder bool
}

// repairJSON returns b as valid JSON and what was repaired, or the error
// of the original when it cannot be repaired. Placeholders are reported,
// except the access token of the OAuth examples ("auth"), which every
// such example has.
func repairJSON(b []byte) ([]byte, repairs, error) {
	var r repairs
	if json.Valid(b) {
		r.placeholder = hasPlaceholderString(b)
		return b, r, nil
	}
	var orig error
	var probe any
	orig = json.Unmarshal(b, &probe)
	out := make([]byte, 0, len(b))
	lastSig := func() byte {
		for i := len(out) - 1; i >= 0; i-- {
			if c := out[i]; c != ' ' && c != '\t' && c != '\n' && c != '\r' {
				return c
			}
		}
		return 0
	}
	trimTrailingComma := func() {
		for i := len(out) - 1; i >= 0; i-- {
			c := out[i]
			if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
				continue
			}
			if c == ',' {
				out = append(out[:i], out[i+1:]...)
				r.changed = true
			}
			return
		}
	}
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == '"':
			end := stringEnd(b, i)
			out = append(out, b[i:end]...)
			i = end
		case c == '\'':
			// a single-quoted string
			j := i + 1
			var s []byte
			for j < len(b) && b[j] != '\'' {
				if b[j] == '\\' && j+1 < len(b) {
					s = append(s, b[j+1])
					j += 2
					continue
				}
				s = append(s, b[j])
				j++
			}
			q, _ := json.Marshal(string(s))
			out = append(out, q...)
			i = min(j+1, len(b))
			r.changed = true
		case c == '/' && i+1 < len(b) && b[i+1] == '/':
			for i < len(b) && b[i] != '\n' {
				i++
			}
			r.changed = true
		case c == '/' && i+1 < len(b) && b[i+1] == '*':
			end := bytes.Index(b[i+2:], []byte("*/"))
			if end < 0 {
				i = len(b)
			} else {
				i += end + 4
			}
			r.changed = true
		case bytes.HasPrefix(b[i:], []byte("...")):
			i += 3
			r.changed = true
		case bytes.HasPrefix(b[i:], []byte("…")):
			i += len("…")
			r.changed = true
		case c == '}' || c == ']':
			trimTrailingComma()
			out = append(out, c)
			i++
		case c == ',':
			if s := lastSig(); s == ',' || s == '{' || s == '[' || s == 0 {
				i++
				r.changed = true
				continue
			}
			out = append(out, c)
			i++
		case c == '*' && i+1 < len(b) && b[i+1] == '*':
			// a placeholder: **put_attach_id**
			end := bytes.Index(b[i+2:], []byte("**"))
			if end < 0 {
				return nil, r, orig
			}
			q, _ := json.Marshal(string(b[i : i+2+end+2]))
			out = append(out, q...)
			i += end + 4
			r.changed, r.placeholder = true, true
		case c == '$':
			// a shell variable or command: $ID, ${ID}, $(date)
			j := i + 1
			switch {
			case j < len(b) && b[j] == '(':
				depth := 0
				for ; j < len(b); j++ {
					if b[j] == '(' {
						depth++
					} else if b[j] == ')' {
						depth--
						if depth == 0 {
							j++
							break
						}
					}
				}
			case j < len(b) && b[j] == '{':
				if e := bytes.IndexByte(b[j:], '}'); e >= 0 {
					j += e + 1
				}
			default:
				for j < len(b) && (isWordByte(b[j])) {
					j++
				}
			}
			q, _ := json.Marshal(string(b[i:j]))
			out = append(out, q...)
			i = j
			r.changed, r.placeholder = true, true
		case isWordStart(b, i) && isKeyPosition(lastSig()):
			// an unquoted key: {id: 4}
			j := i
			for j < len(b) && isWordByte(b[j]) {
				j++
			}
			k := j
			for k < len(b) && (b[k] == ' ' || b[k] == '\t') {
				k++
			}
			if k < len(b) && b[k] == ':' {
				q, _ := json.Marshal(string(b[i:j]))
				out = append(out, q...)
				i = j
				r.changed = true
				continue
			}
			out = append(out, b[i:j]...)
			i = j
		default:
			out = append(out, c)
			i++
		}
	}
	if !json.Valid(out) {
		return nil, repairs{}, orig
	}
	r.placeholder = r.placeholder || hasPlaceholderString(out)
	return out, r, nil
}

// hasPlaceholderString reports whether a JSON document holds a string that
// stands for a value the reader fills in: "**put_id_here**",
// "your_invoice_id", "<ID>".
func hasPlaceholderString(b []byte) bool {
	if !mayHavePlaceholder(b) {
		return false
	}
	// b is valid JSON (the caller checked): its tokens are read in place,
	// as json.Decoder.Token would give them, without a value for each
	var r placeholderReader
	for i := 0; i < len(b); {
		switch b[i] {
		case ' ', '\t', '\n', '\r', ',', ':':
			i++
			continue
		case '{', '}', '[', ']':
			r.other()
			i++
			continue
		case '"':
		default: // a number or a literal
			r.other()
			for i < len(b) && !strings.ContainsRune(" \t\n\r,:]}", rune(b[i])) {
				i++
			}
			continue
		}
		end := stringEnd(b, i)
		s := unquote(b[i:end])
		i = end
		if decided, placeholder := r.str(s); decided {
			return placeholder
		}
	}
	return false
}

// placeholderReader decides, token by token, whether a document holds a
// placeholder string.
type placeholderReader struct {
	prev string // the string token before, "" after any other
}

// other reads a token that is not a string.
func (r *placeholderReader) other() { r.prev = "" }

// str reads a string token: decided is set when it settles whether the
// document holds a placeholder, and placeholder says which.
func (r *placeholderReader) str(s string) (decided, placeholder bool) {
	// the OAuth token of the OAuth examples is a placeholder by design
	afterAuth := r.prev == "auth"
	r.prev = s
	if afterAuth {
		return false, false
	}
	return placeholderString(s)
}

// placeholderString decides on one string of a document: decided is set
// when s settles whether the document holds a placeholder, and
// placeholder says which.
func placeholderString(s string) (decided, placeholder bool) {
	switch {
	case strings.HasPrefix(s, "**") && strings.HasSuffix(s, "**") && len(s) > 4:
		return true, true
	case placeholderWord(s):
		return true, !strings.Contains(s, " ")
	case strings.HasPrefix(s, "<") && strings.HasSuffix(s, ">") && !strings.Contains(s, " "):
		return true, true
	}
	return false, false
}

// unquote returns the value of the valid JSON string q.
func unquote(q []byte) string {
	if bytes.IndexByte(q, '\\') < 0 {
		return string(q[1 : len(q)-1])
	}
	var s string
	_ = json.Unmarshal(q, &s)
	return s
}

// mayHavePlaceholder is the cheap test before the strings of a document
// are decoded: it looks for the raw text a placeholder string starts with,
// as written without escapes.
func mayHavePlaceholder(b []byte) bool {
	for _, n := range placeholderNeedles {
		if bytes.Contains(b, n) {
			return true
		}
	}
	return false
}

// placeholderNeedles are what mayHavePlaceholder looks for: the stars of
// "**put_id**" and the bracket of "<ID>", and each of the lexicon's
// placeholderPrefixes after the opening quote of a string.
var placeholderNeedles = func() [][]byte {
	needles := [][]byte{[]byte("**"), []byte(`"<`)}
	for _, p := range lexicon.placeholderPrefixes {
		needles = append(needles, []byte(`"`+p))
	}
	return needles
}()

// placeholderWord reports whether s starts with one of the words that
// make a string a placeholder ("your_invoice_id").
func placeholderWord(s string) bool {
	for _, p := range lexicon.placeholderPrefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// stringEnd returns the index after the JSON string starting at i.
func stringEnd(b []byte, i int) int {
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(b)
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isWordStart(b []byte, i int) bool {
	r, _ := utf8.DecodeRune(b[i:])
	return r == '_' || (r < 128 && unicode.IsLetter(r))
}

// isKeyPosition reports whether a key may follow the last significant byte.
func isKeyPosition(last byte) bool { return last == '{' || last == ',' }
