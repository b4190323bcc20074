package apidiff

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// Whether a type change breaks an OpenAPI client is read from the two
// documents where the report has them: the export types a member from the
// page's examples too, so a table's type may change with the member's
// schema unchanged (biconnector.connector.add's result, documented as an
// integer, always exported as the object its examples show).

// operationDoc is a method's operation in an OpenAPI document.
type operationDoc struct {
	doc *openapi3.T
	op  *openapi3.Operation
}

// operation returns the operation of method in doc, nil when it has none.
func operation(doc *openapi3.T, method string) *operationDoc {
	item := doc.Paths.Value("/" + method)
	if item == nil || item.Post == nil {
		return nil
	}
	return &operationDoc{doc: doc, op: item.Post}
}

// schemaChanged reports whether the schema of the field at path (of the
// kind what: param or return) differs between the documents, descriptions
// and examples aside; known is false when either has no schema there.
func (g declPair) schemaChanged(what, path string) (changed, known bool) {
	if g.oldOp == nil || g.newOp == nil || what == "field" {
		return false, false
	}
	o, okO := g.oldOp.schemaAt(what, path)
	n, okN := g.newOp.schemaAt(what, path)
	if !okO || !okN {
		return false, false
	}
	return o != n, true
}

// requiredInExport reports whether the new document requires the
// parameter at path; known is false when it has no schema for it.
func (g declPair) requiredInExport(path string) (required, known bool) {
	if g.newOp == nil {
		return false, false
	}
	i := strings.LastIndexByte(path, '.')
	parent, name := "", path[i+1:]
	if i >= 0 {
		parent = path[:i]
	}
	s := g.newOp.body()
	if parent != "" {
		for _, seg := range strings.Split(parent, ".") {
			s = g.newOp.property(g.newOp.elements(s), seg)
		}
	}
	s = g.newOp.elements(s)
	if s == nil || g.newOp.property(s, name) == nil {
		return false, false
	}
	return slices.Contains(s.Value.Required, name), true
}

// body returns the schema of the JSON request body.
func (d *operationDoc) body() *openapi3.SchemaRef {
	if d.op.RequestBody == nil || d.op.RequestBody.Value == nil {
		return nil
	}
	if mt := d.op.RequestBody.Value.Content.Get("application/json"); mt != nil {
		return mt.Schema
	}
	return nil
}

// schemaAt returns the schema of a parameter (in the JSON request body)
// or of a returned field (in the 200 answer) by its path, as canonical
// JSON.
func (d *operationDoc) schemaAt(what, path string) (string, bool) {
	var s *openapi3.SchemaRef
	if what == "param" {
		s = d.body()
	} else if r := d.op.Responses.Value("200"); r != nil && r.Value != nil {
		if mt := r.Value.Content.Get("application/json"); mt != nil {
			s = mt.Schema
		}
	}
	for _, name := range strings.Split(path, ".") {
		s = d.property(d.elements(s), name)
	}
	if s = d.resolve(s); s == nil {
		return "", false
	}
	return canonicalSchema(s.Value), true
}

// resolve returns the schema a reference to a component names.
func (d *operationDoc) resolve(s *openapi3.SchemaRef) *openapi3.SchemaRef {
	for range 8 { // a chain of references, however long the docs make it
		if s == nil || s.Value != nil || d.doc.Components == nil {
			break
		}
		name, ok := strings.CutPrefix(s.Ref, "#/components/schemas/")
		if !ok {
			return nil
		}
		s = d.doc.Components.Schemas[name]
	}
	if s == nil || s.Value == nil {
		return nil
	}
	return s
}

// elements returns the schema of a list's elements, of lists of lists'
// too, or s itself.
func (d *operationDoc) elements(s *openapi3.SchemaRef) *openapi3.SchemaRef {
	for s = d.resolve(s); s != nil && s.Value.Type.Is("array") && s.Value.Items != nil; {
		s = d.resolve(s.Value.Items)
	}
	return s
}

// property returns the schema of the member name of an object schema,
// looked for in its allOf and oneOf parts too.
func (d *operationDoc) property(s *openapi3.SchemaRef, name string) *openapi3.SchemaRef {
	if s == nil {
		return nil
	}
	if p, ok := s.Value.Properties[name]; ok {
		return p
	}
	for _, part := range append(s.Value.AllOf, s.Value.OneOf...) {
		if p := d.property(d.resolve(part), name); p != nil {
			return p
		}
	}
	return nil
}

// canonicalSchema is a schema as JSON without what documents it
// (descriptions, titles, examples, extensions), at every depth.
func canonicalSchema(s *openapi3.Schema) string {
	b, err := json.Marshal(s)
	if err != nil {
		return ""
	}
	var v any
	if json.Unmarshal(b, &v) != nil {
		return ""
	}
	b, _ = json.Marshal(undocumented(v))
	return string(b)
}

func undocumented(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k := range v {
			if k == "description" || k == "title" || k == "example" || k == "examples" || strings.HasPrefix(k, "x-") {
				delete(v, k)
			} else {
				v[k] = undocumented(v[k])
			}
		}
	case []any:
		for i := range v {
			v[i] = undocumented(v[i])
		}
	}
	return v
}
