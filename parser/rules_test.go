package parser

import (
	"strings"
	"testing"

	"github.com/b24gen/b24gen/model"
)

// fieldSummary renders the fields of a tree as "path=required[enum]".
func fieldSummary(fs []model.Field, prefix string, out *[]string) {
	for _, f := range fs {
		req := "?"
		switch f.Required {
		case model.Required:
			req = "req"
		case model.Optional:
			req = "opt"
		}
		*out = append(*out, prefix+f.Name+"="+req+"["+strings.Join(f.Enum, ",")+"]")
		fieldSummary(f.Fields, prefix+f.Name+".", out)
	}
}

func paramsOf(t *testing.T, body string) string {
	t.Helper()
	res := parseMap(t, map[string]string{
		"api-reference/x/m.md": methodPage("x.m.get", "## Параметры метода\n\n{% include [Сноска](../../_includes/required.md) %}\n\n"+body),
	})
	if len(res.API.Methods) != 1 {
		t.Fatalf("methods: %v", res.API.Methods)
	}
	var out []string
	fieldSummary(res.API.Methods[0].Params, "", &out)
	return strings.Join(out, " ")
}

// tab is a tab of a {% list tabs %} holding a field table with rows.
func tab(name, rows string) string {
	return "- " + name + "\n\n    #|\n    || **Название**\n    `тип` | **Описание** ||\n" + rows + "    |#\n\n"
}

// TestParamRules reads parameter tables the docs write in several ways and
// checks what the model makes of the required marks and the values.
func TestParamRules(t *testing.T) {
	for _, c := range []struct{ name, page, want string }{
		// a parameter required only in some cases is optional, at any depth
		{"ConditionalRequirement", "#|\n|| **Название**\n`тип` | **Описание** ||\n" +
			"|| **CHAT_ID***\n`integer` | Идентификатор чата. Обязателен, если не передан `DIALOG_ID` ||\n" +
			"|| **DIALOG_ID***\n`string` | Dialog. Required if `CHAT_ID` is not provided ||\n" +
			"|| **MESSAGE***\n`string` | Текст ||\n" +
			"|| **filter***\n`object` | Фильтр ||\n|#\n\n" +
			"### Параметр filter\n\n#|\n|| **Название**\n`тип` | **Описание** ||\n" +
			"|| **cursor***\n`integer` | Обязателен, если задан `afterCursor` ||\n|#\n",
			"CHAT_ID=opt[] DIALOG_ID=opt[] MESSAGE=req[] filter=req[] filter.cursor=opt[]"},
		// several values per list item, values that depend on another parameter, words for numbers
		{"EnumValues", "#|\n|| **Название**\n`тип` | **Описание** ||\n" +
			"|| **mode**\n`string` | Режим.\n\nВозможные значения:\n- `true` или `1` — включить\n- `false` или `0` — выключить ||\n" +
			"|| **VOTE**\n`integer` | Оценка.\n\nВозможные значения:\n- `1`, `2`, `3`\n\nЕсли оценки нет — `0` ||\n" +
			"|| **OPERATION**\n`string` | Допустимые значения зависят от `FEATURE`:\n- для `photo`:\n  - `view` — смотреть ||\n" +
			"|| **entityId**\n`integer` | Возможные значения:\n- `id` сообщения чата\n- `id` поста ||\n" +
			"|| **type**\n`integer` | Возможные значения:\n- `1` — товар\n- `null` — нет ||\n|#\n",
			"mode=opt[true,1,false,0] VOTE=opt[1,2,3] OPERATION=opt[] entityId=opt[] type=opt[1,null]"},
		// a member documented in several tabs takes every tab's values, or none when a tab leaves it free
		{"TabbedMembersWiden", "#|\n|| **Название**\n`тип` | **Описание** ||\n|| **SETTINGS**\n`object` | Настройки ||\n|#\n\n" +
			"### Параметр SETTINGS\n\n{% list tabs %}\n\n" +
			tab("boolean", "    || **DISPLAY**\n    `string` | Вид. Возможные значения:\n    - `CHECKBOX` — флажок\n    - `RADIO` — радио ||\n    || **FREE**\n    `string` | Возможные значения:\n    - `A` — а ||\n") +
			tab("enumeration", "    || **DISPLAY**\n    `string` | Вид. Возможные значения:\n    - `LIST` — список\n    - `CHECKBOX` — флажки ||\n    || **FREE**\n    `string` | Что угодно ||\n") +
			"{% endlist %}\n",
			"SETTINGS=opt[] SETTINGS.DISPLAY=opt[CHECKBOX,RADIO,LIST] SETTINGS.FREE=opt[]"},
		// a note under a member section that names alternatives relaxes them wherever they are
		{"OneOfNotes", "#|\n|| **Название**\n`тип` | **Описание** ||\n|| **filter***\n`object` | Фильтр ||\n|#\n\n" +
			"### Параметр filter\n\n#|\n|| **Название**\n`тип` | **Описание** ||\n" +
			"|| **typeIds***\n`array` | Типы ||\n|| **ids***\n`array` | Идентификаторы ||\n|| **from***\n`date` | С ||\n|#\n\n" +
			"{% note info \" \" %}\n\nНеобходимо использовать только один из двух обязательных параметров: `typeIds` или `ids`. Вместе их использовать нельзя.\n\n{% endnote %}\n",
			"filter=req[] filter.typeIds=opt[] filter.ids=opt[] filter.from=req[]"},
	} {
		if got := paramsOf(t, c.page); got != c.want {
			t.Errorf("%s:\ngot  %s\nwant %s", c.name, got, c.want)
		}
	}
}
