// Package replay checks the documentation's own examples against the
// generated code: every request example must pass the method's documented
// parameter checks and decode into its request type, and every response
// example's result must decode into its result type.
package replay

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/b24gen/b24gen/b24"
	"github.com/b24gen/b24gen/b24/b24server"
	"github.com/b24gen/b24gen/model"
)

// Request replays a request body: the parameters a generated server would
// read from it must pass the checks and decode into the request type.
func Request(m *b24.Method, body []byte) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var params map[string]any
	if err := dec.Decode(&params); err != nil {
		if t := bytes.TrimSpace(body); len(t) > 0 && t[0] == '[' {
			return errors.New("the body is a JSON list of positional parameters, not an object of named ones, which is all a generated server reads")
		}
		return fmt.Errorf("not a JSON object: %w", err)
	}
	if params == nil {
		params = map[string]any{}
	}
	delete(params, "auth")
	if verr := b24server.Validate(m, params); verr != nil {
		return verr
	}
	js, err := json.Marshal(params)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(js, m.NewRequest()); err != nil {
		return fmt.Errorf("decoding into the request type: %w", err)
	}
	return nil
}

// Response replays a success answer: its result must decode into the
// result type.
func Response(m *b24.Method, body []byte) error {
	var env struct {
		Result json.RawMessage `json:"result"`
	}
	if err := json.Unmarshal(body, &env); err != nil {
		return fmt.Errorf("not a JSON object: %w", err)
	}
	if env.Result == nil {
		return errors.New("the example has no result")
	}
	if m.File {
		return errors.New("the method answers with a file, not a JSON result")
	}
	if err := json.Unmarshal(env.Result, m.NewResult()); err != nil {
		return fmt.Errorf("decoding into the result type: %w", err)
	}
	return nil
}

// Outcome is the replay of one example.
type Outcome struct {
	Method string
	File   string
	Line   int
	Kind   model.ExampleKind
	Err    error
}

func (o Outcome) String() string {
	return fmt.Sprintf("%s:%d: %s %s example: %v", o.File, o.Line, o.Method, o.Kind, o.Err)
}

// Run replays the request and response examples of every method of api
// that methods describe.
func Run(api *model.API, methods []*b24.Method) []Outcome {
	byName := map[string]*b24.Method{}
	for _, m := range methods {
		byName[strings.ToLower(m.Name)] = m
	}
	var out []Outcome
	for _, mm := range api.Methods {
		m := byName[strings.ToLower(mm.Name)]
		if m == nil {
			continue
		}
		for _, ex := range mm.Examples {
			if ex.Template {
				continue
			}
			o := Outcome{Method: mm.Name, File: mm.File, Line: ex.Line, Kind: ex.Kind}
			switch ex.Kind {
			case model.ExampleRequest:
				o.Err = Request(m, ex.JSON)
			case model.ExampleResponse:
				o.Err = Response(m, ex.JSON)
			default:
				continue
			}
			out = append(out, o)
		}
	}
	return out
}
