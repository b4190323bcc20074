package analysis

import (
	"bytes"
	"encoding/json"
	"strconv"

	"github.com/b24gen/b24gen/b24/protocol"
)

// The helpers below read the JSON values of a page's examples as the
// runtime's answer types read them (b24.List, b24.UnmarshalObject), for
// inferring types from the examples and checking types against them.

// member is one member of a JSON object, in the order the object has it.
type member struct {
	key   string
	value json.RawMessage
}

// objectMembers returns the members of a JSON object in their order; ok is
// false when raw is no object. Of a key given twice, the last value is
// kept at the first key's place, as JSON readers keep it.
func objectMembers(raw []byte) (members []member, ok bool) {
	t := bytes.TrimSpace(raw)
	if len(t) == 0 || t[0] != '{' {
		return nil, false
	}
	dec := json.NewDecoder(bytes.NewReader(t))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, false
	}
	at := map[string]int{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, false
		}
		key, isKey := tok.(string)
		if !isKey {
			return nil, false
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, false
		}
		if i, dup := at[key]; dup {
			members[i].value = v
			continue
		}
		at[key] = len(members)
		members = append(members, member{key: key, value: v})
	}
	return members, true
}

// isEmptyValue recognises the ways PHP sends "nothing" where an object or a
// list is expected, as the runtime's types do: [], {}, "", false, and the
// containers that hold only white space.
func isEmptyValue(t []byte) bool {
	switch string(t) {
	case "[]", "{}", `""`, "false":
		return true
	}
	return len(t) >= 2 && (t[0] == '[' && t[len(t)-1] == ']' || t[0] == '{' && t[len(t)-1] == '}') &&
		len(bytes.TrimSpace(t[1:len(t)-1])) == 0
}

// listKeys reports whether an object is a PHP array that is not a list,
// as b24.List reads one: its keys all integers as PHP writes them ("0",
// "37", "-1"; keyed by ID, filtered, sorted with its keys); it returns
// the values in the order sent, which is the array's.
func listKeys(members []member) ([]json.RawMessage, bool) {
	if len(members) == 0 {
		return nil, false
	}
	out := make([]json.RawMessage, len(members))
	for i, m := range members {
		if !protocol.IsArrayKey(m.key) {
			return nil, false
		}
		out[i] = m.value
	}
	return out, true
}

// rowsByKey reports whether an object is a PHP array whose keys say
// nothing its values do not, so that typing it as a list loses nothing:
// its keys are 0…n-1 in any order, or each value is an object that holds
// its key among its members' values ({"5":{"ID":"5",…}}, keyed by ID). It
// returns the values in the order sent. An object keyed by IDs whose
// values do not hold them ({"12":"Ivan"}) maps the IDs: it is no list.
func rowsByKey(members []member) ([]json.RawMessage, bool) {
	values, ok := listKeys(members)
	if !ok {
		return nil, false
	}
	seen := make([]bool, len(members))
	indexes := true
	for _, m := range members {
		i, err := strconv.Atoi(m.key)
		if err != nil || i < 0 || i >= len(members) || seen[i] {
			indexes = false
			break
		}
		seen[i] = true
	}
	if indexes {
		return values, true
	}
	for _, m := range members {
		if !holdsValue(m.value, m.key) {
			return nil, false
		}
	}
	return values, true
}

// rowsByCode reports whether an object holds rows keyed by their codes
// ({"ru":{"code":"ru",…},"by":{"code":"by",…}}, documentgenerator's
// regions): two members or more, not all keyed by integers, each value an
// object that holds its key among its members' values. The keys are not
// the object's own members, which a struct would take them for, but a
// map's. It returns the values in the order sent.
func rowsByCode(members []member) ([]json.RawMessage, bool) {
	if len(members) < 2 {
		return nil, false
	}
	if _, ints := listKeys(members); ints {
		return nil, false
	}
	values := make([]json.RawMessage, len(members))
	for i, m := range members {
		if !holdsValue(m.value, m.key) {
			return nil, false
		}
		values[i] = m.value
	}
	return values, true
}

// mapValues reports whether an object maps keys to values, as b24.Map
// reads it: keyed by integers (IDs), or rows keyed by their codes
// (rowsByCode). It returns the values in the order sent.
func mapValues(members []member) ([]json.RawMessage, bool) {
	if values, ok := listKeys(members); ok {
		return values, true
	}
	return rowsByCode(members)
}

// HoldsKey reports whether raw, a value of an object member keyed k, is a
// row that holds its own key (k among its members' values, "5" and 5
// alike): the sign of rows keyed by their ID or code, which the analysis
// types as a list or a map, not as members named by the keys.
func HoldsKey(raw json.RawMessage, k string) bool { return holdsValue(raw, k) }

// holdsValue reports whether raw is an object one of whose members is the
// scalar v, as the runtime reads scalars ("5" and 5 alike).
func holdsValue(raw json.RawMessage, v string) bool {
	members, ok := objectMembers(raw)
	if !ok {
		return false
	}
	for _, m := range members {
		if text, ok := scalarText(bytes.TrimSpace(m.value)); ok && text == v {
			return true
		}
	}
	return false
}

// listElems returns the elements of a value read as b24.List reads it: a
// list, an object keyed by integers, nothing for null or an empty value,
// and the value itself as the one element otherwise. ok is false for JSON
// that does not parse.
func listElems(raw []byte) (elems []json.RawMessage, ok bool) {
	t := bytes.TrimSpace(raw)
	switch {
	case len(t) == 0:
		return nil, false
	case string(t) == "null" || string(t) == `"undefined"` || isEmptyValue(t):
		return nil, true
	case t[0] == '[':
		var items []json.RawMessage
		if json.Unmarshal(t, &items) != nil {
			return nil, false
		}
		return items, true
	case t[0] == '{':
		members, isObj := objectMembers(t)
		if !isObj {
			return nil, false
		}
		if items, isList := listKeys(members); isList {
			return items, true
		}
	}
	return []json.RawMessage{t}, true
}

// scalarText returns the text of a JSON scalar as the runtime's number and
// boolean types read it (b24's scalar): a string's content trimmed, true as
// 1 and false as 0, null, [] and an empty list as "". ok is false for an
// object and a non-empty list.
func scalarText(t []byte) (string, bool) {
	if len(t) == 0 {
		return "", false
	}
	switch t[0] {
	case '"':
		var s string
		if json.Unmarshal(t, &s) != nil {
			return "", false
		}
		return string(bytes.TrimSpace([]byte(s))), true
	case '{':
		return "", false
	case '[':
		return "", isEmptyValue(t)
	case 'n':
		return "", string(t) == "null"
	case 't':
		return "1", string(t) == "true"
	case 'f':
		return "0", string(t) == "false"
	}
	return string(t), true
}
