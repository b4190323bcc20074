package apidiff

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// Regressions found by attacking the Go verdicts from outside (only the
// docs of b24gen diff and the promise given): each scenario once made the
// report disagree with apidiff on the generated packages. By class:
// constants of enum types and error codes removed, renamed or given
// another value; a member's survival judged by the docs' names rather
// than the Go names; a new row or method taking an existing Go name.
func TestGoVerdictRegressions(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the generated packages")
	}
	add, get := "api-reference/demo/demo-item-add.md", "api-reference/demo/demo-item-get.md"
	list, ev := "api-reference/demo/demo-item-list.md", "api-reference/demo/events/on-demo-item-add.md"
	copyto := "api-reference/disk/disk-file-copyto.md"
	withList := map[string]string{list: page(t, "list.md")}
	withEvent := map[string]string{ev: page(t, "event.md")}
	row := func(name, typ, desc string) string {
		return "|| **" + name + "**\n[`" + typ + "`](../data-types.md) | " + desc + " ||\n"
	}
	amount := row("AMOUNT", "integer", "Количество")
	status := func(vals string) [3]string {
		return [3]string{add, amount, amount + row("STATUS", "string", "Статус. Возможные значения: "+vals)}
	}
	errRow := func(code string) string {
		return "|| `" + code + "` | Item is locked | Элемент заблокирован ||\n"
	}
	errorTable := "## Обработка ошибок\n\nHTTP-статус: **400**\n\n### Возможные коды ошибок\n\n#|\n|| **Код** | **Описание** | **Значение** ||\n"
	getErrors := func(code string) [3]string {
		return [3]string{get, "## Обработка ошибок\n", errorTable + errRow(code) + "|#\n"}
	}
	other := "api-reference/demo/demo-other-delete.md"
	for _, sc := range []struct {
		name       string
		pages      map[string]string // pages both revisions have
		pre, edits [][3]string       // edits of both revisions; of the new one
		added      map[string]string // pages the new revision adds
	}{
		// an enum's value removed takes its constant with it
		{name: "enum value removed", pre: [][3]string{status("`A`, `B`, `C`")}, edits: [][3]string{{add, "`A`, `B`, `C`", "`A`, `B`"}}},
		{name: "result enum value removed", pre: [][3]string{{get, "|| **TITLE**\n[`string`](../data-types.md) | Название", "|| **TITLE**\n[`string`](../data-types.md) | Название. Возможные значения: `A`, `B`, `C`"}}, edits: [][3]string{{get, "`A`, `B`, `C`", "`A`, `B`"}}},
		{name: "event enum value removed", pages: withEvent, pre: [][3]string{{ev, "| Статус ||", "| Статус. Возможные значения: `N`, `P`, `Q` ||"}}, edits: [][3]string{{ev, "`N`, `P`, `Q`", "`N`, `P`"}}},
		{name: "list enum value removed", pre: [][3]string{{add, amount, amount + row("TAGS", "string[]", "Метки. Возможные значения: `A`, `B`, `C`")}}, edits: [][3]string{{add, "`A`, `B`, `C`", "`A`, `B`"}}},
		{name: "negative integer value removed", pre: [][3]string{{add, amount, row("AMOUNT", "integer", "Количество. Возможные значения: `-1`, `1`")}}, edits: [][3]string{{add, "`-1`, `1`", "`1`, `2`"}}},
		// a constant keeps its name and changes its value
		{name: "enum values recased", pre: [][3]string{status("`a`, `b`")}, edits: [][3]string{{add, "`a`, `b`", "`A`, `B`"}}},
		{name: "an added value takes a constant's name", pre: [][3]string{status("`A_B`, `C`")}, edits: [][3]string{{add, "`A_B`, `C`", "`A-B`, `A_B`, `C`"}}},
		{name: "error code recased", edits: [][3]string{{add, "`ITEM_LOCKED`", "`Item_Locked`"}}},
		{name: "error code respelled", edits: [][3]string{{add, "`ITEM_LOCKED`", "`ITEM-LOCKED`"}}},
		{name: "error removed, another case of it stays", pre: [][3]string{{get, "## Обработка ошибок\n", "## Обработка ошибок\n\nHTTP-статус: **400**\n\n### Возможные коды ошибок\n\n#|\n|| **Код** | **Описание** | **Значение** ||\n|| `item_locked` | Item is locked | Элемент заблокирован ||\n|#\n"}}, edits: [][3]string{{add, "|| `ITEM_LOCKED` | Item is locked | Элемент заблокирован ||\n", ""}}},
		// a constant named by its position, renamed by a reordering
		{name: "values reordered, named by position", pre: [][3]string{status("`A`, `---`")}, edits: [][3]string{{add, "`A`, `---`", "`---`, `A`"}}},
		// the enum type's kind changes under the same name
		{name: "enum retyped", pre: [][3]string{{add, amount, row("AMOUNT", "integer", "Количество. Возможные значения: `1`, `2`")}}, edits: [][3]string{{add, "|| **AMOUNT**\n[`integer`]", "|| **AMOUNT**\n[`string`]"}}},
		// a new row takes an existing member's Go name
		{name: "new parameter takes a Go name", edits: [][3]string{{add, "|| **TITLE**\n", row("title", "integer", "Номер") + "|| **TITLE**\n"}}},
		{name: "new returned field takes a Go name", edits: [][3]string{{get, "|| **TITLE**\n", row("title", "integer", "Номер") + "|| **TITLE**\n"}}},
		{name: "new event field takes a Go name", pages: withEvent, edits: [][3]string{{ev, "|| **STATUS**\n", "|| **status**\n[`integer`](../data-types.md) | Номер ||\n|| **STATUS**\n"}}},
		// a field renamed: its Go member goes, or stays, by its Go name
		{name: "parameter recased, its Go name changes", edits: [][3]string{{copyto, "**targetFolderId**", "**targetfolderid**"}}},
		{name: "returned field recased, its Go name changes", pre: [][3]string{{get, "|| **TITLE**", "|| **itemTitle**"}, {get, "\"TITLE\"", "\"itemTitle\""}}, edits: [][3]string{{get, "|| **itemTitle**", "|| **ITEMTITLE**"}, {get, "\"itemTitle\"", "\"ITEMTITLE\""}}},
		{name: "event field recased, its Go name changes", pages: withEvent, pre: [][3]string{{ev, "**STATUS**", "**statusId**"}, {ev, "\"STATUS\"", "\"statusId\""}}, edits: [][3]string{{ev, "**statusId**", "**STATUSID**"}, {ev, "\"statusId\"", "\"STATUSID\""}}},
		{name: "parameter respelled, its Go name stays", pre: [][3]string{{add, "|| **AMOUNT**", "|| **ITEM_AMOUNT**"}}, edits: [][3]string{{add, "|| **ITEM_AMOUNT**", "|| **ITEM-AMOUNT**"}}},
		{name: "required parameter respelled, its Go name stays", pre: [][3]string{{add, "|| **AMOUNT**", "|| **ITEM_AMOUNT***"}}, edits: [][3]string{{add, "|| **ITEM_AMOUNT***", "|| **ITEM-AMOUNT***"}}},
		{name: "returned field respelled, its Go name stays", pre: [][3]string{{get, "|| **TITLE**", "|| **ITEM_TITLE**"}, {get, "\"TITLE\"", "\"ITEM_TITLE\""}}, edits: [][3]string{{get, "|| **ITEM_TITLE**", "|| **ITEM-TITLE**"}, {get, "\"ITEM_TITLE\"", "\"ITEM-TITLE\""}}},
		{name: "event field respelled, its Go name stays", pages: withEvent, pre: [][3]string{{ev, "|| **STATUS**", "|| **STATUS_ID**"}, {ev, "\"STATUS\"", "\"STATUS_ID\""}}, edits: [][3]string{{ev, "|| **STATUS_ID**", "|| **STATUS-ID**"}, {ev, "\"STATUS_ID\"", "\"STATUS-ID\""}}},
		// a code added elsewhere takes an error constant's name from
		// another, or changes the part of the loser's name its methods share
		{name: "a code added elsewhere takes a constant's name", pre: [][3]string{{add, "`ITEM_LOCKED`", "`ERROR_ITEM_LOCKED`"}}, edits: [][3]string{getErrors("ITEM_LOCKED")}},
		{name: "a system code added takes a method code's name", edits: [][3]string{{"_includes/system-errors.md", "|#", "|| `400` | `ITEM-LOCKED`\nItem is locked | Элемент заблокирован ||\n|#"}}},
		{name: "a plainer code added elsewhere", pre: [][3]string{{add, "`ITEM_LOCKED`", "`ITEM-LOCKED`"}}, edits: [][3]string{getErrors("ITEM_LOCKED")}},
		{name: "a method added changes the loser's shared part", pre: [][3]string{getErrors("ITEM-LOCKED")},
			added: map[string]string{other: deletePage("demo.other.delete", `{"result": true}`) + "\n" + errorTable + errRow("ITEM-LOCKED") + "|#\n"}},
		{name: "a code added to a method of another group", pre: [][3]string{getErrors("ITEM-LOCKED")},
			pages: map[string]string{other: deletePage("demo.other.delete", `{"result": true}`)},
			edits: [][3]string{{other, "```\n", "```\n\n" + errorTable + errRow("ITEM-LOCKED") + "|#\n"}}},
		// a field named like a method of every struct
		{name: "a parameter named marshalJSON", edits: [][3]string{{add, amount, amount + row("marshalJSON", "string", "Дополнительно")}}},
		// a new method's batch function takes an enum type's name (the
		// harness once blamed the new method for the enum's change)
		{name: "a batch function takes an enum's name", pre: [][3]string{{add, amount, amount + row("BATCH_OTHER_GET", "string", "Вид. Возможные значения: `A`, `B`")}},
			added: map[string]string{"api-reference/demo/demo-other-get.md": deletePage("demo.other.get", `{"result": true}`)}},
		// a new method takes a list method's iterator name
		{name: "new method takes an iterator's name", pages: withList, added: map[string]string{"api-reference/demo/demo-item-listall.md": deletePage("demo.item.listAll", `{"result": true}`)}},
	} {
		t.Run(sc.name, func(t *testing.T) {
			oldfs := withPages(base(t), sc.pages)
			for _, e := range sc.pre {
				oldfs = edit(t, oldfs, e[0], e[1], e[2])
			}
			newfs := withPages(oldfs, sc.added)
			for _, e := range sc.edits {
				newfs = edit(t, newfs, e[0], e[1], e[2])
			}
			agreesWithAPIDiff(t, oldfs, newfs)
		})
	}
}

// page reads a page of testdata/pages.
func page(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/pages/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// withPages returns a copy of the tree with pages added.
func withPages(fsys fstest.MapFS, pages map[string]string) fstest.MapFS {
	out := fstest.MapFS{}
	for k, v := range fsys {
		out[k] = v
	}
	for k, v := range pages {
		out[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return out
}

// deletePage is a method page that deletes an object by id and answers
// as example shows.
func deletePage(method, example string) string {
	var b strings.Builder
	b.WriteString("# Удалить " + method + "\n\n> Scope: [`demo`](../scopes/permissions.md)\n>\n> Кто может выполнять метод: любой пользователь\n\nМетод `" + method + "` удаляет объект.\n\n## Параметры метода\n\n#|\n|| **Название**\n`тип` | **Описание** ||\n|| **id**\n[`integer`](../data-types.md) | Идентификатор ||\n|#\n\n## Обработка ответа\n\nHTTP-статус: **200**\n\n")
	b.WriteString("```json\n" + example + "\n```\n")
	return b.String()
}
