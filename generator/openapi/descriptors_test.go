package openapi

import (
	"testing"

	"github.com/b24gen/b24gen/model"
)

func TestDescriptorResult(t *testing.T) {
	str := func(name, desc string) model.Field {
		return model.Field{Name: name, Type: "string", Base: "string", Description: desc}
	}
	api := &model.API{Methods: []model.Method{
		{
			Name: "shop.item.fields", File: "item-fields.md",
			Returns: []model.Field{str("ID", "Identifier."), str("TITLE", "Title."), str("UF_*", "User fields.")},
			Examples: []model.Example{{Kind: model.ExampleResponse, JSON: []byte(
				`{"result":{"ID":{"type":"integer","isRequired":"N","isReadOnly":"Y","title":"ID"},"UF_SHOP_1":{"type":"string","isDynamic":1,"title":null,"settings":[]}}}`)}},
		},
		{
			Name: "shop.order.getFields", File: "order-fields.md",
			Returns:  []model.Field{{Name: "result", Type: "object", Base: "object", Fields: []model.Field{str("type", ""), str("title", "")}}},
			Examples: []model.Example{{Kind: model.ExampleResponse, JSON: []byte(`{"result":{"id":{"type":"integer","title":"ID"}}}`)}},
		},
	}}
	api.Normalize()
	doc, warnings, err := Generate(api, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range warnings {
		t.Errorf("warning: %s", w)
	}
	desc := doc.Components.Schemas[fieldDescriptor]
	if desc == nil || desc.Value.Properties["isRequired"] == nil {
		t.Fatalf("no %s component: %v", fieldDescriptor, desc)
	}
	for _, tc := range []struct {
		path  string
		props []string
	}{
		{"/shop.item.fields", []string{"ID", "TITLE"}},
		{"/shop.order.getFields", nil},
	} {
		op := doc.Paths.Value(tc.path).Post
		media := op.Responses.Value("200").Value.Content["application/json"]
		result := media.Schema.Value.Properties["result"].Value
		if a := result.AdditionalProperties.Schema; a == nil || a.Ref != "#/components/schemas/"+fieldDescriptor {
			t.Errorf("%s: additionalProperties %+v", tc.path, result.AdditionalProperties)
		}
		if len(result.Properties) != len(tc.props) {
			t.Errorf("%s: properties %v, want %v", tc.path, result.Properties, tc.props)
		}
		for _, p := range tc.props {
			s := result.Properties[p]
			if s == nil || len(s.Value.AllOf) != 1 || s.Value.AllOf[0].Ref != "#/components/schemas/"+fieldDescriptor || s.Value.Description == "" {
				t.Errorf("%s: property %s %+v", tc.path, p, s)
			}
		}
		if len(media.Examples) == 0 {
			t.Errorf("%s: the response example was left out", tc.path)
		}
	}
}

// TestWrappedDescriptorResult checks that the one member of a result that
// holds descriptors ({"fields": {…}}) is an object of FieldDescriptor.
func TestWrappedDescriptorResult(t *testing.T) {
	api := &model.API{Methods: []model.Method{{
		Name: "shop.item.fields", File: "item-fields.md",
		Returns: []model.Field{{Name: "result", Type: "object", Base: "object", Fields: []model.Field{{Name: "fields", Type: "object", Base: "object", Description: "The fields."}}}},
		Examples: []model.Example{{Kind: model.ExampleResponse, JSON: []byte(
			`{"result":{"fields":{"id":{"type":"integer","isReadOnly":true,"title":"ID"},"title":{"type":"string","title":null}}}}`)}},
	}}}
	api.Normalize()
	doc, warnings, err := Generate(api, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range warnings {
		t.Errorf("warning: %s", w)
	}
	media := doc.Paths.Value("/shop.item.fields").Post.Responses.Value("200").Value.Content["application/json"]
	fields := media.Schema.Value.Properties["result"].Value.Properties["fields"]
	if fields == nil || fields.Value.AdditionalProperties.Schema == nil || fields.Value.AdditionalProperties.Schema.Ref != "#/components/schemas/"+fieldDescriptor || fields.Value.Description != "The fields." {
		t.Errorf("fields %+v", fields)
	}
	if len(media.Examples) == 0 {
		t.Error("the response example was left out")
	}
}

// TestPlaceholderFields checks that fields named by placeholders
// (UF_CRM_..., <код_поля>) are no properties: additionalProperties
// describes them and takes any value (a schema without a type, and
// without nullable, which Redocly refuses beside no type).
func TestPlaceholderFields(t *testing.T) {
	str := func(name, desc string) model.Field {
		return model.Field{Name: name, Type: "string", Base: "string", Description: desc}
	}
	api := &model.API{Methods: []model.Method{{
		Name: "shop.item.get", File: "item-get.md",
		Returns: []model.Field{{Name: "result", Type: "object", Base: "object", Fields: []model.Field{
			str("TITLE", "Title."), str("UF_CRM_...", "User fields."),
			{Name: "values", Type: "object", Base: "object", Fields: []model.Field{str("<код_поля>", "A value by its code.")}},
		}}},
	}}}
	api.Normalize()
	doc, _, err := Generate(api, "")
	if err != nil {
		t.Fatal(err)
	}
	result := doc.Paths.Value("/shop.item.get").Post.Responses.Value("200").Value.Content["application/json"].Schema.Value.Properties["result"].Value
	if result.Properties["UF_CRM_..."] != nil || result.Properties["TITLE"] == nil {
		t.Errorf("properties %v", result.Properties)
	}
	if a := result.AdditionalProperties.Schema; a == nil || a.Value.Type != nil || a.Value.Nullable || a.Value.Description != "Members named UF_CRM_...: User fields." {
		t.Errorf("additionalProperties %+v", a)
	}
	values := result.Properties["values"].Value
	if a := values.AdditionalProperties.Schema; len(values.Properties) != 0 || a == nil || a.Value.Type != nil || a.Value.Description != "Members named <код_поля>: A value by its code." {
		t.Errorf("values %+v, additionalProperties %+v", values.Properties, a)
	}
}
