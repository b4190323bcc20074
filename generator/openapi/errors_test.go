package openapi

import (
	"slices"
	"strings"
	"testing"

	"github.com/b24gen/b24gen/analysis"
	"github.com/b24gen/b24gen/model"
	"github.com/getkin/kin-openapi/openapi3"
)

// TestErrorsWithoutCode checks that the errors a page documents without a
// code are in the error answer of their status: an empty code among the
// codes, their messages in the description, and the page's example of one
// attached; and that a REST 3.0 example attaches by its inner code.
func TestErrorsWithoutCode(t *testing.T) {
	api := &model.API{Methods: []model.Method{{
		Name: "shop.deal.delete", File: "deal-delete.md",
		Errors: []model.Error{
			{Message: "`ID is not defined or invalid`", Description: "Нет id", Status: 400},
			{Message: "Access denied.", Status: 400},
			{Code: "DEAL_LOCKED", Message: "Deal is locked", Status: 409},
			{Description: "Другие ошибки", Status: 400},
		},
		Examples: []model.Example{{Kind: model.ExampleError, JSON: []byte(`{"error":"","error_description":"ID is not defined or invalid."}`)}},
	}}}
	api.Normalize()
	doc, _, err := Generate(api, "")
	if err != nil {
		t.Fatal(err)
	}
	op := doc.Paths.Value("/shop.deal.delete").Post
	r := op.Responses.Value("400")
	if r == nil {
		t.Fatal("no 400 answer")
	}
	desc := *r.Value.Description
	if !strings.Contains(desc, "- no code: ID is not defined or invalid — Нет id") || !strings.Contains(desc, "- no code: Access denied.") {
		t.Errorf("the description does not list the messages:\n%s", desc)
	}
	mt := r.Value.Content["application/json"]
	code := mt.Schema.Value.Properties["error"].Value
	if got := documentedCodes(code); !slices.Equal(got, []string{""}) || len(code.Enum) != 0 {
		t.Errorf("the codes of 400 are %q (enum %v), want the empty code once, documented, not an enum", got, code.Enum)
	}
	if len(mt.Examples) != 1 {
		t.Errorf("%d examples on the 400 answer, want the page's one", len(mt.Examples))
	}
	if r := op.Responses.Value("409"); r == nil || strings.Contains(*r.Value.Description, "no code") {
		t.Error("the 409 answer should list DEAL_LOCKED alone")
	}
}

func TestV3ErrorExampleAttaches(t *testing.T) {
	api := &model.API{Methods: []model.Method{{
		Name: "shop.note.get", File: "note-get.md", API: model.APIv3,
		Errors: []model.Error{
			{Code: "BITRIX_REST_V3_EXCEPTION_ENTITYNOTFOUNDEXCEPTION", Message: "Note not found", Status: 404, Fields: []string{"id"}, Fix: "Pass an existing `id`"},
			{Code: "BITRIX_REST_V3_EXCEPTION_VALIDATION_REQUESTVALIDATIONEXCEPTION", Message: "Wrong type", Status: 400, Fields: []string{"id"}},
			{Code: "BITRIX_REST_V3_EXCEPTION_VALIDATION_REQUESTVALIDATIONEXCEPTION", Message: "Unknown field", Status: 400, Fields: []string{"select", "order"}},
		},
		Examples: []model.Example{{Kind: model.ExampleError, JSON: []byte(`{"error":{"code":"BITRIX_REST_V3_EXCEPTION_ENTITYNOTFOUNDEXCEPTION","message":"Note not found"}}`)}},
	}}}
	api.Normalize()
	docV3, _, err := Generate(api, model.APIv3)
	if err != nil {
		t.Fatal(err)
	}
	r := docV3.Paths.Value("/shop.note.get").Post.Responses.Value("404")
	if r == nil {
		t.Fatal("no 404 answer")
	}
	if n := len(r.Value.Content["application/json"].Examples); n != 1 {
		t.Errorf("%d examples on the 404 answer, want the page's one", n)
	}
	if desc := *r.Value.Description; !strings.Contains(desc, "Note not found. Fields: `id`. To fix: Pass an existing `id`") {
		t.Errorf("the 404 answer does not give the fields and the fix:\n%s", desc)
	}
	// every row of a code is a case of it: each is listed, the code once
	r = docV3.Paths.Value("/shop.note.get").Post.Responses.Value("400")
	desc := *r.Value.Description
	if !strings.Contains(desc, "Wrong type. Fields: `id`.") || !strings.Contains(desc, "Unknown field. Fields: `select`, `order`.") {
		t.Errorf("the 400 answer does not list both cases:\n%s", desc)
	}
	code := r.Value.Content["application/json"].Schema.Value.Properties["error"].Value.Properties["code"].Value
	if got := documentedCodes(code); len(got) != 1 || len(code.Enum) != 0 {
		t.Errorf("codes %q (enum %v), want one, documented, not an enum", got, code.Enum)
	}
}

// documentedCodes returns the codes an error code schema documents.
func documentedCodes(code *openapi3.Schema) []string {
	var out []string
	list, _ := code.Extensions[documentedCodesExtension].([]any)
	for _, c := range list {
		out = append(out, c.(map[string]any)["code"].(string))
	}
	return out
}

// TestUndocumentedCodeValidates: an answer with a code the page does not
// list is a valid error answer, as a strict client validating answers
// against the document sees it (the codes were an enum, and such an answer
// failed validation instead of coming back as an API error).
func TestUndocumentedCodeValidates(t *testing.T) {
	for _, rest := range []string{"", model.APIv3} {
		api := &model.API{Methods: []model.Method{{
			Name: "shop.deal.get", File: "deal-get.md", API: rest,
			Errors: []model.Error{{Code: "NOT_FOUND", Message: "Not found", Status: 400}},
		}}}
		api.Normalize()
		doc, _, err := Generate(api, rest)
		if err != nil {
			t.Fatal(err)
		}
		schema := doc.Paths.Value("/shop.deal.get").Post.Responses.Value("400").Value.Content["application/json"].Schema.Value
		body := map[string]any{"error": "PORTAL_DELETED", "error_description": "The portal was deleted"}
		if rest == model.APIv3 {
			body = map[string]any{"error": map[string]any{"code": "PORTAL_DELETED", "message": "The portal was deleted"}}
		}
		if err := schema.VisitJSON(body); err != nil {
			t.Errorf("%q: an undocumented code fails validation: %v", rest, err)
		}
	}
}

// TestJSONBodiesByDefault: request bodies are JSON alone unless forms are
// asked for; ogen stops at the forms' nested parameters.
func TestJSONBodiesByDefault(t *testing.T) {
	api := &model.API{Methods: []model.Method{{
		Name: "shop.deal.add", File: "deal-add.md",
		Params: []model.Field{{Name: "fields", Base: "object", Fields: []model.Field{{Name: "TITLE", Base: "string"}}}},
	}}}
	api.Normalize()
	for _, forms := range []bool{false, true} {
		doc, _, err := Document(analysis.Analyze(api, analysis.Options{}), "", Options{Forms: forms})
		if err != nil {
			t.Fatal(err)
		}
		content := doc.Paths.Value("/shop.deal.add").Post.RequestBody.Value.Content
		if _, ok := content["application/json"]; !ok {
			t.Errorf("forms %v: no JSON body", forms)
		}
		if _, ok := content["application/x-www-form-urlencoded"]; ok != forms {
			t.Errorf("forms %v: a form body is there: %v", forms, ok)
		}
	}
}
