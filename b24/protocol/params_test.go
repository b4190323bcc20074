package protocol

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestParam(t *testing.T) {
	obj := map[string]any{"Id": 1, "ID": 2, "\u212Aey": 3}
	if k, v, ok := Param(obj, "id"); !ok || k != "ID" || v != 2 {
		t.Errorf("id: %q %v %v; want the first spelling in byte order", k, v, ok)
	}
	// the Kelvin sign is not K: the portal folds ASCII letters only
	if _, _, ok := Param(obj, "key"); ok {
		t.Error("key found under a look-alike letter")
	}
}

func TestList(t *testing.T) {
	for _, c := range []struct {
		v    any
		want []any
		ok   bool
	}{
		{[]any{json.Number("1")}, []any{json.Number("1")}, true},
		{map[string]any{"0": "a", "1": "b"}, []any{"a", "b"}, true},
		{map[string]any{"1": "b"}, []any{"b"}, true},
		{map[string]any{"10": "c", "2": "b", "-1": "a", "-20": "z"}, []any{"z", "a", "b", "c"}, true},
		{map[string]any{"9223372036854775807": "big", "9": "small"}, []any{"small", "big"}, true},
		{map[string]any{"9223372036854775808": "string key", "9": "small"}, nil, false},
		{map[string]any{"0": "a", "07": "b"}, nil, false},
		{map[string]any{"0": "a", "ID": "b"}, nil, false},
		{"", []any{}, true},
		{false, []any{}, true},
		{nil, []any{}, true},
		{true, []any{true}, true},
		{"x", []any{"x"}, true},
	} {
		got, ok := List(c.v)
		if ok != c.ok || !reflect.DeepEqual(got, c.want) {
			t.Errorf("List(%#v) = %#v, %v; want %#v, %v", c.v, got, ok, c.want, c.ok)
		}
	}
}
