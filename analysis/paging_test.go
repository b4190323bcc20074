package analysis

import (
	"encoding/json"
	"testing"

	"github.com/b24gen/b24gen/model"
)

// field is a documented field of a base type.
func field(name string, base model.Base, members ...model.Field) model.Field {
	return model.Field{Name: name, Type: string(base), Base: base, Fields: members}
}

// list is a documented list of a base type.
func list(name string, base model.Base, members ...model.Field) model.Field {
	f := field(name, base, members...)
	f.Array = true
	return f
}

func example(kind model.ExampleKind, js string) model.Example {
	return model.Example{Kind: kind, JSON: json.RawMessage(js)}
}

// method is a page of the namespace "shop".
func method(name string, params, returns []model.Field, examples ...model.Example) model.Method {
	return model.Method{Name: name, File: "api-reference/shop/" + name + ".md", Line: 1, Params: params, Returns: returns, Examples: examples}
}

// analyzeOne analyzes a model of one method and returns its analysis.
func analyzeOne(t *testing.T, m model.Method) *Method {
	t.Helper()
	api := &model.API{Methods: []model.Method{m}}
	api.Normalize()
	a, err := Build(api, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return a.Methods[0]
}

var (
	listParams  = []model.Field{field("filter", "object"), field("order", "object"), field("start", "integer")}
	pageMembers = []model.Field{field("total", "integer"), field("next", "integer")}
)

func TestPaging(t *testing.T) {
	for _, tc := range []struct {
		name string
		m    model.Method
		want *Paging // RowType is checked by name, in rowType
		// rowType is the name of the rows' type, "" for none
		rowType string
	}{
		{
			name: "the result is the list, with an ID",
			m: method("shop.order.list", listParams, append([]model.Field{
				list("result", "object", field("ID", "integer"), field("TITLE", "string")),
			}, pageMembers...)),
			want:    &Paging{Row: RowTyped, IDKey: "ID", FilterKey: "ID", Filter: "filter", Order: "order"},
			rowType: "OrderListResult",
		},
		{
			name: "the rows are the one list among the result's members",
			m: method("shop.item.list", listParams, append([]model.Field{
				field("result", "object", list("items", "object", field("id", "integer")), field("count", "integer")),
			}, pageMembers...)),
			want:    &Paging{Rows: "items", Row: RowTyped, IDKey: "id", FilterKey: "id", Filter: "filter", Order: "order"},
			rowType: "ItemListResultItems",
		},
		{
			name: "the request example filters by upper-case keys",
			m: method("shop.task.list", listParams, []model.Field{
				field("result", "object", list("tasks", "object", field("id", "integer"))),
			}, example(model.ExampleRequest, `{"filter":{"RESPONSIBLE_ID":1}}`)),
			want:    &Paging{Rows: "tasks", Row: RowTyped, IDKey: "id", FilterKey: "ID", Filter: "filter", Order: "order"},
			rowType: "TaskListResultTasks",
		},
		{
			name: "a lower-case key in the request example keeps the rows' spelling",
			m: method("shop.task.list", listParams, []model.Field{
				field("result", "object", list("tasks", "object", field("id", "integer"))),
			}, example(model.ExampleRequest, `{"filter":{">=id":1}}`)),
			want:    &Paging{Rows: "tasks", Row: RowTyped, IDKey: "id", FilterKey: "id", Filter: "filter", Order: "order"},
			rowType: "TaskListResultTasks",
		},
		{
			name: "undocumented rows are typed, with their id, from the response example",
			m: method("shop.deal.list", []model.Field{field("FILTER", "object"), field("start", "integer")}, []model.Field{
				list("result", "object"), field("next", "integer"),
			}, example(model.ExampleResponse, `{"result":[{"ID":"5","TITLE":"x"}]}`)),
			want:    &Paging{Row: RowTyped, IDKey: "ID", FilterKey: "ID", Filter: "FILTER"},
			rowType: "DealListResult",
		},
		{
			name: "rows no example shows stay raw",
			m: method("shop.deal.list", []model.Field{field("FILTER", "object"), field("start", "integer")}, []model.Field{
				list("result", "object"), field("next", "integer"),
			}, example(model.ExampleResponse, `{"result":[]}`)),
			want: &Paging{Row: RowRaw, Filter: "FILTER"},
		},
		{
			name: "documented rows without an id have none",
			m: method("shop.log.list", listParams, []model.Field{
				list("result", "object", field("message", "string")),
			}, example(model.ExampleResponse, `{"result":[{"ID":"5"}]}`)),
			want:    &Paging{Row: RowTyped, Filter: "filter", Order: "order"},
			rowType: "LogListResult",
		},
		{
			name: "two lists among the members: the rows are unknown",
			m: method("shop.pair.list", listParams, append([]model.Field{
				field("result", "object", list("left", "object"), list("right", "object")),
			}, pageMembers...)),
			want: &Paging{Row: RowUnknown, Filter: "filter", Order: "order"},
		},
		{
			name: "an undocumented result: the rows are unknown",
			m:    method("shop.thing.list", []model.Field{field("start", "integer")}, nil),
			want: &Paging{},
		},
		{
			name: "neither start, next nor total: no paging",
			m: method("shop.item.all", []model.Field{field("filter", "object")}, []model.Field{
				list("result", "object", field("ID", "integer")),
			}),
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := analyzeOne(t, tc.m).Paging
			if tc.want == nil || got == nil {
				if got != tc.want {
					t.Fatalf("paging %+v, want %+v", got, tc.want)
				}
				return
			}
			rowType := ""
			if got.RowType != nil {
				rowType = got.RowType.Name
			}
			if rowType != tc.rowType {
				t.Errorf("row type %q, want %q", rowType, tc.rowType)
			}
			plain := *got
			plain.RowType = nil
			if plain != *tc.want {
				t.Errorf("paging %+v, want %+v", plain, *tc.want)
			}
		})
	}
}

func TestIterators(t *testing.T) {
	for _, tc := range []struct {
		name      string
		m         model.Method
		all, byID string
	}{
		{"by id when the docs give a filter, an order and the id", method("shop.order.list", listParams, []model.Field{
			list("result", "object", field("ID", "integer")),
		}), "OrderListAll", "OrderListByID"},
		{"page by page only without an order", method("shop.order.list", []model.Field{field("start", "integer"), field("filter", "object")}, []model.Field{
			list("result", "object", field("ID", "integer")),
		}), "OrderListAll", ""},
		{"none when the rows are unknown", method("shop.order.list", listParams, nil), "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := analyzeOne(t, tc.m)
			if m.AllIterator != tc.all || m.ByIDIterator != tc.byID {
				t.Errorf("iterators %q, %q; want %q, %q", m.AllIterator, m.ByIDIterator, tc.all, tc.byID)
			}
		})
	}
}

func TestReadOnly(t *testing.T) {
	for name, want := range map[string]bool{
		"crm.deal.get":          true,
		"crm.deal.list":         true,
		"crm.deal.fields":       true,
		"user.search":           true,
		"crm.item.getFields":    true,
		"disk.file.getchildren": true,
		"task.item.getlist":     true,
		"crm.deal.LIST":         true,
		"profile":               false,
		"crm.deal.add":          false,
		"crm.deal.update":       false,
		"crm.deal.delete":       false,
		"crm.deal.listen":       false,
		"crm.target.forget":     false,
	} {
		m := analyzeOne(t, method(name, nil, nil))
		if m.ReadOnly != want || IsRead(name) != want {
			t.Errorf("%s: read-only %v, want %v", name, m.ReadOnly, want)
		}
	}
}
