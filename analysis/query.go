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
	switch v := v.(type) {
	case nil:
		return true
	case string:
		return v == ""
	case bool:
		return !v
	case []any:
		return len(v) == 0
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
