package parser

import (
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"

	"github.com/b24gen/b24gen/model"
	"github.com/b24gen/b24gen/parser/yfm"
)

// maxFieldDepth bounds the nesting of sub-tables, which link to each other
// by anchor and could otherwise form a cycle.
const maxFieldDepth = 8

// readParams reads the parameter table of the params section and the
// sub-tables its rows link to.
func (p *page) readParams(m *model.Method) {
	m.Params = []model.Field{}
	for _, s := range p.sectionsWith(roleParams) {
		if t, src := firstTable(s.blocks); t != nil {
			m.Params = p.tableFields(src, t, true, map[*yfm.Table]bool{})
			return
		}
	}
}

// readReturns reads the table of returned fields.
func (p *page) readReturns(m *model.Method) {
	m.Returns = []model.Field{}
	for _, s := range p.sectionsWith(roleReturns) {
		if t, src := firstTable(s.blocks); t != nil {
			m.Returns = p.tableFields(src, t, false, map[*yfm.Table]bool{})
			return
		}
	}
}

// firstTable returns the first table among blocks, with its source.
func firstTable(blocks []block) (*yfm.Table, *source) {
	for _, b := range blocks {
		if t, ok := b.node.(*yfm.Table); ok {
			return t, b.src
		}
	}
	return nil, nil
}

// fieldColumns says which column of a field table holds what.
type fieldColumns struct {
	name, typ, desc int
	header          bool
}

// fieldTableColumns reads the header row of a field table. Most tables put
// the name and the type in one cell ("**Название**\n`тип`") and the
// description in the next; some give the type a column of its own.
func (p *page) fieldTableColumns(src *source, t *yfm.Table) fieldColumns {
	cols := fieldColumns{name: 0, typ: 0, desc: 1}
	first := t.FirstChild()
	if first == nil {
		return cols
	}
	var labels []string
	for c := first.FirstChild(); c != nil; c = c.NextSibling() {
		labels = append(labels, strings.ToLower(src.blockText(c)))
	}
	if len(labels) == 0 || !isHeaderLabel(labels[0]) {
		return cols
	}
	cols.header = true
	for i, l := range labels {
		switch {
		case i == 0:
		case strings.HasPrefix(l, "тип") || strings.HasPrefix(l, "type") || strings.HasPrefix(l, "`тип`") || strings.HasPrefix(l, "`type`"):
			cols.typ = i
		case strings.Contains(l, "описание") || strings.Contains(l, "description"):
			cols.desc = i
		}
	}
	return cols
}

// isHeaderLabel recognises the label of a header row's first cell.
func isHeaderLabel(l string) bool {
	l = strings.Trim(l, "*` ")
	for _, w := range []string{"название", "name", "параметр", "parameter", "поле", "field", "код", "code", "статус", "status"} {
		if strings.HasPrefix(l, w) {
			return true
		}
	}
	return false
}

// tableFields reads the rows of a field table. params says whether the
// required-mark convention applies (it is about parameters).
func (p *page) tableFields(src *source, t *yfm.Table, params bool, seen map[*yfm.Table]bool) []model.Field {
	fields := []model.Field{}
	if seen[t] || len(seen) >= maxFieldDepth {
		p.warn(src, src.nodeLine(t), CodeTableMalformed, "sub-tables link to each other in a cycle or nest too deeply; stopped here")
		return fields
	}
	seen[t] = true
	defer delete(seen, t)
	p.checkTable(src, t)

	cols := p.fieldTableColumns(src, t)
	row := t.FirstChild()
	if cols.header {
		row = row.NextSibling()
	}
	for ; row != nil; row = row.NextSibling() {
		cells := rowCells(row)
		if len(cells) == 0 {
			continue
		}
		f, ok := p.fieldFromRow(src, cells, cols, params)
		if !ok {
			continue
		}
		if len(cells) > cols.desc {
			f.Fields = p.linkedFields(src, cells[cols.desc], params, seen)
		}
		fields = append(fields, f)
	}
	return fields
}

// checkTable reports structural faults of a table.
func (p *page) checkTable(src *source, t *yfm.Table) {
	line := src.nodeLine(t)
	if t.Unclosed {
		p.warn(src, line, CodeTableMalformed, "table is not closed with |#")
	}
	if t.UnclosedFence {
		p.warn(src, line, CodeTableMalformed, "a code fence in the table is not closed")
	}
	if t.UnclosedRow {
		p.warn(src, line, CodeTableMalformed, "the last row of the table is not closed with ||")
	}
	for _, s := range t.Stray {
		p.warn(src, src.line(s.Start), CodeTableMalformed, "text outside any row is ignored: %q", strings.TrimSpace(string(s.Value(src.src))))
	}
}

func rowCells(row ast.Node) []*yfm.TableCell {
	var cells []*yfm.TableCell
	for c := row.FirstChild(); c != nil; c = c.NextSibling() {
		if cell, ok := c.(*yfm.TableCell); ok {
			cells = append(cells, cell)
		}
	}
	return cells
}

// fieldFromRow reads one row of a field table.
func (p *page) fieldFromRow(src *source, cells []*yfm.TableCell, cols fieldColumns, params bool) (model.Field, bool) {
	line := src.nodeLine(cells[0])
	nc := src.nameCell(cells[cols.name])
	if nc.name == "" {
		p.warn(src, line, CodeUnnamedRow, "row has no parameter name: %q", truncate(src.blockText(cells[cols.name]), 60))
		return model.Field{}, false
	}
	typ := nc.typ
	if cols.typ != cols.name && cols.typ < len(cells) {
		typ = src.typeCell(cells[cols.typ])
	}
	f := model.Field{Name: nc.name, Enum: []string{}, Fields: []model.Field{}}
	f.Type, f.Array = normalizeType(typ)
	if f.Type == "" {
		p.warn(src, line, CodeUntypedRow, "%s has no type", nc.name)
	}
	switch {
	case nc.required:
		f.Required = model.Required
	case params && p.requiredFootnote:
		f.Required = model.Optional
	default:
		f.Required = model.RequiredUnknown
	}
	if cols.desc < len(cells) {
		desc := cells[cols.desc]
		f.Description = src.blockText(desc)
		f.Enum = src.enumValues(desc)
		f.Default = src.defaultValue(desc)
	}
	return f, true
}

// nameCellInfo is what the first cell of a field row says.
type nameCellInfo struct {
	name     string
	required bool
	typ      string
}

// nameCell reads "**name***\n[`type`](…)": the name in bold or in a code span,
// the required mark ("*" after the name, inside the bold, or as ^*^), and the
// type after the line break.
func (s *source) nameCell(cell *yfm.TableCell) nameCellInfo {
	var info nameCellInfo
	para := firstInlineBlock(cell)
	if para == nil {
		return info
	}
	var nameNode ast.Node
	for n := para.FirstChild(); n != nil; n = n.NextSibling() {
		if t, ok := n.(*ast.Text); ok && strings.TrimSpace(string(t.Segment.Value(s.src))) == "" {
			continue
		}
		nameNode = n
		break
	}
	if nameNode == nil {
		return info
	}
	raw := strings.TrimSpace(strings.Trim(s.nodeText(nameNode), "`"))
	if strings.HasSuffix(raw, "^*^") {
		info.required = true
		raw = strings.TrimSuffix(raw, "^*^")
	}
	if strings.HasSuffix(raw, "*") {
		info.required = true
		raw = strings.TrimRight(raw, "*")
	}
	info.name = strings.TrimSpace(strings.Trim(raw, "`"))
	// the mark right after the name: "**id***" leaves "*" as text,
	// "**id**^*^" a Sup
	switch next := nameNode.NextSibling().(type) {
	case *ast.Text:
		if strings.HasPrefix(strings.TrimSpace(string(next.Segment.Value(s.src))), "*") {
			info.required = true
		}
	case *yfm.Sup:
		if s.inlineText(next) == "*" {
			info.required = true
		}
	}
	// the type: the first code span after the name, usually inside a link
	for n := nameNode.NextSibling(); n != nil; n = n.NextSibling() {
		var codes []string
		collectCode(s, n, &codes)
		if len(codes) > 0 {
			info.typ = codes[0]
			break
		}
	}
	return info
}

// typeCell reads a cell that holds only a type.
func (s *source) typeCell(cell *yfm.TableCell) string {
	var codes []string
	collectCode(s, cell, &codes)
	if len(codes) > 0 {
		return codes[0]
	}
	return s.blockText(cell)
}

// firstInlineBlock returns the first paragraph or text block of a cell.
func firstInlineBlock(cell ast.Node) ast.Node {
	for c := cell.FirstChild(); c != nil; c = c.NextSibling() {
		switch c.(type) {
		case *ast.Paragraph, *ast.TextBlock:
			return c
		}
	}
	return nil
}

// normalizeType turns a documented type into the model's type and array
// flag: "integer[]" is an array of integer; names are lower-cased except
// domain types that the docs spell with capitals (LayoutDto).
func normalizeType(t string) (string, bool) {
	t = strings.TrimSpace(strings.Trim(strings.TrimSpace(t), "`"))
	array := false
	for strings.HasSuffix(t, "[]") {
		array = true
		t = strings.TrimSpace(strings.TrimSuffix(t, "[]"))
	}
	if isLowerWord(strings.ToLower(t)) && strings.ToLower(t) != t && !hasInnerUpper(t) {
		t = strings.ToLower(t)
	}
	return t, array
}

func isLowerWord(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) && r != '_' {
			return false
		}
	}
	return s != ""
}

// hasInnerUpper reports a capital after the first letter (camelCase names).
func hasInnerUpper(s string) bool {
	for i, r := range s {
		if i > 0 && unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// linkedFields reads the sub-table a description links to with an anchor
// ("описан [ниже](#fields)").
func (p *page) linkedFields(src *source, desc *yfm.TableCell, params bool, seen map[*yfm.Table]bool) []model.Field {
	var anchors []string
	_ = ast.Walk(desc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if l, ok := n.(*ast.Link); ok && entering {
			if d := string(l.Destination); strings.HasPrefix(d, "#") {
				anchors = append(anchors, d[1:])
			}
		}
		return ast.WalkContinue, nil
	})
	for _, a := range anchors {
		s, ok := p.anchors[a]
		if !ok {
			p.warn(src, src.nodeLine(desc), CodeLinkUnresolved, "link to #%s: no heading has this anchor", a)
			continue
		}
		if t, tsrc := firstTable(s.blocks); t != nil {
			return p.tableFields(tsrc, t, params, seen)
		}
	}
	return []model.Field{}
}

// enumValues reads the values a description lists after "Возможные
// значения" (or its variants): the code spans that follow the phrase in the
// same paragraph, or the leading code span of each item of the list after it.
func (s *source) enumValues(cell ast.Node) []string {
	values := []string{}
	var found bool
	for c := cell.FirstChild(); c != nil; c = c.NextSibling() {
		switch v := c.(type) {
		case *ast.Paragraph, *ast.TextBlock:
			t := strings.ToLower(s.inlineText(v))
			if !containsAny(t, enumPhrases) {
				continue
			}
			found = true
			var after []string
			seenPhrase := false
		inline:
			for n := v.FirstChild(); n != nil; n = n.NextSibling() {
				if tx, ok := n.(*ast.Text); ok {
					t := strings.ToLower(string(tx.Segment.Value(s.src)))
					switch {
					case containsAny(t, enumPhrases):
						seenPhrase = true
					case seenPhrase && (strings.Contains(t, ".") || containsAny(t, defaultPhrases)):
						// the sentence listing the values has ended
						break inline
					}
					continue
				}
				if cs, ok := n.(*ast.CodeSpan); ok && seenPhrase {
					after = append(after, s.codeSpanText(cs))
				}
			}
			values = append(values, after...)
		case *ast.List:
			if !found {
				continue
			}
			for it := v.FirstChild(); it != nil; it = it.NextSibling() {
				if para := firstInlineBlock(it); para != nil {
					if cs, ok := para.FirstChild().(*ast.CodeSpan); ok {
						values = append(values, s.codeSpanText(cs))
					}
				}
			}
			return values
		}
	}
	return values
}

var enumPhrases = []string{"возможные значения", "допустимые значения", "possible values", "allowed values", "acceptable values"}

var defaultPhrases = []string{"по умолчанию", "default value", "by default", "default:"}

// defaultValue reads the value after "По умолчанию": the next code span in
// the same paragraph, or a following word that looks like a value.
func (s *source) defaultValue(cell ast.Node) string {
	for c := cell.FirstChild(); c != nil; c = c.NextSibling() {
		switch c.(type) {
		case *ast.Paragraph, *ast.TextBlock:
		default:
			continue
		}
		seenPhrase := false
		for n := c.FirstChild(); n != nil; n = n.NextSibling() {
			if tx, ok := n.(*ast.Text); ok {
				t := string(tx.Segment.Value(s.src))
				lt := strings.ToLower(t)
				if i := indexAny(lt, defaultPhrases); i >= 0 {
					seenPhrase = true
					if w := valueWord(t[i:]); w != "" {
						return w
					}
					continue
				}
				if seenPhrase && strings.TrimSpace(strings.Trim(t, " —–-:")) != "" {
					if w := valueWord(t); w != "" {
						return w
					}
					seenPhrase = false
				}
				continue
			}
			if cs, ok := n.(*ast.CodeSpan); ok && seenPhrase {
				return s.codeSpanText(cs)
			}
			if _, ok := n.(*ast.Emphasis); ok && seenPhrase {
				if w := valueWord(s.nodeText(n)); w != "" {
					return w
				}
			}
		}
	}
	return ""
}

// valueWord returns the word after the default phrase in t when it looks
// like a value (a number, Y/N, true/false, an upper-case constant).
func valueWord(t string) string {
	lt := strings.ToLower(t)
	if i := indexAny(lt, defaultPhrases); i >= 0 {
		for _, ph := range defaultPhrases {
			if strings.HasPrefix(lt[i:], ph) {
				t = t[i+len(ph):]
				break
			}
		}
	}
	t = strings.TrimLeft(t, " \t—–-:=")
	f := strings.Fields(t)
	if len(f) == 0 {
		return ""
	}
	w := strings.TrimRight(f[0], ".,;)")
	if w == "" {
		return ""
	}
	if isValueLike(w) {
		return w
	}
	return ""
}

func isValueLike(w string) bool {
	switch strings.ToLower(w) {
	case "true", "false", "y", "n", "null":
		return true
	}
	upperOrDigit := true
	for _, r := range w {
		if !(unicode.IsDigit(r) || (r < unicode.MaxASCII && unicode.IsUpper(r)) || r == '_' || r == '-' || r == '.') {
			upperOrDigit = false
		}
	}
	return upperOrDigit
}

func containsAny(s string, subs []string) bool { return indexAny(s, subs) >= 0 }

func indexAny(s string, subs []string) int {
	for _, sub := range subs {
		if i := strings.Index(s, sub); i >= 0 {
			return i
		}
	}
	return -1
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
