package model

import (
	"reflect"
	"testing"
)

func TestTakeWords(t *testing.T) {
	api := &API{
		Methods: []Method{{
			Name: "crm.deal.add", Title: "Добавить сделку", Summary: "Метод добавляет сделку.", Permissions: "любой пользователь",
			Params: []Field{{Name: "fields", Base: "object", Required: Required, Description: "Поля", Fields: []Field{
				{Name: "TITLE", Base: "string", Description: "Название"},
				{Name: "UF_CRM_X", Base: "string", Description: "Только в этой редакции"},
			}}},
			Returns: []Field{{Name: "result", Base: "integer", Description: "Идентификатор"}},
			Errors:  []Error{{Code: "400", Description: "Неверно", Status: 400}, {Code: "QUERY_LIMIT_EXCEEDED", System: true, Description: "Слишком часто"}},
		}, {
			Name: "crm.only.here", Title: "Только здесь", API: "", File: "only.md",
		}, {
			Name: "department.delete", Title: "Удалить", File: "department-delete.md",
		}, {
			Name: "tasks.task.get", API: APIv3, Title: "Получить задачу v3",
		}},
		Events: []Event{{Name: "onCrmDealAdd", File: "deal-add.md", Summary: "Событие", Fields: []Field{{Name: "data", Description: "Данные"}}}, {Name: "onOnlyHere", File: "only-here.md"}},
	}
	words := &API{
		Methods: []Method{{
			Name: "CRM.DEAL.ADD", Title: "Add a Deal", Summary: "The method adds a deal.", Permissions: "",
			Params: []Field{{Name: "fields", Base: "array", Required: Optional, Description: "Fields", Fields: []Field{
				{Name: "TITLE", Base: "text", Description: "Title"},
				{Name: "EXTRA", Description: "Not in the API"},
			}}},
			Returns: []Field{{Name: "result", Description: "Identifier"}},
			Errors:  []Error{{Code: "400", Description: "Invalid", Status: 404}, {Code: "QUERY_LIMIT_EXCEEDED", Description: "Not the system one"}},
		}, {
			Name: "tasks.task.get", Title: "Get a Task (classic)",
		}, {
			Name: "department.department.delete", Title: "Delete", File: "department-delete.md",
		}},
		Events: []Event{{Name: "ONCRMDEALADD", File: "deal-add.md", Summary: "Event", Fields: []Field{{Name: "data", Description: "Data"}}}},
	}
	w := api.TakeWords(words)
	if api.Methods[2].Title != "Delete" {
		t.Errorf("a method the other edition spells differently on the same page: %q", api.Methods[2].Title)
	}
	if w.Methods != 2 || w.Events != 1 || !reflect.DeepEqual(w.MethodsKept, []string{"crm.only.here", "tasks.task.get"}) || !reflect.DeepEqual(w.EventsKept, []string{"onOnlyHere"}) {
		t.Errorf("wording: %+v", w)
	}
	m := api.Methods[0]
	if m.Title != "Add a Deal" || m.Summary != "The method adds a deal." || m.Permissions != "любой пользователь" {
		t.Errorf("method text: %q %q %q", m.Title, m.Summary, m.Permissions)
	}
	f := m.Params[0]
	if f.Description != "Fields" || f.Base != "object" || f.Required != Required || len(f.Fields) != 2 {
		t.Errorf("the API changed or the words are missing: %+v", f)
	}
	if f.Fields[0].Description != "Title" || f.Fields[0].Base != "string" || f.Fields[1].Description != "Только в этой редакции" {
		t.Errorf("members: %+v", f.Fields)
	}
	if m.Returns[0].Description != "Identifier" || m.Returns[0].Base != "integer" {
		t.Errorf("returns: %+v", m.Returns)
	}
	if m.Errors[0].Description != "Invalid" || m.Errors[0].Status != 400 || m.Errors[1].Description != "Слишком часто" {
		t.Errorf("errors: %+v", m.Errors)
	}
	if api.Methods[3].Title != "Получить задачу v3" {
		t.Errorf("a REST 3.0 method took the words of its classic twin")
	}
	if e := api.Events[0]; e.Summary != "Event" || e.Name != "onCrmDealAdd" || e.Fields[0].Description != "Data" {
		t.Errorf("event: %+v", e)
	}
}

// TestTakeWordsErrorsWithoutCode: errors without a code, and the rows of
// one REST 3.0 code, take the words of the error at the same place in the
// other edition, not all those of the first (they were).
func TestTakeWordsErrorsWithoutCode(t *testing.T) {
	api := &API{Methods: []Method{{Name: "crm.deal.delete", Errors: []Error{
		{Code: "", Message: "ID is not defined or invalid", Description: "Не передан ID"},
		{Code: "", Message: "Access denied", Description: "Нет прав"},
		{Code: "BITRIX_REST_V3_X", Description: "Поле пустое", Fix: "Передайте поле"},
		{Code: "BITRIX_REST_V3_X", Description: "Поле неверное", Fix: "Исправьте поле"},
	}}}}
	words := &API{Methods: []Method{{Name: "crm.deal.delete", Errors: []Error{
		{Code: "", Message: "ID is not defined or invalid", Description: "ID is missing"},
		{Code: "", Message: "Access denied", Description: "No permission"},
		{Code: "BITRIX_REST_V3_X", Description: "The field is empty", Fix: "Pass the field"},
		{Code: "BITRIX_REST_V3_X", Description: "The field is wrong", Fix: "Fix the field"},
	}}}}
	api.TakeWords(words)
	var got []string
	for _, e := range api.Methods[0].Errors {
		got = append(got, e.Description+" / "+e.Fix)
	}
	want := []string{"ID is missing / ", "No permission / ", "The field is empty / Pass the field", "The field is wrong / Fix the field"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}
