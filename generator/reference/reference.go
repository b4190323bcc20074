// Package reference renders an OpenAPI document as a browsable, static
// HTML API reference: one page, a filterable list of methods by tag, and
// per method its description, parameters, result, errors and examples. The
// page needs nothing but a browser. The layout is templates.Reference;
// everything it shows is prepared here.
package reference

import (
	"bytes"
	"encoding/json"
	"html/template"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/yuin/goldmark"

	"github.com/b24gen/b24gen/templates"
)

// page is what the template shows.
type page struct {
	Title       string
	Description template.HTML
	Tags        []tag
	Operations  []*operation
}

type tag struct {
	Name       string
	Operations []*operation
}

type operation struct {
	Name, Anchor, Summary string
	Description           template.HTML
	Deprecated            bool
	Params, Result        []row
	Errors                []errorRow
	Examples              []example
}

type row struct {
	Name, Type  string
	Required    bool
	Description template.HTML
}

type errorRow struct{ Status, Codes string }

type example struct{ Title, JSON string }

// Render renders the document.
func Render(doc *openapi3.T) ([]byte, error) {
	t, err := template.New("reference").Parse(templates.Reference)
	if err != nil {
		return nil, err
	}
	md := goldmark.New() // raw HTML in the docs is dropped, dangerous links too
	r := renderer{md: md}
	p := page{Title: "API reference"}
	if doc.Info != nil {
		p.Title = doc.Info.Title
		p.Description = r.markdown(doc.Info.Description)
	}
	byTag := map[string][]*operation{}
	for _, path := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(path)
		if item == nil || item.Post == nil {
			continue
		}
		op := r.operation(strings.TrimPrefix(path, "/"), item.Post)
		p.Operations = append(p.Operations, op)
		name := "other"
		if len(item.Post.Tags) > 0 {
			name = item.Post.Tags[0]
		}
		byTag[name] = append(byTag[name], op)
	}
	sortOps := func(ops []*operation) {
		slices.SortFunc(ops, func(a, b *operation) int { return strings.Compare(a.Name, b.Name) })
	}
	sortOps(p.Operations)
	for _, name := range slices.Sorted(maps.Keys(byTag)) {
		sortOps(byTag[name])
		p.Tags = append(p.Tags, tag{Name: name, Operations: byTag[name]})
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, p); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

type renderer struct{ md goldmark.Markdown }

// markdown renders documentation text; goldmark's default renderer drops
// raw HTML and dangerous URLs, so the result is safe to embed.
func (r renderer) markdown(s string) template.HTML {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	var b bytes.Buffer
	if err := r.md.Convert([]byte(s), &b); err != nil {
		return template.HTML(template.HTMLEscapeString(s))
	}
	return template.HTML(b.String()) // #nosec: goldmark escapes, see above
}

func (r renderer) operation(name string, op *openapi3.Operation) *operation {
	o := &operation{Name: name, Anchor: "m-" + name, Summary: op.Summary, Description: r.markdown(op.Description), Deprecated: op.Deprecated}
	if op.RequestBody != nil && op.RequestBody.Value != nil {
		if mt := op.RequestBody.Value.Content.Get("application/json"); mt != nil && mt.Schema != nil {
			o.Params = r.rows(mt.Schema, "", 0)
			o.Examples = append(o.Examples, examples("Request", mt)...)
		}
	}
	if op.Responses != nil {
		for _, code := range slices.Sorted(maps.Keys(op.Responses.Map())) {
			resp := op.Responses.Value(code)
			if resp == nil || resp.Value == nil {
				continue
			}
			mt := resp.Value.Content.Get("application/json")
			if code == "200" {
				if mt != nil && mt.Schema != nil && mt.Schema.Value != nil {
					if res := resultSchema(mt.Schema.Value); res != nil {
						o.Result = r.rows(res, "result", 0)
					}
					o.Examples = append(o.Examples, examples("Response", mt)...)
				}
				continue
			}
			o.Errors = append(o.Errors, errorRow{Status: code, Codes: errorCodes(mt)})
		}
	}
	return o
}

// resultSchema finds the result member of a success answer, which may be
// one alternative of a oneOf when the method documents errors sent with
// status 200.
func resultSchema(s *openapi3.Schema) *openapi3.SchemaRef {
	if res := s.Properties["result"]; res != nil {
		return res
	}
	for _, alt := range s.OneOf {
		if alt.Value != nil && alt.Value.Properties["result"] != nil {
			return alt.Value.Properties["result"]
		}
	}
	return nil
}

// maxDepth bounds how deep nested members are listed.
const maxDepth = 3

// rows lists the members of an object schema, nested ones by dotted path.
func (r renderer) rows(ref *openapi3.SchemaRef, prefix string, depth int) []row {
	s := ref.Value
	if s == nil || depth > maxDepth {
		return nil
	}
	if s.Items != nil && s.Type.Is("array") {
		return r.rows(s.Items, prefix+"[]", depth+1)
	}
	if len(s.Properties) == 0 {
		if prefix == "result" {
			return []row{{Name: "result", Type: typeName(ref), Description: r.markdown(s.Description)}}
		}
		return nil
	}
	var out []row
	for _, name := range slices.Sorted(maps.Keys(s.Properties)) {
		p := s.Properties[name]
		path := name
		if prefix != "" {
			path = prefix + "." + name
		}
		desc := ""
		if p.Value != nil {
			desc = p.Value.Description
		}
		out = append(out, row{Name: path, Type: typeName(p), Required: slices.Contains(s.Required, name), Description: r.markdown(desc)})
		out = append(out, r.rows(p, path, depth+1)...)
	}
	return out
}

// typeName is a schema's type as a reader expects it: integer, string[],
// object, or the name of a shared schema.
func typeName(ref *openapi3.SchemaRef) string {
	if ref.Ref != "" {
		return ref.Ref[strings.LastIndexByte(ref.Ref, '/')+1:]
	}
	s := ref.Value
	if s == nil {
		return ""
	}
	switch {
	case s.Items != nil && s.Type.Is("array"):
		return typeName(s.Items) + "[]"
	case len(s.OneOf) > 0 || len(s.AnyOf) > 0:
		var alts []string
		for _, a := range append(slices.Clone(s.OneOf), s.AnyOf...) {
			alts = append(alts, typeName(a))
		}
		return strings.Join(alts, " | ")
	case s.Type != nil && len(*s.Type) > 0:
		t := strings.Join(*s.Type, " | ")
		if s.Format != "" {
			t += " (" + s.Format + ")"
		}
		return t
	}
	return "any"
}

// errorCodes lists the codes an error answer documents.
func errorCodes(mt *openapi3.MediaType) string {
	if mt == nil || mt.Schema == nil || mt.Schema.Value == nil {
		return ""
	}
	var codes []string
	collect := func(s *openapi3.Schema) {
		if e := s.Properties["error"]; e != nil && e.Value != nil {
			for _, v := range e.Value.Enum {
				codes = append(codes, toString(v))
			}
		}
	}
	collect(mt.Schema.Value)
	for _, alt := range mt.Schema.Value.OneOf {
		if alt.Value != nil {
			collect(alt.Value)
		}
	}
	slices.Sort(codes)
	return strings.Join(slices.Compact(codes), ", ")
}

func toString(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case float64:
		return strconv.FormatFloat(t, 'f', -1, 64)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// examples returns a media type's examples, indented.
func examples(title string, mt *openapi3.MediaType) []example {
	var out []example
	for _, name := range slices.Sorted(maps.Keys(mt.Examples)) {
		ex := mt.Examples[name]
		if ex == nil || ex.Value == nil {
			continue
		}
		b, err := json.MarshalIndent(ex.Value.Value, "", "  ")
		if err != nil {
			continue
		}
		t := title
		if ex.Value.Summary != "" {
			t += ": " + ex.Value.Summary
		}
		out = append(out, example{Title: t, JSON: string(b)})
	}
	return out
}
