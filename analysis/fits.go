package analysis

import (
	"bytes"
	"encoding/json"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/b24gen/b24gen/b24/protocol"
	"github.com/b24gen/b24gen/model"
)

// The checks below say whether a value of an example decodes into the Go
// type generated for a field, by the rules of the runtime's tolerant types
// (b24.Int, b24.String, b24.List, …), which the analysis may not link:
// answers by the decoding rules of the answer types, requests by the
// checks of the generated server. internal/feature/replay holds them to
// the runtime's own types.

// fitsAnswer reports whether raw decodes into the answer type of f.
func fitsAnswer(f *model.Field, raw []byte) bool {
	t := bytes.TrimSpace(raw)
	if f.Map {
		return fitsAnswerMap(f, t)
	}
	if f.Array {
		elems, ok := listElems(t)
		if !ok {
			return false
		}
		elem := *f
		elem.Array = false
		for _, e := range elems {
			if !fitsAnswer(&elem, e) {
				return false
			}
		}
		return true
	}
	if f.IsObject() {
		return fitsAnswerObject(f.Fields, t)
	}
	return fitsAnswerBase(f.Base, t)
}

// fitsAnswerMap reports whether t decodes into a b24.Map of the values f
// describes: an object whose values each fit, a list (keyed 0…n-1), or an
// empty value.
func fitsAnswerMap(f *model.Field, t []byte) bool {
	value := *f
	value.Map = false
	if string(t) == "null" || string(t) == `"undefined"` || isEmptyValue(t) {
		return true
	}
	var values []json.RawMessage
	switch {
	case len(t) > 0 && t[0] == '[':
		if json.Unmarshal(t, &values) != nil {
			return false
		}
	default:
		members, ok := objectMembers(t)
		if !ok {
			return false
		}
		for _, m := range members {
			values = append(values, m.value)
		}
	}
	for _, v := range values {
		if !fitsAnswer(&value, v) {
			return false
		}
	}
	return true
}

// fitsAnswerObject reports whether t decodes into a generated object type
// with the documented fields: null, "undefined" and PHP's empty values
// read as the zero object; the members a field documents must fit it; the
// others are kept in Extra.
func fitsAnswerObject(fields []model.Field, t []byte) bool {
	if string(t) == "null" || string(t) == `"undefined"` || isEmptyValue(t) {
		return true
	}
	members, ok := objectMembers(t)
	if !ok {
		return false
	}
	for _, m := range members {
		f := memberField(fields, m.key)
		if f != nil && !fitsAnswer(f, m.value) {
			return false
		}
	}
	return true
}

// memberField returns the field a JSON key decodes into, as encoding/json
// matches keys to a struct's members: the field of that name, or else the
// first whose name is the same without regard to case; nil when the key
// goes to Extra. Fields without a member of their own (placeholders, names
// a struct tag cannot hold) take no key.
func memberField(fields []model.Field, key string) *model.Field {
	var fold *model.Field
	for i := range fields {
		f := &fields[i]
		if IsPlaceholderField(f) || !validTagName(f.Name) {
			continue
		}
		if f.Name == key {
			return f
		}
		if fold == nil && strings.EqualFold(f.Name, key) {
			fold = f
		}
	}
	return fold
}

// fitsAnswerBase reports whether t decodes into the answer type of a base
// type (base.go's GoAnswer).
func fitsAnswerBase(base model.Base, t []byte) bool {
	switch base {
	case protocol.String, protocol.Text:
		// b24.String
		switch {
		case len(t) == 0:
			return false
		case t[0] == '"':
			return json.Valid(t)
		case string(t) == "null" || isEmptyValue(t) || string(t) == "true":
			return true
		}
		return t[0] == '-' || '0' <= t[0] && t[0] <= '9'
	case protocol.Integer:
		s, ok := scalarText(t)
		return ok && (s == "" || isIntText(s))
	case protocol.Double:
		s, ok := scalarText(t)
		if !ok || s == "" {
			return ok
		}
		_, err := strconv.ParseFloat(s, 64)
		return err == nil
	case protocol.Decimal:
		s, ok := scalarText(t)
		if !ok || s == "" {
			return ok
		}
		_, isRat := new(big.Rat).SetString(s)
		return isRat
	case protocol.Boolean:
		s, ok := scalarText(t)
		return ok && boolText(s)
	case protocol.Char:
		// b24.Flag keeps any scalar
		_, ok := scalarText(t)
		return ok
	case protocol.Date, protocol.DateTime:
		if string(t) == "false" || isEmptyValue(t) {
			return true
		}
		s, ok := scalarText(t)
		return ok && (s == "" || timeText(s))
	case protocol.Time:
		// b24.Timing, the "time" object of every answer: PHP's empty
		// values read as none, as for every object
		return string(t) == "null" || isEmptyValue(t) || len(t) > 0 && t[0] == '{' && json.Valid(t)
	}
	// raw JSON keeps any value
	return json.Valid(t)
}

// isIntText reports whether b24.Int reads s: an integer, or a number
// without a fraction within a double's exact range.
func isIntText(s string) bool {
	if _, err := strconv.ParseInt(s, 10, 64); err == nil {
		return true
	}
	f, err := strconv.ParseFloat(s, 64)
	return err == nil && f == math.Trunc(f) && math.Abs(f) <= 1<<53
}

// fitsRequest reports whether the generated server's checks accept v, a
// value of a request decoded with json.Number, for the parameter f (the
// rules of b24server.Validate).
func fitsRequest(f *model.Field, v any) bool {
	if f.Map {
		obj, ok := protocol.Keyed(v)
		if !ok {
			return false
		}
		value := *f
		value.Map = false
		for _, e := range obj {
			if !fitsRequest(&value, e) {
				return false
			}
		}
		return true
	}
	if f.Array {
		elems, ok := protocol.List(v)
		if !ok {
			return false
		}
		elem := *f
		elem.Array = false
		for _, e := range elems {
			if !fitsRequest(&elem, e) {
				return false
			}
		}
		return true
	}
	if !fitsRequestBase(f, v) {
		return false
	}
	if obj, ok := v.(map[string]any); ok && f.IsObject() && !fitsRequestObject(f.Fields, obj) {
		return false
	}
	if e := requestEnum(f); len(e) > 0 && f.Base != protocol.Boolean && f.Base != protocol.Char {
		if s, ok := protocol.ScalarText(v, "Y", "N"); ok && !enumHas(e, s) {
			return false
		}
	}
	return true
}

// fitsRequestObject reports whether the members of obj pass the checks of
// the documented fields: a required one is there and not null, and each
// one there fits its field.
func fitsRequestObject(fields []model.Field, obj map[string]any) bool {
	for i := range fields {
		f := &fields[i]
		if serverWildcard(f.Name) {
			continue
		}
		_, v, ok := protocol.Param(obj, f.Name)
		if !ok || v == nil {
			if f.Required.IsRequired() {
				return false
			}
			continue
		}
		if !fitsRequest(f, v) {
			return false
		}
	}
	return true
}

// serverWildcard reports whether the generated server takes a documented
// name for a wildcard and checks no parameter by it (UF_*, PARENT_ID_...).
func serverWildcard(name string) bool {
	return strings.ContainsAny(name, "*…") || strings.Contains(name, "...")
}

// fitsRequestBase reports whether the server reads v as the base type of
// f (b24server's coerceScalar).
func fitsRequestBase(f *model.Field, v any) bool {
	switch f.Base {
	case protocol.Integer:
		s, ok := requestNumber(v)
		if !ok {
			return false
		}
		if strings.TrimSpace(s) == "" {
			return true
		}
		n, integer, ok := phpNumber(s)
		if !ok {
			return false
		}
		if _, err := strconv.ParseInt(n, 10, 64); err == nil && integer {
			return true
		}
		x, err := strconv.ParseFloat(n, 64)
		return err == nil && x == math.Trunc(x) && math.Abs(x) < 1<<53
	case protocol.Double, protocol.Decimal:
		s, ok := requestNumber(v)
		if !ok {
			return false
		}
		if strings.TrimSpace(s) == "" {
			return true
		}
		n, _, ok := phpNumber(s)
		if !ok {
			return false
		}
		_, err := strconv.ParseFloat(n, 64)
		return err == nil
	case protocol.Boolean:
		switch t := v.(type) {
		case bool:
			return true
		case json.Number:
			return t == "0" || t == "1"
		case string:
			switch strings.ToUpper(strings.TrimSpace(t)) {
			case "Y", "1", "TRUE", "N", "0", "FALSE", "":
				return true
			}
		}
		return false
	case protocol.Char, protocol.String, protocol.Text:
		_, ok := protocol.ScalarText(v, "", "")
		return ok
	case protocol.Date, protocol.DateTime:
		s, ok := protocol.ScalarText(v, "", "")
		if !ok {
			return false
		}
		s = strings.TrimSpace(s)
		return s == "" || timeText(s)
	case protocol.Array:
		switch t := v.(type) {
		case []any, map[string]any:
			return true
		case string:
			return t == ""
		}
		return false
	case protocol.Object:
		switch t := v.(type) {
		case map[string]any:
			return true
		case []any:
			return len(t) == 0 || len(f.Fields) == 0
		case string:
			return t == ""
		}
		return false
	}
	return true
}

// requestNumber returns the text of a number or a string.
func requestNumber(v any) (string, bool) {
	switch t := v.(type) {
	case json.Number:
		return t.String(), true
	case string:
		return t, true
	}
	return "", false
}

// requestEnum returns the values the generated server allows a parameter:
// its documented values, none when one of them stands for others.
func requestEnum(f *model.Field) []string {
	for _, v := range f.Enum {
		if IsPlaceholderValue(v) {
			return nil
		}
	}
	return f.Enum
}

// enumHas reports whether values holds v as the server compares them:
// without regard to case, and, for a value without underscores, without
// the underscores of the documented ones (detailPicture for
// DETAIL_PICTURE).
func enumHas(values []string, v string) bool {
	for _, e := range values {
		if strings.EqualFold(e, v) {
			return true
		}
	}
	if !strings.Contains(v, "_") {
		for _, e := range values {
			if strings.Contains(e, "_") && strings.EqualFold(strings.ReplaceAll(e, "_", ""), v) {
				return true
			}
		}
	}
	return false
}

// phpNumber reads s as PHP reads a numeric string (b24server's
// phpNumber): optional white space, an optional sign, digits with an
// optional point and exponent; it returns the number as JSON writes it
// and whether it is an integer.
func phpNumber(s string) (number string, integer bool, ok bool) {
	s = strings.Trim(s, " \t\n\r\v\f")
	var b strings.Builder
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		if s[i] == '-' {
			b.WriteByte('-')
		}
		i++
	}
	digits := func() string {
		start := i
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
		}
		return s[start:i]
	}
	intDigits := strings.TrimLeft(digits(), "0")
	fracDigits := ""
	hadInt := i > 0 && (s[i-1] >= '0' && s[i-1] <= '9')
	if i < len(s) && s[i] == '.' {
		i++
		fracDigits = digits()
	}
	if !hadInt && fracDigits == "" {
		return "", false, false
	}
	if intDigits == "" {
		intDigits = "0"
	}
	b.WriteString(intDigits)
	integer = true
	if fracDigits != "" {
		b.WriteString("." + fracDigits)
		integer = false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		b.WriteByte('e')
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			b.WriteByte(s[i])
			i++
		}
		exp := digits()
		if exp == "" {
			return "", false, false
		}
		b.WriteString(exp)
		integer = false
	}
	if i != len(s) {
		return "", false, false
	}
	return b.String(), integer, true
}

// boolText reports whether b24.Bool reads the scalar text s.
func boolText(s string) bool {
	_, ok := protocol.BoolText(s)
	return ok
}

// timeText reports whether b24.Date and b24.DateTime read s.
func timeText(s string) bool {
	_, ok := protocol.TimeText(s)
	return ok
}
