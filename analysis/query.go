package analysis

import (
	"strings"

	"github.com/b24gen/b24gen/b24/protocol"
	"github.com/b24gen/b24gen/model"
)

// Query is what a request's filter or order is typed as: list methods
// take a filter of any fields with operator prefixes (">=DATE_CREATE")
// and an order of fields with their directions, whose members no table
// can list. The runtime has a type for each (b24.Filter, b24.Order).
type Query int

const (
	QueryNone Query = iota
	// QueryFilter: a filter, an object of any members.
	QueryFilter
	// QueryOrder: an order, an object of directions whose members' order
	// is the sort's precedence.
	QueryOrder
)

// queryOf says whether the request parameter documented as doc, typed as
// f after its examples (samples, as the server reads them), is a filter
// or an order the runtime's types read: named so in any case, an object
// whose members the page does not list (or a parameter of no documented
// type), and every example an object of what that type takes, or an
// empty value.
func queryOf(doc model.Field, f *model.Field, samples []any) Query {
	var q Query
	switch {
	case strings.EqualFold(doc.Name, "filter"):
		q = QueryFilter
	case strings.EqualFold(doc.Name, "order"):
		q = QueryOrder
	default:
		return QueryNone
	}
	untyped := (doc.Base == "" || doc.Base == protocol.Any) && !strings.Contains(doc.Type, "|")
	if doc.Array || f.Array || len(f.Fields) > 0 || !isRaw(f, RoleRequest) || doc.Base != protocol.Object && !untyped {
		return QueryNone
	}
	if untyped && len(samples) == 0 {
		// nothing says it is an object
		return QueryNone
	}
	for _, v := range samples {
		if !fitsQuery(q, v) {
			return QueryNone
		}
	}
	return q
}

// fitsQuery reports whether the runtime's type of q reads a value sent
// for it: an object (of directions, for an order) or an empty value.
func fitsQuery(q Query, v any) bool {
	if phpEmpty(v) {
		return true
	}
	switch v := v.(type) {
	case map[string]any:
		if q == QueryFilter {
			return true
		}
		for _, dir := range v {
			if _, ok := dir.(string); !ok {
				return false
			}
		}
		return true
	}
	return false
}

// selectsFields says whether the request parameter documented as doc,
// typed as f after its examples (samples), is a list method's select: the
// names of the fields to answer, strings. It is named so in any case, a
// list whose elements the page does not type, and every example a list of
// strings or an empty value.
func selectsFields(doc model.Field, f *model.Field, samples []any) bool {
	if !strings.EqualFold(doc.Name, "select") || f.Array || f.Base != protocol.Array || len(f.Fields) > 0 {
		return false
	}
	for _, v := range samples {
		list, ok := v.([]any)
		if !ok && !phpEmpty(v) {
			return false
		}
		for _, e := range list {
			if _, ok := e.(string); !ok {
				return false
			}
		}
	}
	return true
}

// phpEmpty reports whether a request value is one of the ways PHP sends
// nothing where an object or a list is expected (null, "", false, []), as
// the runtime's types read it.
func phpEmpty(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case string:
		return v == ""
	case bool:
		return !v
	case []any:
		return len(v) == 0
	}
	return false
}

// IsLocalized reports whether a field is a text by language: documented
// as lang_map or string|lang_map (the docs' type of labels: "при передаче
// строки используется как общее значение, при передаче lang_map можно
// задать подпись по языкам"), one value, without members. What the
// examples send does not change it: the runtime's type reads texts,
// objects of texts and PHP's empty values alike.
func IsLocalized(f *model.Field) bool {
	if f.Array || len(f.Fields) > 0 {
		return false
	}
	langMap := false
	for part := range strings.SplitSeq(strings.ToLower(f.Type), "|") {
		switch strings.TrimSpace(part) {
		case "lang_map":
			langMap = true
		case "string":
		default:
			return false
		}
	}
	return langMap
}
