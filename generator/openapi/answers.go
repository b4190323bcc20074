package openapi

import (
	"encoding/json"
	"slices"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/b24gen/b24gen/b24/protocol"
	"github.com/b24gen/b24gen/model"
)

// The classic REST API answers as PHP renders its values: numbers as
// text ("ID": "42"), flags as "Y"/"N", null for an empty member, an empty
// list or "" for an empty object, dates in the portal's own format. The
// pages' response examples show it, and strict generated clients (ogen)
// refuse such an answer when the schema gives only the documented type.
// So an answer's schema also takes, member by member, every kind of value
// the page's own examples answer there: a member whose examples send null
// is nullable, one that gets a value of another JSON type is an anyOf of
// the documented schema and that type, one whose text does not match its
// documented format loses the format. Clients decode what the docs show;
// the documented type stays the first alternative, and the examples are
// published as the portal sends them (conform has nothing to rewrite).

// widenToExamples widens the members of a method's success answer so
// that they take what its response examples answer.
func widenToExamples(success *openapi3.Schema, m *model.Method) {
	for _, ex := range m.Examples {
		if ex.Kind != model.ExampleResponse {
			continue
		}
		v, err := decodeJSON(ex.JSON)
		obj, ok := v.(map[string]any)
		if err != nil || !ok {
			continue
		}
		for _, member := range []string{"result", protocol.Total, protocol.Next} {
			if prop := success.Properties[member]; prop != nil {
				if value, ok := obj[member]; ok {
					success.Properties[member] = widenToExample(prop, value)
				}
			}
		}
	}
}

// widenToExample returns the schema ref, widened so that it takes v, a
// value decoded by decodeJSON. A referenced schema is shared: it is not
// changed, but put in an anyOf beside the kind v has; a value of its own
// kind that it does not take is left to it (the shared Time of the
// envelope, which the portal fills itself).
func widenToExample(ref *openapi3.SchemaRef, v any) *openapi3.SchemaRef {
	if ref == nil || ref.Value == nil {
		return ref
	}
	if ref.Ref != "" {
		switch {
		case takes(ref.Value, v), sameJSONType(schemaKind(ref.Value), jsonKind(v)):
			return ref
		case v == nil:
			// OpenAPI 3.0 has nullable beside a type only
			t := schemaKind(ref.Value)
			if t == "" {
				return ref
			}
			return openapi3.NewSchemaRef("", &openapi3.Schema{Type: &openapi3.Types{t}, Nullable: true, AllOf: openapi3.SchemaRefs{ref}})
		}
		return openapi3.NewSchemaRef("", &openapi3.Schema{AnyOf: openapi3.SchemaRefs{ref, kindSchema(v)}})
	}
	widenSchema(ref.Value, v)
	return ref
}

// widenSchema widens s in place so that it takes v.
func widenSchema(s *openapi3.Schema, v any) {
	if v == nil {
		makeNullable(s)
		return
	}
	if len(s.AnyOf) > 0 {
		kind := jsonKind(v)
		for i, alt := range s.AnyOf {
			if alt.Value != nil && sameJSONType(schemaKind(alt.Value), kind) {
				s.AnyOf[i] = widenToExample(alt, v)
				return
			}
		}
		alt := kindSchema(v)
		alt.Value.Nullable = slices.ContainsFunc(s.AnyOf, func(a *openapi3.SchemaRef) bool { return a.Value != nil && a.Value.Nullable })
		s.AnyOf = append(s.AnyOf, alt)
		return
	}
	kind := jsonKind(v)
	switch {
	case s.Type == nil || len(s.Type.Slice()) == 0:
		return // any value
	case kind == "integer" && s.Type.Is("number"):
	case kind == "number" && s.Type.Is("integer"):
		// a fraction where an integer is documented: one JSON type still
		s.Type, s.Format = &openapi3.Types{"number"}, ""
	case schemaKind(s) != kind:
		splitKinds(s, kindSchema(v))
		return
	}
	switch t := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			if prop := s.Properties[k]; prop != nil {
				s.Properties[k] = widenToExample(prop, t[k])
			} else if ap := s.AdditionalProperties.Schema; ap != nil {
				s.AdditionalProperties.Schema = widenToExample(ap, t[k])
			}
		}
	case []any:
		for _, e := range t {
			s.Items = widenToExample(s.Items, e)
		}
	case string:
		if s.Format != "" && s.VisitJSON(t) != nil {
			s.Format = ""
		}
		if s.Pattern != "" && s.VisitJSON(t) != nil {
			s.Pattern = ""
		}
	}
}

// splitKinds makes s, which takes values of one kind, an anyOf of that
// schema and alt: the description stays on s; a nullable s makes both
// nullable (OpenAPI 3.0 has nullable beside a type only).
func splitKinds(s *openapi3.Schema, alt *openapi3.SchemaRef) {
	first := *s
	first.Description, first.Extensions = "", nil
	alt.Value.Nullable = s.Nullable
	*s = openapi3.Schema{
		Description: s.Description,
		Extensions:  s.Extensions,
		AnyOf:       openapi3.SchemaRefs{openapi3.NewSchemaRef("", &first), alt},
	}
}

// makeNullable lets s take null: nullable beside its type, or on each
// alternative of an anyOf. OpenAPI 3.0 has nullable beside a type only, so
// a schema of any value that takes null too becomes an anyOf of every
// JSON type, the object nullable.
func makeNullable(s *openapi3.Schema) {
	switch {
	case schemaKind(s) != "":
		s.Nullable = true
	case s.Type == nil && len(s.AnyOf)+len(s.AllOf)+len(s.OneOf) == 0 && s.Not == nil:
		object := openapi3.NewObjectSchema()
		object.Nullable = true
		s.AnyOf = openapi3.SchemaRefs{openapi3.NewSchemaRef("", object)}
		for _, v := range []any{[]any{}, "", 0.5, false} {
			s.AnyOf = append(s.AnyOf, kindSchema(v))
		}
	case len(s.AnyOf) > 0:
		for i, alt := range s.AnyOf {
			if alt.Value == nil || schemaKind(alt.Value) == "" {
				continue
			}
			if alt.Ref != "" {
				s.AnyOf[i] = widenToExample(alt, nil)
				continue
			}
			alt.Value.Nullable = true
		}
	}
}

// takes reports whether a shared schema takes v as it is.
func takes(s *openapi3.Schema, v any) bool {
	p, err := plainJSON(v)
	return err == nil && s.VisitJSON(p) == nil
}

// kindSchema is the schema of any value of v's JSON type.
func kindSchema(v any) *openapi3.SchemaRef {
	s := &openapi3.Schema{Type: &openapi3.Types{jsonKind(v)}}
	if s.Type.Is("array") {
		s.Items = openapi3.NewSchemaRef("", &openapi3.Schema{})
	}
	return openapi3.NewSchemaRef("", s)
}

// jsonKind is the JSON Schema type of a value decoded by decodeJSON.
func jsonKind(v any) string {
	switch t := v.(type) {
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case string:
		return "string"
	case bool:
		return "boolean"
	case json.Number:
		if _, err := t.Int64(); err == nil {
			return "integer"
		}
		return "number"
	case float64:
		return "number"
	}
	return "null"
}

// sameJSONType reports whether two JSON Schema types are one JSON type
// (integer and number are both numbers).
func sameJSONType(a, b string) bool {
	numeric := func(t string) bool { return t == "integer" || t == "number" }
	return a == b || numeric(a) && numeric(b)
}

// schemaKind is the one JSON type s takes, "" when it is not one.
func schemaKind(s *openapi3.Schema) string {
	if s.Type == nil || len(s.Type.Slice()) != 1 {
		return ""
	}
	return s.Type.Slice()[0]
}
