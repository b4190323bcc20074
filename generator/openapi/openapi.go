// Package openapi emits the OpenAPI 3.0 document of the model with
// kin-openapi: one POST operation per method, with typed request and result
// schemas, the error answers the method documents and the page's examples,
// on top of the base document in templates/openapi.yaml.
package openapi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"gopkg.in/yaml.v3"

	"github.com/b24gen/b24gen/analysis"
	"github.com/b24gen/b24gen/b24/protocol"
	"github.com/b24gen/b24gen/internal/support/naming"
	"github.com/b24gen/b24gen/model"
	"github.com/b24gen/b24gen/templates"
)

// Generate builds the document of one API — the classic REST API (restAPI
// "") or REST 3.0 ("v3"), which have different base URLs and error shapes —
// for the methods of api, and validates it. The warnings list what it left
// out.
func Generate(api *model.API, restAPI string) (*openapi3.T, []Warning, error) {
	return Document(analysis.Analyze(api, analysis.Options{}), restAPI, Options{})
}

// Options tune the document.
type Options struct {
	// Forms documents form-encoded request bodies beside JSON ones. Portals
	// read both, but the forms' nested objects and lists (fields[TITLE],
	// select[0]) are more than several strict generators implement (ogen
	// stops at them), so JSON alone is the default.
	Forms bool
}

// Document builds the document of one API from the analysis of the model,
// and validates it. The warnings list what it left out.
func Document(a *analysis.API, restAPI string, opts Options) (*openapi3.T, []Warning, error) {
	doc, err := loadBase()
	if err != nil {
		return nil, nil, err
	}
	b := &builder{doc: doc, v3: restAPI == model.APIv3, forms: opts.Forms}
	if b.v3 {
		adaptToV3(doc)
	}
	dups := map[*model.Method][]*model.Method{}
	for _, d := range a.Duplicates {
		dups[d.Kept] = append(dups[d.Kept], d.Page)
	}
	tags := map[string]bool{}
	for _, m := range a.Methods {
		if m.Model.API != restAPI {
			continue
		}
		op, err := b.operation(m)
		if err != nil {
			return nil, nil, err
		}
		doc.Paths.Set("/"+m.Model.Name, &openapi3.PathItem{Post: op})
		for _, t := range op.Tags {
			tags[t] = true
		}
		// a page left out comes right after the one kept, in the model's order
		for _, d := range dups[m.Model] {
			b.warnings = append(b.warnings, Warning{File: d.File, Line: d.Line, Method: d.Name,
				Message: fmt.Sprintf("%s is also documented in %s; the document has that page only", d.Name, m.Model.File)})
		}
	}
	if !b.v3 && a.Events != nil {
		b.addEvents(a.Events)
	}
	names := make([]string, 0, len(tags))
	for t := range tags {
		names = append(names, t)
	}
	slices.Sort(names)
	for _, t := range names {
		doc.Tags = append(doc.Tags, &openapi3.Tag{Name: t, Description: "Methods of the " + t + " scope."})
	}
	// Examples were checked against their schemas as they were added
	// (conform); the rest of the document is validated here.
	if err := doc.Validate(context.Background(), openapi3.DisableExamplesValidation()); err != nil {
		return nil, nil, fmt.Errorf("openapi: the generated document does not validate: %w", err)
	}
	return doc, b.warnings, nil
}

// loadBase reads the base document: YAML through yaml.v3, then JSON into
// kin-openapi's loader.
func loadBase() (*openapi3.T, error) {
	var base any
	if err := yaml.Unmarshal(templates.OpenAPIBase, &base); err != nil {
		return nil, fmt.Errorf("openapi: templates/openapi.yaml: %w", err)
	}
	js, err := json.Marshal(base)
	if err != nil {
		return nil, fmt.Errorf("openapi: templates/openapi.yaml: %w", err)
	}
	doc, err := openapi3.NewLoader().LoadFromData(js)
	if err != nil {
		return nil, fmt.Errorf("openapi: templates/openapi.yaml: %w", err)
	}
	if doc.Paths == nil {
		doc.Paths = openapi3.NewPaths()
	}
	if doc.Components.Schemas == nil {
		doc.Components.Schemas = openapi3.Schemas{}
	}
	return doc, nil
}

// builder adds the operations of methods to a document.
type builder struct {
	doc      *openapi3.T
	v3       bool
	forms    bool // form-encoded request bodies too (Options.Forms)
	warnings []Warning
	// shared are the shared error responses made so far, by name, with
	// the codes each holds.
	shared map[string]string
}

// adaptToV3 turns the base document into the one of REST 3.0: the same
// servers under /rest/api/, and errors as {"error":{"code","message"}}.
func adaptToV3(doc *openapi3.T) {
	doc.Info.Title += " 3.0"
	doc.Info.Description = "REST 3.0 methods of Bitrix24, called under /rest/api/. " + doc.Info.Description
	for _, srv := range doc.Servers {
		srv.URL = strings.Replace(srv.URL, "/rest", "/rest/api", 1)
	}
}

// Warning is something of a page the document could not carry.
type Warning struct {
	File    string
	Line    int
	Method  string
	Message string
}

func (w Warning) String() string {
	if w.File == "" {
		return "warning: " + w.Message
	}
	return fmt.Sprintf("%s:%d: warning: %s", w.File, w.Line, w.Message)
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return strings.TrimSpace(l)
}

// ref is a resolved reference to a component schema.
func (b *builder) ref(name string) *openapi3.SchemaRef {
	return openapi3.NewSchemaRef("#/components/schemas/"+name, b.doc.Components.Schemas[name].Value)
}

// SchemaName is the component name of a method's schemas: "BiconnectorSourceDelete".
func SchemaName(method string) string { return naming.Ident(method, naming.Exported) }

func (b *builder) operation(am *analysis.Method) (*openapi3.Operation, error) {
	m := am.Model
	op := openapi3.NewOperation()
	op.OperationID = m.Name
	op.Summary = m.Name
	if m.Title != "" {
		op.Summary = m.Title
	}
	op.Description = description(m, am.Paging)
	op.Deprecated = m.Deprecated
	if am.Paging != nil {
		op.Extensions = map[string]any{pagingExtension: pagingValue(am.Paging)}
	}
	tag := m.Scope
	if tag == "" {
		tag, _, _ = strings.Cut(m.Name, ".")
	}
	op.Tags = []string{strings.Split(tag, ",")[0]}
	name := SchemaName(m.Name)

	// the request; OAuth applications send their access token in it
	req := b.objectSchema(am.Request.Fields, true, false)
	req.Description = "The parameters of " + m.Name + "."
	addAlternatives(req, m.Alternatives)
	orderSchemas(req, am.Request)
	if _, documented := req.Properties["auth"]; !documented {
		auth := openapi3.NewStringSchema()
		auth.Description = "The OAuth access token, for applications; calls through an incoming webhook do not send it."
		req.Properties["auth"] = openapi3.NewSchemaRef("", auth)
	}
	b.doc.Components.Schemas[name+"Request"] = openapi3.NewSchemaRef("", req)
	body := openapi3.NewRequestBody().WithRequired(hasRequired(am.Request.Fields)).
		WithContent(openapi3.NewContentWithJSONSchemaRef(b.ref(name + "Request")))
	b.addExamples(body.Content["application/json"], m, model.ExampleRequest, nil)
	if b.forms {
		body.Content["application/x-www-form-urlencoded"] = &openapi3.MediaType{Schema: b.ref(name + "Request")}
	}
	op.RequestBody = &openapi3.RequestBodyRef{Value: body}

	responses := openapi3.NewResponses()
	byStatus := errorsByStatus(m)
	if am.Result.Shape == analysis.ShapeFile {
		responses.Set("200", &openapi3.ResponseRef{Value: b.fileResponse(m, byStatus[200])})
	} else {
		responses.Set("200", &openapi3.ResponseRef{Value: b.successResponse(am, byStatus[200])})
	}
	statuses := make([]int, 0, len(byStatus))
	for st := range byStatus {
		if st != 200 {
			statuses = append(statuses, st)
		}
	}
	slices.Sort(statuses)
	for _, st := range statuses {
		key := "default"
		if st != 0 {
			key = strconv.Itoa(st)
		}
		responses.Set(key, b.errorResponse(m, key, byStatus[st]))
	}
	op.Responses = responses
	return op, nil
}

// fileResponse is the success answer of a method that answers with a
// file: its bytes, of any media type (the file's own: a strict client
// refuses an image/png answer to application/octet-stream); and the errors
// the page documents with status 200, as JSON.
func (b *builder) fileResponse(m *model.Method, errorsWith200 []model.Error) *openapi3.Response {
	file := openapi3.NewStringSchema()
	file.Format = "binary"
	file.Description = "The file's bytes; its media type and name are in the Content-Type and Content-Disposition headers."
	ok := openapi3.NewResponse().WithDescription("The file " + m.Name + " answers with, not JSON.")
	ok.Content = openapi3.Content{"*/*": openapi3.NewMediaType().WithSchema(file)}
	if len(errorsWith200) > 0 {
		ok.Content["application/json"] = openapi3.NewMediaType().WithSchema(b.errorSchema(errorsWith200))
		b.addExamples(ok.Content["application/json"], m, model.ExampleError, errorsWith200)
		ok.Description = ptr("The file " + m.Name + " answers with, or one of the errors the page documents with status 200.")
	}
	return ok
}

// successResponse is the success answer of a method, with the errors the
// page documents with status 200.
func (b *builder) successResponse(am *analysis.Method, errorsWith200 []model.Error) *openapi3.Response {
	m := am.Model
	name := SchemaName(m.Name)
	success := openapi3.NewObjectSchema()
	success.Description = "The answer of " + m.Name + " on success."
	success.Properties = openapi3.Schemas{
		"result": openapi3.NewSchemaRef("", b.resultSchema(am.Result)),
		"time":   b.ref("Time"),
	}
	for _, member := range []struct{ name, desc string }{
		{protocol.Total, "The number of rows the call's filter matches in all."},
		{protocol.Next, "The start of the next page, when there is one."},
	} {
		if model.FindField(m.Returns, member.name) != nil {
			n := openapi3.NewIntegerSchema()
			n.Description = member.desc
			success.Properties[member.name] = openapi3.NewSchemaRef("", n)
		}
	}
	success.Required = []string{"result"}
	// Not "…Response": oapi-codegen names its response wrappers so.
	widenToExamples(success, m)
	b.doc.Components.Schemas[name+"Success"] = openapi3.NewSchemaRef("", success)
	successRef := b.ref(name + "Success")

	ok := openapi3.NewResponse().WithDescription("Success.")
	if codes := errorsWith200; len(codes) > 0 {
		// The page documents error answers sent with HTTP status 200.
		one := openapi3.NewOneOfSchema()
		one.OneOf = openapi3.SchemaRefs{successRef, openapi3.NewSchemaRef("", b.errorSchema(codes))}
		ok.Content = openapi3.NewContentWithJSONSchema(one)
		ok.Description = ptr("Success, or one of the errors the page documents with status 200.")
	} else {
		ok.Content = openapi3.NewContentWithJSONSchemaRef(successRef)
	}
	b.addExamples(ok.Content["application/json"], m, model.ExampleResponse, nil)
	if len(errorsWith200) > 0 {
		b.addExamples(ok.Content["application/json"], m, model.ExampleError, errorsWith200)
	}
	return ok
}

func ptr[T any](v T) *T { return &v }

// description is an operation's description: the summary, who may call it,
// how it pages and where it is documented.
func description(m *model.Method, paging *analysis.Paging) string {
	var parts []string
	if m.Summary != "" {
		parts = append(parts, m.Summary)
	}
	if m.Permissions != "" {
		parts = append(parts, "Who can call it: "+m.Permissions+".")
	}
	if m.Scope != "" {
		parts = append(parts, "Scope: `"+m.Scope+"`.")
	}
	if paging != nil {
		parts = append(parts, pagingDescription(paging))
	}
	parts = append(parts, "Documented in `"+m.File+"`.")
	return strings.Join(parts, "\n\n")
}

func hasRequired(fs []model.Field) bool {
	for _, f := range fs {
		if f.Required.IsRequired() {
			return true
		}
	}
	return false
}

// objectSchema is the schema of an object with documented fields: of
// parameters (params) or not, and of what portals send (open: an answer
// or an event), whose enumerations stay open (openEnum).
// orderSchemas gives the orders among a request's parameters the schema
// of their values: a direction each. The members' order is the sort's
// precedence, which a JSON object keeps and a schema cannot say.
func orderSchemas(req *openapi3.Schema, t *analysis.Type) {
	for _, mem := range t.Members {
		prop := req.Properties[mem.Field.Name]
		if mem.Query != analysis.QueryOrder || prop == nil || prop.Value == nil {
			continue
		}
		dir := openapi3.NewStringSchema()
		dir.Description = "The direction of the sort by this field: ASC or DESC, in any case. The members' order is the sort's precedence."
		prop.Value.AdditionalProperties = openapi3.AdditionalProperties{Schema: openapi3.NewSchemaRef("", dir)}
	}
}

func (b *builder) objectSchema(fields []model.Field, params, open bool) *openapi3.Schema {
	s := openapi3.NewObjectSchema()
	s.Properties = openapi3.Schemas{}
	names := naming.NewFields()
	var extra []model.Field
	for _, f := range fields {
		if analysis.IsPlaceholderField(&f) {
			extra = append(extra, f)
			continue
		}
		if _, dup := s.Properties[f.Name]; dup {
			continue
		}
		ref := b.fieldSchemaRef(f, params, open)
		// Two members whose names give one identifier (authorId and the
		// older author_id) get the Go names the Go emitter gives them, for
		// generators of other languages (oapi-codegen reads x-go-name on
		// the property, ogen x-ogen-properties on the object).
		// A name that is not ASCII gets its Go name too: not every
		// generator makes an identifier of "Название поля".
		if id := names.Name(f.Name); (id != naming.Ident(f.Name, naming.Exported) || !isASCII(f.Name)) && ref.Ref == "" {
			ref.Value.Extensions = map[string]any{"x-go-name": id}
			if s.Extensions == nil {
				s.Extensions = map[string]any{}
			}
			renamed, _ := s.Extensions["x-ogen-properties"].(map[string]any)
			if renamed == nil {
				renamed = map[string]any{}
				s.Extensions["x-ogen-properties"] = renamed
			}
			renamed[f.Name] = map[string]any{"name": id}
		}
		s.Properties[f.Name] = ref
		if params && f.Required.IsRequired() {
			s.Required = append(s.Required, f.Name)
		}
	}
	if len(extra) > 0 {
		s.AdditionalProperties = openapi3.AdditionalProperties{Schema: openapi3.NewSchemaRef("", b.placeholderSchema(extra))}
	}
	return s
}

// placeholderSchema is the additionalProperties schema of an object whose
// page documents placeholder fields (UF_CRM_..., <код_поля>, {BOT_ID}):
// the members they stand for, of any value (the pages' own examples give
// them values their tables do not, null among them), with a description
// that names each placeholder with its description.
func (b *builder) placeholderSchema(fields []model.Field) *openapi3.Schema {
	s := openapi3.NewSchema()
	var desc []string
	for _, f := range fields {
		d := "Members named " + f.Name + " (a placeholder)."
		if f.Description != "" {
			d = "Members named " + f.Name + ": " + f.Description
		}
		desc = append(desc, d)
	}
	s.Description = strings.Join(desc, "\n\n")
	return s
}

// fieldSchemaRef is the schema of a field, or a reference to the shared
// Time schema for the envelope's "time".
func (b *builder) fieldSchemaRef(f model.Field, params, open bool) *openapi3.SchemaRef {
	if strings.EqualFold(f.Type, "time") && !f.Array && len(f.Fields) == 0 {
		return b.ref("Time")
	}
	return openapi3.NewSchemaRef("", b.fieldSchema(f, params, open))
}

// fieldSchema is the schema of one documented field.
func (b *builder) fieldSchema(f model.Field, params, open bool) *openapi3.Schema {
	var s *openapi3.Schema
	if analysis.IsLocalized(&f) {
		s = localizedSchema()
		s.Description = f.Description
		return s
	}
	if f.IsObject() {
		s = b.objectSchema(f.Fields, params, open)
	} else {
		s = typeSchema(f.Base)
	}
	e := analysis.EnumOf(&f)
	if e != nil {
		s.Enum = enumValues(e)
		s.Nullable = e.Nullable
	}
	if f.Default != "" {
		setDefault(s, f.Default)
	}
	if (open || e != nil && e.Open) && s.Enum != nil {
		openEnum(s)
	}
	if f.Array {
		a := openapi3.NewArraySchema()
		a.Items = openapi3.NewSchemaRef("", s)
		s = a
	}
	if f.Map {
		// keyed by IDs or codes, each value as the field describes
		m := openapi3.NewObjectSchema()
		m.AdditionalProperties = openapi3.AdditionalProperties{Schema: openapi3.NewSchemaRef("", s)}
		s = m
	}
	s.Description = f.Description
	return s
}

// localizedSchema is the schema of a text by language (lang_map,
// string|lang_map): one text, or texts by language code.
func localizedSchema() *openapi3.Schema {
	byLang := openapi3.NewObjectSchema()
	byLang.AdditionalProperties = openapi3.AdditionalProperties{Schema: openapi3.NewSchemaRef("", openapi3.NewStringSchema())}
	return &openapi3.Schema{
		AnyOf:      openapi3.SchemaRefs{openapi3.NewSchemaRef("", openapi3.NewStringSchema()), openapi3.NewSchemaRef("", byLang)},
		Extensions: map[string]any{"x-b24-type": "lang_map"},
	}
}

// openEnumExtension lists the documented values of an answer's field
// without closing the schema to others: portals send values the
// documentation does not list (Zalando's convention, which generators
// such as openapi-generator read).
const openEnumExtension = "x-extensible-enum"

// openEnum turns a schema's enum into the documented values of an answer:
// they move to openEnumExtension, so that validators accept other values.
func openEnum(s *openapi3.Schema) {
	if s.Extensions == nil {
		s.Extensions = map[string]any{}
	}
	s.Extensions[openEnumExtension] = s.Enum
	s.Enum = nil
}

// enumValues are the values of an enumeration in its JSON type.
func enumValues(e *analysis.Enum) []any {
	out := make([]any, len(e.Values))
	for i, v := range e.Values {
		out[i] = v
		if e.Ints != nil {
			out[i] = e.Ints[i]
		}
	}
	return out
}

// setDefault sets the documented default when it is a value of the
// schema; a default the schema does not allow ("null" for a string with an
// enum) stays only in the description.
func setDefault(s *openapi3.Schema, def string) {
	var v any = def
	switch {
	case s.Type == nil:
		return
	case s.Type.Is("integer"):
		n, err := strconv.ParseInt(def, 10, 64)
		if err != nil {
			return
		}
		v = n
	case s.Type.Is("number"):
		f, err := strconv.ParseFloat(def, 64)
		if err != nil {
			return
		}
		v = f
	case s.Type.Is("boolean"):
		switch strings.ToLower(def) {
		case "true", "y", "1":
			v = true
		case "false", "n", "0":
			v = false
		default:
			return
		}
	case !s.Type.Is("string"):
		return
	}
	if s.VisitJSON(v) == nil {
		s.Default = v
	}
}

// typeSchema maps a base type to a schema, by the base type table. Types
// without a JSON Schema counterpart (time, file, any) accept any value;
// all but any say what they are in x-b24-type.
func typeSchema(t model.Base) *openapi3.Schema {
	row, _ := model.BaseOf(t)
	var s *openapi3.Schema
	switch row.OpenAPIType {
	case "":
		s = openapi3.NewSchema()
		if t != "" && t != protocol.Any {
			s.Extensions = map[string]any{"x-b24-type": string(t)}
		}
		return s
	case "array":
		return openapi3.NewArraySchema().WithItems(openapi3.NewSchema())
	case "object":
		s = openapi3.NewObjectSchema()
	case "integer":
		s = openapi3.NewIntegerSchema()
	case "number":
		s = openapi3.NewFloat64Schema()
	case "boolean":
		s = openapi3.NewBoolSchema()
	default:
		s = openapi3.NewStringSchema()
	}
	if row.OpenAPIFormat != "" {
		s.Format = row.OpenAPIFormat
	}
	return s
}

// resultSchema is the schema of a method's result, any value when the
// page does not say.
func (b *builder) resultSchema(r analysis.Result) *openapi3.Schema {
	if r.Shape == analysis.ShapeDescriptors {
		return b.descriptorsSchema(r)
	}
	if r.Shape == analysis.ShapeEmpty {
		s := openapi3.NewSchema()
		s.Description = "Carries nothing: the page's examples show it as " + r.Empty + "."
		return s
	}
	if r.Field == nil {
		return openapi3.NewSchema()
	}
	s := b.fieldSchema(*r.Field, false, true)
	if r.Descriptors != "" && s.Properties[r.Descriptors] != nil {
		// the one member that holds the descriptors (crm.item.fields)
		d := b.descriptorsSchema(r)
		d.Description = s.Properties[r.Descriptors].Value.Description
		s.Properties[r.Descriptors] = openapi3.NewSchemaRef("", d)
	}
	if r.Origin != analysis.Documented {
		// the page's examples say what its table does not
		if s.Extensions == nil {
			s.Extensions = map[string]any{}
		}
		s.Extensions[originExtension] = r.Origin.String()
	}
	return s
}

// originExtension says of a result schema that the page's table does not
// give it: "inferred" from the page's examples where the table says
// nothing, "widened" where the examples contradict it.
const originExtension = "x-b24-origin"

// addExamples adds the page's examples of a kind to a media type. For
// error examples, only those whose code is among codes.
func (b *builder) addExamples(mt *openapi3.MediaType, m *model.Method, kind model.ExampleKind, codes []model.Error) {
	if mt == nil || mt.Schema == nil {
		return
	}
	n := 0
	for _, ex := range m.Examples {
		if ex.Kind != kind {
			continue
		}
		v, err := decodeJSON(ex.JSON)
		if err != nil {
			continue
		}
		if kind == model.ExampleError && !exampleHasCode(v, codes) {
			continue
		}
		if v, err = conform(mt.Schema.Value, v); err != nil {
			b.warnings = append(b.warnings, Warning{File: m.File, Line: ex.Line, Method: m.Name,
				Message: fmt.Sprintf("%s example left out of the OpenAPI document: it does not match the documented types: %s", kind, firstLine(err.Error()))})
			continue
		}
		n++
		name := string(kind)
		if ex.Title != "" {
			name = slug(ex.Title)
		}
		if _, dup := mt.Examples[name]; dup || name == "" {
			name = fmt.Sprintf("%s-%d", kind, n)
		}
		if mt.Examples == nil {
			mt.Examples = openapi3.Examples{}
		}
		e := openapi3.NewExample(v)
		e.Summary = ex.Title
		mt.Examples[name] = &openapi3.ExampleRef{Value: e}
	}
}

func exampleHasCode(v any, codes []model.Error) bool {
	obj, ok := v.(map[string]any)
	if !ok {
		return false
	}
	code := fmt.Sprint(obj["error"])
	if inner, ok := obj["error"].(map[string]any); ok {
		// REST 3.0: {"error":{"code":…,"message":…}}
		code = fmt.Sprint(inner["code"])
	}
	for _, e := range codes {
		if strings.EqualFold(e.Code, code) {
			return true
		}
	}
	return false
}

func decodeJSON(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	return v, err
}

// slug turns an example title ("cURL (OAuth)") into an example key
// ("curl-oauth").
func slug(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		if ('a' <= r && r <= 'z') || ('0' <= r && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return b.String()
}

// isASCII reports whether s is ASCII alone.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
