package parser

// This file owns field tables: recognising one, its columns, the reading
// of its rows into fields, and the state that reading carries down the
// sub-tables and type definitions the rows lead to.

import (
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/b24gen/b24gen/b24/protocol"
	"github.com/b24gen/b24gen/model"
	"github.com/b24gen/b24gen/parser/yfm"
)

// maxFieldDepth bounds the nesting of sub-tables, which link to each other
// by anchor and could otherwise form a cycle.
const maxFieldDepth = 8

// side says who sends the fields a table describes. It decides two
// readings: an unmarked row is optional only among parameters (the "*"
// convention of required.md is about them), and a PHP "array" with
// members is an associative array, an object, in what a caller sends but
// usually a list of such objects in what the portal sends.
type side int

const (
	// answerSide: what the portal sends — returned data, an event's
	// data, the definition of a type.
	answerSide side = iota
	// requestSide: what a caller sends — the method's parameters.
	requestSide
)

// tableRead is the state of reading a field table and, recursively, the
// sub-tables and type definitions its rows lead to.
type tableRead struct {
	side side
	// seen holds the tables being read, up the chain of links: a table
	// met again is a cycle.
	seen map[*yfm.Table]bool
	// depth is the depth of type definitions read inside one another.
	depth int
}

// newTableRead starts reading the fields of a side at a depth of type
// definitions.
func newTableRead(s side, depth int) tableRead {
	return tableRead{side: s, seen: map[*yfm.Table]bool{}, depth: depth}
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

// isFieldTable reports whether a table lists fields (name and type, then a
// description) rather than values.
func isFieldTable(src *source, t *yfm.Table) bool {
	first := t.FirstChild()
	if first == nil || first.FirstChild() == nil {
		return false
	}
	label := fold(src.blockText(first.FirstChild()))
	if isTypeHeader(label) {
		return true
	}
	if isHeaderLabel(label) && !lexicon.codeColumn.begins(folded(strings.Trim(string(label), "*` "))) {
		return true
	}
	// a table without header: its first row reads as a field
	if cells := rowCells(first); len(cells) >= 2 {
		nc := src.nameCell(cells[0])
		return nc.name != "" && len(nc.types) > 0
	}
	return false
}

// fieldColumns says which column of a field table holds what.
type fieldColumns struct {
	name, typ, desc int
	// note is the column of notes ("Множественное"), -1 for none
	note   int
	header bool
}

// fieldTableColumns reads the header row of a field table. Most tables put
// the name and the type in one cell ("**Название**\n`тип`") and the
// description in the next; some give the type a column of its own.
func (p *page) fieldTableColumns(src *source, t *yfm.Table) fieldColumns {
	cols := fieldColumns{name: 0, typ: 0, desc: 1, note: -1}
	first := t.FirstChild()
	if first == nil || first.FirstChild() == nil {
		return cols
	}
	// the other cells are read only once the first says it is a header
	c := first.FirstChild()
	if l := fold(src.blockText(c)); !(isHeaderLabel(l) || isTypeHeader(l)) {
		return cols
	}
	cols.header = true
	for i, c := 1, c.NextSibling(); c != nil; i, c = i+1, c.NextSibling() {
		switch l := fold(src.blockText(c)); {
		case lexicon.typeColumn.begins(l):
			cols.typ = i
		case lexicon.descriptionColumn.in(l):
			cols.desc = i
		case lexicon.noteColumn.is(folded(strings.Trim(string(l), "* "))):
			cols.note = i
		}
	}
	return cols
}

// isTypeHeader recognises a header cell that names its column's second
// line as the type ("**Значение**\n`тип`").
func isTypeHeader(l folded) bool {
	return lexicon.typeHeaderMark.ends(l)
}

// isHeaderLabel recognises the label of a header row's first cell.
func isHeaderLabel(l folded) bool {
	return lexicon.nameColumn.begins(folded(strings.Trim(string(l), "*` ")))
}

// tableFields reads the rows of a field table; r says whose fields they
// are and stops sub-tables and type definitions that refer to each other.
func (p *page) tableFields(src *source, t *yfm.Table, r tableRead) []model.Field {
	if r.seen[t] || len(r.seen) >= maxFieldDepth || r.depth > maxTypeDepth {
		p.warn(src, src.nodeLine(t), CodeTableMalformed, "sub-tables link to each other in a cycle or nest too deeply; stopped here")
		return []model.Field{}
	}
	r.seen[t] = true
	defer delete(r.seen, t)
	p.checkTable(src, t)

	cols := p.fieldTableColumns(src, t)
	row := t.FirstChild()
	if cols.header {
		row = row.NextSibling()
	}
	fields := make([]model.Field, 0, siblings(row))
	// the names so far, not a search of fields: a table of n rows would
	// cost n² (a hostile page of 40,000 rows took seconds)
	names := make(map[string]bool, cap(fields))
	for ; row != nil; row = row.NextSibling() {
		cells := rowCells(row)
		if len(cells) == 0 {
			continue
		}
		f, ok := p.fieldFromRow(src, cells, cols, r)
		if !ok {
			continue
		}
		if names[f.Name] {
			p.warn(src, src.nodeLine(cells[0]), CodeDuplicateRow, "%s is documented twice in this table; the first row is kept", f.Name)
			continue
		}
		names[f.Name] = true
		fields = append(fields, f)
	}
	return nestFields(fields, r.side)
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

// rowCells returns the cells of a row.
func rowCells(row ast.Node) []*yfm.TableCell {
	// sized for the row: a row's cells are all TableCells
	cells := make([]*yfm.TableCell, 0, siblings(row.FirstChild()))
	for c := row.FirstChild(); c != nil; c = c.NextSibling() {
		if cell, ok := c.(*yfm.TableCell); ok {
			cells = append(cells, cell)
		}
	}
	return cells
}

// siblings counts n and the siblings after it.
func siblings(n ast.Node) int {
	count := 0
	for ; n != nil; n = n.NextSibling() {
		count++
	}
	return count
}

// fieldFromRow reads one row of a field table: the name cell, the type
// (resolved through its definition), the description with its enum values
// and default, and the sub-table the description links to.
func (p *page) fieldFromRow(src *source, cells []*yfm.TableCell, cols fieldColumns, r tableRead) (model.Field, bool) {
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
	f.Required = p.rowRequirement(nc, r.side)
	var desc *yfm.TableCell
	if cols.desc < len(cells) && cols.desc != cols.name {
		desc = cells[cols.desc]
		f.Description = src.blockText(desc)
	}
	lowerDesc := fold(f.Description)
	var listedEnum bool
	if desc != nil {
		f.Enum, f.EnumDocs, listedEnum = src.documentedValues(desc, lowerDesc)
		if lexicon.defaultIntro.in(lowerDesc) {
			f.Default = src.defaultValue(desc)
		}
	}
	if len(refs) == 0 {
		p.warn(src, line, CodeUntypedRow, "%s has no type", nc.name)
	} else {
		p.fieldType(src, line, refs, &f, r.depth)
	}
	// a sub-table the description links to: the members of an object, or
	// the values a scalar takes (a scalar that links to a field table
	// points at what it returns or affects, not at its own members)
	if desc != nil {
		if def, ok := p.linkedType(src, desc, f, r); ok {
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
	if !f.Array && (isMultiple(lowerDesc) || cols.note >= 0 && cols.note < len(cells) && isMultiple(fold(src.blockText(cells[cols.note])))) {
		f.Array = true
	}
	if listedEnum && !takesListedValues(f) || namesTypes(f.Enum) {
		f.Enum, f.EnumDocs = []string{}, nil
	}
	if !numericEnum(f) {
		// "`id` сообщения чата": the values are named, not given
		f.Enum = []string{}
	}
	if beyondBoolean(f) {
		p.warn(src, line, CodeTypeContradictsValues, "%s is documented as %s, but the values it lists (%s) are not booleans: read as a string of them",
			f.Name, f.Type, strings.Join(f.Enum, ", "))
		f.Base = protocol.String
	}
	if holdsListedValues(f, lowerDesc) {
		f.Base, f.Array = valuesBase(f.Enum), true
	}
	if f.Base == protocol.Object && holdsKeyedObjects(lowerDesc) {
		// "ContentBlockDto[]": the objects come keyed, not listed
		f.Array, f.Map = false, true
	}
	arrayWithMembers(&f, r.side)
	return f, true
}

// takesListedValues says whether a field takes the values of a list its
// description introduces without saying they are its values (listedValues):
// a single string or integer does; a list, an object or a type of other
// values is described by such a list (its fields, keys or cases), not
// limited to it.
func takesListedValues(f model.Field) bool {
	if f.Array || len(f.Fields) > 0 {
		return false
	}
	switch f.Base {
	case protocol.String, protocol.Text, protocol.Char, protocol.Integer:
		return true
	}
	return false
}

// holdsKeyedObjects recognises, in the first line of a folded
// description, the words of an object that holds objects by keys
// ("Ассоциативный массив объектов, описывающих теги").
func holdsKeyedObjects(desc folded) bool {
	return lexicon.keyedObjects.in(firstLine(desc))
}

// isMultiple recognises the note the docs give fields that hold several
// values ("Телефон. Множественное"), in the first line of a folded
// description.
func isMultiple(desc folded) bool {
	first := firstLine(desc)
	return lexicon.multiple.in(first) || lexicon.multipleEnd.ends(first)
}

// firstLine returns the first line of a folded description.
func firstLine(desc folded) folded {
	first, _, _ := strings.Cut(string(desc), "\n")
	return folded(first)
}
