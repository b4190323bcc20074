package openapi

import (
	"bytes"
	"encoding/json"
	"net"
	"os"
	"reflect"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

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

// TestMarshalPlainSchema sets every field the schema fast path writes
// (schemaEntries), and one it leaves to kin-openapi, and holds the output
// to encoding/json's: a field cleared as handled but not written would be
// lost from the documents.
func TestMarshalPlainSchema(t *testing.T) {
	one, two := uint64(1), uint64(2)
	low, high := 0.5, 9.5
	yes := true
	item := openapi3.NewStringSchema().NewRef()
	s := &openapi3.Schema{
		Extensions: map[string]any{"x-b24": "v", "title": "replaced"},
		OneOf:      openapi3.SchemaRefs{item}, AnyOf: openapi3.SchemaRefs{item}, AllOf: openapi3.SchemaRefs{item},
		Not: item, Type: &openapi3.Types{"object"}, Title: "T", Format: "f", Description: "d",
		Enum: []any{"a", 1}, Default: "a", Example: map[string]any{"k": 1}, ExternalDocs: &openapi3.ExternalDocs{URL: "https://example.com"},
		UniqueItems: true, Nullable: true, ReadOnly: true, WriteOnly: true, AllowEmptyValue: true, Deprecated: true,
		Min: &low, Max: &high, MinLength: 1, MaxLength: &two, Pattern: "^a", MinItems: 1, MaxItems: &two, Items: item,
		Required: []string{"k"}, Properties: openapi3.Schemas{"k": item}, MinProps: 1, MaxProps: &one,
		AdditionalProperties: openapi3.AdditionalProperties{Has: &yes}, Examples: []any{"e"},
	}
	if _, _, ok := schemaEntries(s); !ok {
		t.Fatal("the fast path refused a schema of the fields it handles")
	}
	sameAsEncodingJSON(t, "plain schema", s)
	other := *s
	other.Discriminator = &openapi3.Discriminator{PropertyName: "k"}
	if _, _, ok := schemaEntries(&other); ok {
		t.Fatal("the fast path took a schema with a field it does not handle")
	}
	sameAsEncodingJSON(t, "schema with a discriminator", &other)
}
