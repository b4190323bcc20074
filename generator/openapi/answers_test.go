package openapi

import (
	"encoding/json"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/b24gen/b24gen/model"
)

// TestAnswerSchemasTakeTheExamples: an answer's schema takes what the
// page's response examples answer, as portals render it (numbers as
// text, null, [] for an empty object, a date in another format), member
// by member, with the documented type first and no two alternatives of
// one JSON type (generators tell them apart by it); members the examples
// do not contradict keep their documented schema.
func TestAnswerSchemasTakeTheExamples(t *testing.T) {
	f := func(name, base string, members ...model.Field) model.Field {
		return model.Field{Name: name, Type: base, Base: model.Base(base), Fields: members}
	}
	list := func(field model.Field) model.Field { field.Array = true; return field }
	example := `{"result":{"ID":"42","SUM":1.5,"TITLE":null,"OPENED":"Y","CREATED":"03.09.2024 14:10:18",
		"OWNER":[],"TAGS":{"0":"a"},"ITEMS":[{"ID":"7"},{"ID":8}],"KEPT":5,"ANY":null,"CODE":null}}`
	example2 := `{"result":{"CODE":7}}`
	api := &model.API{Methods: []model.Method{{
		Name: "shop.item.get", File: "shop-item-get.md",
		Returns: []model.Field{f("result", "object",
			f("ID", "integer"), f("SUM", "integer"), f("TITLE", "string"), f("OPENED", "boolean"),
			f("CREATED", "datetime"), f("OWNER", "object", f("NAME", "string")), list(f("TAGS", "string")),
			list(f("ITEMS", "object", f("ID", "integer"))), f("KEPT", "integer"), f("ANY", ""), f("CODE", "string"))},
		Examples: []model.Example{{Kind: model.ExampleResponse, JSON: json.RawMessage(example)}, {Kind: model.ExampleResponse, JSON: json.RawMessage(example2)}},
	}}}
	loaded, js, warnings := publish(t, api)
	for _, w := range warnings {
		t.Errorf("warning: %s", w)
	}
	success := loaded.Components.Schemas["ShopItemGetSuccess"].Value
	var v any
	if err := json.Unmarshal([]byte(example), &v); err != nil {
		t.Fatal(err)
	}
	if err := success.VisitJSON(v); err != nil {
		t.Errorf("the example as the portal sends it: %v", err)
	}
	// OpenAPI 3.0 has nullable beside a type only
	var walk func(path string, n any)
	walk = func(path string, n any) {
		switch n := n.(type) {
		case map[string]any:
			if n["nullable"] == true && n["type"] == nil {
				t.Errorf("%s: nullable without a type", path)
			}
			for k, c := range n {
				walk(path+"/"+k, c)
			}
		case []any:
			for _, c := range n {
				walk(path+"[]", c)
			}
		}
	}
	var raw any
	_ = json.Unmarshal(js, &raw)
	walk("", raw)
	result := success.Properties["result"].Value
	for name, want := range map[string]string{
		"ID": "integer string", "SUM": "number", "OPENED": "boolean string",
		"OWNER": "object array", "TAGS": "array object", "KEPT": "integer", "CREATED": "string",
		"ANY": "object array string number boolean", "CODE": "string integer",
	} {
		if got := kindsOf(result.Properties[name].Value); got != want {
			t.Errorf("%s: %s, want %s", name, got, want)
		}
	}
	if !result.Properties["TITLE"].Value.Nullable || result.Properties["KEPT"].Value.Nullable {
		t.Errorf("nullable: TITLE %v, KEPT %v", result.Properties["TITLE"].Value.Nullable, result.Properties["KEPT"].Value.Nullable)
	}
	if result.Properties["CREATED"].Value.Format != "" {
		t.Errorf("CREATED keeps the format %s", result.Properties["CREATED"].Value.Format)
	}
	if items := result.Properties["ITEMS"].Value.Items.Value; kindsOf(items.Properties["ID"].Value) != "integer string" {
		t.Errorf("ITEMS[].ID: %s", kindsOf(items.Properties["ID"].Value))
	}
}

func kindsOf(s *openapi3.Schema) string {
	if s.AnyOf == nil {
		return s.Type.Slice()[0]
	}
	out := ""
	for i, alt := range s.AnyOf {
		if i > 0 {
			out += " "
		}
		out += alt.Value.Type.Slice()[0]
	}
	return out
}
