package openapi

import (
	"reflect"
	"sort"

	"github.com/getkin/kin-openapi/openapi3"
)

// Schemas are most of a document. kin-openapi's Schema.MarshalYAML puts
// the fields it writes in a map made for 61 of them, for every schema: a
// quarter of writing the documents. schemaEntries gives the same entries
// without the map for the schemas this generator makes, those that set
// only the fields below; any other schema goes kin-openapi's way.
// TestMarshalIndentDocuments holds the documents of both docs trees to
// encoding/json's, which calls MarshalYAML.

var (
	schemaType    = reflect.TypeFor[openapi3.Schema]()
	schemaRefType = reflect.TypeFor[openapi3.SchemaRef]()
)

// plainSchema returns the schema v holds when v is a schema or an inline
// schema reference, or a pointer to one; nil otherwise.
func plainSchema(v reflect.Value) *openapi3.Schema {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	switch v.Type() {
	case schemaType:
		if v.CanAddr() {
			return v.Addr().Interface().(*openapi3.Schema)
		}
		s := v.Interface().(openapi3.Schema)
		return &s
	case schemaRefType:
		if ref := v.Interface().(openapi3.SchemaRef); ref.Ref == "" {
			return ref.Value
		}
	}
	return nil
}

// schemaEntries returns the keys, sorted, and values Schema.MarshalYAML
// gives s, under the conditions it writes each; ok is false when s sets a
// field not handled here.
func schemaEntries(s *openapi3.Schema) (keys []string, values []reflect.Value, ok bool) {
	rest := *s
	rest.Extensions, rest.Origin = nil, nil
	rest.OneOf, rest.AnyOf, rest.AllOf, rest.Not, rest.Type = nil, nil, nil, nil, nil
	rest.Title, rest.Format, rest.Description = "", "", ""
	rest.Enum, rest.Default, rest.Example, rest.ExternalDocs = nil, nil, nil, nil
	rest.UniqueItems, rest.Nullable, rest.ReadOnly, rest.WriteOnly, rest.AllowEmptyValue, rest.Deprecated = false, false, false, false, false, false
	rest.Min, rest.Max = nil, nil
	rest.MinLength, rest.MaxLength, rest.Pattern = 0, nil, ""
	rest.MinItems, rest.MaxItems, rest.Items = 0, nil, nil
	rest.Required, rest.Properties, rest.MinProps, rest.MaxProps = nil, nil, 0, nil
	rest.AdditionalProperties = openapi3.AdditionalProperties{}
	rest.Examples = nil
	if !reflect.ValueOf(&rest).Elem().IsZero() {
		return nil, nil, false
	}
	e := entryList{}
	e.add(len(s.OneOf) != 0, "oneOf", s.OneOf)
	e.add(len(s.AnyOf) != 0, "anyOf", s.AnyOf)
	e.add(len(s.AllOf) != 0, "allOf", s.AllOf)
	e.add(s.Not != nil, "not", s.Not)
	e.add(!s.Type.IsEmpty(), "type", s.Type)
	e.add(len(s.Title) != 0, "title", s.Title)
	e.add(len(s.Format) != 0, "format", s.Format)
	e.add(len(s.Description) != 0, "description", s.Description)
	e.add(len(s.Enum) != 0, "enum", s.Enum)
	e.add(s.Default != nil, "default", s.Default)
	e.add(s.Example != nil, "example", s.Example)
	e.add(s.ExternalDocs != nil, "externalDocs", s.ExternalDocs)
	e.add(s.UniqueItems, "uniqueItems", true)
	e.add(s.Nullable, "nullable", true)
	e.add(s.ReadOnly, "readOnly", true)
	e.add(s.WriteOnly, "writeOnly", true)
	e.add(s.AllowEmptyValue, "allowEmptyValue", true)
	e.add(s.Deprecated, "deprecated", true)
	e.add(s.Min != nil, "minimum", s.Min)
	e.add(s.Max != nil, "maximum", s.Max)
	e.add(s.MinLength != 0, "minLength", s.MinLength)
	e.add(s.MaxLength != nil, "maxLength", s.MaxLength)
	e.add(s.Pattern != "", "pattern", s.Pattern)
	e.add(s.MinItems != 0, "minItems", s.MinItems)
	e.add(s.MaxItems != nil, "maxItems", s.MaxItems)
	e.add(s.Items != nil, "items", s.Items)
	e.add(len(s.Required) != 0, "required", s.Required)
	e.add(len(s.Properties) != 0, "properties", s.Properties)
	e.add(s.MinProps != 0, "minProperties", s.MinProps)
	e.add(s.MaxProps != nil, "maxProperties", s.MaxProps)
	if x := s.AdditionalProperties; x.Has != nil || x.Schema != nil {
		e.add(true, "additionalProperties", &x)
	}
	e.add(len(s.Examples) != 0, "examples", s.Examples)
	// the extensions come first in MarshalYAML's map: a field of the same
	// name replaces one
	for k, v := range s.Extensions {
		if !e.has(k) {
			e.add(true, k, v)
		}
	}
	sort.Sort(&e)
	return e.keys, e.values, true
}

// entryList is a list of object entries sortable by key.
type entryList struct {
	keys   []string
	values []reflect.Value
}

func (e *entryList) add(when bool, key string, value any) {
	if when {
		e.keys = append(e.keys, key)
		e.values = append(e.values, reflect.ValueOf(value))
	}
}

func (e *entryList) has(key string) bool {
	for _, k := range e.keys {
		if k == key {
			return true
		}
	}
	return false
}

func (e *entryList) Len() int           { return len(e.keys) }
func (e *entryList) Less(i, j int) bool { return e.keys[i] < e.keys[j] }
func (e *entryList) Swap(i, j int) {
	e.keys[i], e.keys[j] = e.keys[j], e.keys[i]
	e.values[i], e.values[j] = e.values[j], e.values[i]
}
