package openapi

import (
	"reflect"
	"strings"
	"testing"

	"github.com/b24gen/b24gen/model"
)

// pagedModel has a list method whose rows are a member of its result, a
// list method whose rows are the result, and a method that does not page.
func pagedModel() *model.API {
	obj := func(name string, array bool, members ...model.Field) model.Field {
		return model.Field{Name: name, Type: "object", Base: "object", Array: array, Fields: members}
	}
	num := func(name string) model.Field { return model.Field{Name: name, Type: "integer", Base: "integer"} }
	api := &model.API{Methods: []model.Method{
		{
			Name: "shop.task.list", File: "task-list.md",
			Params:   []model.Field{obj("filter", false), obj("order", false), num("start")},
			Returns:  []model.Field{obj("result", false, obj("tasks/open", true, num("id"))), num("next")},
			Examples: []model.Example{{Kind: model.ExampleRequest, JSON: []byte(`{"filter":{"RESPONSIBLE_ID":1}}`)}},
		},
		{Name: "shop.log.list", File: "log-list.md", Params: []model.Field{num("start")}, Returns: []model.Field{obj("result", true)}},
		{Name: "shop.task.get", File: "task-get.md", Returns: []model.Field{obj("result", false, num("id"))}},
	}}
	api.Normalize()
	return api
}

func TestPagingIsDocumented(t *testing.T) {
	doc, _, err := Generate(pagedModel(), "")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path string
		ext  map[string]any
		desc string
	}{
		{"/shop.task.list", map[string]any{"rows": "/result/tasks~1open", "id": "id", "filterKey": "ID", "filter": "filter", "order": "order"},
			"Paged: a call answers one page of rows, from `start`; the answer's `next` is the `start` of the next page. " +
				"The rows are the result's `tasks/open`, identified by `id`. " +
				"To walk every row in order of id, send `order` {\"ID\": \"ASC\"}, `filter` {\">ID\": the last id seen} and `start` -1."},
		{"/shop.log.list", map[string]any{"rows": "/result"},
			"Paged: a call answers one page of rows, from `start`; the answer's `next` is the `start` of the next page. The rows are the result itself."},
		{"/shop.task.get", nil, ""},
	} {
		op := doc.Paths.Value(tc.path).Post
		ext, _ := op.Extensions[pagingExtension].(map[string]any)
		if !reflect.DeepEqual(ext, tc.ext) {
			t.Errorf("%s: %s %v, want %v", tc.path, pagingExtension, ext, tc.ext)
		}
		paragraphs := strings.Split(op.Description, "\n\n")
		var paging string
		for _, p := range paragraphs {
			if strings.HasPrefix(p, "Paged:") {
				paging = p
			}
		}
		if paging != tc.desc {
			t.Errorf("%s: the description says\n%s\nwant\n%s", tc.path, paging, tc.desc)
		}
		if last := paragraphs[len(paragraphs)-1]; !strings.HasPrefix(last, "Documented in") {
			t.Errorf("%s: the description ends with %q", tc.path, last)
		}
	}
}

// TestPagingSurvivesMarshal checks the extension in the written document.
func TestPagingSurvivesMarshal(t *testing.T) {
	doc, _, err := Generate(pagedModel(), "")
	if err != nil {
		t.Fatal(err)
	}
	js, y, err := Marshal(doc, "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(js), `"x-b24-paging": {`) || !strings.Contains(string(y), "x-b24-paging:\n") {
		t.Error("the written document has no x-b24-paging")
	}
}
