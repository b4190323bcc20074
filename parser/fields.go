package parser

import (
	"slices"
	"strconv"
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
// sub-tables its rows link to. A page that says it takes no parameters
// ("Без параметров.") has none, whatever tables follow; a page without a
// params section may give the table right after its summary.
func (p *page) readParams(m *model.Method) {
	m.Params = []model.Field{}
	if p.saysNoParams() {
		return
	}
	if fs := p.readFieldSections(true); fs != nil {
		m.Params = fs
	}
}

// readFieldSections reads the field table of the params sections (for an
// event page, what the handler receives) and the tables its rows link to;
// params says whether the fields are what a caller sends (see
// arrayWithMembers) or what the portal sends. It returns nil when there is
// no table.
func (p *page) readFieldSections(params bool) []model.Field {
	sections := p.sectionsWith(roleParams)
	if sets := p.alternativeSets(sections, params); len(sets) > 1 {
		fs := mergeAlternatives(sets)
		relaxRequired(fs)
		return fs
	}
	for _, s := range sections {
		if t, src := firstTable(s.blocks); t != nil {
			fs := p.tableFieldsDepth(src, t, params, map[*yfm.Table]bool{}, 0)
			p.attachMemberSections(fs, sections, params)
			relaxRequired(fs)
			if params {
				relaxOneOfNotes(fs, sections)
			}
			return fs
		}
	}
	if len(sections) == 0 {
		for _, b := range p.preamble {
			if t, ok := b.node.(*yfm.Table); ok && isFieldTable(b.src, t) {
				return p.tableFieldsDepth(b.src, t, params, map[*yfm.Table]bool{}, 0)
			}
		}
	}
	return nil
}

// attachMemberSections gives members to the fields that a heading of
// their own describes without a link from the row ("### Параметр fields"
// under the params table, "#### Объект result"): the heading's table, or
// the tables of its tabs (one per entity type, say), merged.
func (p *page) attachMemberSections(fields []model.Field, sections []*section, params bool) {
	for _, s := range sections {
		if !isMemberHeading(s.title) {
			continue
		}
		name, _ := memberHeadingName(s.title)
		target := findFieldDeep(fields, name)
		if target == nil || len(target.Fields) > 0 {
			continue
		}
		sets := p.memberTables(s, params)
		if len(sets) == 1 && !takesMembers(target.Base) {
			if self, ok := selfDescription(sets[0], target.Name); ok {
				if len(target.Enum) == 0 {
					target.Enum = self.Enum
				}
				continue
			}
		}
		switch len(sets) {
		case 0:
			continue
		case 1:
			target.Fields = sets[0]
		default:
			target.Fields = mergeAlternatives(sets)
		}
		switch target.Base {
		case "any", "", "array":
			if target.Base == "array" && !params {
				target.Array = true
			}
			target.Base = "object"
		}
	}
}

// memberTables returns the field tables of a section: its own, or one per
// tab of its {% list tabs %}.
func (p *page) memberTables(s *section, params bool) [][]model.Field {
	if t, src := firstTable(s.blocks); t != nil && isFieldTable(src, t) {
		return [][]model.Field{p.tableFieldsDepth(src, t, params, map[*yfm.Table]bool{}, 0)}
	}
	var sets [][]model.Field
	for _, b := range s.blocks {
		d, ok := b.node.(*yfm.Directive)
		if !ok || d.Name != "list" {
			continue
		}
		_ = ast.Walk(d, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if t, ok := n.(*yfm.Table); ok && entering {
				if isFieldTable(b.src, t) {
					sets = append(sets, p.tableFieldsDepth(b.src, t, params, map[*yfm.Table]bool{}, 0))
				}
				return ast.WalkSkipChildren, nil
			}
			return ast.WalkContinue, nil
		})
	}
	return sets
}

// findFieldDeep finds a field by name, breadth first through the members.
func findFieldDeep(fs []model.Field, name string) *model.Field {
	for i := range fs {
		if strings.EqualFold(fs[i].Name, name) {
			return &fs[i]
		}
	}
	for i := range fs {
		if f := findFieldDeep(fs[i].Fields, name); f != nil {
			return f
		}
	}
	return nil
}

// alternativeSets returns the parameter tables of a method that documents
// several ways to call it ("Доступно три варианта вызова метода", each
// under a heading of its own): the params section has no table of its
// own, and its sub-sections each have one and are not the sub-table of a
// parameter ("Параметр fields").
func (p *page) alternativeSets(sections []*section, params bool) [][]model.Field {
	if len(sections) < 3 {
		return nil
	}
	top := sections[0]
	if t, _ := firstTable(top.blocks); t != nil {
		return nil
	}
	var sets [][]model.Field
	for _, s := range sections[1:] {
		if s.level <= top.level {
			break
		}
		if isMemberHeading(s.title) {
			continue
		}
		t, src := firstTable(s.blocks)
		if t == nil || !isFieldTable(src, t) {
			continue
		}
		sets = append(sets, p.tableFieldsDepth(src, t, params, map[*yfm.Table]bool{}, 0))
	}
	return sets
}

// mergeAlternatives merges alternative parameter sets: every parameter of
// any set, required only when every set requires it.
func mergeAlternatives(sets [][]model.Field) []model.Field {
	var out []model.Field
	for _, set := range sets {
		for _, f := range set {
			if model.FindField(out, f.Name) == nil {
				out = append(out, f)
			}
		}
	}
	for i := range out {
		mergeOccurrences(&out[i], sets)
		if !out[i].Required.IsRequired() {
			continue
		}
		for _, set := range sets {
			if g := model.FindField(set, out[i].Name); g == nil || !g.Required.IsRequired() {
				out[i].Required = model.Optional
				out[i].Description = strings.TrimSpace(out[i].Description + "\n\nRequired in one of the ways to call the method.")
				break
			}
		}
	}
	return out
}

// mergeOccurrences widens f, taken from the first set that has it, to
// what every set allows: the union of the enums (none when one set leaves
// the value free), and the merged members of objects documented in more
// than one set. The sets are the tabs of one parameter (SETTINGS per field
// type, say), and a value any of them documents is valid.
func mergeOccurrences(f *model.Field, sets [][]model.Field) {
	var occurrences []*model.Field
	for _, set := range sets {
		if g := model.FindField(set, f.Name); g != nil {
			occurrences = append(occurrences, g)
		}
	}
	if len(occurrences) < 2 {
		return
	}
	enum := slices.Clone(occurrences[0].Enum)
	var members [][]model.Field
	for i, g := range occurrences {
		if i > 0 && (len(enum) == 0 || len(g.Enum) == 0) {
			enum = nil
		}
		for _, v := range g.Enum {
			if enum != nil && !slices.Contains(enum, v) {
				enum = append(enum, v)
			}
		}
		if len(g.Fields) > 0 {
			members = append(members, g.Fields)
		}
	}
	f.Enum = enum
	if len(members) > 1 {
		f.Fields = mergeAlternatives(members)
	}
}

// oneOfPhrases introduce a list of parameters of which one is enough.
var oneOfPhrases = []string{"хотя бы один из", "один из параметров", "одного из параметров", "один из двух", "одного из двух",
	"at least one of", "one of the parameters", "one of the two", "either"}

// relaxRequired makes optional the parameters the docs mark required but
// do not always require: alternatives and conditional ones.
func relaxRequired(fs []model.Field) {
	relaxOneOf(fs)
	relaxConditional(fs)
}

// relaxOneOf makes optional the parameters a description says are
// alternatives ("Необходимо указать хотя бы один из параметров: `IBLOCK_ID`
// или `IBLOCK_CODE`"): the docs mark each of them required.
func relaxOneOf(fs []model.Field) {
	for _, f := range fs {
		if sentence := oneOfSentence(f.Description); sentence != "" {
			relaxNamed(fs, sentence, false)
		}
	}
}

// relaxOneOfNotes applies the rule of relaxOneOf to the paragraphs and
// notes of the params sections, for the parameters they name at any depth
// ("необходимо использовать только один из двух обязательных параметров:
// `resourceTypeIdList` или `resourceIdList`", under "### Параметр filter").
func relaxOneOfNotes(fs []model.Field, sections []*section) {
	for _, s := range sections {
		for _, b := range s.blocks {
			_ = ast.Walk(b.node, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
				switch n.(type) {
				case *yfm.Table:
					return ast.WalkSkipChildren, nil
				case *ast.Paragraph:
					if entering {
						if sentence := oneOfSentence(b.src.inlineText(n)); sentence != "" {
							relaxNamed(fs, sentence, true)
						}
					}
					return ast.WalkSkipChildren, nil
				}
				return ast.WalkContinue, nil
			})
		}
	}
}

// oneOfSentence returns the sentence of text that introduces alternatives,
// from the phrase on, or "".
func oneOfSentence(text string) string {
	if !strings.Contains(text, "дин из") && !strings.Contains(text, "одного из") &&
		!strings.Contains(text, "one of") && !strings.Contains(text, "ither") {
		return ""
	}
	i := indexAny(strings.ToLower(text), oneOfPhrases)
	if i < 0 {
		return ""
	}
	sentence := text[i:]
	if end := strings.IndexAny(sentence, ".\n"); end >= 0 {
		sentence = sentence[:end]
	}
	return sentence
}

// relaxNamed makes optional the required fields a sentence names in
// backquotes, among fs or, deep, at any depth under them.
func relaxNamed(fs []model.Field, sentence string, deep bool) {
	for i := range fs {
		if fs[i].Required.IsRequired() && strings.Contains(sentence, "`"+fs[i].Name+"`") {
			fs[i].Required = model.Optional
		}
		if deep {
			relaxNamed(fs[i].Fields, sentence, true)
		}
	}
}

// conditionalPhrases say that a parameter marked required is required
// only in some cases: "Обязателен, если не передан `DIALOG_ID`",
// "Required if `CHAT_ID` is not provided".
var conditionalPhrases = []string{"обязателен, если", "обязательный, если", "обязательное, если", "обязательна, если",
	"обязателен если", "обязательно, если", "required if", "required when", "required unless", "mandatory if"}

// relaxConditional makes optional, at every depth, the parameters whose
// description makes their requirement conditional: a caller that meets the
// other case leaves them out, and a portal accepts the call.
func relaxConditional(fs []model.Field) {
	for i := range fs {
		f := &fs[i]
		relaxConditional(f.Fields)
		if f.Required.IsRequired() && mentionsRequirement(f.Description) && containsAny(strings.ToLower(f.Description), conditionalPhrases) {
			f.Required = model.Optional
		}
	}
}

// mentionsRequirement is a cheap test before conditionalPhrases are
// looked for in the lower-cased description.
func mentionsRequirement(desc string) bool {
	return strings.Contains(desc, "бязател") || strings.Contains(desc, "equired") || strings.Contains(desc, "andatory")
}

// noParamsPhrases say that a method takes no parameters.
var noParamsPhrases = []string{"без параметров", "метод не принимает параметр", "метод не имеет параметров", "параметры отсутствуют",
	"no parameters", "does not take any parameters", "does not accept parameters", "method has no parameters", "without parameters"}

// saysNoParams reports whether the preamble or a params section states that
// the method takes no parameters.
func (p *page) saysNoParams() bool {
	check := func(blocks []block) bool {
		for _, b := range blocks {
			if para, ok := b.node.(*ast.Paragraph); ok && b.include == "" {
				if t := strings.ToLower(b.src.inlineText(para)); containsAny(t, noParamsPhrases) && len(t) < 120 {
					return true
				}
			}
		}
		return false
	}
	if check(p.preamble) {
		return true
	}
	for _, s := range p.sectionsWith(roleParams) {
		if check(s.blocks) {
			return true
		}
	}
	return false
}

// readReturns reads the table of returned fields.
func (p *page) readReturns(m *model.Method) {
	m.Returns = []model.Field{}
	returns := p.sectionsWith(roleReturns)
	for _, s := range returns {
		if t, src := firstTable(s.blocks); t != nil {
			m.Returns = promoteIntoResult(p.tableFieldsDepth(src, t, false, map[*yfm.Table]bool{}, 0))
			p.attachMemberSections(m.Returns, returns, false)
			break
		}
	}
	if describesFields(m.Name) {
		fieldDescriptors(m.Returns)
	}
}

// describesFields recognises the methods that describe an entity's fields
// (crm.deal.fields, disk.file.getfields, catalog.product.getFieldsByFilter).
func describesFields(method string) bool {
	verb := strings.ToLower(method[strings.LastIndexByte(method, '.')+1:])
	return verb == "fields" || strings.HasPrefix(verb, "getfields") || strings.HasPrefix(verb, "get-fields")
}

// fieldDescriptors retypes the result of a fields method: its members are
// the entity's fields, each answered with a descriptor object (type,
// isRequired, title, …), not with a value of the field's type.
func fieldDescriptors(returns []model.Field) {
	for i := range returns {
		if returns[i].Name != "result" {
			continue
		}
		for j := range returns[i].Fields {
			f := &returns[i].Fields[j]
			if len(f.Fields) == 0 && f.Base != "object" {
				f.Description = strings.TrimSpace("Field of type " + f.Type + ". " + f.Description)
				f.Base, f.Array = "object", false
			}
		}
	}
}

// envelopeRows are the returned-data rows that belong to the answer
// envelope, not to its result.
var envelopeRows = map[string]bool{"result": true, "time": true, "total": true, "next": true}

// promoteIntoResult moves the rows that follow a "result" object without
// members of its own into it: many pages list the members of the result
// (items, products, …) as rows of the same table.
func promoteIntoResult(fs []model.Field) []model.Field {
	ri := -1
	for i, f := range fs {
		if f.Name == "result" {
			ri = i
			break
		}
	}
	if ri < 0 || len(fs[ri].Fields) > 0 {
		return fs
	}
	switch fs[ri].Base {
	case "object", "any", "array", "":
	default:
		return fs
	}
	var keep, members []model.Field
	for _, f := range fs {
		switch {
		case envelopeRows[f.Name]:
			keep = append(keep, f)
		default:
			members = append(members, f)
		}
	}
	if len(members) == 0 {
		return fs
	}
	for i := range keep {
		if keep[i].Name == "result" {
			keep[i].Fields = members
			if keep[i].Base != "object" {
				keep[i].Base = "object"
				if keep[i].Type == "array" {
					keep[i].Array = true
				}
			}
		}
	}
	return keep
}

// nestFields puts rows named by a path under the row they belong to:
// "result.bot" into result, "fields.TITLE" into fields, and "items[]" (the
// elements of items) into items. A path whose parent is not in the table
// stays a field of its own name.
func nestFields(fs []model.Field, params bool) []model.Field {
	var out []model.Field
	for _, f := range fs {
		parent, child, ok := splitFieldPath(f.Name)
		if ok {
			if target := findFieldPath(out, parent); target != nil {
				if child == "" {
					// the elements of an array
					target.Array = true
					if target.Base == "any" || target.Base == "array" || target.Base == "" {
						target.Base, target.Type = f.Base, f.Type
					}
					if len(f.Fields) > 0 {
						target.Fields = f.Fields
					}
				} else {
					f.Name = child
					target.Fields = append(target.Fields, f)
					if target.Base == "any" || target.Base == "" {
						target.Base = "object"
					}
					arrayWithMembers(target, params)
				}
				continue
			}
		}
		out = append(out, f)
	}
	return out
}

// splitFieldPath splits "a.b" into "a" and "b", and "a[]" (or "a[0]")
// into "a" and "".
func splitFieldPath(name string) (parent, child string, ok bool) {
	if i := strings.LastIndexByte(name, '['); i > 0 && strings.HasSuffix(name, "]") && isDigitsOrEmpty(name[i+1:len(name)-1]) {
		name = name[:i] + "[]"
	}
	if p, found := strings.CutSuffix(name, "[]"); found && p != "" {
		return p, "", true
	}
	i := strings.LastIndexByte(name, '.')
	if i <= 0 || i == len(name)-1 {
		return "", "", false
	}
	return strings.TrimSuffix(name[:i], "[]"), name[i+1:], true
}

func isDigitsOrEmpty(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// findFieldPath finds the field a path ("result.items") names.
func findFieldPath(fs []model.Field, p string) *model.Field {
	head, rest, more := strings.Cut(p, ".")
	for i := range fs {
		if fs[i].Name == p {
			return &fs[i]
		}
	}
	if !more {
		return nil
	}
	for i := range fs {
		if fs[i].Name == strings.TrimSuffix(head, "[]") {
			return findFieldPath(fs[i].Fields, rest)
		}
	}
	return nil
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
	if len(labels) == 0 || !(isHeaderLabel(labels[0]) || isTypeHeader(labels[0])) {
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

// isTypeHeader recognises a header cell that names its column's second
// line as the type ("**Значение**\n`тип`").
func isTypeHeader(l string) bool {
	return strings.HasSuffix(l, "`тип`") || strings.HasSuffix(l, "`type`")
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

// tableFieldsDepth reads the rows of a field table. params says whether
// the required-mark convention applies (it is about parameters); seen and
// depth stop sub-tables and type definitions that refer to each other.
func (p *page) tableFieldsDepth(src *source, t *yfm.Table, params bool, seen map[*yfm.Table]bool, depth int) []model.Field {
	fields := []model.Field{}
	if seen[t] || len(seen) >= maxFieldDepth || depth > maxTypeDepth {
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
		f, ok := p.fieldFromRow(src, cells, cols, params, seen, depth)
		if !ok {
			continue
		}
		if model.FindField(fields, f.Name) != nil {
			p.warn(src, src.nodeLine(cells[0]), CodeDuplicateRow, "%s is documented twice in this table; the first row is kept", f.Name)
			continue
		}
		fields = append(fields, f)
	}
	return nestFields(fields, params)
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

// fieldFromRow reads one row of a field table: the name cell, the type
// (resolved through its definition), the description with its enum values
// and default, and the sub-table the description links to.
func (p *page) fieldFromRow(src *source, cells []*yfm.TableCell, cols fieldColumns, params bool, seen map[*yfm.Table]bool, depth int) (model.Field, bool) {
	line := src.nodeLine(cells[0])
	nc := src.nameCell(cells[cols.name])
	if nc.name == "" {
		p.warn(src, line, CodeUnnamedRow, "row has no parameter name: %q", truncate(src.blockText(cells[cols.name]), 60))
		return model.Field{}, false
	}
	refs := nc.types
	if cols.typ != cols.name && cols.typ < len(cells) {
		refs = src.typeRefs(cells[cols.typ], nil)
	}
	f := model.Field{Name: nc.name, Enum: []string{}, Fields: []model.Field{}}
	switch {
	case nc.required:
		f.Required = model.Required
	case params && p.requiredFootnote:
		f.Required = model.Optional
	default:
		f.Required = model.RequiredUnknown
	}
	var desc *yfm.TableCell
	if cols.desc < len(cells) && cols.desc != cols.name {
		desc = cells[cols.desc]
		f.Description = src.blockText(desc)
		// most descriptions name neither values nor a default: a
		// case-sensitive look at the phrases' common stems spares them
		// the lower-casing
		d := f.Description
		if strings.Contains(d, "начени") || strings.Contains(d, "alues") || strings.Contains(d, "умолчани") || strings.Contains(d, "efault") {
			lower := strings.ToLower(d)
			if containsAny(lower, enumPhrases) {
				f.Enum = src.enumValues(desc)
			}
			if containsAny(lower, defaultPhrases) {
				f.Default = src.defaultValue(desc)
			}
		}
	}
	if len(refs) == 0 {
		p.warn(src, line, CodeUntypedRow, "%s has no type", nc.name)
	} else {
		p.fieldType(src, line, refs, &f, depth)
	}
	// a sub-table the description links to: the members of an object, or
	// the values a scalar takes (a scalar that links to a field table
	// points at what it returns or affects, not at its own members)
	if desc != nil {
		if def, ok := p.linkedType(src, desc, f.Name, f.Base, f.Array || f.Base == "array", params, seen, depth); ok {
			switch {
			case len(def.fields) > 0 && len(f.Fields) == 0 && takesMembers(f.Base):
				f.Fields = def.fields
				if f.Base == "" || f.Base == "any" {
					f.Base = "object"
				}
			case len(def.enum) > 0 && len(f.Enum) == 0:
				f.Enum = cleanEnum(def.enum)
			}
		}
	}
	if !f.Array && isMultiple(f.Description) {
		f.Array = true
	}
	if !numericEnum(f) {
		// "`id` сообщения чата": the values are named, not given
		f.Enum = []string{}
	}
	arrayWithMembers(&f, params)
	return f, true
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

// takesMembers reports whether a field of a base type can have members.
func takesMembers(base model.Base) bool {
	return base == "object" || base == "array" || base == "any" || base == ""
}

// isMultiple recognises the note the docs give fields that hold several
// values ("Телефон. Множественное").
func isMultiple(desc string) bool {
	first, _, _ := strings.Cut(desc, "\n")
	return strings.Contains(first, "ножественное") || strings.Contains(first, "multiple values") || strings.HasSuffix(first, "ultiple")
}

// arrayWithMembers reads a PHP "array" whose members a sub-table
// describes: in parameters an associative array, that is an object; in
// returned data usually a list of such objects.
func arrayWithMembers(f *model.Field, params bool) {
	if f.Base != "array" || len(f.Fields) == 0 {
		return
	}
	f.Base = "object"
	if !params {
		f.Array = true
	}
}

// nameCellInfo is what the first cell of a field row says.
type nameCellInfo struct {
	name     string
	required bool
	types    []typeRef
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
		raw = strings.TrimSuffix(raw, "*")
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
	// UF_*: a wildcard for dynamic names (user fields), whose star belongs
	// to the name
	if strings.HasSuffix(info.name, "_") {
		info.name += "*"
		info.required = false
	}
	// the types: the code spans after the name, usually inside links
	info.types = s.typeRefs(para, nameNode)
	return info
}

// typeRefs returns the types written in n after the node from (nil: all of
// n): every code span, with the destination of the link it is in.
func (s *source) typeRefs(n ast.Node, from ast.Node) []typeRef {
	var refs []typeRef
	started := from == nil
	var walk func(n ast.Node, dest string)
	walk = func(n ast.Node, dest string) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if !started {
				if c == from {
					started = true
				}
				continue
			}
			switch v := c.(type) {
			case *ast.CodeSpan:
				refs = append(refs, typeRef{expr: s.codeSpanText(v), dest: dest})
			case *ast.Link:
				walk(v, string(v.Destination))
			default:
				walk(c, dest)
			}
		}
	}
	if from != nil {
		walk(from.Parent(), "")
	} else {
		walk(n, "")
	}
	return refs
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

// linkedType reads the sub-table a description links to with an anchor
// ("описан [ниже](#fields)"): fields, or values.
//
// The parameters order, filter, select and sort take the names of the
// entity's fields as keys or values; the field table their description
// links to says which names, not what type their values are.
func (p *page) linkedType(src *source, desc *yfm.TableCell, name string, base model.Base, list bool, params bool, seen map[*yfm.Table]bool, depth int) (typeDef, bool) {
	if fieldKeyed[strings.ToLower(name)] {
		return typeDef{}, false
	}
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
		t, tsrc := firstTable(s.blocks)
		if t == nil {
			continue
		}
		if isFieldTable(tsrc, t) {
			fields := p.tableFieldsDepth(tsrc, t, params, seen, depth)
			// a row named by a path ("data.FIELDS") is its last segment
			if _, child, ok := splitFieldPath(name); ok && child != "" {
				name = child
			}
			if self, ok := selfDescription(fields, name); ok && !takesMembers(base) {
				return typeDef{enum: self.Enum}, len(self.Enum) > 0
			}
			// "### Параметр createdWithin" linked from the row of filter:
			// the table describes a member of filter, not filter itself;
			// linked from a list, it describes the list's elements
			if member, _ := memberHeadingName(s.title); !list && isIdent(member) && !strings.EqualFold(member, name) && !strings.EqualFold(s.anchor, name) &&
				!strings.Contains(strings.ToLower(s.title), strings.ToLower(name)) && namesParameter(s.title) {
				return typeDef{base: "object", fields: []model.Field{{Name: member, Type: "object", Base: "object", Required: model.RequiredUnknown, Enum: []string{}, Fields: fields}}}, true
			}
			return typeDef{base: "object", fields: fields}, true
		}
		if values := valueColumn(tsrc, t); len(values) > 0 {
			return typeDef{enum: values}, true
		}
	}
	return typeDef{}, false
}

// selfDescription recognises a sub-table that describes the row linking
// to it rather than its members: a single row of the same name ("### Поле
// IS_ACCESSIBLE_BEFORE" listing the values of IS_ACCESSIBLE_BEFORE).
func selfDescription(fields []model.Field, name string) (model.Field, bool) {
	if len(fields) == 1 && strings.EqualFold(fields[0].Name, name) && len(fields[0].Fields) == 0 {
		return fields[0], true
	}
	return model.Field{}, false
}

// fieldKeyed are the parameters whose members are field names.
var fieldKeyed = map[string]bool{"order": true, "filter": true, "select": true, "sort": true, "group": true, "groupby": true, "group_by": true}

// isMemberHeading recognises a heading that names one parameter or object
// ("Параметр createdWithin", "Объект document", "Filter Parameter").
func isMemberHeading(title string) bool {
	_, ok := memberHeadingName(title)
	return ok
}

// namesParameter reports whether a member heading names a member by its
// own name ("Параметр createdWithin", "Объект category", "category
// Object"), rather than an object in words ("Service Object": English
// title case puts a capital on a word, not on a member name).
func namesParameter(title string) bool {
	name, ok := memberHeadingName(title)
	if !ok {
		return false
	}
	words := strings.Fields(title)
	nameFirst := len(words) > 0 && strings.Trim(words[0], "`«»\"'") == name
	titleCased := unicode.IsUpper([]rune(name)[0]) && strings.ToUpper(name) != name && !hasInnerUpper(name)
	return !nameFirst || !titleCased
}

// memberWords are the words a heading names a member or an object with,
// before the name (Russian, English) or after it (English).
var (
	memberBefore = []string{"параметр", "объект", "поле", "элемент", "parameter", "object", "field", "element"}
	memberAfter  = []string{"parameter", "object", "field", "element"}
)

// memberHeadingName returns the member a heading names: "Параметр
// fields", "Объект `result`", "Элемент массива DATA", "Filter Parameter",
// "result Array Element" all name one.
func memberHeadingName(title string) (string, bool) {
	var words []string
	for _, w := range strings.Fields(title) {
		words = append(words, strings.TrimSuffix(strings.Trim(w, "`«»\"'"), "[]"))
	}
	lower := make([]string, len(words))
	for i, w := range words {
		lower[i] = strings.ToLower(w)
	}
	switch {
	case len(words) == 2 && slices.Contains(memberBefore, lower[0]):
		return words[1], true
	case len(words) == 2 && slices.Contains(memberAfter, lower[1]):
		return words[0], true
	case len(words) == 3 && (lower[0] == "элемент" && lower[1] == "массива" || lower[0] == "array" && lower[1] == "element"):
		return words[2], true
	case len(words) == 3 && lower[1] == "array" && lower[2] == "element":
		return words[0], true
	case len(words) == 3 && lower[0] == "parameter" && lower[2] == "parameter":
		return words[1], true
	}
	return "", false
}

// enumValues reads the values a description lists after "Возможные
// значения" (or its variants): the code spans that follow the phrase in the
// same paragraph, or the leading code span of each item of the list after it.
func (s *source) enumValues(cell ast.Node) []string {
	return cleanEnum(s.rawEnumValues(cell))
}

func (s *source) rawEnumValues(cell ast.Node) []string {
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
						if containsAny(t, rangeWords) || containsAny(t, dependWords) {
							// "от `1` до `200`": a range, not values
							return nil
						}
					case seenPhrase && containsAny(t, rangeWords):
						return nil
					case seenPhrase && (strings.Contains(t, ".") || containsAny(t, defaultPhrases)):
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
				if para := firstInlineBlock(it); para != nil {
					values = append(values, s.leadingValues(para)...)
				}
			}
			return values
		}
	}
	return values
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
	switch strings.ToLower(strings.TrimSpace(text)) {
	case ",", "/", "или", "or", ", или", ", or":
		return true
	}
	return false
}

// dependWords say that the values depend on another parameter, and are
// listed per value of it rather than once.
var dependWords = []string{"зависят от", "зависит от", "depend on", "depends on"}

// rangeWords say that values bound a range rather than list the choices.
var rangeWords = []string{" до ", " по ", "from ", " to ", "диапазон", "range"}

// cleanEnum keeps a list of values only when it reads as one: values with
// placeholders ("U{id}", "SG<id>") or spaces describe patterns, not
// choices, and make the list unusable for checking; PHP's doubled
// backslashes ("Bitrix\\Vote") are single in the value.
func cleanEnum(values []string) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, v := range values {
		if v == "" || strings.ContainsAny(v, "{}<> \t") {
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
