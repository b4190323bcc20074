package replay

import (
	"testing"

	"github.com/b24gen/b24gen/analysis"
	"github.com/b24gen/b24gen/b24"
	"github.com/b24gen/b24gen/model"
)

// values are JSON values portals and pages send, for holding the
// analysis's rules of the runtime's types to the runtime itself.
var values = []string{
	`1`, `-2`, `1.5`, `12.0`, `1e3`, `12345678901234567890`, `"5"`, `" 7 "`, `"1e3"`, `"1.5"`, `"abc"`, `""`, `" "`,
	`true`, `false`, `null`, `[]`, `{}`, `[1,2]`, `["a"]`, `{"a":1}`, `{"0":"x","1":"y"}`, `"Y"`, `"N"`, `"yes"`,
	`"2024-01-02"`, `"2024-01-02T10:00:00+03:00"`, `"02.01.2024 10:00:00"`, `"0x1A"`, `"1/3"`, `"undefined"`,
}

var bases = []model.Base{"string", "text", "integer", "double", "decimal", "boolean", "char", "date", "datetime", "time", "object", "array", "any", "file"}

func analyzeOne(t *testing.T, m model.Method) *analysis.Method {
	t.Helper()
	api := &model.API{Methods: []model.Method{m}}
	api.Normalize()
	a, err := analysis.Build(api, analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return a.Methods[0]
}

// TestAnalysisReadsAsTheRuntime: for a result documented as each base
// type and an example of each value, the analysis keeps the documented
// type exactly when the runtime's answer type reads the value, and the
// type it gives reads it.
func TestAnalysisReadsAsTheRuntime(t *testing.T) {
	for _, base := range bases {
		for _, v := range values {
			doc := model.Field{Name: "result", Type: string(base), Base: base}
			runtime := checkField(doc, []byte(v), "result") == nil
			body := `{"result":` + v + `}`
			m := analyzeOne(t, model.Method{Name: "shop.item.get", File: "x.md", Returns: []model.Field{doc},
				Examples: []model.Example{{Kind: model.ExampleResponse, JSON: []byte(body)}}})
			if kept := m.Result.Origin == analysis.Documented; kept != runtime && m.Result.Origin != analysis.Inferred {
				t.Errorf("result %s, example %s: the runtime reads it: %v; the analysis keeps the type: %v", base, v, runtime, kept)
			}
			if err := AnalyzedResponse(m, []byte(body)); err != nil {
				t.Errorf("result %s, example %s: the generated type refuses it: %v", base, v, err)
			}
		}
	}
}

// TestAnalysisChecksAsTheServer: the same for a parameter, with the
// generated server's checks.
func TestAnalysisChecksAsTheServer(t *testing.T) {
	for _, base := range bases {
		for _, v := range values {
			doc := model.Field{Name: "p", Type: string(base), Base: base}
			body := `{"p":` + v + `}`
			server := Request(&b24.Method{Name: "shop.item.update", Params: Params([]model.Field{doc}), NewRequest: func() any { return new(map[string]any) }}, []byte(body)) == nil
			m := analyzeOne(t, model.Method{Name: "shop.item.update", File: "x.md", Params: []model.Field{doc},
				Examples: []model.Example{{Kind: model.ExampleRequest, JSON: []byte(body)}}})
			origin := m.Request.Members[0].Origin
			if kept := origin == analysis.Documented; kept != server && origin != analysis.Inferred {
				t.Errorf("parameter %s, example %s: the server accepts it: %v; the analysis keeps the type: %v", base, v, server, kept)
			}
			if err := AnalyzedRequest(m, []byte(body)); err != nil {
				t.Errorf("parameter %s, example %s: the generated server refuses it: %v", base, v, err)
			}
		}
	}
}
