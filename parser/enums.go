package parser

// This file owns the values a field takes: the ones its description lists
// after "Возможные значения" (or the lexicon's other words for it), and
// the first column of a table of values.

import (
	"bytes"
	"slices"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/b24gen/b24gen/b24/protocol"
	"github.com/b24gen/b24gen/model"
	"github.com/b24gen/b24gen/parser/yfm"
)

// documentedValues reads the values a description lists after "Возможные
// значения" (or its variants): the code spans that follow the phrase in the
// same paragraph, or the leading code span of each item of the list after
// it; and what the list says of each value ("`P` — на паузе"), by value.
// Without the phrase, a list of values introduced by a sentence ending in
// a colon is read (listedValues), and listed says so: such values are
// only a field's when its type can take them (table.go).
func (s *source) documentedValues(cell ast.Node, desc folded) (values []string, docs map[string]string, listed bool) {
	phrase := lexicon.enumIntro.in(desc)
	if phrase {
		values, docs = s.rawEnumValues(cell)
	} else {
		values, docs = s.listedValues(cell)
	}
	values, docs = keptValueDocs(values, docs)
	return values, docs, !phrase && len(values) > 0
}

// keptValueDocs cleans a list of values (cleanEnum) and keeps the docs of
// the values kept.
func keptValueDocs(values []string, docs map[string]string) ([]string, map[string]string) {
	values = cleanEnum(values)
	if len(values) == 0 || len(docs) == 0 {
		return values, nil
	}
	kept := map[string]string{}
	for _, v := range values {
		if d := docs[v]; d != "" {
			kept[v] = d
		}
	}
	if len(kept) == 0 {
		return values, nil
	}
	return values, kept
}

// listedValues reads a list of values the docs introduce by a sentence
// ending in a colon ("Тип статуса:", "Direction of sorting:") rather than
// by "Возможные значения": every item of the list after it starts with
// its values, each followed by a dash, a colon or nothing ("`O` — статус
// заказа", "`day`"). An introducing sentence that speaks of examples,
// formats, keys, fields or basic values (lexicon.notValueList) introduces
// no closed set, and a list with any other item (prose, "`id` сообщения",
// a nested list) is not one of values: nil then. A paragraph that lists
// values without a list is read by lineValues.
func (s *source) listedValues(cell ast.Node) ([]string, map[string]string) {
	for c := cell.FirstChild(); c != nil; c = c.NextSibling() {
		switch c.(type) {
		case *ast.Paragraph, *ast.TextBlock:
		default:
			continue
		}
		list, ok := c.NextSibling().(*ast.List)
		if !ok {
			if values, docs := s.lineValues(c); len(values) >= 2 {
				return values, docs
			}
			continue
		}
		if intro := strings.TrimSpace(s.inlineText(c)); !introducesValues(intro) && (c != cell.FirstChild() || !namesTheField(intro)) {
			continue
		}
		var values []string
		var docs map[string]string
		for it := list.FirstChild(); it != nil; it = it.NextSibling() {
			para := firstInlineBlock(it)
			if para == nil || it.ChildCount() != 1 {
				return nil, nil
			}
			leading := s.leadingValues(para)
			if len(leading) == 0 || !s.valuesEndItsStart(para) {
				return nil, nil
			}
			values = append(values, leading...)
			docs = addValueDoc(docs, s.valueDoc(para), leading...)
		}
		if len(values) < 2 {
			return nil, nil
		}
		return values, docs
	}
	return nil, nil
}

// lineValues reads the values a paragraph lists without a list, a line
// each or one after another after commas ("Пол: `M` — мужской, `F` —
// женский", "`Y` — активна" and "`N` — неактивна" on two lines): after an
// introduction ending in a colon, or none, every item starts with a value
// followed by a dash; an item starts where the introduction ends, after a
// line break or after a comma. nil when the paragraph is anything else.
func (s *source) lineValues(para ast.Node) ([]string, map[string]string) {
	n := para.FirstChild()
	if tx, ok := n.(*ast.Text); ok {
		// most paragraphs are prose: the colon is looked for before
		// anything is folded
		intro := bytes.TrimSpace(tx.Segment.Value(s.src))
		if !bytes.HasSuffix(intro, []byte(":")) || !introducesValues(string(intro)) {
			return nil, nil
		}
		n = n.NextSibling()
	}
	var values []string
	var docs map[string]string
	var doc strings.Builder
	current, atStart := "", true
	flush := func() {
		if current != "" {
			docs = addValueDoc(docs, strings.TrimSpace(strings.TrimRight(collapseSpaces(doc.String()), ",; ")), current)
		}
		doc.Reset()
	}
	for ; n != nil; n = n.NextSibling() {
		if atStart {
			cs, isCode := n.(*ast.CodeSpan)
			next, isText := n.NextSibling().(*ast.Text)
			if !isCode || !isText || !startsWithDash(string(next.Segment.Value(s.src))) {
				return nil, nil
			}
			flush()
			current, atStart = enumValue(s.codeSpanText(cs)), false
			values = append(values, current)
			continue
		}
		text := s.nodeText(n)
		if doc.Len() == 0 {
			text = strings.TrimLeft(text, " —–-")
		}
		doc.WriteString(text)
		if tx, ok := n.(*ast.Text); ok && (tx.SoftLineBreak() || tx.HardLineBreak() || strings.HasSuffix(strings.TrimSpace(text), ",")) {
			doc.WriteByte(' ')
			atStart = true
		}
	}
	flush()
	return values, docs
}

// introducesValues says whether a paragraph's text introduces a list of
// values: it ends in a colon, and its last sentence does not speak of
// examples, formats, keys, fields or basic values (lexicon.notValueList).
func introducesValues(intro string) bool {
	return strings.HasSuffix(intro, ":") && !lexicon.notValueList.in(lastSentence(fold(intro)))
}

// namesTheField says whether the first paragraph of a description is
// only what the field is, one sentence ("Пол.", "Временной тип
// напоминания"), so that a list of values right after it is the field's,
// as after an introduction ending in a colon ("Пол." then "- `M` —
// мужской", "- `F` — женский").
func namesTheField(intro string) bool {
	if intro == "" || strings.ContainsAny(strings.TrimRight(intro, "."), ".!?\n") {
		return false
	}
	return !lexicon.notValueList.in(fold(intro))
}

// addValueDoc records what the docs say of values, once for each (the
// first that says something), and returns docs, made when nil.
func addValueDoc(docs map[string]string, doc string, values ...string) map[string]string {
	if doc == "" {
		return docs
	}
	for _, v := range values {
		if _, seen := docs[v]; !seen {
			if docs == nil {
				docs = map[string]string{}
			}
			docs[v] = doc
		}
	}
	return docs
}

// startsWithDash says whether text starts, after spaces, with a dash.
func startsWithDash(text string) bool {
	t := strings.TrimSpace(text)
	return strings.HasPrefix(t, "—") || strings.HasPrefix(t, "–") || strings.HasPrefix(t, "-")
}

// lastSentence is the last sentence of text: what introduces a list is the
// sentence before it ("Field available only when inventory accounting is
// enabled. Is the barcode unique:"), not the ones before that.
func lastSentence(text folded) folded {
	if i := strings.LastIndex(string(text), ". "); i >= 0 {
		return text[i+2:]
	}
	return text
}

// valuesEndItsStart says whether what follows the values a list item
// starts with is nothing, or text that begins with a dash, a colon, an
// equals sign or a parenthesis: "`O` — статус заказа", not "`id` сообщения".
func (s *source) valuesEndItsStart(para ast.Node) bool {
	n, _ := s.afterValues(para)
	if n == nil {
		return true
	}
	tx, ok := n.(*ast.Text)
	if !ok {
		return false
	}
	rest := strings.TrimSpace(string(tx.Segment.Value(s.src)))
	return rest == "" || startsWithDash(rest) || strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, "=") || strings.HasPrefix(rest, "(")
}

func (s *source) rawEnumValues(cell ast.Node) ([]string, map[string]string) {
	values := []string{}
	var docs map[string]string
	var found bool
	for c := cell.FirstChild(); c != nil; c = c.NextSibling() {
		switch v := c.(type) {
		case *ast.Paragraph, *ast.TextBlock:
			if !lexicon.enumIntro.in(fold(s.inlineText(v))) {
				if found && len(values) == 0 {
					// the values a line each after the phrase's paragraph
					if lv, ld := s.lineValues(v); len(lv) >= 2 {
						return lv, ld
					}
				}
				continue
			}
			found = true
			var after []string
			seenPhrase := false
		inline:
			for n := v.FirstChild(); n != nil; n = n.NextSibling() {
				if tx, ok := n.(*ast.Text); ok {
					t := fold(string(tx.Segment.Value(s.src)))
					at, phrase := lexicon.enumIntro.find(t)
					switch {
					case at >= 0:
						seenPhrase = true
						// what the sentence says after the phrase: "по
						// умолчанию" before it ("Признак значения по
						// умолчанию. Возможные значения:") bounds nothing
						if after := t[at+len(phrase):]; lexicon.rangeWords.in(after) || lexicon.dependsOn.in(after) {
							// "от `1` до `200`": a range, not values
							return nil, nil
						}
					case seenPhrase && lexicon.rangeWords.in(t):
						return nil, nil
					case seenPhrase && (strings.Contains(string(t), ".") || lexicon.defaultIntro.in(t)):
						// the sentence listing the values has ended
						break inline
					}
					continue
				}
				if cs, ok := n.(*ast.CodeSpan); ok && seenPhrase {
					after = append(after, enumValue(s.codeSpanText(cs)))
				}
			}
			values = append(values, after...)
		case *ast.List:
			if !found {
				continue
			}
			for it := v.FirstChild(); it != nil; it = it.NextSibling() {
				para := firstInlineBlock(it)
				if para == nil {
					continue
				}
				leading := s.leadingValues(para)
				values = append(values, leading...)
				docs = addValueDoc(docs, s.valueDoc(para), leading...)
			}
			return values, docs
		}
	}
	return values, docs
}

// valueDoc returns what a list item says of the values it starts with:
// the text after them and the dash or colon that follows ("`P` — на
// паузе" says "на паузе").
func (s *source) valueDoc(para ast.Node) string {
	n, seen := s.afterValues(para)
	if !seen || n == nil {
		return ""
	}
	var b strings.Builder
	for ; n != nil; n = n.NextSibling() {
		b.WriteString(s.nodeText(n))
		b.WriteByte(' ')
	}
	return strings.TrimSpace(strings.TrimLeft(collapseSpaces(b.String()), "—–-:= "))
}

// afterValues returns the first node of a list item's paragraph after the
// values it starts with and the separators between them (nil when nothing
// follows), and whether it starts with a value at all.
func (s *source) afterValues(para ast.Node) (ast.Node, bool) {
	seen := false
	for n := para.FirstChild(); n != nil; n = n.NextSibling() {
		if _, ok := n.(*ast.CodeSpan); ok {
			seen = true
			continue
		}
		if tx, ok := n.(*ast.Text); ok && seen && valueSeparator(string(tx.Segment.Value(s.src))) {
			continue
		}
		return n, seen
	}
	return nil, seen
}

// leadingValues returns the values a list item starts with: "`Y` — да"
// gives Y, "`true` или `1` — включить" and "`1`, `2`, `3`" give each value.
func (s *source) leadingValues(para ast.Node) []string {
	var values []string
	for n := para.FirstChild(); n != nil; n = n.NextSibling() {
		switch v := n.(type) {
		case *ast.CodeSpan:
			values = append(values, enumValue(s.codeSpanText(v)))
			continue
		case *ast.Text:
			if len(values) > 0 && valueSeparator(string(v.Segment.Value(s.src))) {
				continue
			}
		}
		break
	}
	return values
}

// valueSeparator says whether text only separates two values of a list
// item: a comma, a slash, "или", "or".
func valueSeparator(text string) bool {
	return lexicon.valueSeparator.is(fold(strings.TrimSpace(text)))
}

// cleanEnum keeps a list of values only when it reads as one: values with
// placeholders ("U{id}", "SG<id>") or spaces describe patterns, not
// choices, and make the list unusable for checking; PHP's doubled
// backslashes ("Bitrix\\Vote") are single in the value. An empty value
// (`""`: "нет доступа") is one of the choices.
func cleanEnum(values []string) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, v := range values {
		if strings.ContainsAny(v, "{}<> \t") {
			return []string{}
		}
		v = strings.ReplaceAll(v, `\\`, `\`)
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

// enumValue strips the quotes a value is sometimes written with ('P', "Y").
func enumValue(v string) string {
	if len(v) >= 2 && (v[0] == '\'' || v[0] == '"') && v[len(v)-1] == v[0] {
		return v[1 : len(v)-1]
	}
	return v
}

// numericEnum says whether the enum of a number field, if any, lists
// numbers only (and null, which some fields also take).
func numericEnum(f model.Field) bool {
	if f.Base != "integer" && f.Base != "double" {
		return true
	}
	for _, v := range f.Enum {
		if _, err := strconv.ParseFloat(v, 64); err != nil && v != "null" {
			return false
		}
	}
	return true
}

// namesTypes reports whether the values a description lists are the
// names of types, null among them ("`string` — задан, `null` — не
// задан"): they say which types the field takes, not values it is limited
// to. Without null, type names are values (a user field's USER_TYPE_ID).
func namesTypes(values []string) bool {
	if !slices.Contains(values, "null") {
		return false
	}
	for _, v := range values {
		if v != "null" && !protocol.Type(v).IsBase() {
			return false
		}
	}
	return true
}

// beyondBoolean reports whether a boolean field lists values, each
// described, that the runtime's booleans do not read (SHOW_FILTER: N, I,
// E, S). Portals send those values, so they win over the type cell. A
// value without a description of its own (a code span in another value's
// text) decides nothing.
func beyondBoolean(f model.Field) bool {
	if f.Base != protocol.Boolean {
		return false
	}
	for _, v := range f.Enum {
		if _, described := f.EnumDocs[v]; !described || v == "null" {
			continue
		}
		if _, ok := protocol.BoolText(v); !ok {
			return true
		}
	}
	return false
}

// holdsListedValues reports whether a field is a list of the values its
// description lists: a list whose elements the type cell does not type
// ([`array`]), with possible values, whose description does not say its
// elements are objects (then the values named are their members: "массив
// объектов с полями `ENTITY_TYPE` и `ENTITY_ID`").
func holdsListedValues(f model.Field, desc folded) bool {
	return f.Base == protocol.Array && !f.Array && len(f.Fields) == 0 && len(f.Enum) > 0 &&
		!lexicon.objectElements.in(desc)
}

// valuesBase returns the type of the values listed: integer when each is
// a whole number, string otherwise.
func valuesBase(values []string) model.Base {
	for _, v := range values {
		if _, err := strconv.ParseInt(v, 10, 64); err != nil {
			return protocol.String
		}
	}
	return protocol.Integer
}

// valueColumn reads the first column of a table of values: the codes in
// its rows under the header.
func valueColumn(src *source, t *yfm.Table) []string {
	var values []string
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		cells := rowCells(row)
		if len(cells) == 0 {
			continue
		}
		var codes []string
		collectCode(src, cells[0], &codes)
		if len(codes) > 0 {
			values = append(values, codes[0])
		}
	}
	return values
}
