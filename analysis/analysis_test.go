package analysis

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/b24gen/b24gen/model"
)

// normalized returns a model of the methods and events, in canonical
// order.
func normalized(methods []model.Method, events ...model.Event) *model.API {
	api := &model.API{Methods: methods, Events: events}
	api.Normalize()
	return api
}

func at(m model.Method, file string, line int) model.Method {
	m.File, m.Line = file, line
	return m
}

func TestClashesAreRefusedWithTheirPages(t *testing.T) {
	// shop.item's parameter "result" is an object: its type is
	// ItemRequestResult, the name of shop.item.request's result type.
	item := at(method("shop.item", []model.Field{field("result", "object", field("a", "string"))}, nil), "api-reference/shop/item.md", 7)
	request := at(method("shop.item.request", nil, []model.Field{field("result", "object", field("b", "string"))}), "api-reference/shop/item-request.md", 12)
	_, err := Build(normalized([]model.Method{item, request}), Options{})
	if err == nil {
		t.Fatal("Build accepted two types named ItemRequestResult")
	}
	want := "api-reference/shop/item-request.md:12: package shop: shop.item (api-reference/shop/item.md:7) and shop.item.request both need the Go name ItemRequestResult"
	if err.Error() != want {
		t.Errorf("error\n%s\nwant\n%s", err, want)
	}
	// Analyze keeps going: the clash is data, for Validate.
	a := Analyze(normalized([]model.Method{item, request}), Options{})
	if len(a.Clashes) != 1 || a.Clashes[0].Ident != "ItemRequestResult" {
		t.Errorf("clashes %+v", a.Clashes)
	}
}

func TestClashWithTheClientIsRefused(t *testing.T) {
	runtime := at(method("shop.runtime", nil, nil), "api-reference/shop/runtime.md", 3)
	_, err := Build(normalized([]model.Method{runtime}), Options{})
	want := "api-reference/shop/runtime.md:3: package shop: the package API and shop.runtime both need the Client method Runtime"
	if err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
}

func TestClashBetweenErrorConstantAndTypeIsRefused(t *testing.T) {
	// The constant of ITEM_RESULT is ErrItemResult; so is the result type
	// of shop.err.item.
	get := at(method("shop.item.get", nil, nil), "api-reference/shop/get.md", 2)
	get.Errors = []model.Error{{Code: "ITEM_RESULT"}}
	errItem := at(method("shop.err.item", nil, []model.Field{field("result", "object", field("a", "string"))}), "api-reference/shop/err-item.md", 4)
	_, err := Build(normalized([]model.Method{get, errItem}), Options{})
	if err == nil || !strings.HasPrefix(err.Error(), "api-reference/shop/err-item.md:4: ") || !strings.Contains(err.Error(), "ErrItemResult") {
		t.Errorf("error %v", err)
	}
}

func TestEventClashIsRefused(t *testing.T) {
	events := []model.Event{
		{Name: "onShopAdd", File: "api-reference/shop/events/add.md", Line: 1},
		{Name: "onShopInsert", File: "api-reference/shop/events/insert.md", Line: 5},
	}
	_, err := Build(normalized(nil, events...), Options{Names: map[string]string{"onShopInsert": "OnShopAdd"}})
	if err == nil || !strings.HasPrefix(err.Error(), "api-reference/shop/events/insert.md:5: package b24events: onShopAdd (api-reference/shop/events/add.md:1) and onShopInsert both need the Go name ") {
		t.Errorf("error %v", err)
	}
}

func TestIteratorGivesWayToAMethod(t *testing.T) {
	list := method("shop.item.list", []model.Field{field("start", "integer")}, []model.Field{list("result", "object", field("ID", "integer"))})
	listAll := method("shop.item.listAll", nil, nil)
	a, err := Build(normalized([]model.Method{list, listAll}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := a.Methods[0].AllIterator; got != "" {
		t.Errorf("shop.item.list has the iterator %s, the Go name of shop.item.listAll", got)
	}
}

func TestMethodNames(t *testing.T) {
	api := normalized([]model.Method{
		method("imbot.v2.bot.register", nil, nil),
		method("imbot.v2.botRegister", nil, nil),
		method("imbot.v2.Bot.unregister", nil, nil),
		method("imbot.doc.get", nil, nil),
		method("imbot.ping", nil, nil),
		method("imbot", nil, nil),
		{Name: "imbot.bot.list", API: model.APIv3, File: "v3.md"},
	})
	a, err := Build(api, Options{Names: map[string]string{"IMBOT.V2.BOT.UNREGISTER": "Unregister"}, Packages: map[string]string{"imbot": "bots"}})
	if err != nil {
		t.Fatal(err)
	}
	type names struct{ pkg, goName, descriptor, request, batch, example, file string }
	var got []names
	for _, m := range a.Methods {
		got = append(got, names{m.Package, m.GoName, m.Descriptor, m.Request.Name, m.Batch, m.Example, m.File})
	}
	want := []names{
		{"bots", "Imbot", "methodImbot", "ImbotRequest", "BatchImbot", "exampleImbot", "bots"},
		{"botsv3", "BotList", "methodBotList", "BotListRequest", "BatchBotList", "exampleBotList", "bot"},
		{"bots", "DocGet", "methodDocGet", "DocGetRequest", "BatchDocGet", "exampleDocGet", "doc_methods"},
		{"bots", "Ping", "methodPing", "PingRequest", "BatchPing", "examplePing", "bots"},
		{"bots", "V2BotRegister", "methodV2BotRegister", "V2BotRegisterRequest", "BatchV2BotRegister", "exampleV2BotRegister", "v2"},
		{"bots", "Unregister", "methodUnregister", "UnregisterRequest", "BatchUnregister", "exampleUnregister", "v2"},
		{"bots", "V2BotRegister2", "methodV2BotRegister2", "V2BotRegister2Request", "BatchV2BotRegister2", "exampleV2BotRegister2", "v2"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("names\n%v\nwant\n%v", got, want)
	}
	var pkgs []string
	for _, p := range a.Packages {
		pkgs = append(pkgs, p.Name+"/"+p.Namespace+"/"+p.API)
	}
	if want := []string{"bots/imbot/", "botsv3/imbot/v3"}; !slices.Equal(pkgs, want) {
		t.Errorf("packages %v, want %v", pkgs, want)
	}
}

func TestDuplicatePagesAreLeftOut(t *testing.T) {
	first := at(method("shop.item.get", nil, nil), "a.md", 1)
	again := at(method("shop.Item.get", nil, nil), "b.md", 1)
	v3 := method("shop.item.get", nil, nil)
	v3.API = model.APIv3
	a, err := Build(normalized([]model.Method{again, first, v3}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Methods) != 2 || len(a.Duplicates) != 1 {
		t.Fatalf("%d methods, %d duplicates", len(a.Methods), len(a.Duplicates))
	}
	// the model's order puts shop.Item.get first: it is kept
	if d := a.Duplicates[0]; d.Page.File != "a.md" || d.Kept.File != "b.md" {
		t.Errorf("left out %s for %s", d.Page.File, d.Kept.File)
	}
}

func TestErrorCodes(t *testing.T) {
	get := method("shop.item.get", nil, nil)
	get.Errors = []model.Error{
		{Code: "ERROR_NOT_FOUND", Status: 404, Message: "`Not found`", Checks: []model.ErrorCheck{{Param: "id", Invalid: true}}},
		{Code: "error_not_found", Status: 400, Message: "second row", Checks: []model.ErrorCheck{{Param: "id", Missing: true}}},
		{Code: "ERR-QUOTE"},
		{Code: `ERR"*/QUOTE`},
		{Code: ""},
		{Code: "QUERY_LIMIT_EXCEEDED", Status: 503, System: true},
	}
	del := method("shop.item.delete", nil, nil)
	del.Errors = []model.Error{{Code: "ERROR_NOT_FOUND"}}
	a, err := Build(normalized([]model.Method{get, del}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var consts []string
	for _, c := range a.Packages[0].Errors {
		consts = append(consts, c.Const+"="+c.Code+" by "+strings.Join(c.Methods, ","))
	}
	want := []string{
		// shop.item.delete comes first in name order
		// the spelling with less punctuation keeps the name; the other is
		// named after the methods that document it
		"ErrErrQuote=ERR-QUOTE by shop.item.get",
		`ErrItemErrQuote=ERR"*/QUOTE by shop.item.get`,
		"ErrNotFound=ERROR_NOT_FOUND by shop.item.delete,shop.item.get",
		"ErrQueryLimitExceeded=QUERY_LIMIT_EXCEEDED by shop.item.get",
	}
	if !slices.Equal(consts, want) {
		t.Errorf("constants\n%v\nwant\n%v", consts, want)
	}
	errs := a.Methods[1].Errors
	wantErrs := []MethodError{
		// the message without its Markdown
		{Code: "ERROR_NOT_FOUND", Const: "ErrNotFound", Status: 404, Message: "Not found", Checks: []model.ErrorCheck{{Param: "id", Invalid: true}, {Param: "id", Missing: true}}},
		{Code: "ERR-QUOTE", Const: "ErrErrQuote", Checks: []model.ErrorCheck{}},
		{Code: `ERR"*/QUOTE`, Const: "ErrItemErrQuote", Checks: []model.ErrorCheck{}},
	}
	if !reflect.DeepEqual(errs, wantErrs) {
		t.Errorf("errors of shop.item.get\n%+v\nwant\n%+v", errs, wantErrs)
	}
	// the model keeps its rows: merging the checks copied them, and the
	// messages lost their Markdown in the analysis only
	if n := len(get.Errors[0].Checks); n != 1 {
		t.Errorf("the model's first row has %d checks", n)
	}
	if msg := get.Errors[0].Message; msg != "`Not found`" {
		t.Errorf("the model's first row has the message %q", msg)
	}
}

// TestErrorConstNames checks that codes whose names would be one get
// distinct names, none numbered, whatever the order of the pages.
func TestErrorConstNames(t *testing.T) {
	errs := func(codes ...string) []model.Error {
		var out []model.Error
		for _, c := range codes {
			out = append(out, model.Error{Code: c, System: c == "ACCESS_DENIED"})
		}
		return out
	}
	methods := []model.Method{
		method("crm.activity.add", nil, nil),
		method("crm.address.add", nil, nil),
		method("crm.requisite.link.get", nil, nil),
		method("crm.requisite.link.unregister", nil, nil),
		method("crm.item.get", nil, nil),
		// its request type is ErrGetRequest
		method("crm.errGet", nil, nil),
	}
	methods[0].Errors = errs("Access denied", "ACCESS_DENIED")
	methods[1].Errors = errs("ENTITY_ID is not defined or invalid", "Access denied", "ERROR_DELIVERY_NOT_FOUND")
	methods[2].Errors = errs("Not found", "entityId is not defined or invalid", "ERROR_NOT_FOUND", "access_denied")
	methods[3].Errors = errs("entityId is not defined or invalid", "DELIVERY_NOT_FOUND")
	methods[4].Errors = errs("NOT_FOUND", "GET_REQUEST")
	want := []string{
		"ErrAccessDenied=ACCESS_DENIED",
		"ErrAccessDeniedText=Access denied",
		"ErrDeliveryNotFound=DELIVERY_NOT_FOUND",
		"ErrEntityIDIsNotDefinedOrInvalid=ENTITY_ID is not defined or invalid",
		"ErrErrorDeliveryNotFound=ERROR_DELIVERY_NOT_FOUND",
		"ErrErrorNotFound=ERROR_NOT_FOUND",
		"ErrGetRequestCode=GET_REQUEST",
		"ErrNotFound=NOT_FOUND",
		"ErrRequisiteLinkEntityIDIsNotDefinedOrInvalid=entityId is not defined or invalid",
		"ErrRequisiteLinkNotFound=Not found",
	}
	for _, order := range [][]int{{0, 1, 2, 3, 4, 5}, {5, 4, 3, 2, 1, 0}, {2, 4, 0, 5, 3, 1}} {
		var ms []model.Method
		for _, i := range order {
			ms = append(ms, methods[i])
		}
		a, err := Build(normalized(ms), Options{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range a.Packages[0].Errors {
			got = append(got, c.Const+"="+c.Code)
		}
		if !slices.Equal(got, want) {
			t.Errorf("pages in order %v: constants\n%v\nwant\n%v", order, got, want)
		}
	}
}

func TestResultShapes(t *testing.T) {
	for _, tc := range []struct {
		result []model.Field
		shape  Shape
		typ    string
	}{
		{nil, ShapeRaw, ""},
		{[]model.Field{field("result", "object", field("ID", "integer"))}, ShapeObject, "ItemGetResult"},
		{[]model.Field{list("result", "object", field("ID", "integer"))}, ShapeObjectList, "ItemGetResult"},
		{[]model.Field{field("result", "boolean")}, ShapeValue, ""},
		{[]model.Field{field("result", "object")}, ShapeValue, ""},
		{[]model.Field{list("result", "string")}, ShapeValueList, ""},
		// the page lists the result's members without a "result" row
		{[]model.Field{field("ID", "integer"), field("time", "object")}, ShapeObject, "ItemGetResult"},
	} {
		r := analyzeOne(t, method("shop.item.get", nil, tc.result)).Result
		typ := ""
		if r.Type != nil {
			typ = r.Type.Name
		}
		if r.Shape != tc.shape || typ != tc.typ {
			t.Errorf("%v: shape %s of type %q, want %s of %q", tc.result, r.Shape, typ, tc.shape, tc.typ)
		}
	}
}

func TestMembers(t *testing.T) {
	res := field("result", "object",
		field("extra", "string"),
		field("authorId", "integer"),
		field("author_id", "integer"),
		field("UF_*", "string"),
		field("bad,name", "string"),
		field("owner", "object", field("name", "string")),
	)
	typ := analyzeOne(t, method("shop.item.get", nil, []model.Field{res})).Result.Type
	var got []string
	for _, m := range typ.Members {
		s := m.Field.Name + "=" + m.Name
		if m.Type != nil {
			s += ":" + m.Type.Name + " of " + m.Type.Of
		}
		if m.Kept != NotKept {
			s += " kept"
		}
		got = append(got, s)
	}
	want := []string{"extra=Extra2", "authorId=AuthorID", "author_id=AuthorID2", "UF_*= kept", "bad,name= kept", "owner=Owner:ItemGetResultOwner of owner"}
	if !slices.Equal(got, want) {
		t.Errorf("members\n%v\nwant\n%v", got, want)
	}
}

func TestEvents(t *testing.T) {
	api := normalized(nil,
		model.Event{Name: "onShopAdd", File: "api-reference/shop/events/add.md", Fields: []model.Field{field("DATA", "object", field("ID", "integer"))},
			Examples: []model.Example{{Kind: model.ExampleEvent, Template: true}, {Kind: model.ExampleEvent, Line: 9}}},
		model.Event{Name: "ONSHOPADD", File: "api-reference/shop/events/again.md"},
		model.Event{Name: "onPing", File: "api-reference/events/ping.md", Fields: []model.Field{field("data", "string")}},
		model.Event{Name: "onOther", File: "elsewhere.md"},
	)
	a, err := Build(api, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range a.Events.Events {
		s := strings.Join([]string{e.Model.Name, e.GoName, e.Descriptor, e.Handle, e.Data, e.File}, " ")
		if e.DataType != nil {
			s += " struct " + e.DataType.Name
		}
		if e.Example != nil {
			s += " example"
		}
		got = append(got, s)
	}
	want := []string{
		"onOther OnOther eventOnOther HandleOnOther OnOtherData other",
		"onPing OnPing eventOnPing HandleOnPing OnPingData events_events",
		"onShopAdd OnShopAdd eventOnShopAdd HandleOnShopAdd OnShopAddData shop struct OnShopAddData example",
	}
	if !slices.Equal(got, want) {
		t.Errorf("events\n%v\nwant\n%v", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if a.Events.Events[2].Example.Line != 9 {
		t.Error("the example is not the first that is not a template")
	}
}

func TestEnumOf(t *testing.T) {
	enum := func(base model.Base, values ...string) *model.Field {
		f := field("f", base)
		f.Enum = values
		return &f
	}
	if e := EnumOf(enum("string", "a", "b")); e == nil || !slices.Equal(e.Values, []string{"a", "b"}) || e.Ints != nil {
		t.Errorf("string enum %+v", e)
	}
	if e := EnumOf(enum("integer", "1", "2")); e == nil || !slices.Equal(e.Ints, []int64{1, 2}) {
		t.Errorf("integer enum %+v", e)
	}
	// "null" among the values says the field may be null (JSON null, which
	// reads as no value), not that "null" is one of them
	if e := EnumOf(enum("integer", "1", "2", "null")); e == nil || !slices.Equal(e.Ints, []int64{1, 2}) || !slices.Equal(e.Values, []string{"1", "2"}) || !e.Nullable {
		t.Errorf("integer enum with null %+v", e)
	}
	if e := EnumOf(enum("string", "a", "null")); e == nil || !slices.Equal(e.Values, []string{"a"}) || e.Open || !e.Nullable {
		t.Errorf("string enum with null %+v", e)
	}
	for _, f := range []*model.Field{enum("integer", "1", "Y"), enum("integer", "null"), enum("boolean", "Y", "N"), enum("string"), enum("", "a")} {
		if e := EnumOf(f); e != nil {
			t.Errorf("%s %v: enum %+v, want none", f.Base, f.Enum, e)
		}
	}
}

func TestAnalysisIsDeterministic(t *testing.T) {
	build := func() *API {
		api := normalized([]model.Method{
			method("shop.a.b", nil, nil), method("shop.aB", nil, nil), method("shop.a_b", nil, nil),
			method("shop.item.list", listParams, []model.Field{list("result", "object", field("ID", "integer"))}),
		})
		a, err := Build(api, Options{Names: map[string]string{"SHOP.A.B": "X", "shop.a.B": "Y"}})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	first := build()
	for range 20 {
		if a := build(); !reflect.DeepEqual(a, first) {
			t.Fatal("two analyses of one model differ")
		}
	}
	// "SHOP.A.B" sorts before "shop.a.B"
	if first.Methods[0].GoName != "X" {
		t.Errorf("the name of the smallest matching key should win: %s", first.Methods[0].GoName)
	}
}

// TestEnumTypes pins the enum rules: string and integer fields get a type,
// flags and other bases do not; equal value sets share one type named
// after their most frequent field; a name two sets want goes to neither,
// each is named after its owner; constants that make no identifier, or
// whose name is taken, are numbered by position.
func TestEnumTypes(t *testing.T) {
	enum := func(f model.Field, values ...string) model.Field {
		f.Enum = values
		return f
	}
	add := method("shop.order.add", []model.Field{
		enum(field("STATUS_ID", "string"), "NEW", "PAID"),
		enum(field("kind", "integer"), "1", "-1"),
		enum(list("tags", "string"), "a_b", "A-B", ""),
		enum(field("type", "string"), "x", "y"),
		enum(field("ACTIVE", "string"), "Y", "N"),
		enum(field("MULTIPLE", "char"), "Y", "N"),
		enum(field("flag", "boolean"), "true", "false"),
		enum(field("code", "integer"), "one", "two"),
	}, []model.Field{field("result", "object",
		enum(field("PREV_STATUS_ID", "string"), "PAID", "NEW"),
		enum(field("type", "string"), "p", "q"),
	)})
	get := method("shop.order.get", nil, []model.Field{field("result", "object",
		enum(field("STATUS_ID", "string"), "NEW", "PAID"),
		field("owner", "object", enum(field("type", "string"), "r")),
	)})
	a, err := Build(normalized([]model.Method{add, get}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	var walk func(typ *Type)
	walk = func(typ *Type) {
		for _, m := range typ.Members {
			if m.Type != nil {
				walk(m.Type)
			}
			if m.Enum != nil {
				got = append(got, typ.Name+"."+m.Name+"="+m.Enum.Name)
			}
		}
	}
	for _, m := range a.Methods {
		walk(m.Request)
		walk(m.Result.Type)
		for _, e := range m.Enums {
			var consts []string
			for _, v := range e.Values {
				consts = append(consts, v.Const)
			}
			got = append(got, m.Model.Name+" declares "+e.Name+": "+strings.Join(consts, " ")+" of "+strings.Join(e.Fields, ","))
		}
	}
	want := []string{
		"OrderAddRequest.StatusID=StatusID",
		"OrderAddRequest.Kind=Kind",
		"OrderAddRequest.Tags=Tags",
		"OrderAddRequest.Type=OrderAddType",
		"OrderAddResult.PrevStatusID=StatusID",
		"OrderAddResult.Type=OrderAddResultType",
		"shop.order.add declares StatusID: StatusIDNew StatusIDPaid of PREV_STATUS_ID,STATUS_ID",
		"shop.order.add declares Kind: Kind1 KindMinus1 of kind",
		"shop.order.add declares Tags: TagsAB TagsValue2 TagsValue3 of tags",
		"shop.order.add declares OrderAddType: OrderAddTypeX OrderAddTypeY of type",
		"shop.order.add declares OrderAddResultType: OrderAddResultTypeP OrderAddResultTypeQ of type",
		"OrderGetResult.StatusID=StatusID",
		"OrderGetResultOwner.Type=OrderGetResultOwnerType",
		"shop.order.get declares OrderGetResultOwnerType: OrderGetResultOwnerTypeR of type",
	}
	if !slices.Equal(got, want) {
		t.Errorf("enums\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Equal value sets share a type only where their values mean the same:
// crm's 1 and 2 are a discount's kind on some fields and a timeline
// item's on another, and each field's constants carry its own meaning.
func TestEnumTypesShareOnlyWhatMeansTheSame(t *testing.T) {
	enum := func(name string, docs ...string) model.Field {
		f := field(name, "integer")
		f.Enum = []string{"1", "2"}
		f.EnumDocs = map[string]string{}
		for i, d := range docs {
			f.EnumDocs[f.Enum[i]] = d
		}
		return f
	}
	add := method("shop.order.add", []model.Field{
		enum("discountType", "абсолютная", "процентная"),
		enum("itemType", "запись истории", "звонок"),
		enum("rowType", "не добавлять", "не показывать"),
	}, nil)
	update := method("shop.order.update", []model.Field{
		enum("DISCOUNT_TYPE_ID", "абсолютное значение (`1`)", "процент"),
		enum("kind"),
		enum("showType", "не показывать", "показывать"),
	}, nil)
	a, err := Build(normalized([]model.Method{add, update}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range a.Methods {
		for _, mem := range m.Request.Members {
			var docs []string
			for _, v := range mem.Enum.Values {
				docs = append(docs, v.Doc)
			}
			got = append(got, fmt.Sprintf("%s=%s %q", mem.Field.Name, mem.Enum.Name, docs))
		}
	}
	want := []string{
		`discountType=DiscountType ["абсолютная" "процентная"]`,
		`itemType=ItemType ["запись истории" "звонок"]`,
		`rowType=RowType ["не добавлять" "не показывать"]`,
		`DISCOUNT_TYPE_ID=DiscountType ["абсолютная" "процентная"]`,
		`kind=DiscountType ["абсолютная" "процентная"]`,
		`showType=ShowType ["не показывать" "показывать"]`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("enums\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A field named like a method every generated struct has gets another Go
// name: a member MarshalJSON beside the method does not compile.
func TestMembersAvoidTheStructsMethods(t *testing.T) {
	m := analyzeOne(t, method("shop.item.add", []model.Field{field("marshalJSON", "string"), field("UnmarshalJSON", "string"), field("Extra", "string")}, nil))
	var got []string
	for _, mem := range m.Request.Members {
		got = append(got, mem.Name)
	}
	for _, taken := range []string{"MarshalJSON", "UnmarshalJSON", "Extra"} {
		if slices.Contains(got, taken) {
			t.Errorf("members %v: %s is a method or member of every struct", got, taken)
		}
	}
}
