package apidiff

import (
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// A type change of the tables breaks an OpenAPI client only where the
// exported schema changed: descriptions and examples aside, through
// references and lists.
func TestSchemaChanged(t *testing.T) {
	doc := func(t *testing.T, title string) *openapi3.T {
		t.Helper()
		js := `{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{"/demo.item.get":{"post":{
			"requestBody":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Req"}}}},
			"responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"type":"object","properties":{
				"result":{"type":"array","items":{"$ref":"#/components/schemas/Item"}}}}}}}}}}},
			"components":{"schemas":{
				"Req":{"type":"object","properties":{"id":{"type":"integer","description":"The id"}}},
				"Item":{"type":"object","properties":{"TITLE":` + title + `}}}}}`
		d, err := openapi3.NewLoader().LoadFromData([]byte(js))
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	pair := func(old, new string) declPair {
		return declPair{oldOp: operation(doc(t, old), "demo.item.get"), newOp: operation(doc(t, new), "demo.item.get")}
	}
	for _, tc := range []struct {
		name          string
		old, new      string
		what, path    string
		changed, know bool
	}{
		{"reworded", `{"type":"string","description":"Title"}`, `{"type":"string","description":"Name","example":"x"}`, "return", "result.TITLE", false, true},
		{"retyped", `{"type":"string"}`, `{"type":"integer"}`, "return", "result.TITLE", true, true},
		{"through a reference", `{"type":"string"}`, `{"type":"string"}`, "param", "id", false, true},
		{"not exported", `{"type":"string"}`, `{"type":"string"}`, "return", "result.CODE", false, false},
	} {
		changed, known := pair(tc.old, tc.new).schemaChanged(tc.what, tc.path)
		if changed != tc.changed || known != tc.know {
			t.Errorf("%s: changed %v, known %v; want %v, %v", tc.name, changed, known, tc.changed, tc.know)
		}
	}
}
