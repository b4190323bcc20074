package parser

import (
	"reflect"
	"testing"

	"github.com/b24gen/b24gen/model"
)

func TestReadChecks(t *testing.T) {
	params := []model.Field{
		{Name: "id"}, {Name: "entityTypeId"}, {Name: "type"}, {Name: "CHAT_ID"},
		{Name: "fields", Fields: []model.Field{{Name: "TITLE"}, {Name: "name"}}},
	}
	for _, tc := range []struct {
		code, message, description string
		want                       []model.ErrorCheck
	}{
		{"VALIDATION_ID_NOT_PROVIDED", "ID is missing.", "Идентификатор не указан",
			[]model.ErrorCheck{{Param: "id", Missing: true}}},
		{"VALIDATION_INVALID_ID_FORMAT", "ID has to be a positive integer.", "Неверный формат ID",
			[]model.ErrorCheck{{Param: "id", Invalid: true}}},
		{"ENTITY_TYPE_ID_REQUIRED", "", "",
			[]model.ErrorCheck{{Param: "entityTypeId", Missing: true}}},
		{"CHAT_ID", "Указан не корректный идентификатор чата", "Пустой или некорректный `CHAT_ID`",
			[]model.ErrorCheck{{Param: "CHAT_ID", Missing: true, Invalid: true}}},
		{"ERROR_CORE", "", "Не передан обязательный параметр `TITLE` в `fields`",
			[]model.ErrorCheck{{Param: "fields", Missing: true}, {Param: "fields.TITLE", Missing: true}}},
		{"ERROR_REQUIRED_PARAMETERS_MISSING", "Required parameter `X` is missing", "Обязательный параметр не передан",
			[]model.ErrorCheck{{Missing: true}}},
		// a lower-case name counts only quoted: "type" and "name" here are words
		{"ERROR_X", "Wrong type of the name", "Недопустимое значение", nil},
		{"ERROR_X", "Parameter \"type\" is not correct.", "Недопустимое значение параметра `type`",
			[]model.ErrorCheck{{Param: "type", Invalid: true}}},
		// "недопустимое" holds "пуст" but says nothing of a missing value
		{"ERROR_Y", "", "Недопустимое значение `id`", []model.ErrorCheck{{Param: "id", Invalid: true}}},
		{"SOURCE_NOT_FOUND", "Source was not found.", "Источник не найден", nil},
	} {
		m := &model.Method{Params: params, Errors: []model.Error{{Code: tc.code, Message: tc.message, Description: tc.description}}}
		readChecks(m)
		if got := m.Errors[0].Checks; !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s %q %q: checks %+v, want %+v", tc.code, tc.message, tc.description, got, tc.want)
		}
	}
}
