package openapi

import (
	"encoding/json"
	"testing"

	"github.com/b24gen/b24gen/model"
)

// TestAlternativesInRequestSchema: each group of alternatives is a
// schema's "not" of its members all absent, on the object it belongs to
// (the request, an object parameter, the items of a list of objects), and
// listed in x-b24-at-least-one-of; the document stays valid, and a
// validator refuses a request that gives none of a group.
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
	loaded, _, _ := publish(t, api)
	req := loaded.Components.Schemas["ListsElementGetRequest"].Value
	// none of anyOf, oneOf, allOf: generators make sum types of those
	if req.AnyOf != nil || req.AllOf != nil || req.OneOf != nil {
		t.Errorf("the request's groups as a sum: anyOf %v, allOf %v", req.AnyOf, req.AllOf)
	}
	// the model's order: ELEMENT_ID before IBLOCK_ID
	if g, _ := json.Marshal(req.Extensions[alternativesExtension]); string(g) != `[["ELEMENT_ID","ELEMENT_CODE"],["IBLOCK_ID","IBLOCK_CODE"]]` {
		t.Errorf("the request's groups: %s", g)
	}
	items := req.Properties["members"].Value.Items.Value
	if g, _ := json.Marshal(items.Extensions[alternativesExtension]); string(g) != `[["userId","employeeId"]]` || items.Not == nil {
		t.Errorf("the items' group: %s", g)
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
