package openapi

import (
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/b24gen/b24gen/model"
)

// addAlternatives expresses the groups of alternatives of a method in its
// request schema: the object whose members a group names gets
// anyOf: [{required: [A]}, {required: [B]}] (an allOf of those when it
// has several groups), and its description says it in words. A group
// under a list of objects holds for each element: it goes to the items'
// schema.
func addAlternatives(req *openapi3.Schema, groups []model.Alternative) {
	for _, g := range groups {
		s := objectAt(req, g.Parent)
		if s == nil {
			continue
		}
		var anyOf openapi3.SchemaRefs
		for _, name := range g.Params {
			if _, ok := s.Properties[name]; !ok {
				continue
			}
			anyOf = append(anyOf, openapi3.NewSchemaRef("", &openapi3.Schema{Required: []string{name}}))
		}
		if len(anyOf) < 2 {
			continue
		}
		switch {
		case s.AnyOf == nil && s.AllOf == nil:
			s.AnyOf = anyOf
		case s.AllOf == nil:
			s.AllOf = openapi3.SchemaRefs{openapi3.NewSchemaRef("", &openapi3.Schema{AnyOf: s.AnyOf})}
			s.AnyOf = nil
			fallthrough
		default:
			s.AllOf = append(s.AllOf, openapi3.NewSchemaRef("", &openapi3.Schema{AnyOf: anyOf}))
		}
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
