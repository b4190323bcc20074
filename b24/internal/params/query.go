package params

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// DecodeQuery decodes a PHP bracket query string ("fields[TITLE]=x&ids[]=1")
// into map[string]any for objects, []any for PHP arrays whose keys are
// 0…n-1 in order, and strings for values, taking what it builds from b.
func DecodeQuery(q string, b *Budget) (map[string]any, error) {
	if q == "" {
		return map[string]any{}, nil
	}
	if strings.Count(q, "&") >= MaxVars {
		return nil, ErrTooLarge
	}
	if !strings.Contains(q, "[") && !strings.Contains(q, "%5B") && !strings.Contains(q, "%5b") {
		return decodeFlat(q, b)
	}
	root := newOrdered()
	if err := eachPair(q, func(key, value string) error { return root.set(splitBracketKey(key), value, 0, b) }); err != nil {
		return nil, err
	}
	v, _ := root.value().(map[string]any)
	if v == nil {
		// a top level that reads as a list ("0=a&1=b") is still an object
		v = root.asMap()
	}
	return v, nil
}

// decodeFlat decodes a query without brackets ("id=4&halt=1", as most
// batch commands are): a plain map, the last value of a repeated key
// winning, as in PHP.
func decodeFlat(q string, b *Budget) (map[string]any, error) {
	n := strings.Count(q, "&") + 1
	if err := b.Spend(costMap + int64(n)*(2*costMember+costScalar)); err != nil {
		return nil, err
	}
	out := make(map[string]any, n)
	err := eachPair(q, func(key, value string) error {
		out[key] = value
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// eachPair calls f with each unescaped "key=value" of q, in order.
func eachPair(q string, f func(key, value string) error) error {
	for part := range strings.SplitSeq(q, "&") {
		if part == "" {
			continue
		}
		key, value, err := pair(part)
		if err != nil {
			return err
		}
		if err := f(key, value); err != nil {
			return err
		}
	}
	return nil
}

// ErrEscape is a key or value with a "%" not followed by two hex digits.
var ErrEscape = errors.New("b24: invalid %-escape")

// pair unescapes one "key=value" of a query.
func pair(part string) (key, value string, err error) {
	rawKey, rawValue, _ := strings.Cut(part, "=")
	if key, err = url.QueryUnescape(rawKey); err != nil {
		return "", "", fmt.Errorf("%w in the key %q", ErrEscape, clip(rawKey))
	}
	if value, err = url.QueryUnescape(rawValue); err != nil {
		return "", "", fmt.Errorf("%w in the value of %q", ErrEscape, clip(key))
	}
	return key, value, nil
}

// clip shortens what an error quotes of the input.
func clip(s string) string {
	if len(s) > 64 {
		return s[:64] + "…"
	}
	return s
}

// DecodeValues decodes already-split form values (a multipart form's, in
// the order they came), taking what it builds from b.
func DecodeValues(keys []string, values []string, b *Budget) (map[string]any, error) {
	if len(keys) > MaxVars {
		return nil, ErrTooLarge
	}
	root := newOrdered()
	for i, k := range keys {
		if err := root.set(splitBracketKey(k), values[i], 0, b); err != nil {
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

// set stores value under path. Each level it creates and each value it
// stores is paid for from b first.
func (o *ordered) set(path []string, value string, depth int, b *Budget) error {
	if depth > MaxDepth {
		return ErrTooDeep
	}
	key := path[0]
	if key == "" {
		key = strconv.Itoa(o.next)
	}
	if n, ok := arrayIndex(key); ok && n >= o.next {
		o.next = n + 1
	}
	if _, ok := o.vals[key]; !ok {
		if err := b.Spend(2*costMember + int64(len(key))); err != nil {
			return err
		}
		o.keys = append(o.keys, key)
	}
	if len(path) == 1 {
		if err := b.Spend(costScalar + int64(len(value))); err != nil {
			return err
		}
		o.vals[key] = value
		return nil
	}
	child, ok := o.vals[key].(*ordered)
	if !ok {
		if err := b.Spend(costNode); err != nil {
			return err
		}
		child = newOrdered()
		o.vals[key] = child
	}
	return child.set(path[1:], value, depth+1, b)
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
