package analysis

import (
	"slices"
	"testing"

	"github.com/b24gen/b24gen/b24/protocol"
	"github.com/b24gen/b24gen/model"
)

func TestDescriptorResults(t *testing.T) {
	const descriptors = `{"result":{"ID":{"type":"integer","isRequired":false,"isReadOnly":true,"title":"ID"},"UF_CRM_1":{"type":"string","isDynamic":true,"title":"UF_CRM_1","settings":[]}},"time":{}}`
	entity := []model.Field{field("ID", "integer"), field("TITLE", "string"), field("UF_*", "string")}
	members := []model.Field{field("result", "object", field("type", "string"), field("isRequired", "boolean"), field("isReadOnly", "boolean"), field("title", "string"))}
	for _, tc := range []struct {
		name     string
		returns  []model.Field
		examples []model.Example
		want     Shape
		keys     []string
	}{
		// the page documents the entity's fields: they are the keys
		{"shop.item.fields", entity, []model.Example{example(model.ExampleResponse, descriptors)}, ShapeDescriptors, []string{"ID", "TITLE", "UF_*"}},
		// the page documents a descriptor's members: no keys
		{"shop.item.getFields", members, []model.Example{example(model.ExampleResponse, descriptors)}, ShapeDescriptors, nil},
		{"shop.item.getfieldsbytype", nil, []model.Example{example(model.ExampleResponse, descriptors)}, ShapeDescriptors, nil},
		// an empty answer says nothing; the other example decides
		{"shop.item.fields", nil, []model.Example{example(model.ExampleResponse, `{"result":[]}`), example(model.ExampleResponse, descriptors)}, ShapeDescriptors, nil},
		// a template is not evidence
		{"shop.item.fields", entity, []model.Example{{Kind: model.ExampleResponse, JSON: []byte(descriptors), Template: true}}, ShapeObject, nil},
		// no example: the name alone is not enough
		{"shop.item.fields", entity, nil, ShapeObject, nil},
		// not a descriptor method by name (a badge, a v3 field.get): the
		// example's object, inferred
		{"shop.item.badge.get", nil, []model.Example{example(model.ExampleResponse, `{"result":{"badge":{"type":"warning","title":"Late","code":"late"}}}`)}, ShapeObject, nil},
		{"shop.item.field.get", nil, []model.Example{example(model.ExampleResponse, `{"result":{"item":{"name":"id","type":"integer","title":"ID"}}}`)}, ShapeObject, nil},
		// values that are not descriptors: a list of fields, an object of
		// entities, inferred as they are
		{"shop.item.fields", nil, []model.Example{example(model.ExampleResponse, `{"result":[{"type":"string","title":"A"}]}`)}, ShapeObjectList, nil},
		// descriptors under one member: TestWrappedDescriptorResults
		{"shop.item.fields", nil, []model.Example{example(model.ExampleResponse, `{"result":{"fields":{"TITLE":{"type":"string","title":"Title"}}}}`)}, ShapeObject, nil},
		{"shop.item.fields", nil, []model.Example{example(model.ExampleResponse, `{"result":{"ID":{"type":"integer"}}}`)}, ShapeObject, nil},
		{"shop.item.fields", nil, []model.Example{example(model.ExampleResponse, `{"result":{"ID":{"type":"integer","title":"ID"},"NAME":"x"}}`)}, ShapeObject, nil},
		// a second example that contradicts the first: no type reads both
		{"shop.item.fields", nil, []model.Example{example(model.ExampleResponse, descriptors), example(model.ExampleResponse, `{"result":true}`)}, ShapeValue, nil},
	} {
		m := analyzeOne(t, method(tc.name, nil, tc.returns, tc.examples...))
		if m.Result.Shape != tc.want {
			t.Errorf("%s %v: shape %s, want %s", tc.name, tc.examples, m.Result.Shape, tc.want)
			continue
		}
		if tc.want != ShapeDescriptors {
			continue
		}
		names, more := m.Result.DescriptorKeyNames(10)
		if more != 0 || len(names) != len(tc.keys) {
			t.Errorf("%s: keys %v (+%d), want %v", tc.name, names, more, tc.keys)
			continue
		}
		for i := range names {
			if names[i] != tc.keys[i] {
				t.Errorf("%s: keys %v, want %v", tc.name, names, tc.keys)
				break
			}
		}
		if m.Result.Type != nil || m.Paging != nil {
			t.Errorf("%s: a descriptor result has type %v, paging %v", tc.name, m.Result.Type, m.Paging)
		}
	}
}

func TestDescriptorKeyNamesAreCapped(t *testing.T) {
	r := Result{Shape: ShapeDescriptors, Keys: []model.Field{field("A", "string"), field("B", "string"), field("", "string"), field("C", "string")}}
	names, more := r.DescriptorKeyNames(2)
	if len(names) != 2 || names[0] != "A" || names[1] != "B" || more != 1 {
		t.Errorf("%v +%d", names, more)
	}
}

// TestWrappedDescriptorResults checks the methods that answer descriptors
// under one member ({"fields": {…}}): the result is an object whose one
// member, marked Descriptors, holds them, with the keys the page
// documents, under the member or as the result's members.
func TestWrappedDescriptorResults(t *testing.T) {
	const wrapped = `{"result":{"fields":{"id":{"type":"integer","isRequired":false,"isReadOnly":true,"title":"ID"},"title":{"type":"string","title":"Title"}}},"time":{}}`
	const other = `{"result":{"product":{"id":{"type":"integer","isReadOnly":true}}}}`
	for _, tc := range []struct {
		name     string
		returns  []model.Field
		examples []model.Example
		member   string
		keys     []string
	}{
		// the page documents the member without its keys
		{"shop.item.fields", []model.Field{field("result", "object", field("fields", "object"))}, []model.Example{example(model.ExampleResponse, wrapped)}, "fields", nil},
		// the page documents the keys under the member
		{"shop.item.getfieldsbytype", []model.Field{field("result", "object", field("fields", "object", field("id", "integer"), field("name", "string")))}, []model.Example{example(model.ExampleResponse, wrapped)}, "fields", []string{"id", "name"}},
		// the page documents the keys as the result's members
		{"shop.category.fields", []model.Field{field("id", "integer"), field("name", "string")}, []model.Example{example(model.ExampleResponse, wrapped)}, "fields", []string{"id", "name"}},
		// the page documents nothing
		{"shop.item.getFields", nil, []model.Example{example(model.ExampleResponse, `{"result":[]}`), example(model.ExampleResponse, wrapped)}, "fields", nil},
		// not wrapped descriptors: two members, another member in a second
		// example, a member that is no descriptor map, a template, a name
		{"shop.item.fields", nil, []model.Example{example(model.ExampleResponse, `{"result":{"fields":{"id":{"type":"integer","title":"ID"}},"total":1}}`)}, "", nil},
		{"shop.item.fields", nil, []model.Example{example(model.ExampleResponse, wrapped), example(model.ExampleResponse, other)}, "", nil},
		{"shop.item.fields", nil, []model.Example{example(model.ExampleResponse, `{"result":{"fields":{"id":{"type":"integer"}}}}`)}, "", nil},
		{"shop.item.fields", nil, []model.Example{example(model.ExampleResponse, `{"result":{"fields":[{"type":"integer","title":"ID"}]}}`)}, "", nil},
		{"shop.item.fields", nil, []model.Example{{Kind: model.ExampleResponse, JSON: []byte(wrapped), Template: true}}, "", nil},
		{"shop.item.get", nil, []model.Example{example(model.ExampleResponse, wrapped)}, "", nil},
	} {
		m := analyzeOne(t, method(tc.name, nil, tc.returns, tc.examples...))
		r := m.Result
		if r.Descriptors != tc.member {
			t.Errorf("%s %v: descriptors member %q, want %q", tc.name, tc.examples, r.Descriptors, tc.member)
			continue
		}
		if tc.member == "" {
			continue
		}
		if r.Shape != ShapeObject || r.Type == nil || len(r.Type.Members) != 1 {
			t.Errorf("%s: shape %s, type %+v", tc.name, r.Shape, r.Type)
			continue
		}
		mem := r.Type.Members[0]
		if !mem.Descriptors || mem.Field.Name != tc.member || mem.Name != "Fields" || mem.Type != nil {
			t.Errorf("%s: member %+v", tc.name, mem)
		}
		names, _ := r.DescriptorKeyNames(10)
		if !slices.Equal(names, tc.keys) {
			t.Errorf("%s: keys %v, want %v", tc.name, names, tc.keys)
		}
	}
}

// A descriptor method whose page shows no answer answers descriptors when
// most of its namespace's descriptor methods that show theirs do (the
// legacy crm.*.fields pages); otherwise the page's table stands.
func TestDescriptorsByConvention(t *testing.T) {
	const descriptors = `{"result":{"ID":{"type":"integer","isRequired":false,"isReadOnly":true,"title":"ID"}}}`
	const wrapped = `{"result":{"fields":{"id":{"type":"integer","isReadOnly":true,"title":"ID"}}}}`
	const list = `{"result":[{"name":"TITLE"}]}`
	shown := func(name, answer string) model.Method {
		return method(name, nil, nil, example(model.ExampleResponse, answer))
	}
	entity := []model.Field{field("ID", "integer"), field("TITLE", "string")}
	for _, tc := range []struct {
		name    string
		others  []model.Method
		subject model.Method
		want    Shape
		origin  Origin
	}{
		{"most answer descriptors",
			[]model.Method{shown("shop.a.fields", descriptors), shown("shop.b.fields", descriptors), shown("shop.c.getFields", descriptors), shown("shop.d.fields", wrapped)},
			method("shop.item.fields", nil, entity), ShapeDescriptors, Conventional},
		{"no result documented",
			[]model.Method{shown("shop.a.fields", descriptors), shown("shop.b.fields", descriptors), shown("shop.c.fields", descriptors)},
			method("shop.item.fields", nil, nil), ShapeDescriptors, Conventional},
		{"an empty answer shows nothing",
			[]model.Method{shown("shop.a.fields", descriptors), shown("shop.b.fields", descriptors), shown("shop.c.fields", descriptors)},
			method("shop.item.fields", nil, entity, example(model.ExampleResponse, `{"result":[]}`)), ShapeDescriptors, Conventional},
		{"two are too few",
			[]model.Method{shown("shop.a.fields", descriptors), shown("shop.b.fields", descriptors)},
			method("shop.item.fields", nil, entity), ShapeObject, Documented},
		{"half is not most",
			[]model.Method{shown("shop.a.fields", descriptors), shown("shop.b.fields", descriptors), shown("shop.c.fields", descriptors), shown("shop.d.fields", list), shown("shop.e.fields", list), shown("shop.f.fields", wrapped)},
			method("shop.item.fields", nil, entity), ShapeObject, Documented},
		{"its own answer wins",
			[]model.Method{shown("shop.a.fields", descriptors), shown("shop.b.fields", descriptors), shown("shop.c.fields", descriptors)},
			shown("shop.item.fields", list), ShapeObjectList, Inferred},
		{"a documented value is not an entity",
			[]model.Method{shown("shop.a.fields", descriptors), shown("shop.b.fields", descriptors), shown("shop.c.fields", descriptors)},
			method("shop.item.fields", nil, []model.Field{field("result", "boolean")}), ShapeValue, Documented},
		{"not a descriptor method",
			[]model.Method{shown("shop.a.fields", descriptors), shown("shop.b.fields", descriptors), shown("shop.c.fields", descriptors)},
			method("shop.item.get", nil, entity), ShapeObject, Documented},
		{"another namespace's evidence does not count",
			[]model.Method{shown("depot.a.fields", descriptors), shown("depot.b.fields", descriptors), shown("depot.c.fields", descriptors)},
			method("shop.item.fields", nil, entity), ShapeObject, Documented},
	} {
		got := analyzedAmong(t, tc.subject, tc.others)
		if got.Result.Shape != tc.want || got.Result.Origin != tc.origin {
			t.Errorf("%s: %s, %s; want %s, %s", tc.name, got.Result.Shape, got.Result.Origin, tc.want, tc.origin)
		}
		if tc.want == ShapeDescriptors && len(tc.subject.Returns) > 0 {
			if names, _ := got.Result.DescriptorKeyNames(10); !slices.Equal(names, []string{"ID", "TITLE"}) {
				t.Errorf("%s: keys %v, want the documented fields", tc.name, names)
			}
		}
	}
}

// A method whose page documents no result and shows no answer is typed as
// the value most of its namespace's methods of the same verb answer where
// their pages say (crm.measure.delete as crm.*.delete: a boolean); a page
// that says anything, a verb whose methods disagree, or objects (each
// entity's own) leave it raw.
func TestScalarResultsByConvention(t *testing.T) {
	yes := func(name string) model.Method {
		return method(name, nil, []model.Field{field("result", "boolean")})
	}
	id := func(name string) model.Method {
		return method(name, nil, nil, example(model.ExampleResponse, `{"result":17}`))
	}
	entity := func(name string) model.Method {
		return method(name, nil, []model.Field{field("result", "object", field("ID", "integer"))})
	}
	for _, tc := range []struct {
		name    string
		others  []model.Method
		subject model.Method
		want    Shape
		base    model.Base
		origin  Origin
	}{
		{"most delete methods answer a boolean",
			[]model.Method{yes("shop.a.delete"), yes("shop.b.delete"), yes("shop.c.Delete"), yes("shop.d.delete")},
			method("shop.item.delete", nil, nil), ShapeValue, protocol.Boolean, Conventional},
		{"examples are evidence too",
			[]model.Method{id("shop.a.add"), id("shop.b.add"), id("shop.c.add")},
			method("shop.item.add", nil, nil), ShapeValue, protocol.Integer, Conventional},
		{"two are too few",
			[]model.Method{yes("shop.a.delete"), yes("shop.b.delete")},
			method("shop.item.delete", nil, nil), ShapeRaw, "", 0},
		{"most of the known answers, objects among them",
			[]model.Method{id("shop.a.add"), id("shop.b.add"), id("shop.c.add"), entity("shop.d.add"), entity("shop.e.add")},
			method("shop.item.add", nil, nil), ShapeValue, protocol.Integer, Conventional},
		{"half is not most",
			[]model.Method{id("shop.a.add"), id("shop.b.add"), id("shop.c.add"), entity("shop.d.add"), entity("shop.e.add"), entity("shop.f.add")},
			method("shop.item.add", nil, nil), ShapeRaw, "", 0},
		{"objects are each entity's own",
			[]model.Method{entity("shop.a.get"), entity("shop.b.get"), entity("shop.c.get")},
			method("shop.item.get", nil, nil), ShapeRaw, "", 0},
		{"a page that shows an answer keeps it",
			[]model.Method{yes("shop.a.delete"), yes("shop.b.delete"), yes("shop.c.delete")},
			method("shop.item.delete", nil, nil, example(model.ExampleResponse, `{"result":[]}`)), ShapeEmpty, "", 0},
		{"another verb's evidence does not count",
			[]model.Method{yes("shop.a.update"), yes("shop.b.update"), yes("shop.c.update")},
			method("shop.item.delete", nil, nil), ShapeRaw, "", 0},
		{"another namespace's evidence does not count",
			[]model.Method{yes("depot.a.delete"), yes("depot.b.delete"), yes("depot.c.delete")},
			method("shop.item.delete", nil, nil), ShapeRaw, "", 0},
	} {
		got := analyzedAmong(t, tc.subject, tc.others)
		if got.Result.Shape != tc.want || got.Result.Origin != tc.origin {
			t.Errorf("%s: %s, %s; want %s, %s", tc.name, got.Result.Shape, got.Result.Origin, tc.want, tc.origin)
			continue
		}
		if tc.want == ShapeValue && (got.Result.Field.Base != tc.base || got.Result.Untyped != "") {
			t.Errorf("%s: typed %q (untyped %q), want %q", tc.name, got.Result.Field.Base, got.Result.Untyped, tc.base)
		}
	}
}

// analyzedAmong returns the analysis of subject, analyzed with others in
// one API.
func analyzedAmong(t *testing.T, subject model.Method, others []model.Method) *Method {
	t.Helper()
	a, err := Build(normalized(append(others, subject)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range a.Methods {
		if m.Model.Name == subject.Name {
			return m
		}
	}
	t.Fatalf("%s is not analyzed", subject.Name)
	return nil
}
