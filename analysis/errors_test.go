package analysis

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/b24gen/b24gen/model"
)

// errorConsts lists a package's error constants as Const=code, or
// Const~message for the errors matched by message.
func errorConsts(p *Package) []string {
	var out []string
	for _, c := range p.Errors {
		if c.ByMessage {
			out = append(out, c.Const+"~"+c.Message+" by "+strings.Join(c.Methods, ","))
			continue
		}
		out = append(out, c.Const+"="+c.Code+" by "+strings.Join(c.Methods, ","))
	}
	return out
}

// TestMessageErrors checks that errors the docs give without a code are
// kept, matched by their message: one constant per message (spellings
// that differ in punctuation, quotes, Markdown or case are one message),
// named after it, never numbered, and yielding its name to a code.
func TestMessageErrors(t *testing.T) {
	del := method("crm.deal.delete", []model.Field{field("id", "integer")}, nil)
	del.Errors = []model.Error{
		{Message: "`ID is not defined or invalid`", Status: 400, Checks: []model.ErrorCheck{{Param: "id", Missing: true, Invalid: true}}},
		{Message: "`Access denied`", Status: 400},
		{Message: "`Not found`", Status: 400},
		// a row without code and message says nothing to match
		{Description: "Другие ошибки"},
		{Message: "-", Description: "Нет сообщения"},
	}
	get := method("crm.deal.get", []model.Field{field("id", "integer")}, nil)
	get.Errors = []model.Error{
		{Message: "ID is not defined or invalid.", Status: 400},
		{Code: "NOT_FOUND", Message: "Deal not found"},
		{Code: "ACCESS_DENIED", Status: 401, System: true},
	}
	a, err := Build(normalized([]model.Method{get, del}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"ErrAccessDenied=ACCESS_DENIED by crm.deal.get",
		"ErrAccessDeniedMessage~Access denied by crm.deal.delete",
		"ErrIDIsNotDefinedOrInvalid~ID is not defined or invalid by crm.deal.delete,crm.deal.get",
		"ErrNotFound=NOT_FOUND by crm.deal.get",
		"ErrNotFoundMessage~Not found by crm.deal.delete",
	}
	if got := errorConsts(a.Packages[0]); !slices.Equal(got, want) {
		t.Errorf("constants\n%v\nwant\n%v", got, want)
	}
	var delete *Method
	for _, m := range a.Methods {
		if m.Model.Name == "crm.deal.delete" {
			delete = m
		}
	}
	wantErrs := []MethodError{
		{Const: "ErrIDIsNotDefinedOrInvalid", ByMessage: true, Status: 400, Message: "ID is not defined or invalid", Checks: []model.ErrorCheck{{Param: "id", Missing: true, Invalid: true}}},
		{Const: "ErrAccessDeniedMessage", ByMessage: true, Status: 400, Message: "Access denied", Checks: []model.ErrorCheck{}},
		{Const: "ErrNotFoundMessage", ByMessage: true, Status: 400, Message: "Not found", Checks: []model.ErrorCheck{}},
	}
	if !reflect.DeepEqual(delete.Errors, wantErrs) {
		t.Errorf("errors of crm.deal.delete\n%+v\nwant\n%+v", delete.Errors, wantErrs)
	}
}

// TestMessageErrorNames checks the names of errors matched by message:
// a long message is named after its first words, and messages that share
// them take as many more words as tell them apart; the result does not
// depend on the order of the pages, and has no numbers.
func TestMessageErrorNames(t *testing.T) {
	errs := func(msgs ...string) []model.Error {
		var out []model.Error
		for _, m := range msgs {
			out = append(out, model.Error{Message: m})
		}
		return out
	}
	methods := []model.Method{
		method("calendar.event.add", nil, nil),
		method("calendar.event.get", nil, nil),
		method("calendar.section.get", nil, nil),
	}
	methods[0].Errors = errs(`Не задан обязательный параметр "from" для метода "calendar.event.add"`, `Не задан обязательный параметр "to" для метода "calendar.event.add"`)
	methods[1].Errors = errs(`Не задан обязательный параметр "type" для метода "calendar.event.get"`, "The current method required more scopes. (calendar)")
	methods[2].Errors = errs(`Не задан обязательный параметр "type" для метода "calendar.section.get"`, "The current method required more scopes. (crm)")
	want := []string{
		"ErrNeZadanObiazatelnyiParametrFromDliaMetodaCalendar~Не задан обязательный параметр \"from\" для метода \"calendar.event.add\" by calendar.event.add",
		"ErrNeZadanObiazatelnyiParametrToDliaMetodaCalendar~Не задан обязательный параметр \"to\" для метода \"calendar.event.add\" by calendar.event.add",
		"ErrNeZadanObiazatelnyiParametrTypeDliaMetodaCalendarEventGet~Не задан обязательный параметр \"type\" для метода \"calendar.event.get\" by calendar.event.get",
		"ErrNeZadanObiazatelnyiParametrTypeDliaMetodaCalendarSectionGet~Не задан обязательный параметр \"type\" для метода \"calendar.section.get\" by calendar.section.get",
		"ErrTheCurrentMethodRequiredMoreScopesCalendar~The current method required more scopes. (calendar) by calendar.event.get",
		"ErrTheCurrentMethodRequiredMoreScopesCrm~The current method required more scopes. (crm) by calendar.section.get",
	}
	for _, order := range [][]int{{0, 1, 2}, {2, 1, 0}, {1, 2, 0}} {
		var ms []model.Method
		for _, i := range order {
			ms = append(ms, methods[i])
		}
		a, err := Build(normalized(ms), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := errorConsts(a.Packages[0]); !slices.Equal(got, want) {
			t.Errorf("pages in order %v: constants\n%v\nwant\n%v", order, got, want)
		}
	}
}

// TestRestV3ErrorRows checks a code a REST 3.0 page lists in several rows,
// one a case: one constant, with the first row's message and fix, and the
// method's error with every row's checks.
func TestRestV3ErrorRows(t *testing.T) {
	const code = "BITRIX_REST_V3_EXCEPTION_VALIDATION_REQUESTVALIDATIONEXCEPTION"
	get := method("call.followup.get", []model.Field{field("callId", "integer"), field("select", "array")}, nil)
	get.API = model.APIv3
	get.Errors = []model.Error{
		{Code: code, Status: 400, Message: "Не передан `callId`", Fields: []string{"callId"}, Fix: "Передайте `callId`", Checks: []model.ErrorCheck{{Param: "callId", Missing: true}}},
		{Code: code, Status: 400, Message: "Неизвестное поле `select`", Fields: []string{"select"}, Fix: "Передайте поле из списка", Checks: []model.ErrorCheck{{Param: "select", Invalid: true}}},
	}
	a, err := Build(normalized([]model.Method{get}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := a.Packages[0]
	if len(p.Errors) != 1 {
		t.Fatalf("constants %v, want one", errorConsts(p))
	}
	c := p.Errors[0]
	if c.Const != "ErrBitrixRestV3ExceptionValidationRequestvalidationexception" || c.Message != "Не передан callId" || c.Fix != "Передайте `callId`" || c.ByMessage {
		t.Errorf("constant %+v", c)
	}
	want := []MethodError{{Code: code, Const: c.Const, Status: 400, Message: "Не передан callId",
		Checks: []model.ErrorCheck{{Param: "callId", Missing: true}, {Param: "select", Invalid: true}}}}
	if !reflect.DeepEqual(a.Methods[0].Errors, want) {
		t.Errorf("errors\n%+v\nwant\n%+v", a.Methods[0].Errors, want)
	}
}
