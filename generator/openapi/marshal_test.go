package openapi

import (
	"bytes"
	"encoding/json"
	"net"
	"os"
	"reflect"
	"testing"

	"github.com/b24gen/b24gen/internal/support/jsonyaml"
	"github.com/b24gen/b24gen/internal/support/testdocs"
	"github.com/b24gen/b24gen/model"
	"github.com/b24gen/b24gen/parser"
)

// marshal writes v with the writer Marshal uses.
func marshal(v any) (jsonDoc, yamlDoc []byte, err error) {
	e := newJSONWriter(0, "")
	if err := e.value(reflect.ValueOf(v), 0); err != nil {
		return nil, nil, err
	}
	e.buf.WriteByte('\n')
	yamlDoc, err = e.yaml.Bytes()
	return e.buf.Bytes(), yamlDoc, err
}

// sameAsEncodingJSON checks that the writer writes v exactly as
// json.MarshalIndent does, and its YAML twin exactly as jsonyaml.FromJSON
// converts that JSON.
func sameAsEncodingJSON(t *testing.T, name string, v any) {
	t.Helper()
	want, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	want = append(want, '\n')
	got, gotYAML, err := marshal(v)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	wantYAML, err := jsonyaml.FromJSON(want)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(gotYAML, wantYAML) {
		t.Errorf("%s: the YAML differs from the JSON's conversion", name)
	}
	if !bytes.Equal(got, want) {
		i := 0
		for i < len(got) && i < len(want) && got[i] == want[i] {
			i++
		}
		t.Fatalf("%s: differs from encoding/json at byte %d:\n got …%s…\nwant …%s…", name, i,
			got[max(0, i-80):min(len(got), i+80)], want[max(0, i-80):min(len(want), i+80)])
	}
}

type textKey string

func (k textKey) MarshalText() ([]byte, error) { return []byte("k-" + string(k)), nil }

type withPointerMarshaler struct{ N int }

func (w *withPointerMarshaler) MarshalJSON() ([]byte, error) { return []byte(`{"n": 1}`), nil }

func TestMarshalIndentValues(t *testing.T) {
	var nilMap map[string]int
	var nilSlice []string
	values := map[string]any{
		"scalars": map[string]any{"s": "<a & b>\u2028", "f": 1.5e21, "g": 0.1, "i": -3, "num": json.Number("12.50"), "u": uint8(7), "b": true, "n": nil},
		"empty":   map[string]any{"m": map[string]int{}, "l": []int{}, "nm": nilMap, "nl": nilSlice, "bytes": []byte("hi")},
		"nested":  []any{[]any{map[string]any{"z": 1, "a": []string{"x"}}}, json.RawMessage(`{"raw" : [1, 2]}`)},
		"custom":  map[string]any{"ip": net.IPv4(127, 0, 0, 1), "text": textKey("v"), "ptrs": []withPointerMarshaler{{1}}, "struct": struct{ A, b int }{1, 2}},
		"keys":    map[textKey]int{"b": 1, "a": 2},
	}
	for name, v := range values {
		sameAsEncodingJSON(t, name, v)
	}
}

// TestMarshalIndentDocuments compares the whole documents, for the
// fixture pages and for both editions of the docs.
func TestMarshalIndentDocuments(t *testing.T) {
	trees := map[string]string{"specs": "../../specs"}
	if !testing.Short() {
		trees["ru"], trees["en"] = testdocs.Russian(t), testdocs.English(t)
	}
	for name, dir := range trees {
		res, err := parser.Parse(os.DirFS(dir), parser.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, api := range []string{"", model.APIv3} {
			doc, _, err := Generate(&res.API, api)
			if err != nil {
				t.Fatal(err)
			}
			sameAsEncodingJSON(t, name+"/"+api, doc)
		}
	}
}
