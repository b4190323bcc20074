package b24

import (
	"encoding/json"
	"fmt"
	"testing"
)

func TestOrderJSON(t *testing.T) {
	for _, tc := range []struct{ in, out string }{
		{`{"STAGE_ID":"ASC","ID":"desc"}`, `{"STAGE_ID":"ASC","ID":"desc"}`},
		{`{"ID":"ASC","TITLE":"ASC","ID":"DESC"}`, `{"ID":"DESC","TITLE":"ASC"}`}, // PHP: first place, last value
		{`{"\u003eID":"ASC"}`, `{"\u003eID":"ASC"}`},
		{`[]`, `{}`}, {`""`, `{}`}, {`null`, `{}`}, {`{}`, `{}`},
	} {
		var o Order
		if err := json.Unmarshal([]byte(tc.in), &o); err != nil {
			t.Errorf("%s: %v", tc.in, err)
			continue
		}
		if o == nil {
			o = Order{}
		}
		if got, _ := json.Marshal(o); string(got) != tc.out {
			t.Errorf("%s: read back as %s, want %s", tc.in, got, tc.out)
		}
	}
	for _, in := range []string{`{"ID":1}`, `{"ID":{"a":"b"}}`, `{"ID":null}`, `["ID"]`, `5`, `"ID"`, `{"ID":"ASC"`} {
		var o Order
		if err := json.Unmarshal([]byte(in), &o); err == nil {
			t.Errorf("%s: read as %v", in, o)
		}
	}
}

func TestFilterJSON(t *testing.T) {
	var f Filter
	if err := json.Unmarshal([]byte(`{">ID":9007199254740993,"@STAGE_ID":["NEW","WON"],"!TITLE":null}`), &f); err != nil {
		t.Fatal(err)
	}
	if f[">ID"] != json.Number("9007199254740993") || len(f) != 3 {
		t.Errorf("read as %#v", f)
	}
	for _, in := range []string{`[]`, `""`, `null`, `false`} {
		f = Filter{"x": 1}
		if err := json.Unmarshal([]byte(in), &f); err != nil || f != nil {
			t.Errorf("%s: read as %v, %v", in, f, err)
		}
	}
	for _, in := range []string{`[1]`, `5`, `"x"`, `true`} {
		if err := json.Unmarshal([]byte(in), &f); err == nil {
			t.Errorf("%s: read as %v", in, f)
		}
	}
}

// BenchmarkOrderUnmarshal reads orders of 1,000 and 10,000 keys: the time
// a key takes must not grow with the number of keys (a black-box attack
// found it quadratic).
func BenchmarkOrderUnmarshal(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		var body []byte
		body = append(body, '{')
		for i := range n {
			if i > 0 {
				body = append(body, ',')
			}
			body = append(body, fmt.Sprintf(`"F%d":"DESC"`, n-i)...)
		}
		body = append(body, '}')
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				var o Order
				if err := json.Unmarshal(body, &o); err != nil || len(o) != n {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/key")
		})
	}
}
