// Package jsonscan walks the members of a JSON object without decoding it:
// the runtime's decoders and the server's batch reader need the keys and
// the raw values of one level, in order, without the allocations of
// encoding/json.
package jsonscan

import "bytes"

// Members calls yield with each member of the JSON object b: its key as
// written (quoted), its value (trimmed) and whether the key has escapes.
// yield returns false to stop. b must be valid JSON (checked beforehand);
// anything that is not an object yields nothing.
func Members(b []byte, yield func(key, value []byte, escaped bool) bool) {
	b = bytes.TrimSpace(b)
	if len(b) < 2 || b[0] != '{' {
		return
	}
	depth := 0
	var key []byte
	escaped := false
	valueStart := -1
	for i := 0; i < len(b); i++ {
		switch c := b[i]; c {
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 && key != nil && valueStart >= 0 {
				yield(key, bytes.TrimSpace(b[valueStart:i]), escaped)
				return
			}
		case ',':
			if depth == 1 {
				if key != nil && valueStart >= 0 && !yield(key, bytes.TrimSpace(b[valueStart:i]), escaped) {
					return
				}
				key, valueStart = nil, -1
			}
		case ':':
			if depth == 1 {
				valueStart = i + 1
			}
		case '"':
			start := i
			esc := false
			for i++; i < len(b) && b[i] != '"'; i++ {
				if b[i] == '\\' {
					esc = true
					i++
				}
			}
			if depth == 1 && key == nil {
				key, escaped = b[start:min(i+1, len(b))], esc
			}
		}
	}
}
