package b24

import (
	"encoding/json"
	"errors"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

func TestEncodeQuery(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"id":4}`, "id=4"},
		{`{"fields":{"TITLE":"a b","OPENED":true,"CLOSED":false},"ids":[1,2]}`,
			"fields%5BTITLE%5D=a+b&fields%5BOPENED%5D=1&fields%5BCLOSED%5D=0&ids%5B0%5D=1&ids%5B1%5D=2"},
		{`{"filter":{">ID":10,"!STATUS":"N","%TITLE":"x&y","=TYPE":"z","<DATE":"2024-01-01"}}`,
			"filter%5B%3EID%5D=10&filter%5B%21STATUS%5D=N&filter%5B%25TITLE%5D=x%26y&filter%5B%3DTYPE%5D=z&filter%5B%3CDATE%5D=2024-01-01"},
		{`{"empty":[],"obj":{},"n":null,"z":"b"}`, "empty=&obj=&n=&z=b"},
		{`{"big":12345678901234567890}`, "big=12345678901234567890"},
		{`null`, ""},
	}
	for _, tt := range tests {
		got, err := EncodeQuery([]byte(tt.in))
		if err != nil {
			t.Fatalf("%s: %v", tt.in, err)
		}
		if got != tt.want {
			t.Errorf("EncodeQuery(%s)\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
	if _, err := EncodeQuery([]byte(`[1]`)); err == nil {
		t.Error("a top-level array must be refused")
	}
	// keys PHP's bracket syntax cannot carry: it would cut "d[e]" to
	// "d[e" and make "" the next index (a black-box attack sent both in a
	// batch's order)
	for _, in := range []string{`{"order":{"d[e]":"ASC"}}`, `{"order":{"":"ASC"}}`, `{"a]":1}`, `{"a[b":1}`, `{"":1}`, `{"f":{"x":{"]":1}}}`} {
		if q, err := EncodeQuery([]byte(in)); err == nil {
			t.Errorf("EncodeQuery(%s) = %s, want an error", in, q)
		}
	}
}

func TestDecodeQuery(t *testing.T) {
	got, err := DecodeQuery("fields%5BTITLE%5D=a+b&ids[]=1&ids[]=2&filter[>ID]=10&m[x]=1&m[]=2&plain=v")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"fields": map[string]any{"TITLE": "a b"},
		"ids":    []any{"1", "2"},
		"filter": map[string]any{">ID": "10"},
		"m":      map[string]any{"x": "1", "0": "2"},
		"plain":  "v",
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %#v\nwant %#v", got, want)
	}
}

func TestQueryRoundTrip(t *testing.T) {
	in := `{"fields":{"TITLE":"Сделка & co","TAGS":["a","b"],"SUB":{"K":"v"}},"id":"7"}`
	q, err := EncodeQuery([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	back, err := DecodeQuery(q)
	if err != nil {
		t.Fatal(err)
	}
	var want map[string]any
	_ = json.Unmarshal([]byte(in), &want)
	if !reflect.DeepEqual(back, want) {
		t.Fatalf("round trip: got %#v want %#v", back, want)
	}
}

func TestDecodeQueryLimits(t *testing.T) {
	deep := "a" + strings.Repeat("[x]", MaxQueryDepth+2) + "=1"
	if _, err := DecodeQuery(deep); !errors.Is(err, ErrQueryTooDeep) {
		t.Fatalf("deep: %v", err)
	}
	many := strings.Repeat("a[]=1&", MaxQueryVars+1)
	if _, err := DecodeQuery(many); !errors.Is(err, ErrQueryTooLarge) {
		t.Fatalf("many: %v", err)
	}
	if _, err := DecodeQuery("a=%zz"); err == nil {
		t.Fatal("bad escape must fail")
	}
	v, _ := url.ParseQuery("x=1")
	_ = v
}
