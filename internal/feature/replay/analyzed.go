package replay

import (
	"encoding/json"
	"fmt"

	"github.com/b24gen/b24gen/analysis"
	"github.com/b24gen/b24gen/b24"
)

// The checks below replay examples against the analysis, whose types the
// generator emits: the documented types with what the page's examples
// show where the tables say nothing or contradict them. They say, without
// compiling anything, whether the generated code accepts an example.

// AnalyzedRequest replays a request body against the parameters the
// generated server checks.
func AnalyzedRequest(m *analysis.Method, body []byte) error {
	return Request(&b24.Method{Name: m.Model.Name, Params: Params(m.Request.Fields), NewRequest: func() any { return new(map[string]any) }}, body)
}

// AnalyzedResponse replays a success answer against the generated result
// type.
func AnalyzedResponse(m *analysis.Method, body []byte) error {
	var env struct {
		Result json.RawMessage `json:"result"`
	}
	if err := json.Unmarshal(body, &env); err != nil {
		return fmt.Errorf("not a JSON object: %w", err)
	}
	if env.Result == nil {
		return fmt.Errorf("the example has no result")
	}
	r := m.Result
	switch {
	case r.Shape == analysis.ShapeDescriptors:
		var d b24.FieldDescriptors
		if err := json.Unmarshal(env.Result, &d); err != nil {
			return fmt.Errorf("result: %w", err)
		}
		return nil
	case r.Field == nil, r.Shape == analysis.ShapeEmpty:
		// the generated client reads nothing of it
		return nil
	case r.Descriptors != "":
		var wrapper map[string]b24.FieldDescriptors
		if err := json.Unmarshal(env.Result, &wrapper); err != nil {
			return fmt.Errorf("result: %w", err)
		}
		return nil
	}
	return checkField(*r.Field, env.Result, "result")
}
