package replay

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/b24gen/b24gen/analysis"
	"github.com/b24gen/b24gen/b24"
	"github.com/b24gen/b24gen/b24/protocol"
	"github.com/b24gen/b24gen/model"
)

// The checks below replay examples against the model, with the decoding
// rules of the types the generator emits for it: they say, without
// compiling anything, whether generated code would accept an example, and
// why not. The corpus tests hold them to the real generated code.

// Params converts documented parameters to the runtime's descriptors, as
// the generated method descriptors hold them.
func Params(fields []model.Field) []b24.Param {
	out := make([]b24.Param, 0, len(fields))
	for _, f := range fields {
		base := f.Base
		if base == "" {
			base = "any"
		}
		p := b24.Param{Name: f.Name, Type: b24.Type(base), Array: f.Array, Map: f.Map, Required: f.Required.IsRequired(), Enum: f.Enum}
		if f.IsObject() {
			p.Fields = Params(f.Fields)
		}
		out = append(out, p)
	}
	return out
}

// ModelRequest replays a request body against the documented parameters.
func ModelRequest(m *model.Method, body []byte) error {
	params := Params(m.Params)
	return Request(&b24.Method{Name: m.Name, Params: params, Alternatives: Alternatives(params, m.Alternatives), NewRequest: func() any { return new(map[string]any) }}, body)
}

// ModelResponse replays a success answer against the documented result.
func ModelResponse(m *model.Method, body []byte) error {
	var env struct {
		Result json.RawMessage `json:"result"`
	}
	if err := json.Unmarshal(body, &env); err != nil {
		return fmt.Errorf("not a JSON object: %w", err)
	}
	if env.Result == nil {
		return fmt.Errorf("the example has no result")
	}
	f := m.ResultField()
	if f == nil {
		return nil
	}
	return checkField(*f, env.Result, "result")
}

// checkField checks a value against a documented field with the rules of
// the generated answer types.
func checkField(f model.Field, raw json.RawMessage, path string) error {
	// an object the table documents by its keys alone is a map
	f = analysis.KeyedObject(f)
	if f.Map {
		var values b24.Map[json.RawMessage]
		if err := json.Unmarshal(raw, &values); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		value := f
		value.Map = false
		for _, k := range slices.Sorted(maps.Keys(values)) {
			if err := checkField(value, values[k], path+"."+k); err != nil {
				return err
			}
		}
		return nil
	}
	if f.Array {
		elems, err := listElems(raw)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		elem := f
		elem.Array = false
		for i, e := range elems {
			if err := checkField(elem, e, fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
		return nil
	}
	if f.IsObject() {
		return checkObject(f.Fields, raw, path)
	}
	var target any
	switch f.Base {
	case "integer":
		target = new(b24.Int)
	case "double":
		target = new(b24.Float)
	case "decimal":
		target = new(b24.Decimal)
	case "boolean":
		target = new(b24.Bool)
	case "char":
		target = new(b24.Flag)
	case "string", "text":
		target = new(b24.String)
	case "date":
		target = new(b24.Date)
	case "datetime":
		target = new(b24.DateTime)
	case "time":
		target = new(b24.Timing)
	default:
		return nil
	}
	if err := json.Unmarshal(raw, target); err != nil {
		return fmt.Errorf("%s: %s is not a %s: %s", path, clip(raw), f.Base, err)
	}
	return nil
}

// checkObject checks an object's documented members; others are kept.
func checkObject(fields []model.Field, raw json.RawMessage, path string) error {
	t := bytes.TrimSpace(raw)
	if isEmpty(t) {
		return nil
	}
	if len(t) == 0 || t[0] != '{' {
		return fmt.Errorf("%s: %s is not an object", path, clip(raw))
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(t, &obj); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if keyedByIDs(fields, obj) {
		// it decodes, its rows kept in Extra, but is not what the table
		// says: the generated code types it as the examples show
		return fmt.Errorf("%s: keyed by IDs or codes (%s), where the table documents an object of its members", path, strings.Join(slices.Sorted(maps.Keys(obj)), ", "))
	}
	// in the order of the keys, so that the member reported is the same
	// on every run
	for _, k := range slices.Sorted(maps.Keys(obj)) {
		f := findFold(fields, k)
		if f == nil {
			continue
		}
		if err := checkField(*f, obj[k], path+"."+k); err != nil {
			return err
		}
	}
	return nil
}

// keyedByIDs reports whether an object with documented members is keyed
// by IDs or codes instead: none of its keys a documented member, and all
// of them integers as PHP writes them, or each the code its row holds.
func keyedByIDs(fields []model.Field, obj map[string]json.RawMessage) bool {
	if len(fields) == 0 || len(obj) == 0 {
		return false
	}
	ints, rows := true, len(obj) >= 2
	for k, v := range obj {
		if findFold(fields, k) != nil {
			return false
		}
		ints = ints && protocol.IsArrayKey(k)
		rows = rows && analysis.HoldsKey(v, k)
	}
	return ints || rows
}

// listElems reads a list the way b24.List does.
func listElems(raw json.RawMessage) ([]json.RawMessage, error) {
	var items b24.List[json.RawMessage]
	err := json.Unmarshal(raw, &items)
	return items, err
}

func isEmpty(b []byte) bool {
	s := string(bytes.Join(bytes.Fields(b), nil))
	switch s {
	case "[]", "{}", `""`, "false", "null":
		return true
	}
	return false
}

func findFold(fs []model.Field, name string) *model.Field {
	for i := range fs {
		if fs[i].Name == name {
			return &fs[i]
		}
	}
	for i := range fs {
		if strings.EqualFold(fs[i].Name, name) {
			return &fs[i]
		}
	}
	return nil
}

func clip(b []byte) string {
	s := string(bytes.TrimSpace(b))
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}
