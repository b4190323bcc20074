package b24

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/b24gen/b24gen/b24/internal/jsonscan"
	"github.com/b24gen/b24gen/b24/protocol"
)

// String is a text field of an answer. Portals send numbers and booleans
// where the documentation says string; String keeps their text.
type String string

// UnmarshalJSON implements json.Unmarshaler.
func (v *String) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		if len(b) >= 2 && b[len(b)-1] == '"' && bytes.IndexByte(b[1:len(b)-1], '\\') < 0 && utf8.Valid(b) {
			*v = String(b[1 : len(b)-1])
			return nil
		}
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*v = String(s)
		return nil
	}
	switch {
	case string(b) == "null" || isEmptyJSON(b):
		*v = ""
	case string(b) == "true" || string(b) == "false":
		*v = String(b)
	case len(b) > 0 && (b[0] == '-' || (b[0] >= '0' && b[0] <= '9')):
		*v = String(b)
	default:
		return fmt.Errorf("b24: text expected, got %s", clip(b))
	}
	return nil
}

// List is a list in an answer. Portals send PHP arrays: a list, an object
// keyed by integers (an array keyed by ID, filtered, or sorted with its
// keys), an empty object or string for none, and sometimes a single value
// where the docs say a list of them. List reads them all.
type List[T any] []T

// UnmarshalJSON implements json.Unmarshaler.
func (l *List[T]) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || string(b) == "null" || string(b) == `"undefined"` || isEmptyJSON(b):
		*l = nil
		return nil
	case b[0] == '[':
		var items []T
		if err := json.Unmarshal(b, &items); err != nil {
			return locateElement[T](b, err)
		}
		*l = items
		return nil
	case b[0] == '{':
		if items, ok, err := phpArray[T](b); ok {
			if err != nil {
				return err
			}
			*l = items
			return nil
		}
	}
	var one T
	if err := json.Unmarshal(b, &one); err != nil {
		return err
	}
	*l = List[T]{one}
	return nil
}

// Map is an object of an answer keyed by IDs or codes, each value a T
// ({"1": [events of user 1], "34": […]}). Portals send PHP arrays: an
// object, [] or false for none, and a list where the keys are 0…n-1,
// which Map reads so keyed.
type Map[T any] map[string]T

// UnmarshalJSON implements json.Unmarshaler.
func (m *Map[T]) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || string(b) == "null" || string(b) == `"undefined"` || isEmptyJSON(b):
		*m = nil
		return nil
	case b[0] == '[':
		var items List[T]
		if err := items.UnmarshalJSON(b); err != nil {
			return err
		}
		out := make(Map[T], len(items))
		for i, v := range items {
			out[strconv.Itoa(i)] = v
		}
		*m = out
		return nil
	case b[0] != '{':
		return fmt.Errorf("b24: object keyed by IDs expected, got %s", clip(b))
	}
	var out map[string]T
	if err := json.Unmarshal(b, &out); err != nil {
		return locateMember(b, err, func(raw []byte) error {
			var v T
			return json.Unmarshal(raw, &v)
		})
	}
	*m = out
	return nil
}

// locateMember returns err, the error of decoding the object b, with the
// key of the first member whose value decode refuses; err as it is when
// none is found.
func locateMember(b []byte, err error, decode func([]byte) error) error {
	if !json.Valid(b) {
		return err
	}
	found := err
	jsonscan.Members(b, func(key, value []byte, escaped bool) bool {
		if e := decode(value); e != nil {
			name, _ := memberName(key, escaped)
			found = atPath("["+strconv.Quote(string(name))+"]", e)
			return false
		}
		return true
	})
	return found
}

// phpArray reads an object whose keys are all integers as PHP writes them
// ("0", "37", "-1": the keys of a PHP array that is not a list) as that
// array: its values, in the order sent, which is the array's. ok is false
// for any other object, whose reading is the caller's.
func phpArray[T any](b []byte) (items []T, ok bool, err error) {
	n := 0
	ok = true
	jsonscan.Members(b, func(key, _ []byte, escaped bool) bool {
		name, _ := memberName(key, escaped)
		ok = protocol.IsArrayKey(string(name))
		n++
		return ok
	})
	if !ok || n == 0 {
		return nil, false, nil
	}
	items = make([]T, 0, n)
	jsonscan.Members(b, func(key, value []byte, escaped bool) bool {
		var v T
		if err = json.Unmarshal(value, &v); err != nil {
			name, _ := memberName(key, escaped)
			err = atPath("["+string(name)+"]", err)
			return false
		}
		items = append(items, v)
		return true
	})
	return items, true, err
}

// locateElement returns err, the error of decoding the list b, with the
// index of the first element that does not decode; err as it is when none
// is found (a syntax error).
func locateElement[T any](b []byte, err error) error {
	var raws []json.RawMessage
	if json.Unmarshal(b, &raws) != nil {
		return err
	}
	for i, raw := range raws {
		var v T
		if e := json.Unmarshal(raw, &v); e != nil {
			return atPath("["+strconv.Itoa(i)+"]", e)
		}
	}
	return err
}

// pathError is a value of an answer that does not read, with where it is
// in the answer: ".TITLE", "[3]", "[3].PHONE[0].VALUE".
type pathError struct {
	path string
	err  error
}

func (e *pathError) Error() string { return strings.TrimPrefix(e.path, ".") + ": " + e.err.Error() }
func (e *pathError) Unwrap() error { return e.err }

// atPath returns err located at seg ("[3]", ".TITLE"), in front of where
// err already says it is.
func atPath(seg string, err error) error {
	if pe, ok := err.(*pathError); ok {
		return &pathError{path: seg + pe.path, err: pe.err}
	}
	return &pathError{path: seg, err: err}
}

// isEmptyJSON recognises the ways PHP sends "nothing" where an object or a
// list is expected: [], {}, "", false.
func isEmptyJSON(b []byte) bool {
	switch string(b) {
	case "[]", "{}", `""`, "false":
		return true
	}
	if len(b) >= 2 && (b[0] == '[' || b[0] == '{') && len(bytes.TrimSpace(b[1:len(b)-1])) == 0 {
		return true
	}
	return false
}

// Keys is the set of JSON keys a generated object type knows, compared
// without regard to case as encoding/json matches them, each with its
// documented spelling.
type Keys map[string]string

// NewKeys returns the set of keys.
func NewKeys(keys ...string) Keys {
	k := make(Keys, len(keys))
	for _, s := range keys {
		k[strings.ToLower(s)] = s
	}
	return k
}

// lookup returns the documented spelling of key when it is known, folding
// ASCII case on the stack so that the common lookup does not allocate.
func (k Keys) lookup(key []byte) (string, bool) {
	if s, ok := k[string(key)]; ok {
		return s, true
	}
	var buf [64]byte
	if len(key) > len(buf) {
		s, ok := k[strings.ToLower(string(key))]
		return s, ok
	}
	for i, c := range key {
		if c >= utf8.RuneSelf {
			s, ok := k[strings.ToLower(string(key))]
			return s, ok
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	s, ok := k[string(buf[:len(key)])]
	return s, ok
}

// Extra holds the members of an object that its documentation does not
// list: user fields (UF_*), members named by a pattern (PARENT_ID_*), and
// members added after the docs were read. Every generated object type has
// one. Decoding keeps them as the portal sent them, and encoding sends
// them back after the documented members, in key order, so nothing a
// portal sends is lost on the way through a generated type.
type Extra map[string]json.RawMessage

// UnmarshalObject decodes a generated object type: an empty value ([], "",
// false, and "undefined", which task events send for an object they do not
// have) reads as the zero object, the documented fields go to dst (a
// pointer to a type without this method), and fields the documentation
// does not list go to *extra, so that nothing the portal sends is lost. A
// key that differs from a documented one by case only is read into its
// field, as encoding/json does, unless the object also has the documented
// spelling (or another spelling after it): that one is read, and the
// others are kept in *extra.
func UnmarshalObject(b []byte, dst any, extra *Extra, known Keys) error {
	b = bytes.TrimSpace(b)
	if string(b) == "null" || string(b) == `"undefined"` || isEmptyJSON(b) {
		*extra = nil
		return nil
	}
	if len(b) == 0 || b[0] != '{' {
		return fmt.Errorf("b24: object expected, got %s", clip(b))
	}
	if err := json.Unmarshal(b, dst); err != nil {
		return locateField(b, err, dst)
	}
	*extra = nil
	respelled := false // a documented key spelled otherwise
	var err error
	jsonscan.Members(b, func(key, value []byte, escaped bool) bool {
		name, ok := memberName(key, escaped)
		if !ok {
			err = fmt.Errorf("b24: bad key %s", clip(key))
			return false
		}
		if spelling, known := known.lookup(name); known {
			respelled = respelled || string(name) != spelling
			return true
		}
		if *extra == nil {
			*extra = Extra{}
		}
		// the decoder may reuse b once we return
		(*extra)[string(name)] = bytes.Clone(value)
		return true
	})
	if err != nil {
		return err
	}
	if respelled {
		// read again with one member for each such key: the field it
		// names takes that member's value
		return json.Unmarshal(keepOneSpelling(b, extra, known), dst)
	}
	return nil
}

// locateField returns err, the error of decoding the object b into dst,
// with the member that does not decode: each member is decoded alone into
// a new value of dst's type.
func locateField(b []byte, err error, dst any) error {
	t := reflect.TypeOf(dst)
	if t.Kind() != reflect.Pointer || !json.Valid(b) {
		return err
	}
	found := err
	jsonscan.Members(b, func(key, value []byte, escaped bool) bool {
		one := make([]byte, 0, len(key)+len(value)+3)
		one = append(append(append(append(append(one, '{'), key...), ':'), value...), '}')
		if e := json.Unmarshal(one, reflect.New(t.Elem()).Interface()); e != nil {
			name, _ := memberName(key, escaped)
			found = atPath("."+string(name), e)
			return false
		}
		return true
	})
	return found
}

// memberName returns the name a member's key (quoted, as written) spells.
func memberName(key []byte, escaped bool) ([]byte, bool) {
	if !escaped {
		return key[1 : len(key)-1], true
	}
	var s string
	if json.Unmarshal(key, &s) != nil {
		return nil, false
	}
	return []byte(s), true
}

// keepOneSpelling returns the object b with one member of each documented
// key that it spells several ways: the documented spelling where b has
// it, else the last, as encoding/json would read. The others go to
// *extra. b is valid JSON.
func keepOneSpelling(b []byte, extra *Extra, known Keys) []byte {
	type spelt struct {
		name, spelling string // spelling is "" for a key not documented
		key, value     []byte
	}
	var members []spelt
	chosen := map[string]int{} // documented spelling → member read
	jsonscan.Members(b, func(key, value []byte, escaped bool) bool {
		name, _ := memberName(key, escaped)
		spelling, _ := known.lookup(name)
		members = append(members, spelt{string(name), spelling, key, value})
		if spelling != "" {
			if i, seen := chosen[spelling]; !seen || members[i].name != spelling {
				chosen[spelling] = len(members) - 1
			}
		}
		return true
	})
	out := bytes.NewBuffer(make([]byte, 0, len(b)))
	out.WriteByte('{')
	for i, m := range members {
		if m.spelling != "" && chosen[m.spelling] != i {
			if *extra == nil {
				*extra = Extra{}
			}
			(*extra)[m.name] = bytes.Clone(m.value)
			continue
		}
		if out.Len() > 1 {
			out.WriteByte(',')
		}
		out.Write(m.key)
		out.WriteByte(':')
		out.Write(m.value)
	}
	out.WriteByte('}')
	return out.Bytes()
}

// MarshalObject encodes a generated object type: its fields, then the
// extra fields in key order (a documented field wins over an extra one of
// the same name).
func MarshalObject(v any, extra Extra) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil || len(extra) == 0 {
		return b, err
	}
	var present map[string]json.RawMessage
	if err := json.Unmarshal(b, &present); err != nil {
		return nil, err
	}
	keys := make([]string, 0, len(extra))
	for k := range extra {
		if _, dup := present[k]; !dup {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	out := bytes.NewBuffer(b[:len(b)-1])
	for _, k := range keys {
		if out.Len() > 1 {
			out.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		out.Write(kb)
		out.WriteByte(':')
		val := extra[k]
		if len(val) == 0 {
			val = json.RawMessage("null")
		}
		if !json.Valid(val) {
			return nil, fmt.Errorf("b24: extra field %q is not valid JSON", k)
		}
		out.Write(val)
	}
	out.WriteByte('}')
	return out.Bytes(), nil
}
