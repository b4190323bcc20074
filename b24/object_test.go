package b24

import (
	"encoding/json"
	"reflect"
	"testing"
)

type deal struct {
	ID    Int         `json:"ID"`
	Title String      `json:"TITLE"`
	Phone List[phone] `json:"PHONE"`
	Extra Extra       `json:"-"`
}

type phone struct {
	Value String `json:"VALUE"`
}

var dealKeys = NewKeys("ID", "TITLE", "PHONE")

func (d deal) MarshalJSON() ([]byte, error) {
	type plain deal
	return MarshalObject(plain(d), d.Extra)
}

func (d *deal) UnmarshalJSON(b []byte) error {
	type plain deal
	return UnmarshalObject(b, (*plain)(d), &d.Extra, dealKeys)
}

func TestObjectsKeepUnknownFields(t *testing.T) {
	in := `{"ID":"7","title":12,"PHONE":{"0":{"VALUE":"1"},"1":{"VALUE":"2"}},"UF_CRM_1":"x","PARENT_ID_128":5,"we\"ird":{"a":[1,{"b":2}]}}`
	var d deal
	if err := json.Unmarshal([]byte(in), &d); err != nil {
		t.Fatal(err)
	}
	if d.ID != 7 || d.Title != "12" || len(d.Phone) != 2 || d.Phone[1].Value != "2" {
		t.Fatalf("%+v", d)
	}
	want := Extra{"UF_CRM_1": json.RawMessage(`"x"`), "PARENT_ID_128": json.RawMessage(`5`), `we"ird`: json.RawMessage(`{"a":[1,{"b":2}]}`)}
	if !reflect.DeepEqual(d.Extra, want) {
		t.Fatalf("extra %v", d.Extra)
	}
	out, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != `{"ID":7,"TITLE":"12","PHONE":[{"VALUE":"1"},{"VALUE":"2"}],"PARENT_ID_128":5,"UF_CRM_1":"x","we\"ird":{"a":[1,{"b":2}]}}` {
		t.Fatalf("%s", out)
	}
}

// TestExtraMembers feeds the member scanner what trips hand-written ones:
// braces, commas, colons and escaped quotes inside strings, escaped and
// non-ASCII keys, spaces everywhere, an unknown member last.
func TestExtraMembers(t *testing.T) {
	in := ` { "\u0049D" : "7" , "s{,}" : "a,\"}{:" , "Ключ":[ "]", {"x":"}"} ] ,"title":"T", "PHONE" : [] , "last" : { } } `
	var d deal
	if err := json.Unmarshal([]byte(in), &d); err != nil {
		t.Fatal(err)
	}
	want := Extra{
		"s{,}": json.RawMessage(`"a,\"}{:"`),
		"Ключ": json.RawMessage(`[ "]", {"x":"}"} ]`),
		"last": json.RawMessage(`{ }`),
	}
	if d.ID != 7 || d.Title != "T" || !reflect.DeepEqual(d.Extra, want) {
		t.Fatalf("%+v", d)
	}
	var s String
	for in, want := range map[string]String{`"a\"b"`: `a"b`, `"\u00e9"`: "é", `" x "`: " x ", "\"\xff\"": "\ufffd"} {
		if err := json.Unmarshal([]byte(in), &s); err != nil || s != want {
			t.Errorf("String %s: %q %v", in, s, err)
		}
	}
}

func TestEmptyValues(t *testing.T) {
	for _, in := range []string{`[]`, `""`, `false`, `null`, `{}`, `[ ]`, `"undefined"`} {
		var d deal
		d.ID = 5
		if err := json.Unmarshal([]byte(in), &d); err != nil {
			t.Errorf("%s: %v", in, err)
		}
		var l List[int]
		if err := json.Unmarshal([]byte(in), &l); err != nil || len(l) != 0 {
			t.Errorf("list %s: %v %v", in, l, err)
		}
	}
	var l List[int]
	if err := json.Unmarshal([]byte(`5`), &l); err != nil || len(l) != 1 || l[0] != 5 {
		t.Errorf("a single value: %v %v", l, err)
	}
	var d deal
	if err := json.Unmarshal([]byte(`"text"`), &d); err == nil {
		t.Error("a non-empty string is not an object")
	}
	var s String
	for in, want := range map[string]String{`"a"`: "a", `12.5`: "12.5", `true`: "true", `null`: "", `[]`: ""} {
		if err := json.Unmarshal([]byte(in), &s); err != nil || s != want {
			t.Errorf("String %s: %q %v", in, s, err)
		}
	}
	if err := json.Unmarshal([]byte(`{"a":1}`), &s); err == nil {
		t.Error("an object is not text")
	}
}

func BenchmarkUnmarshalObject(b *testing.B) {
	in := []byte(`{"ID":"7","TITLE":"Deal","PHONE":[{"VALUE":"1"}]}`)
	for b.Loop() {
		var d deal
		if err := json.Unmarshal(in, &d); err != nil {
			b.Fatal(err)
		}
	}
}
