package analysis

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPlainText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"Access denied", "Access denied"},
		// code spans
		{"`Access denied`", "Access denied"},
		{"Invalid value of parameter `id`", "Invalid value of parameter id"},
		{"`LIST_ID is not found`, `ENTITY_TYPE is not found`", "LIST_ID is not found, ENTITY_TYPE is not found"},
		{"``a ` b``", "a ` b"},
		{"`` `x` ``", "`x`"},
		{"Ключ `code` должен содержать только символы `A-Za-z0-9-_`", "Ключ code должен содержать только символы A-Za-z0-9-_"},
		{"Invalid filter: field '`field`' is not allowed in filter", "Invalid filter: field 'field' is not allowed in filter"},
		{"Invalid value of parameter { Parameter #0 [ `<required>` $QUERY ] }.", "Invalid value of parameter { Parameter #0 [ <required> $QUERY ] }."},
		// broken Markdown: nested backticks, an unmatched one
		{"`Unknown field definition `FIELD` (FIELD) for \\Bitrix\\Crm\\CallList Entity.`", `Unknown field definition FIELD (FIELD) for \Bitrix\Crm\CallList Entity.`},
		{"Resource type with code already exists'`", "Resource type with code already exists'"},
		{"`a *b*`", "a *b*"},
		// emphasis
		{"**Required** field", "Required field"},
		{"*Required* field", "Required field"},
		{"***all***", "all"},
		{"__bold__ and _it_", "bold and it"},
		{"a **`code`** b", "a code b"},
		{"Поле *** для объекта USER уже существует", "Поле *** для объекта USER уже существует"},
		{"2 * 3 * 4", "2 * 3 * 4"},
		{"ENTITY_TYPE_ID is not defined", "ENTITY_TYPE_ID is not defined"},
		{"TASKS_ERROR_EXCEPTION_#0; Action failed", "TASKS_ERROR_EXCEPTION_#0; Action failed"},
		{"snake_case_name and _x", "snake_case_name and _x"},
		{"*unclosed", "*unclosed"},
		// links, images, autolinks
		{"See [the method](https://apidocs.bitrix24.com/x.html)", "See the method"},
		{"See [`crm.item.add`](../crm-item-add.md) first", "See crm.item.add first"},
		{"![logo](a.png) text", "logo text"},
		{"Go to <https://example.com/a>", "Go to https://example.com/a"},
		{"[not a link] (x)", "[not a link] (x)"},
		{"[a](b(c)d) e", "a e"},
		// escapes, entities, HTML
		{`Value \*x\* and \_y\_`, "Value *x* and _y_"},
		{`Bitrix\Main\Numerator\Numerator constructor`, `Bitrix\Main\Numerator\Numerator constructor`},
		{"Tom &amp; Jerry &quot;x&quot; &#39;y&#39; &lt;z&gt;", `Tom & Jerry "x" 'y' <z>`},
		{`Пользователь указанный в поле \u0026quot;Исполнитель\u0026quot; не найден\u003Cbr\u003E`, `Пользователь указанный в поле "Исполнитель" не найден`},
		{"Недостаточно прав.<br>", "Недостаточно прав."},
		{"line one<br/>line two<BR />three", "line one line two three"},
		{"<b>Bold</b> and <code>code</code>", "Bold and code"},
		{"Could not find line <LINE_ID>", "Could not find line <LINE_ID>"},
		{`\u00zz stays`, `\u00zz stays`},
		// white space, empty cells
		{"  two\n lines\t here  ", "two lines here"},
		{"`-`", ""},
		{"—", ""},
		{"a - b", "a - b"},
	} {
		if got := plainText(tc.in); got != tc.want {
			t.Errorf("plainText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// FuzzPlainText checks that any cell gives trimmed, valid text with no
// line breaks.
func FuzzPlainText(f *testing.F) {
	for _, s := range []string{"`a`", "**b**", "[c](d)", "<br>", `\u0026amp;`, "_e_", "``f`", "[g](", "\\"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := plainText(s)
		if strings.TrimSpace(got) != got || strings.ContainsAny(got, "\n\t") || (utf8.ValidString(s) && !utf8.ValidString(got)) {
			t.Errorf("plainText(%q) = %q", s, got)
		}
	})
}
