package openapi

import (
	"github.com/getkin/kin-openapi/openapi3"

	"github.com/b24gen/b24gen/analysis"
)

// fieldDescriptor is the component schema of one field descriptor, the
// answer of the descriptor methods (crm.deal.fields) for each field; the
// Go runtime's b24.FieldDescriptor.
const fieldDescriptor = "FieldDescriptor"

// descriptorsSchema is the schema of a descriptor method's result: an
// object with a FieldDescriptor per field, the fields the page documents
// named as properties.
func (b *builder) descriptorsSchema(r analysis.Result) *openapi3.Schema {
	ref := b.fieldDescriptorRef()
	s := openapi3.NewObjectSchema()
	s.Description = "A descriptor per field, by the field's name."
	s.AdditionalProperties = openapi3.AdditionalProperties{Schema: ref}
	for _, f := range r.Keys {
		if f.Name == "" || analysis.IsPlaceholderField(&f) {
			continue
		}
		if s.Properties == nil {
			s.Properties = openapi3.Schemas{}
		}
		if _, dup := s.Properties[f.Name]; dup {
			continue
		}
		// a reference ignores its siblings in OpenAPI 3.0: the field's
		// description goes beside it in allOf
		p := openapi3.NewSchema()
		p.AllOf = openapi3.SchemaRefs{ref}
		p.Description = f.Description
		s.Properties[f.Name] = openapi3.NewSchemaRef("", p)
	}
	return s
}

// fieldDescriptorRef returns the reference to the FieldDescriptor schema,
// adding the schema to the components the first time.
func (b *builder) fieldDescriptorRef() *openapi3.SchemaRef {
	if _, ok := b.doc.Components.Schemas[fieldDescriptor]; !ok {
		b.doc.Components.Schemas[fieldDescriptor] = openapi3.NewSchemaRef("", descriptorSchema())
	}
	return b.ref(fieldDescriptor)
}

// descriptorSchema describes a field descriptor: the members portals send,
// open to others.
func descriptorSchema() *openapi3.Schema {
	str := func(desc string) *openapi3.SchemaRef {
		s := openapi3.NewStringSchema()
		s.Description = desc
		return openapi3.NewSchemaRef("", s)
	}
	flag := func(desc string) *openapi3.SchemaRef {
		s := openapi3.NewBoolSchema()
		s.Description = desc
		return openapi3.NewSchemaRef("", s)
	}
	anyOf := func(desc string) *openapi3.SchemaRef {
		s := openapi3.NewSchema()
		s.Description = desc
		return openapi3.NewSchemaRef("", s)
	}
	title := str("The field's name in the portal's language.")
	title.Value.Nullable = true
	s := openapi3.NewObjectSchema()
	s.Description = "The description of one field of an entity, as the descriptor methods (crm.deal.fields, …) answer it."
	s.Properties = openapi3.Schemas{
		"type":         str("The field's type: integer, string, char, double, date, datetime, user, file, crm_status, crm_multifield, enumeration, …"),
		"title":        title,
		"isRequired":   flag("The field must be set."),
		"isReadOnly":   flag("The field cannot be written."),
		"isImmutable":  flag("The field is set only when the item is created."),
		"isMultiple":   flag("The field holds a list of values."),
		"isDynamic":    flag("The field is a user field (UF_*)."),
		"isDeprecated": flag("The field is kept for compatibility."),
		"statusType":   anyOf("The ENTITY_ID of the crm.status list that holds the values of a crm_status field: a string, or a list of them."),
		"upperName":    str("The field's name in upper case with underscores, as the older methods use it."),
		"listLabel":    str("A user field's label in lists."),
		"formLabel":    str("A user field's label in forms."),
		"filterLabel":  str("A user field's label in filters."),
		"items":        anyOf("The values of an enumeration field: a list of {\"ID\", \"VALUE\"} objects."),
		"settings":     anyOf("The field's settings, which depend on its type."),
	}
	s.Required = []string{"type"}
	return s
}
