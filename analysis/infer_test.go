package analysis

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/b24gen/b24gen/model"
)

// describe writes a field's type compactly: "integer", "string[]",
// "object{ID:integer,NAME:string}[]", "map[integer[]]".
func describe(f model.Field) string {
	s := string(f.Base)
	if f.IsObject() {
		parts := make([]string, len(f.Fields))
		for i, m := range f.Fields {
			parts[i] = m.Name + ":" + describe(m)
		}
		s += "{" + strings.Join(parts, ",") + "}"
	}
	if f.Array {
		s += "[]"
	}
	if f.Map {
		s = "map[" + s + "]"
	}
	return s
}

func TestInferFromSamples(t *testing.T) {
	for _, tc := range []struct {
		samples []string
		want    string // "" when the samples tell nothing
	}{
		{[]string{`1`, `2`}, "integer"},
		{[]string{`1`, `2.5`}, "double"},
		{[]string{`12.0`}, "integer"},
		// PHP's numeric strings stay strings: b24.String reads numbers too
		{[]string{`"5"`, `7`}, "string"},
		{[]string{`true`, `false`}, "boolean"},
		{[]string{`true`, `1`}, "integer"},
		{[]string{`false`}, "boolean"},
		{[]string{`""`}, "string"},
		// empty values say nothing when something else speaks
		{[]string{`null`, `[]`, `5`}, "integer"},
		{[]string{`{}`, `5`}, "string"},
		{[]string{`null`}, ""},
		{[]string{`[]`, `{}`}, ""},
		{[]string{`[{"ID":1},{"ID":2,"NAME":"x"}]`, `[]`}, "object{ID:integer,NAME:string}[]"},
		{[]string{`{"ID":"1","OPTIONS":{"A":true}}`, `{"ID":2,"OPTIONS":[]}`}, "object{ID:string,OPTIONS:object{A:boolean}}"},
		// PHP's arrays keyed by integers (0…n-1 out of order, ids) are
		// lists, as b24.List reads them
		{[]string{`{"0":"a","1":"b"}`}, "string[]"},
		{[]string{`{"12":{"ID":12},"15":{"ID":15}}`}, "object{ID:integer}[]"},
		// … but not when the values do not hold their keys: the keys are
		// data, which a list would lose: a map of the values
		{[]string{`{"12":{"ID":1},"15":{"ID":2}}`}, "map[object{ID:integer}]"},
		{[]string{`{"12":"Ivan","15":"Petr"}`, `[]`}, "map[string]"},
		{[]string{`{"200":"https://a/200.png","500":"https://a/500.png"}`}, "map[string]"},
		// rows keyed by their codes: a map of the rows
		{[]string{`{"ru":{"code":"ru"},"by":{"code":"by"}}`}, "map[object{code:string}]"},
		// an object keyed by IDs in one example and by names in another
		// is an object: the names are its members
		{[]string{`{"12":"Ivan"}`, `{"ID":"5","NAME":"x"}`}, "object{ID:string,NAME:string}"},
		// user fields and instances' keys are kept in Extra
		{[]string{`{"UF_CRM_1712":1,"PARENT_ID_1032":2,"user1":3,"ID":4}`}, "object{ID:integer}"},
		{[]string{`{"07":{"ID":1},"user15":{"ID":2}}`}, "object"},
		{[]string{`[1,"a"]`}, "string[]"},
		{[]string{`[[1,2],[3]]`}, "array[]"},
		// values of kinds no one type reads
		{[]string{`{"a":1}`, `true`}, "any"},
		{[]string{`[{"a":1},5]`}, "any[]"},
	} {
		raw := make([]json.RawMessage, len(tc.samples))
		for i, s := range tc.samples {
			raw[i] = json.RawMessage(s)
		}
		f, ok := inferAnswer("x", raw)
		got := ""
		if ok {
			got = describe(f)
		}
		if got != tc.want {
			t.Errorf("%v: inferred %q, want %q", tc.samples, got, tc.want)
			continue
		}
		if ok && !allFitAnswer(&f, raw) {
			t.Errorf("%v: the inferred %s does not read the samples", tc.samples, got)
		}
	}
}

func TestResultFromExamples(t *testing.T) {
	response := func(results ...string) []model.Example {
		out := make([]model.Example, len(results))
		for i, r := range results {
			out[i] = example(model.ExampleResponse, `{"result":`+r+`,"time":{}}`)
		}
		return out
	}
	for _, tc := range []struct {
		name     string
		returns  []model.Field
		results  []string
		shape    Shape
		want     string
		origin   Origin
		inferred bool // the result type's members are inferred
	}{
		{
			name: "an undocumented result is the example's", results: []string{`{"ID":5,"TITLE":"a"}`},
			shape: ShapeObject, want: "object{ID:integer,TITLE:string}", origin: Inferred, inferred: true,
		},
		{
			name: "an object without members takes those of every example", returns: []model.Field{field("result", "object")},
			results: []string{`{"ID":5}`, `{"ID":6,"CODE":"x"}`},
			shape:   ShapeObject, want: "object{ID:integer,CODE:string}", origin: Inferred, inferred: true,
		},
		{
			name:    "a wrapper's member without members takes the example's",
			returns: []model.Field{field("result", "object", field("task", "object"))},
			results: []string{`{"task":{"id":"1","title":"a"}}`},
			shape:   ShapeObject, want: "object{task:object{id:string,title:string}}",
		},
		{
			name:    "the table wins where it documents members",
			returns: []model.Field{field("result", "object", field("ID", "integer"))}, results: []string{`{"ID":"5","MORE":1}`},
			shape: ShapeObject, want: "object{ID:integer}",
		},
		{
			name:    "a list of unknown elements takes the elements'",
			returns: []model.Field{field("result", "array")}, results: []string{`["a","b"]`},
			shape: ShapeValueList, want: "string[]", origin: Inferred,
		},
		{
			name:    "a boolean the example answers as a list of objects is that list (placement.get)",
			returns: []model.Field{field("result", "boolean")}, results: []string{`[{"placement":"CRM_DEAL_LIST_TOOLBAR","userId":0}]`},
			shape: ShapeObjectList, want: "object{placement:string,userId:integer}[]", origin: Widened, inferred: true,
		},
		{
			name:    "a boolean that is 13 widens to an integer",
			returns: []model.Field{field("result", "boolean")}, results: []string{`13`, `true`},
			shape: ShapeValue, want: "integer", origin: Widened,
		},
		{
			name:    "an integer that is a code widens to a string",
			returns: []model.Field{field("result", "integer")}, results: []string{`"a7bd"`},
			shape: ShapeValue, want: "string", origin: Widened,
		},
		{
			name:    "an object the examples answer as a list of it is a list of it",
			returns: []model.Field{field("result", "object", field("id", "integer"))}, results: []string{`[{"id":1},{"id":2}]`},
			shape: ShapeObjectList, want: "object{id:integer}[]", origin: Widened,
		},
		{
			name:    "an object the examples answer keyed by ID is a list of it (task.stages.get)",
			returns: []model.Field{field("result", "object", field("ID", "integer"), field("TITLE", "string"))},
			results: []string{`{"5":{"ID":"5","TITLE":"a"},"6":{"ID":"6","TITLE":"b"}}`, `[]`},
			shape:   ShapeObjectList, want: "object{ID:integer,TITLE:string}[]", origin: Widened,
		},
		{
			name:    "a wrapper's member keyed by ID is a list (tasks.task.complete's accomplicesData)",
			returns: []model.Field{field("result", "object", field("data", "object", field("id", "integer"), field("name", "string")))},
			results: []string{`{"data":{"3":{"id":"3","name":"a"},"11":{"id":"11","name":"b"}}}`},
			shape:   ShapeObject, want: "object{data:object{id:integer,name:string}[]}",
		},
		{
			name:    "an object the examples answer keyed by IDs its values do not hold maps them (calendar.accessibility.get)",
			returns: []model.Field{field("result", "object", field("ID", "integer"), field("NAME", "string"))},
			results: []string{`{"1":[{"ID":"5","NAME":"a"}],"34":[]}`, `{"7":[{"ID":6}]}`},
			shape:   ShapeObjectList, want: "map[object{ID:integer,NAME:string}[]]", origin: Widened,
		},
		{
			name:    "rows keyed by their codes are a map of them (documentgenerator.region.list)",
			returns: []model.Field{field("result", "object", field("code", "string"), field("title", "string"))},
			results: []string{`{"ru":{"code":"ru","title":"Россия"},"by":{"code":"by","title":"Беларусь"}}`},
			shape:   ShapeObject, want: "map[object{code:string,title:string}]", origin: Widened,
		},
		{
			name:    "one member keyed by its code is no evidence of a map",
			returns: []model.Field{field("result", "object", field("code", "string"))},
			results: []string{`{"ru":{"code":"ru"}}`},
			shape:   ShapeObject, want: "object{code:string}",
		},
		{
			name:    "IDs mapped to values of different kinds keep their keys (im.department.employees.get)",
			returns: []model.Field{field("result", "object", field("id", "integer"))},
			results: []string{`{"7":[3,67],"3":[278]}`, `{"7":[{"id":3}]}`},
			shape:   ShapeValueList, want: "map[any[]]", origin: Widened,
		},
		{
			name:    "a member keyed by IDs of scalars maps them (imopenlines' QUEUE_USERS_FIELDS)",
			returns: []model.Field{field("result", "object", field("users", "string"))},
			results: []string{`{"users":{"12":"Ivan","15":"Olga"}}`},
			shape:   ShapeObject, want: "object{users:map[string]}",
		},
		{
			name:    "an object documented by keys is a map of their type (landing.role.getRights)",
			returns: []model.Field{field("result", "object", list("0", "string"), list("<siteId>", "string"))},
			results: []string{`{"0":["read","edit"],"5":["read"]}`, `[]`},
			shape:   ShapeValueList, want: "map[string[]]",
		},
		{
			name:    "a key row's members are the map's values (imopenlines.session.history.get's users)",
			returns: []model.Field{field("result", "object", field("users", "object", field("<userId>", "object", field("id", "string"), field("name", "string"))))},
			results: []string{`{"users":{"7":{"id":"7","name":"Anna"}}}`},
			shape:   ShapeObject, want: "object{users:map[object{id:string,name:string}]}",
		},
		{
			name:    "a key row documented with no example is a map all the same",
			returns: []model.Field{field("result", "object", field("{BOT_ID}", "integer"))},
			shape:   ShapeValue, want: "map[integer]",
		},
		{
			name:    "key rows of different types are no map",
			returns: []model.Field{field("result", "object", field("0", "string"), list("<siteId>", "string"))},
			shape:   ShapeObject, want: "object{0:string,<siteId>:string[]}",
		},
		{
			name:    "an object whose documented members are integers is no list",
			returns: []model.Field{field("result", "object", field("1", "string"), field("2", "string"))},
			results: []string{`{"1":"a","2":"b"}`},
			shape:   ShapeObject, want: "object{1:string,2:string}",
		},
		{
			name:    "an integer the example answers as an object is the object (booking.v1.booking.add)",
			returns: []model.Field{field("result", "integer")}, results: []string{`{"id":1823}`},
			shape: ShapeObject, want: "object{id:integer}", origin: Widened, inferred: true,
		},
		{
			name: "a union of scalars is the narrowest that reads them", returns: []model.Field{{Name: "result", Type: "string|boolean", Base: "any"}},
			shape: ShapeValue, want: "string",
		},
		{
			name: "a union with a list is a list", returns: []model.Field{{Name: "result", Type: "integer|integer[]", Base: "any"}},
			results: []string{`5`, `[5,6]`},
			shape:   ShapeValueList, want: "integer[]",
		},
		{
			name: "examples of kinds no type reads keep it raw", results: []string{`{"a":1}`, `true`},
			shape: ShapeValue, want: "any", origin: Inferred,
		},
		{
			name: "null examples tell nothing", results: []string{`null`},
			shape: ShapeRaw,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := analyzeOne(t, method("shop.item.get", nil, tc.returns, response(tc.results...)...))
			r := m.Result
			if r.Shape != tc.shape {
				t.Fatalf("shape %s, want %s", r.Shape, tc.shape)
			}
			if r.Field == nil {
				if r.Untyped == "" {
					t.Error("a raw result says not why")
				}
				return
			}
			if got := describe(*r.Field); got != tc.want {
				t.Errorf("type %s, want %s", got, tc.want)
			}
			if r.Origin != tc.origin {
				t.Errorf("origin %s, want %s", r.Origin, tc.origin)
			}
			if r.Type != nil && r.Type.Inferred != tc.inferred {
				t.Errorf("inferred members %v, want %v", r.Type.Inferred, tc.inferred)
			}
			for _, res := range tc.results {
				if !fitsAnswer(r.Field, []byte(res)) {
					t.Errorf("the result type does not read %s", res)
				}
			}
		})
	}
}

func TestMemberOrigins(t *testing.T) {
	m := analyzeOne(t, method("shop.item.get", nil,
		[]model.Field{field("result", "object", field("ID", "integer"), field("FLAG", "boolean"), field("OPTIONS", "object"), field("FILES", "array"))},
		example(model.ExampleResponse, `{"result":{"ID":1,"FLAG":"E","OPTIONS":{"A":1}}}`)))
	want := map[string]struct {
		origin  Origin
		untyped bool
	}{
		"ID": {Documented, false}, "FLAG": {Widened, false}, "OPTIONS": {Inferred, false}, "FILES": {Documented, true},
	}
	for _, mem := range m.Result.Type.Members {
		w := want[mem.Field.Name]
		if mem.Origin != w.origin || (mem.Untyped != "") != w.untyped {
			t.Errorf("%s: origin %s, untyped %q; want %s, untyped %v", mem.Field.Name, mem.Origin, mem.Untyped, w.origin, w.untyped)
		}
	}
	if got := m.Result.Type.Untyped("result"); len(got) != 1 || got[0].Path != "result.FILES" || !strings.Contains(got[0].Why, "no example shows a value") {
		t.Errorf("untyped members %+v", got)
	}
}

func TestParamsFromExamples(t *testing.T) {
	required := func(f model.Field) model.Field { f.Required = model.Required; return f }
	enum := func(f model.Field, values ...string) model.Field { f.Enum = values; return f }
	for _, tc := range []struct {
		name    string
		params  []model.Field
		request string
		path    string // the parameter checked, dotted
		want    string
		origin  Origin
		relaxed bool
	}{
		{
			name: "a string the example sends as an object is any value (crm.status.delete)", params: []model.Field{field("params", "string")},
			request: `{"params":{"FORCED":"Y"}}`, path: "params", want: "any", origin: Widened,
		},
		{
			name: "an integer the example sends as a code is a string (bizproc.workflow.kill)", params: []model.Field{field("ID", "integer")},
			request: `{"ID":"a7bd4c6e9d"}`, path: "ID", want: "string", origin: Widened,
		},
		{
			// the server reads no boolean as a number: only a string reads both
			name: "a boolean the example sends as 13 is a string", params: []model.Field{field("ACTIVE", "boolean")},
			request: `{"ACTIVE":13}`, path: "ACTIVE", want: "string", origin: Widened,
		},
		{
			name: "a required parameter an example leaves out is optional", params: []model.Field{required(field("id", "integer")), field("entityIds", "array")},
			request: `{"entityIds":[1]}`, path: "id", want: "integer", relaxed: true,
		},
		{
			name:    "so is a required member (crm.currency.add)",
			params:  []model.Field{field("fields", "object", field("LANG", "object", required(field("DECIMALS", "integer")), field("FORMAT", "string")))},
			request: `{"fields":{"LANG":{"FORMAT":"# руб."}}}`, path: "fields.LANG.DECIMALS", want: "integer", relaxed: true,
		},
		{
			name: "a value the enumeration lacks opens it", params: []model.Field{enum(field("TYPE", "string"), "A", "B")},
			request: `{"TYPE":"C"}`, path: "TYPE", want: "string", origin: Widened,
		},
		{
			name: "a list of unknown elements takes the elements'", params: []model.Field{field("select", "array")},
			request: `{"select":["ID","TITLE"]}`, path: "select", want: "string[]", origin: Inferred,
		},
		{
			name: "an untyped parameter takes the example's scalar", params: []model.Field{field("title", "")},
			request: `{"title":"x"}`, path: "title", want: "string", origin: Inferred,
		},
		{
			name: "an object's members are not taken from a request", params: []model.Field{field("filter", "object")},
			request: `{"filter":{">ID":1,"STAGE_ID":"NEW"}}`, path: "filter", want: "object",
		},
		{
			name: "what the table documents and the example sends stays", params: []model.Field{required(field("id", "integer"))},
			request: `{"id":"5"}`, path: "id", want: "integer",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := analyzeOne(t, method("shop.item.update", tc.params, nil, example(model.ExampleRequest, tc.request)))
			mem := memberAt(m.Request, tc.path)
			if mem == nil {
				t.Fatalf("no member %s", tc.path)
			}
			if got := describe(*mem.Field); got != tc.want {
				t.Errorf("type %s, want %s", got, tc.want)
			}
			if mem.Origin != tc.origin || mem.Relaxed != tc.relaxed {
				t.Errorf("origin %s, relaxed %v; want %s, %v", mem.Origin, mem.Relaxed, tc.origin, tc.relaxed)
			}
			if tc.relaxed && mem.Field.Required.IsRequired() {
				t.Error("a relaxed parameter is still required")
			}
			var params map[string]any
			dec := json.NewDecoder(strings.NewReader(tc.request))
			dec.UseNumber()
			if err := dec.Decode(&params); err != nil {
				t.Fatal(err)
			}
			if !fitsRequestObject(m.Request.Fields, params) {
				t.Errorf("the parameters refuse %s", tc.request)
			}
		})
	}
}

// memberAt returns the member of t at a dotted path.
func memberAt(t *Type, path string) *Member {
	name, rest, nested := strings.Cut(path, ".")
	for i := range t.Members {
		mem := &t.Members[i]
		if mem.Field.Name != name {
			continue
		}
		if !nested {
			return mem
		}
		if mem.Type == nil {
			return nil
		}
		return memberAt(mem.Type, rest)
	}
	return nil
}

// TestModelIsNotChanged: the analysis widens and infers on copies; the
// model keeps what the pages document, for lint to compare the examples
// with.
func TestModelIsNotChanged(t *testing.T) {
	doc := []model.Field{field("result", "object", field("ID", "boolean"), field("OPTIONS", "object"))}
	params := []model.Field{field("fields", "object", field("NAME", "integer"))}
	params[0].Fields[0].Required = model.Required
	m := method("shop.item.update", params, doc,
		example(model.ExampleRequest, `{"fields":{}}`), example(model.ExampleResponse, `{"result":{"ID":"x","OPTIONS":{"A":1}}}`))
	api := &model.API{Methods: []model.Method{m}}
	api.Normalize()
	before := fmt.Sprintf("%+v", api.Methods[0])
	Analyze(api, Options{})
	if after := fmt.Sprintf("%+v", api.Methods[0]); after != before {
		t.Errorf("the model changed:\n%s\n%s", before, after)
	}
}

// A method that changes something and whose page gives its result no type
// answers nothing when its response examples show the result only empty
// (crm.item.delete: []); a reading method's [] is an empty list, and a
// documented type or a value in any example keeps the result as it was.
func TestEmptyAnswers(t *testing.T) {
	answers := func(results ...string) []model.Example {
		var out []model.Example
		for _, r := range results {
			out = append(out, example(model.ExampleResponse, `{"result":`+r+`,"time":{"start":1}}`))
		}
		return out
	}
	noType := []model.Field{{Name: "result", Type: "array", Base: "array", Description: "Возвращает пустой массив `[]` в случае успеха"}}
	for _, tc := range []struct {
		name    string
		method  string
		returns []model.Field
		results []string
		want    Shape
		empty   string
	}{
		{"an array shown empty", "shop.item.delete", noType, []string{`[]`}, ShapeEmpty, "[]"},
		{"spaces are no value", "shop.item.delete", noType, []string{"[ \n ]"}, ShapeEmpty, "[]"},
		{"null, no result documented", "shop.item.update", nil, []string{`null`}, ShapeEmpty, "null"},
		{"the first example's value", "shop.item.pin", nil, []string{`{}`, `null`}, ShapeEmpty, "{}"},
		{"a value in one example", "shop.item.delete", nil, []string{`[]`, `true`}, ShapeValue, ""},
		{"a documented type", "shop.item.delete", []model.Field{field("result", "boolean")}, []string{`null`}, ShapeValue, ""},
		{"a reading method's empty list", "shop.item.list", noType, []string{`[]`}, ShapeValue, ""},
		{"no example", "shop.item.delete", nil, nil, ShapeRaw, ""},
	} {
		m := analyzeOne(t, method(tc.method, nil, tc.returns, answers(tc.results...)...))
		if m.Result.Shape != tc.want || m.Result.Empty != tc.empty {
			t.Errorf("%s: %s %q, want %s %q", tc.name, m.Result.Shape, m.Result.Empty, tc.want, tc.empty)
		}
	}
}
