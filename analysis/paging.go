package analysis

import (
	"encoding/json"
	"strings"

	"github.com/b24gen/b24gen/b24/protocol"
	"github.com/b24gen/b24gen/model"
)

// Paging is how a list method pages, as its page documents it: calls take
// a "start" and answer one page of rows, with the "next" start.
type Paging struct {
	// Rows is the member of the result that holds the rows ("items" for
	// crm.item.list, "tasks" for tasks.task.list); "" when the result is
	// the list itself, or when Row is RowUnknown.
	Rows string
	// Row is what a row is.
	Row Row
	// RowType is the type of the rows when Row is RowTyped.
	RowType *Type
	// IDKey is the rows' id member ("ID", "id"); "" when the docs do not
	// give one.
	IDKey string
	// FilterKey is the id's name in the filter and the order: IDKey, or
	// its upper-case form when the page's request examples filter by
	// upper-case keys (tasks.task.list answers "id" but filters by "ID").
	// "" when there is no IDKey or no filter.
	FilterKey string
	// Filter and Order are the documented spellings of the filter and
	// order parameters ("filter", "FILTER"); "" when the method has none.
	Filter, Order string
}

// Row is what the docs say of a list's rows.
type Row int

const (
	// RowUnknown: the result's shape does not show where the rows are.
	RowUnknown Row = iota
	// RowRaw: the rows are objects whose members are not documented.
	RowRaw
	// RowTyped: the rows are objects of RowType.
	RowTyped
)

// ByID reports whether the rows can be walked by id: filtered past the
// last id seen and ordered by id.
func (p *Paging) ByID() bool { return p.IDKey != "" && p.Filter != "" && p.Order != "" }

// IsList recognises a list method by its docs: a "start" parameter, or
// "next" or "total" in its answer.
func IsList(m *model.Method) bool {
	if paramName(m.Params, "start") != "" {
		return true
	}
	return model.FindField(m.Returns, protocol.Next) != nil || model.FindField(m.Returns, protocol.Total) != nil
}

// pagingOf derives the paging of a list method; nil for other methods.
// Its rows are the result when it is a list, or the one list of objects
// among the result's members (crm.item.list's items, tasks.task.list's
// tasks).
func pagingOf(m *model.Method, res Result) *Paging {
	if !IsList(m) {
		return nil
	}
	p := &Paging{Filter: paramName(m.Params, "filter"), Order: paramName(m.Params, "order")}
	row := p.locateRows(res)
	if row == nil {
		return p
	}
	p.IDKey = rowIDName(m, row, p.Rows)
	if p.IDKey != "" && p.Filter != "" {
		p.FilterKey = filterKeyCase(m, p.Filter, p.IDKey)
	}
	return p
}

// locateRows finds the rows in the result, sets Rows, Row and RowType, and
// returns the field that documents a row; nil when the rows are unknown.
func (p *Paging) locateRows(res Result) *model.Field {
	rf := res.Field
	switch {
	case rf != nil && rf.Map:
		// keyed by IDs: values, not rows of a page
		return nil
	case res.Shape == ShapeObjectList:
		p.Row, p.RowType = RowTyped, res.Type
		return rf
	case res.Shape == ShapeValueList && rf.Base == "object":
		p.Row = RowRaw
		return rf
	case res.Shape != ShapeObject:
		return nil
	}
	var lists []int
	for i := range rf.Fields {
		if f := &rf.Fields[i]; f.Array && f.Base == "object" {
			lists = append(lists, i)
		}
	}
	if len(lists) != 1 {
		return nil
	}
	member := res.Type.Members[lists[0]]
	p.Rows, p.Row = member.Field.Name, RowRaw
	if member.Type != nil {
		p.Row, p.RowType = RowTyped, member.Type
	}
	return member.Field
}

// filterKeyCase returns the id's name in the filter: the rows' spelling,
// or its upper-case form when the page's request examples filter by
// upper-case keys.
func filterKeyCase(m *model.Method, filter, id string) string {
	for _, ex := range m.Examples {
		if ex.Kind != model.ExampleRequest {
			continue
		}
		var req map[string]json.RawMessage
		if json.Unmarshal(ex.JSON, &req) != nil {
			continue
		}
		var f map[string]json.RawMessage
		if json.Unmarshal(req[filter], &f) != nil {
			continue
		}
		for k := range f {
			k = strings.TrimLeft(k, "<>=!%@*")
			if k != "" && strings.ToUpper(k) == k && strings.ContainsAny(k, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
				return strings.ToUpper(id)
			}
			if k != "" && strings.ToLower(k[:1]) == k[:1] {
				return id
			}
		}
	}
	return id
}

// rowIDName returns the id member of a list's rows: from the rows' field
// table, or, when the docs describe no fields, from the rows of the
// page's response example.
func rowIDName(m *model.Method, row *model.Field, rows string) string {
	for _, name := range []string{"ID", "id"} {
		if model.FindField(row.Fields, name) != nil {
			return name
		}
	}
	if len(row.Fields) > 0 {
		return ""
	}
	for _, ex := range m.Examples {
		if ex.Kind != model.ExampleResponse {
			continue
		}
		if name := exampleRowID(ex.JSON, rows); name != "" {
			return name
		}
	}
	return ""
}

// exampleRowID returns the id member of the first row of a response
// example, "" when it has none or the example does not hold rows.
func exampleRowID(example json.RawMessage, rows string) string {
	var ans struct {
		Result json.RawMessage `json:"result"`
	}
	if json.Unmarshal(example, &ans) != nil {
		return ""
	}
	list := ans.Result
	if rows != "" {
		var obj map[string]json.RawMessage
		if json.Unmarshal(ans.Result, &obj) != nil {
			return ""
		}
		list = obj[rows]
	}
	var elems []map[string]json.RawMessage
	if json.Unmarshal(list, &elems) != nil || len(elems) == 0 {
		return ""
	}
	for _, name := range []string{"ID", "id"} {
		if _, ok := elems[0][name]; ok {
			return name
		}
	}
	return ""
}

// paramName returns the documented spelling of a parameter, matched
// without case ("filter", "FILTER").
func paramName(fs []model.Field, name string) string {
	for _, f := range fs {
		if strings.EqualFold(f.Name, name) {
			return f.Name
		}
	}
	return ""
}
