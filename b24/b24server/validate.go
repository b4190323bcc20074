package b24server

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/b24gen/b24gen/b24"
	"github.com/b24gen/b24gen/b24/internal/ascii"
	"github.com/b24gen/b24gen/b24/protocol"
)

// Problem is the kind of a parameter check failure.
type Problem int

const (
	// Missing: a required parameter is absent or null.
	Missing Problem = iota + 1
	// WrongType: the value cannot be read as the documented type.
	WrongType
	// NotInEnum: the value is not one of the documented values.
	NotInEnum
)

func (p Problem) String() string {
	switch p {
	case Missing:
		return "missing"
	case WrongType:
		return "wrong type"
	case NotInEnum:
		return "not an allowed value"
	}
	return "invalid"
}

// ValidationError is a parameter that failed the documented checks.
type ValidationError struct {
	Method string
	// Param is the parameter's path: "id", "fields.TITLE", "ids[2]".
	Param string
	// OneOf are the paths of a group of parameters of which the call
	// gives none (Problem Missing), when one of them is enough; Param is
	// the first.
	OneOf   []string
	Problem Problem
	// Expected is the documented type.
	Expected b24.Type
	// Detail says more, for logs and WithValidationErrors; it is not
	// answered.
	Detail string
}

func (e *ValidationError) Error() string {
	switch e.Problem {
	case Missing:
		if len(e.OneOf) > 0 {
			return alternativesMessage(e.OneOf)
		}
		return fmt.Sprintf("Required parameter %q is missing", e.Param)
	case WrongType:
		// Detail is not part of the answer: it may hold a decoder's
		// internal words.
		switch {
		case e.Param == "":
			return "Parameters do not match the method"
		case e.Expected == "":
			return fmt.Sprintf("Parameter %q has a value of the wrong type", e.Param)
		}
		return fmt.Sprintf("Parameter %q must be of type %s", e.Param, e.Expected)
	case NotInEnum:
		return fmt.Sprintf("Parameter %q has a value that is not allowed: %s", e.Param, e.Detail)
	}
	return "Invalid parameter " + e.Param
}

// Validate checks params against the documented parameters of spec, with
// the tolerance of a portal ("4" is an integer, "Y" a boolean), and
// rewrites the accepted values in their documented type, so that decoding
// into the typed request cannot fail on them. Parameters the docs do not
// list are kept as they are.
func Validate(spec *b24.Method, params map[string]any) *ValidationError {
	return validateObject(spec.Name, "", spec.Params, spec.Alternatives, params)
}

func validateObject(method, prefix string, specs []b24.Param, groups [][]string, obj map[string]any) *ValidationError {
	spellings := caseSpellings(obj)
	for _, p := range specs {
		if strings.ContainsAny(p.Name, "*…") || strings.Contains(p.Name, "...") {
			continue // a wildcard for dynamic names (UF_*)
		}
		path := p.Name
		if prefix != "" {
			path = prefix + "." + p.Name
		}
		key, v, ok := protocol.Param(obj, p.Name)
		dropOtherSpellings(obj, spellings[ascii.Lower(p.Name)], key)
		if !ok || v == nil {
			if p.Required {
				return &ValidationError{Method: method, Param: path, Problem: Missing, Expected: p.Type}
			}
			continue
		}
		nv, verr := coerce(method, path, p, v)
		if verr != nil {
			return verr
		}
		if key != p.Name {
			delete(obj, key)
		}
		obj[p.Name] = nv
	}
	return checkAlternatives(method, prefix, groups, obj)
}

// caseSpellings returns the keys of obj that are one name spelled in
// several cases ({"ID":1,"id":null}), by the name lower-cased; nil when
// there are none, as in almost every request.
func caseSpellings(obj map[string]any) map[string][]string {
	if len(obj) < 2 {
		return nil
	}
	var first map[string]string
	var out map[string][]string
	for k := range obj {
		lower := ascii.Lower(k)
		if first == nil {
			first = make(map[string]string, len(obj))
		}
		prev, seen := first[lower]
		if !seen {
			first[lower] = k
			continue
		}
		if out == nil {
			out = map[string][]string{}
		}
		if len(out[lower]) == 0 {
			out[lower] = append(out[lower], prev)
		}
		out[lower] = append(out[lower], k)
	}
	return out
}

// dropOtherSpellings removes the spellings of a name other than key, the
// one the check read: the decoding into the implementation's type takes
// any spelling, and must see the value the check saw, not another one.
func dropOtherSpellings(obj map[string]any, spellings []string, key string) {
	for _, k := range spellings {
		if k != key {
			delete(obj, k)
		}
	}
}

func coerce(method, path string, p b24.Param, v any) (any, *ValidationError) {
	if p.Map {
		obj, ok := protocol.Keyed(v)
		if !ok {
			return nil, &ValidationError{Method: method, Param: path, Problem: WrongType, Expected: b24.TypeObject}
		}
		value := p
		value.Map = false
		// in the keys' order: a call with two faults answers the same
		// one every time
		for _, k := range slices.Sorted(maps.Keys(obj)) {
			nv, verr := coerce(method, path+"."+k, value, obj[k])
			if verr != nil {
				return nil, verr
			}
			obj[k] = nv
		}
		return obj, nil
	}
	if p.Array {
		list, ok := protocol.List(v)
		if !ok {
			return nil, &ValidationError{Method: method, Param: path, Problem: WrongType, Expected: p.Type + "[]"}
		}
		elem := p
		elem.Array = false
		for i, e := range list {
			nv, verr := coerce(method, fmt.Sprintf("%s[%d]", path, i), elem, e)
			if verr != nil {
				return nil, verr
			}
			list[i] = nv
		}
		return list, nil
	}
	nv, ok := coerceScalar(p, v)
	if !ok {
		return nil, &ValidationError{Method: method, Param: path, Problem: WrongType, Expected: p.Type}
	}
	if obj, isObj := nv.(map[string]any); isObj && len(p.Fields) > 0 {
		if verr := validateObject(method, path, p.Fields, p.Alternatives, obj); verr != nil {
			return nil, verr
		}
	}
	if len(p.Enum) > 0 && p.Type != b24.TypeBoolean && p.Type != b24.TypeChar {
		if s, isScalar := scalarString(nv); isScalar {
			documented, ok := findFold(p.Enum, s)
			if !ok {
				return nil, &ValidationError{Method: method, Param: path, Problem: NotInEnum, Expected: p.Type,
					Detail: fmt.Sprintf("%q (allowed: %s)", s, strings.Join(p.Enum, ", "))}
			}
			if _, isText := nv.(string); isText {
				// the implementation gets the documented spelling, which
				// its typed constants hold ("Read" is read)
				nv = documented
			}
		}
	}
	return nv, nil
}

// findFold returns the value of values that v spells, ignoring case as
// portals mostly do for codes, and the underscores that tell UPPER_SNAKE
// from camelCase: modules that speak camelCase (catalog, crm.item) take
// detailPicture for DETAIL_PICTURE.
func findFold(values []string, v string) (string, bool) {
	for _, e := range values {
		if ascii.EqualFold(e, v) {
			return e, true
		}
	}
	if !strings.Contains(v, "_") {
		for _, e := range values {
			if strings.Contains(e, "_") && ascii.EqualFold(strings.ReplaceAll(e, "_", ""), v) {
				return e, true
			}
		}
	}
	return "", false
}

// coerceScalar reads v as the type of p and returns it in canonical form:
// json.Number for numbers, bool for booleans, string for text.
func coerceScalar(p b24.Param, v any) (any, bool) {
	switch p.Type {
	case b24.TypeInteger:
		s, ok := numberText(v)
		if !ok {
			return nil, false
		}
		if strings.TrimSpace(s) == "" {
			// PHP reads an empty value as 0
			return json.Number("0"), true
		}
		num, integer, ok := phpNumber(s)
		if !ok {
			return nil, false
		}
		if n, err := strconv.ParseInt(num, 10, 64); err == nil && integer {
			return json.Number(strconv.FormatInt(n, 10)), true
		}
		if f, err := strconv.ParseFloat(num, 64); err == nil && f == math.Trunc(f) && math.Abs(f) < 1<<53 {
			return json.Number(strconv.FormatInt(int64(f), 10)), true
		}
		return nil, false
	case b24.TypeDouble, b24.TypeDecimal:
		s, ok := numberText(v)
		if !ok {
			return nil, false
		}
		if strings.TrimSpace(s) == "" {
			return json.Number("0"), true
		}
		num, _, ok := phpNumber(s)
		if !ok {
			return nil, false
		}
		if _, err := strconv.ParseFloat(num, 64); err != nil {
			return nil, false // beyond a double's range
		}
		return json.Number(num), true
	case b24.TypeBoolean:
		switch t := v.(type) {
		case bool:
			return t, true
		case json.Number:
			return t.String() != "0", t.String() == "0" || t.String() == "1"
		case string:
			switch strings.ToUpper(strings.TrimSpace(t)) {
			case "Y", "1", "TRUE":
				return true, true
			case "N", "0", "FALSE", "":
				return false, true
			}
		}
		return nil, false
	case b24.TypeChar:
		return protocol.ScalarText(v, "Y", "N")
	case b24.TypeString, b24.TypeText:
		return protocol.ScalarText(v, "1", "")
	case b24.TypeDate, b24.TypeDateTime:
		s, ok := protocol.ScalarText(v, "", "")
		if !ok {
			return nil, false
		}
		// the formats the runtime's date types read
		js, _ := json.Marshal(s)
		var d b24.DateTime
		if json.Unmarshal(js, &d) != nil {
			return nil, false
		}
		return s, true
	case b24.TypeArray:
		switch t := v.(type) {
		case []any, map[string]any:
			return t, true
		case string:
			if t == "" {
				return []any{}, true
			}
		}
		return nil, false
	case b24.TypeObject:
		switch t := v.(type) {
		case map[string]any:
			return t, true
		case []any:
			if len(t) == 0 {
				return map[string]any{}, true
			}
			if len(p.Fields) == 0 {
				// An object whose members the docs do not list is a PHP
				// array to the portal, and a list is one as well: the docs'
				// own examples send lists for such objects (select,
				// responsibleList).
				return t, true
			}
			// one with members reads the list as the array it is to
			// PHP, keyed 0…n-1, and checks its members
			return protocol.Keyed(t)
		case string:
			if t == "" {
				return map[string]any{}, true
			}
		}
		return nil, false
	}
	return v, true
}

func numberText(v any) (string, bool) {
	switch t := v.(type) {
	case json.Number:
		return t.String(), true
	case float64:
		return strconv.FormatFloat(t, 'f', -1, 64), true
	case string:
		return t, true
	}
	return "", false
}

func scalarString(v any) (string, bool) { return protocol.ScalarText(v, "Y", "N") }
