package b24

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// PHP's bracket syntax for nested parameters in query strings and form
// bodies (`fields[TITLE]=x&ids[]=1`) is how Bitrix24 reads form-encoded
// calls and the commands of a batch. The functions below translate between
// it and JSON values.

// Limits that keep hostile input from exhausting the decoder; they match
// PHP's defaults (max_input_nesting_level, max_input_vars) in spirit.
const (
	MaxQueryDepth = 64
	MaxQueryVars  = 10000
)

// ErrQueryTooDeep and ErrQueryTooLarge report input beyond the limits.
var (
	ErrQueryTooDeep  = errors.New("b24: query nested too deeply")
	ErrQueryTooLarge = errors.New("b24: query has too many parameters")
)

// EncodeQuery encodes a JSON object as a PHP bracket query string, keeping
// the order of its keys (some methods read their parameters in order).
// Booleans encode as 1 and 0, as PHP's http_build_query does; null, empty
// arrays and empty objects as an empty value, so that the key still
// reaches the method (omitting it would mean "leave unchanged").
func EncodeQuery(obj []byte) (string, error) {
	dec := json.NewDecoder(bytes.NewReader(obj))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return "", fmt.Errorf("b24: encode query: %w", err)
	}
	if tok == nil {
		return "", nil
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return "", fmt.Errorf("b24: encode query: parameters must be a JSON object")
	}
	var b strings.Builder
	if err := encodeMembers(dec, &b, "", true, 0); err != nil {
		return "", fmt.Errorf("b24: encode query: %w", err)
	}
	return b.String(), nil
}

// encodeMembers encodes the members of an object or array whose opening
// delimiter has been read, under prefix. Array members get their index as
// key, as in PHP.
func encodeMembers(dec *json.Decoder, b *strings.Builder, prefix string, object bool, depth int) error {
	if depth > MaxQueryDepth {
		return ErrQueryTooDeep
	}
	for index := 0; dec.More(); index++ {
		key := strconv.Itoa(index)
		if object {
			tok, err := dec.Token()
			if err != nil {
				return err
			}
			key, _ = tok.(string)
		}
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		name := url.QueryEscape(key)
		if prefix != "" {
			name = prefix + "%5B" + name + "%5D"
		}
		if err := encodeValue(dec, b, name, tok, depth); err != nil {
			return err
		}
	}
	_, err := dec.Token() // the closing delimiter
	return err
}

func encodeValue(dec *json.Decoder, b *strings.Builder, name string, tok json.Token, depth int) error {
	switch v := tok.(type) {
	case json.Delim:
		mark := b.Len()
		if err := encodeMembers(dec, b, name, v == '{', depth+1); err != nil {
			return err
		}
		if b.Len() == mark {
			writePair(b, name, "")
		}
	case string:
		writePair(b, name, v)
	case json.Number:
		writePair(b, name, v.String())
	case bool:
		if v {
			writePair(b, name, "1")
		} else {
			writePair(b, name, "0")
		}
	case nil:
		writePair(b, name, "")
	}
	return nil
}

func writePair(b *strings.Builder, name, value string) {
	if b.Len() > 0 {
		b.WriteByte('&')
	}
	b.WriteString(name)
	b.WriteByte('=')
	b.WriteString(url.QueryEscape(value))
}

// DecodeQuery decodes a PHP bracket query string into a JSON-like value:
// map[string]any for objects, []any for PHP arrays whose keys are 0…n-1 in
// order, and strings for values.
func DecodeQuery(q string) (map[string]any, error) {
	if q == "" {
		return map[string]any{}, nil
	}
	if !strings.Contains(q, "[") && !strings.Contains(q, "%5B") && !strings.Contains(q, "%5b") {
		return decodeFlatQuery(q)
	}
	root := newOrdered()
	if strings.Count(q, "&") >= MaxQueryVars {
		return nil, ErrQueryTooLarge
	}
	for part := range strings.SplitSeq(q, "&") {
		if part == "" {
			continue
		}
		key, value, err := queryPair(part)
		if err != nil {
			return nil, err
		}
		if err := root.set(splitBracketKey(key), value, 0); err != nil {
			return nil, err
		}
	}
	v, _ := root.value().(map[string]any)
	if v == nil {
		// a top level that reads as a list ("0=a&1=b") is still an object
		v = root.asMap()
	}
	return v, nil
}

// decodeFlatQuery decodes a query without brackets ("id=4&halt=1", as most
// batch commands are): a plain map, the last value of a repeated key
// winning, as in PHP.
func decodeFlatQuery(q string) (map[string]any, error) {
	if strings.Count(q, "&") >= MaxQueryVars {
		return nil, ErrQueryTooLarge
	}
	out := make(map[string]any, strings.Count(q, "&")+1)
	for part := range strings.SplitSeq(q, "&") {
		if part == "" {
			continue
		}
		key, value, err := queryPair(part)
		if err != nil {
			return nil, err
		}
		out[key] = value
	}
	return out, nil
}

// queryPair unescapes one "key=value" of a query.
func queryPair(part string) (key, value string, err error) {
	rawKey, rawValue, _ := strings.Cut(part, "=")
	if key, err = url.QueryUnescape(rawKey); err != nil {
		return "", "", fmt.Errorf("b24: query key %q: %w", rawKey, err)
	}
	if value, err = url.QueryUnescape(rawValue); err != nil {
		return "", "", fmt.Errorf("b24: query value of %q: %w", key, err)
	}
	return key, value, nil
}

// DecodeValues decodes already-split form values (url.Values keeps the
// order of repeated keys only), for multipart forms.
func DecodeValues(keys []string, values []string) (map[string]any, error) {
	if len(keys) > MaxQueryVars {
		return nil, ErrQueryTooLarge
	}
	root := newOrdered()
	for i, k := range keys {
		if err := root.set(splitBracketKey(k), values[i], 0); err != nil {
			return nil, err
		}
	}
	return root.asMap(), nil
}

// splitBracketKey splits "a[b][]" into "a", "b", "". Text after an
// unbalanced bracket is part of the last name, as in PHP.
func splitBracketKey(k string) []string {
	i := strings.IndexByte(k, '[')
	if i <= 0 {
		return []string{k}
	}
	out := []string{k[:i]}
	rest := k[i:]
	for len(rest) > 0 && rest[0] == '[' {
		end := strings.IndexByte(rest, ']')
		if end < 0 {
			break
		}
		out = append(out, rest[1:end])
		rest = rest[end+1:]
	}
	return out
}

// ordered is a PHP array under construction: keys in insertion order and
// the next integer key for "[]".
type ordered struct {
	keys []string
	vals map[string]any
	next int
}

func newOrdered() *ordered { return &ordered{vals: map[string]any{}} }

func (o *ordered) set(path []string, value string, depth int) error {
	if depth > MaxQueryDepth {
		return ErrQueryTooDeep
	}
	key := path[0]
	if key == "" {
		key = strconv.Itoa(o.next)
	}
	if n, ok := arrayIndex(key); ok && n >= o.next {
		o.next = n + 1
	}
	if _, ok := o.vals[key]; !ok {
		o.keys = append(o.keys, key)
	}
	if len(path) == 1 {
		o.vals[key] = value
		return nil
	}
	child, ok := o.vals[key].(*ordered)
	if !ok {
		child = newOrdered()
		o.vals[key] = child
	}
	return child.set(path[1:], value, depth+1)
}

// arrayIndex reads a key that is an integer index as PHP writes one: digits
// without a leading zero.
func arrayIndex(key string) (int, bool) {
	if key == "" || len(key) > 9 || (key[0] == '0' && len(key) > 1) {
		return 0, false
	}
	n := 0
	for i := 0; i < len(key); i++ {
		c := key[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// value converts the array: a list when its keys are 0…n-1 in order.
func (o *ordered) value() any {
	list := len(o.keys) > 0
	for i, k := range o.keys {
		if n, ok := arrayIndex(k); !ok || n != i {
			list = false
			break
		}
	}
	if list {
		out := make([]any, len(o.keys))
		for i, k := range o.keys {
			out[i] = convert(o.vals[k])
		}
		return out
	}
	return o.asMap()
}

func (o *ordered) asMap() map[string]any {
	out := make(map[string]any, len(o.keys))
	for _, k := range o.keys {
		out[k] = convert(o.vals[k])
	}
	return out
}

func convert(v any) any {
	if o, ok := v.(*ordered); ok {
		return o.value()
	}
	return v
}
