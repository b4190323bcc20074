package openapi

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/b24gen/b24gen/model"
)

// TestAlternativesInRequestSchema: each group of alternatives is an anyOf
// of required members on the object it belongs to (the request, an object
// parameter, the items of a list of objects), the document stays valid,
// and a validator refuses a request that gives none of a group.
func TestAlternativesInRequestSchema(t *testing.T) {
	str := func(name string) model.Field { return model.Field{Name: name, Type: "string", Base: "string"} }
	obj := func(name string, array bool, members ...model.Field) model.Field {
		return model.Field{Name: name, Type: "object", Base: "object", Array: array, Fields: members}
	}
	api := &model.API{Methods: []model.Method{{
		Name: "lists.element.get", File: "lists-element-get.md",
		Params: []model.Field{str("IBLOCK_ID"), str("IBLOCK_CODE"), str("ELEMENT_ID"), str("ELEMENT_CODE"),
			obj("members", true, str("userId"), str("employeeId"))},
		Alternatives: []model.Alternative{
			{Params: []string{"IBLOCK_ID", "IBLOCK_CODE"}},
			{Params: []string{"ELEMENT_ID", "ELEMENT_CODE"}},
			{Parent: []string{"members"}, Params: []string{"userId", "employeeId"}},
		},
	}}}
	api.Normalize()
	doc, _, err := Generate(api, "")
	if err != nil {
		t.Fatal(err)
	}
	// through JSON and a fresh loader, as the document is published
	js, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	loaded, err := openapi3.NewLoader().LoadFromData(js)
	if err != nil {
		t.Fatal(err)
	}
	if err := loaded.Validate(context.Background()); err != nil {
		t.Fatalf("the document is not valid: %v", err)
	}
	req := loaded.Components.Schemas["ListsElementGetRequest"].Value
	// the model's order: ELEMENT_ID before IBLOCK_ID
	if len(req.AllOf) != 2 || len(req.AllOf[1].Value.AnyOf) != 2 || req.AllOf[1].Value.AnyOf[0].Value.Required[0] != "IBLOCK_ID" {
		t.Fatalf("the request's groups: allOf %v, anyOf %v", req.AllOf, req.AnyOf)
	}
	items := req.Properties["members"].Value.Items.Value
	if len(items.AnyOf) != 2 || items.AnyOf[1].Value.Required[0] != "employeeId" {
		t.Errorf("the items' group: anyOf %v", items.AnyOf)
	}
	for body, ok := range map[string]bool{
		`{"IBLOCK_ID":"1","ELEMENT_CODE":"a"}`:                                               true,
		`{"IBLOCK_CODE":"c","ELEMENT_ID":"1","members":[{"userId":"1"},{"employeeId":"2"}]}`: true,
		`{"ELEMENT_ID":"1"}`: false,
		`{"IBLOCK_ID":"1"}`:  false,
		`{"IBLOCK_ID":"1","ELEMENT_ID":"1","members":[{"userId":"1"},{}]}`: false,
	} {
		var v any
		if err := json.Unmarshal([]byte(body), &v); err != nil {
			t.Fatal(err)
		}
		if err := req.VisitJSON(v); (err == nil) != ok {
			t.Errorf("%s: %v, want accepted %v", body, err, ok)
		}
	}
}
