package openapi

import (
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/b24gen/b24gen/analysis"
	"github.com/b24gen/b24gen/b24/protocol"
	"github.com/b24gen/b24gen/model"
)

// The error answers a method documents: their responses, by status,
// and the schema and description of their codes.

// errorResponse is the response of the error codes a method documents for
// one status. Responses that hold only system errors are the same for most
// methods and are shared through components.responses.
func (b *builder) errorResponse(m *model.Method, status string, codes []model.Error) *openapi3.ResponseRef {
	var sig []string
	system := true
	for _, e := range codes {
		system = system && e.System
		sig = append(sig, e.Code+"\x00"+e.Message)
	}
	resp := func() *openapi3.Response {
		r := openapi3.NewResponse().WithDescription(errorDescription(codes)).WithContent(openapi3.NewContentWithJSONSchema(b.errorSchema(codes)))
		b.addExamples(r.Content["application/json"], m, model.ExampleError, codes)
		return r
	}
	if !system {
		return &openapi3.ResponseRef{Value: resp()}
	}
	name := "SystemError" + strings.ToUpper(status[:1]) + status[1:]
	key := strings.Join(sig, "\x01")
	if b.shared == nil {
		b.shared = map[string]string{}
	}
	if have, ok := b.shared[name]; ok && have != key {
		return &openapi3.ResponseRef{Value: resp()}
	}
	if _, ok := b.shared[name]; !ok {
		b.shared[name] = key
		r := openapi3.NewResponse().WithDescription(errorDescription(codes)).WithContent(openapi3.NewContentWithJSONSchema(b.errorSchema(codes)))
		if b.doc.Components.Responses == nil {
			b.doc.Components.Responses = openapi3.ResponseBodies{}
		}
		b.doc.Components.Responses[name] = &openapi3.ResponseRef{Value: r}
	}
	return &openapi3.ResponseRef{Ref: "#/components/responses/" + name, Value: b.doc.Components.Responses[name].Value}
}

// errorsByStatus groups a method's documented errors by status; 0 holds
// those documented without one. A code is there once for each message the
// page gives it (REST 3.0 pages list the cases of a code, one a row). The
// errors documented without a code are there by message, as plain text
// (analysis.PlainText), one per message as the runtime matches them
// (protocol.MessageKey).
func errorsByStatus(m *model.Method) map[int][]model.Error {
	out := map[int][]model.Error{}
	seen := map[string]bool{}
	for _, e := range m.Errors {
		key := strings.ToLower(e.Code) + "/" + strconv.Itoa(e.Status) + "/" + protocol.MessageKey(analysis.PlainText(e.Message))
		if e.Code == "" {
			e.Message = analysis.PlainText(e.Message)
			k := protocol.MessageKey(e.Message)
			if e.System || k == "" {
				continue
			}
			key = "message " + k + "/" + strconv.Itoa(e.Status)
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		out[e.Status] = append(out[e.Status], e)
	}
	return out
}

// documentedCodesExtension lists, on the code of an error answer, the
// codes the docs document for it with their HTTP statuses. Error codes are
// an open set: an enum would make strict generated clients fail to decode
// an answer with a code the docs do not list, instead of returning it as
// an API error.
const documentedCodesExtension = "x-b24-documented-codes"

// errorSchema is the error answer with the codes of one status, in the
// shape of the document's API.
func (b *builder) errorSchema(codes []model.Error) *openapi3.Schema {
	code := openapi3.NewStringSchema()
	code.Description = "The error code. Portals answer codes the documentation does not list, and the list changes with the docs, so the documented ones (" + documentedCodesExtension + ") do not restrict it."
	var documented []any
	seen := map[string]bool{}
	for _, e := range codes {
		if seen[e.Code] {
			continue
		}
		seen[e.Code] = true
		c := map[string]any{"code": e.Code}
		if e.Status != 0 {
			c["status"] = e.Status
		}
		documented = append(documented, c)
	}
	if len(documented) > 0 {
		code.Extensions = map[string]any{documentedCodesExtension: documented}
	}
	desc := openapi3.NewStringSchema()
	desc.Description = "What went wrong, in English."
	s := openapi3.NewObjectSchema()
	if b.v3 {
		inner := openapi3.NewObjectSchema()
		inner.Properties = openapi3.Schemas{"code": openapi3.NewSchemaRef("", code), "message": openapi3.NewSchemaRef("", desc),
			"validation": openapi3.NewSchemaRef("", openapi3.NewArraySchema().WithItems(openapi3.NewSchema()))}
		inner.Required = []string{"code"}
		s.Properties = openapi3.Schemas{"error": openapi3.NewSchemaRef("", inner)}
	} else {
		arg := openapi3.NewStringSchema()
		arg.Description = "The parameter the error is about, when the portal names it."
		s.Properties = openapi3.Schemas{"error": openapi3.NewSchemaRef("", code), "error_description": openapi3.NewSchemaRef("", desc), "argument": openapi3.NewSchemaRef("", arg)}
	}
	s.Required = []string{"error"}
	return s
}

func errorDescription(codes []model.Error) string {
	var b strings.Builder
	b.WriteString("Error.")
	for _, e := range codes {
		if e.Code == "" {
			// an error without a code: the portal sends only the message
			b.WriteString("\n\n- no code")
		} else {
			b.WriteString("\n\n- `" + e.Code + "`")
		}
		if e.Message != "" {
			b.WriteString(": " + e.Message)
		}
		if e.Description != "" {
			b.WriteString(" — " + e.Description)
		}
		// REST 3.0 pages name the fields of each case and how to fix it
		var extra []string
		if len(e.Fields) > 0 {
			extra = append(extra, "Fields: `"+strings.Join(e.Fields, "`, `")+"`.")
		}
		if e.Fix != "" {
			extra = append(extra, "To fix: "+e.Fix)
		}
		if len(extra) > 0 {
			b.WriteString(". " + strings.Join(extra, " "))
		}
	}
	return b.String()
}
