package openapi

import (
	"strings"

	"github.com/b24gen/b24gen/analysis"
)

// pagingExtension documents how a list operation pages, for clients in
// other languages: what b24.ListSpec tells the Go runtime.
//
//	x-b24-paging:
//	  rows: /result/items  # JSON pointer to the rows in the answer
//	  id: id               # the rows' id member
//	  filterKey: ID        # the id's name in the filter and the order
//	  filter: filter       # the filter parameter
//	  order: order         # the order parameter
//
// A member the docs do not give is left out.
const pagingExtension = "x-b24-paging"

// pagingValue is the value of the paging extension.
func pagingValue(p *analysis.Paging) map[string]any {
	out := map[string]any{}
	for _, kv := range []struct{ key, value string }{
		{"rows", rowsPointer(p)}, {"id", p.IDKey}, {"filterKey", p.FilterKey}, {"filter", p.Filter}, {"order", p.Order},
	} {
		if kv.value != "" {
			out[kv.key] = kv.value
		}
	}
	return out
}

// rowsPointer is the JSON pointer to the rows in the success answer; ""
// when the docs do not show them.
func rowsPointer(p *analysis.Paging) string {
	switch {
	case p.Row == analysis.RowUnknown:
		return ""
	case p.Rows == "":
		return "/result"
	}
	escaped := strings.NewReplacer("~", "~0", "/", "~1").Replace(p.Rows)
	return "/result/" + escaped
}

// pagingDescription is the paragraph of an operation's description that
// says how it pages.
func pagingDescription(p *analysis.Paging) string {
	sentences := []string{"Paged: a call answers one page of rows, from `start`; the answer's `next` is the `start` of the next page."}
	if rows := rowsSentence(p); rows != "" {
		sentences = append(sentences, rows)
	}
	if p.ByID() {
		sentences = append(sentences, "To walk every row in order of id, send `"+p.Order+"` {\""+p.FilterKey+"\": \"ASC\"}, `"+p.Filter+
			"` {\">"+p.FilterKey+"\": the last id seen} and `start` -1.")
	}
	return strings.Join(sentences, " ")
}

// rowsSentence says where the rows are and what identifies them; "" when
// the docs do not show the rows.
func rowsSentence(p *analysis.Paging) string {
	var s string
	switch {
	case p.Row == analysis.RowUnknown:
		return ""
	case p.Rows == "":
		s = "The rows are the result itself"
	default:
		s = "The rows are the result's `" + p.Rows + "`"
	}
	if p.IDKey != "" {
		s += ", identified by `" + p.IDKey + "`"
	}
	return s + "."
}
