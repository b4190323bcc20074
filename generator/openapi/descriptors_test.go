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
