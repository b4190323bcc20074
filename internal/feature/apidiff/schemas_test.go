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

// A parameter the tables make required breaks OpenAPI clients only where
// the export requires it: the export relaxes one a request example
// leaves out.
func TestRequiredInExport(t *testing.T) {
	js := `{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{"/demo.item.add":{"post":{
		"requestBody":{"content":{"application/json":{"schema":{"type":"object","required":["fields"],"properties":{
			"fields":{"type":"object","required":["TITLE"],"properties":{"TITLE":{"type":"string"},"AMOUNT":{"type":"integer"}}}}}}}},
		"responses":{"200":{"description":"ok"}}}}}}`
	doc, err := openapi3.NewLoader().LoadFromData([]byte(js))
	if err != nil {
		t.Fatal(err)
	}
	g := declPair{newOp: operation(doc, "demo.item.add")}
	for _, tc := range []struct {
		path            string
		required, known bool
	}{
		{"fields", true, true},
		{"fields.TITLE", true, true},
		{"fields.AMOUNT", false, true},
		{"fields.CODE", false, false},
		{"order", false, false},
	} {
		if required, known := g.requiredInExport(tc.path); required != tc.required || known != tc.known {
			t.Errorf("%s: required %v, known %v; want %v, %v", tc.path, required, known, tc.required, tc.known)
		}
	}
}
