package openapi

import (
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/b24gen/b24gen/model"
)

// alternativesExtension lists, on an object's schema, its groups of
// members of which at least one must be given, for tools that read them.
const alternativesExtension = "x-b24-at-least-one-of"

// addAlternatives expresses the groups of alternatives of a method in its
// request schema. The object whose members a group names gets
//
//	not: {anyOf: [{not: {anyOf: [{required: [A]}, {required: [B]}]}}, …]}
//
// — it is not so that some group has none of its members given — which
// validators check, and which generators that make types of anyOf
// (ogen refuses "at least one of" as an anyOf of required lists: a sum of
// types without names) leave alone; the groups are also listed in
// alternativesExtension and said in words in the description. A group
// under a list of objects holds for each element: it goes to the items'
// schema.
func addAlternatives(req *openapi3.Schema, groups []model.Alternative) {
	for _, g := range groups {
		s := objectAt(req, g.Parent)
		if s == nil {
			continue
		}
		var given openapi3.SchemaRefs
		var names []string
		for _, name := range g.Params {
			if _, ok := s.Properties[name]; !ok {
				continue
			}
			given = append(given, openapi3.NewSchemaRef("", &openapi3.Schema{Required: []string{name}}))
			names = append(names, name)
		}
		if len(given) < 2 {
			continue
		}
		none := openapi3.NewSchemaRef("", &openapi3.Schema{Not: openapi3.NewSchemaRef("", &openapi3.Schema{AnyOf: given})})
		if s.Not == nil {
			s.Not = openapi3.NewSchemaRef("", &openapi3.Schema{})
		}
		s.Not.Value.AnyOf = append(s.Not.Value.AnyOf, none)
		if s.Extensions == nil {
			s.Extensions = map[string]any{}
		}
		listed, _ := s.Extensions[alternativesExtension].([][]string)
		s.Extensions[alternativesExtension] = append(listed, names)
		sentence := "At least one of " + orList(g.Params) + " must be given."
		s.Description = strings.TrimSpace(s.Description + "\n\n" + sentence)
	}
}

// objectAt returns the schema of the object at path under s, through the
// items of lists; nil when there is none.
func objectAt(s *openapi3.Schema, path []string) *openapi3.Schema {
	for _, name := range path {
		ref := s.Properties[name]
		if ref == nil || ref.Value == nil {
			return nil
		}
		s = ref.Value
		if s.Items != nil && s.Items.Value != nil {
			s = s.Items.Value
		}
	}
	if len(s.Properties) == 0 {
		return nil
	}
	return s
}

// orList joins names as "A or B", "A, B or C".
func orList(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}
