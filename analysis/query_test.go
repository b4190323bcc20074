package analysis

import (
	"testing"

	"github.com/b24gen/b24gen/b24/protocol"
	"github.com/b24gen/b24gen/model"
)

func TestQueryOf(t *testing.T) {
	obj := func(name string) model.Field { return model.Field{Name: name, Base: protocol.Object, Type: "object"} }
	for _, tc := range []struct {
		what    string
		doc     model.Field
		samples []any
		want    Query
	}{
		{"a filter documented as an object", obj("filter"), nil, QueryFilter},
		{"any case", obj("FILTER"), []any{map[string]any{">ID": 1}}, QueryFilter},
		{"an order of directions", obj("order"), []any{map[string]any{"ID": "DESC"}, []any{}, ""}, QueryOrder},
		{"an order example of numbers", obj("order"), []any{map[string]any{"ID": 1}}, QueryNone},
		{"an order example that is a list", obj("order"), []any{[]any{"ID"}}, QueryNone},
		{"a filter example that is a list", obj("filter"), []any{[]any{map[string]any{}}}, QueryNone},
		{"another name", obj("filters"), nil, QueryNone},
		{"no type, no example", model.Field{Name: "filter"}, nil, QueryNone},
		{"no type, an object example", model.Field{Name: "filter"}, []any{map[string]any{"a": 1}}, QueryFilter},
		{"a union", model.Field{Name: "filter", Base: protocol.Any, Type: "object|array"}, []any{map[string]any{}}, QueryNone},
		{"a list", model.Field{Name: "order", Base: protocol.Object, Array: true}, nil, QueryNone},
		{"documented members", model.Field{Name: "filter", Base: protocol.Object, Fields: []model.Field{{Name: "ID", Base: protocol.Integer}}}, nil, QueryNone},
		{"a string", model.Field{Name: "order", Base: protocol.String}, nil, QueryNone},
	} {
		f := tc.doc
		if got := queryOf(tc.doc, &f, tc.samples); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.what, got, tc.want)
		}
	}
}

func TestSelectsFields(t *testing.T) {
	list := model.Field{Name: "select", Base: protocol.Array, Type: "array"}
	for _, tc := range []struct {
		what    string
		doc     model.Field
		samples []any
		want    bool
	}{
		{"a list of no element type", list, nil, true},
		{"examples of names", list, []any{[]any{"ID", "TITLE"}, []any{}, ""}, true},
		{"an example of numbers", list, []any{[]any{1}}, false},
		{"an example of one name", list, []any{"ID"}, false},
		{"another name", model.Field{Name: "fields", Base: protocol.Array}, nil, false},
		{"typed elements", model.Field{Name: "select", Base: protocol.String, Array: true}, nil, false},
	} {
		f := tc.doc
		if got := selectsFields(tc.doc, &f, tc.samples); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.what, got, tc.want)
		}
	}
}
