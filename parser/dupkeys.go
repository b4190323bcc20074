package parser

// This file owns examples that give one object a key twice: every JSON
// reader a portal or client uses (PHP, JavaScript, Go) keeps the last
// value, so the model keeps the example as they read it, and lint says
// which key the page repeats.

import (
	"bytes"
	"encoding/json"
)

// duplicateKey returns the first key that occurs twice in one object of
// compact, valid JSON.
func duplicateKey(b []byte) (string, bool) {
	if bytes.Count(b, []byte(`":`)) < 2 {
		return "", false
	}
	type object struct {
		keys map[string]struct{}
	}
	var stack []*object // nil entries are arrays
	expectKey := false
	for i := 0; i < len(b); i++ {
		switch c := b[i]; c {
		case '{':
			stack = append(stack, &object{})
			expectKey = true
		case '[':
			stack = append(stack, nil)
			expectKey = false
		case '}', ']':
			stack = stack[:len(stack)-1]
		case ',':
			expectKey = len(stack) > 0 && stack[len(stack)-1] != nil
		case '"':
			end := stringEnd(b, i) - 1 // the closing quote
			if expectKey {
				key := keyText(b[i : end+1])
				top := stack[len(stack)-1]
				if top.keys == nil {
					top.keys = map[string]struct{}{}
				}
				if _, seen := top.keys[key]; seen {
					return key, true
				}
				top.keys[key] = struct{}{}
				expectKey = false
			}
			i = end
		}
	}
	return "", false
}

// keyText is the text of a quoted key, its escapes read.
func keyText(quoted []byte) string {
	if bytes.IndexByte(quoted, '\\') < 0 {
		return string(quoted[1 : len(quoted)-1])
	}
	var s string
	if json.Unmarshal(quoted, &s) != nil {
		return string(quoted)
	}
	return s
}

// lastValueWins re-encodes compact, valid JSON with each object's keys
// once, in the order of their first occurrence, each with its last value:
// what JSON.parse and PHP's json_decode make of it.
func lastValueWins(b []byte) ([]byte, error) {
	var out bytes.Buffer
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := rewriteValue(dec, &out); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

func rewriteValue(dec *json.Decoder, out *bytes.Buffer) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	switch tok {
	case json.Delim('{'):
		var keys []string
		values := map[string][]byte{}
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return err
			}
			key := kt.(string)
			var v bytes.Buffer
			if err := rewriteValue(dec, &v); err != nil {
				return err
			}
			if _, seen := values[key]; !seen {
				keys = append(keys, key)
			}
			values[key] = v.Bytes()
		}
		out.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				out.WriteByte(',')
			}
			kb, _ := json.Marshal(k)
			out.Write(kb)
			out.WriteByte(':')
			out.Write(values[k])
		}
		out.WriteByte('}')
		_, err = dec.Token()
		return err
	case json.Delim('['):
		out.WriteByte('[')
		for n := 0; dec.More(); n++ {
			if n > 0 {
				out.WriteByte(',')
			}
			if err := rewriteValue(dec, out); err != nil {
				return err
			}
		}
		out.WriteByte(']')
		_, err = dec.Token()
		return err
	}
	vb, err := json.Marshal(tok)
	if err != nil {
		return err
	}
	out.Write(vb)
	return nil
}
