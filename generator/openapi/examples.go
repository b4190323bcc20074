package openapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// Examples in the docs are written the way portals read them, leniently:
// "7" for an integer, "N" for a boolean, [] for an empty object. Request
// schemas give the documented types, which is what clients in other
// languages generate code from, so examples are rewritten in those types
// where the rewrite loses nothing, as the portal itself reads them.
// Answer schemas take what the response examples answer (answers.go), so
// those are published as the portal sends them. An example that still
// does not match its schema is left out of the document and reported,
// rather than published wrong.

// conform rewrites v in the types of schema and checks it. It returns the
// value to publish or the reason it cannot be.
func conform(schema *openapi3.Schema, v any) (any, error) {
	v = coerce(schema, v)
	plain, err := plainJSON(v)
	if err != nil {
		return nil, err
	}
	if err := schema.VisitJSON(plain, openapi3.MultiErrors()); err != nil {
		return nil, err
	}
	return v, nil
}

// coerce applies the portal's leniency to v, following schema.
func coerce(s *openapi3.Schema, v any) any {
	if s == nil {
		return v
	}
	if len(s.OneOf) > 0 {
		// try the alternatives in order; keep the first that fits
		for _, alt := range s.OneOf {
			if alt.Value == nil {
				continue
			}
			c := coerce(alt.Value, v)
			if p, err := plainJSON(c); err == nil && alt.Value.VisitJSON(p) == nil {
				return c
			}
		}
		return v
	}
	for _, all := range s.AllOf {
		if all.Value != nil {
			v = coerce(all.Value, v)
		}
	}
	switch {
	case s.Type == nil:
		return v
	case s.Type.Is("integer"):
		if str, ok := v.(string); ok {
			str = strings.TrimSpace(str)
			if _, err := strconv.ParseInt(str, 10, 64); err == nil {
				return json.Number(str)
			}
		}
	case s.Type.Is("number"):
		if str, ok := v.(string); ok {
			str = strings.TrimSpace(str)
			if _, err := strconv.ParseFloat(str, 64); err == nil {
				return json.Number(str)
			}
		}
	case s.Type.Is("boolean"):
		switch t := v.(type) {
		case string:
			switch strings.ToUpper(strings.TrimSpace(t)) {
			case "Y", "1", "TRUE":
				return true
			case "N", "0", "FALSE":
				return false
			}
		case json.Number:
			switch t.String() {
			case "1":
				return true
			case "0":
				return false
			}
		}
	case s.Type.Is("string"):
		if n, ok := v.(json.Number); ok {
			return n.String()
		}
	case s.Type.Is("object"):
		switch t := v.(type) {
		case []any:
			if len(t) == 0 {
				return map[string]any{}
			}
		case map[string]any:
			for k, e := range t {
				if p, ok := s.Properties[k]; ok && p.Value != nil {
					t[k] = coerce(p.Value, e)
				} else if a := s.AdditionalProperties.Schema; !ok && a != nil && a.Value != nil {
					t[k] = coerce(a.Value, e)
				}
			}
		}
	case s.Type.Is("array"):
		if t, ok := v.([]any); ok && s.Items != nil {
			for i, e := range t {
				t[i] = coerce(s.Items.Value, e)
			}
		}
	}
	return v
}

// plainJSON converts v to the form kin-openapi validates (float64 numbers).
func plainJSON(v any) (any, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var out any
	if err := json.NewDecoder(bytes.NewReader(b)).Decode(&out); err != nil {
		return nil, fmt.Errorf("example: %w", err)
	}
	return out, nil
}
