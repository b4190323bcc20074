package parser

// This file owns linked types: the sub-table a row's description links to
// by anchor ("описан [ниже](#fields)"), read as the row's members or as
// the values it takes, and the members of an object another page lists
// ("Объект с [описанием задачи](./fields.md)"): which links lead to them,
// which are only references, and the pages read for them, once.

import (
	"bytes"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/yuin/goldmark/ast"

	"github.com/b24gen/b24gen/b24/protocol"
	"github.com/b24gen/b24gen/model"
	"github.com/b24gen/b24gen/parser/yfm"
)

// fieldKeyed are the parameters whose members are field names.
var fieldKeyed = map[string]bool{"order": true, "filter": true, "select": true, "sort": true, "group": true, "groupby": true, "group_by": true}

// linkedType reads the sub-table the description cell of the row of f
// links to with an anchor: fields, or values. A container without members
// of its own takes, failing that, the members another page lists where
// the description links to it (linkedMembers). f is the field read so far
// from the row (its name, base, array flag and members); r is the state
// of the table the row is in.
//
// The parameters order, filter, select and sort take the names of the
// entity's fields as keys or values; the field table their description
// links to says which names, not what type their values are.
func (p *page) linkedType(src *source, desc *yfm.TableCell, f model.Field, r tableRead) (typeDef, bool) {
	name, base, list := f.Name, f.Base, f.Array || f.Base == "array"
	if fieldKeyed[strings.ToLower(name)] {
		return typeDef{}, false
	}
	var anchors []string
	var pages []*ast.Link
	_ = ast.Walk(desc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if l, ok := n.(*ast.Link); ok && entering {
			if d := string(l.Destination); strings.HasPrefix(d, "#") {
				anchors = append(anchors, d[1:])
			} else if d != "" {
				pages = append(pages, l)
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
			fields := p.tableFields(tsrc, t, r)
			// a row named by a path ("data.FIELDS") is its last segment
			if _, child, ok := splitFieldPath(name); ok && child != "" {
				name = child
			}
			if self, ok := selfDescription(fields, name); ok && !takesMembers(base) {
				return typeDef{enum: self.Enum}, len(self.Enum) > 0
			}
			// "### Параметр createdWithin" linked from the row of filter:
			// the table describes a member of filter, not filter itself;
			// linked from a list, it describes the list's elements. A row
			// that stands for keys (<userId>, {id}: no member name) is
			// what each key maps to: "Объект userItem" names its object
			if member, _ := memberHeadingName(s.title); !list && isIdent(member) && isIdent(lastSegment(name)) && !strings.EqualFold(member, name) && !strings.EqualFold(s.anchor, name) &&
				!strings.Contains(strings.ToLower(s.title), strings.ToLower(name)) && namesParameter(s.title) {
				return typeDef{base: "object", fields: []model.Field{{Name: member, Type: "object", Base: "object", Required: model.RequiredUnknown, Enum: []string{}, Fields: fields}}}, true
			}
			return typeDef{base: "object", fields: fields}, true
		}
		if values := valueColumn(tsrc, t); len(values) > 0 {
			return typeDef{enum: values}, true
		}
	}
	// "Объект с [описанием задачи](./fields.md)": the members another
	// page lists, for a container that has none of its own and that no
	// heading of this page describes
	if len(pages) > 0 && isContainer(base) && len(f.Fields) == 0 && p.followsLinks(r) &&
		!p.describesMember(name) && !p.hasPathRows(src, desc, name) && !namesKey(src, desc, name) {
		for _, l := range pages {
			fields, ok := p.linkedMembers(src, string(l.Destination), r)
			if !ok {
				continue
			}
			// "Содержит объект [`category`](…)": the page describes the
			// member the link names, not the row itself; linked from a
			// list, it describes the list's elements
			if member := strings.Trim(src.inlineText(l), "`"); !list && namesMember(member) && !strings.EqualFold(member, lastSegment(name)) {
				return typeDef{base: "object", fields: []model.Field{{Name: member, Type: "object", Base: "object", Required: model.RequiredUnknown, Enum: []string{}, Fields: fields}}}, true
			}
			return typeDef{base: "object", fields: fields}, true
		}
	}
	return typeDef{}, false
}

// lastSegment returns the last segment of a row named by a path
// ("data.FIELDS" → "FIELDS").
func lastSegment(name string) string {
	if _, child, ok := splitFieldPath(name); ok && child != "" {
		return child
	}
	return name
}

// namesMember recognises the text of a link that names a member
// ("category", "logMessage", "PARAMS") rather than a type ("TaskDto":
// a capital, then small letters) or the linked page in words.
func namesMember(text string) bool {
	if !isIdent(text) {
		return false
	}
	return !unicode.IsUpper([]rune(text)[0]) || strings.ToUpper(text) == text
}

// namesKey recognises a description that puts what its link describes
// under a key of the row rather than in the row itself: it speaks of the
// row's keys ("объект, в котором ключ — `ID` пользователя, значение —
// объект с [описанием действий](…)"), or names, after a word of keys or
// arrays, a member other than the row ("содержит массив `icons`, каждая
// запись которого … [icon](…)"). Where the linked members belong is then
// not the row: it takes none.
func namesKey(src *source, desc *yfm.TableCell, name string) bool {
	var before []folded // the words outside links so far
	found := false
	_ = ast.Walk(desc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			before = nil
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			for _, w := range strings.Fields(string(fold(string(n.Segment.Value(src.src))))) {
				if w = strings.Trim(w, "—–-:,.;()«»\"'"); w != "" {
					before = append(before, folded(w))
					found = found || lexicon.keyWord.is(folded(w))
				}
			}
		case *ast.CodeSpan, *ast.Emphasis:
			text := strings.Trim(src.inlineText(n), "`*")
			if isIdent(text) && !strings.EqualFold(text, lastSegment(name)) {
				for _, w := range before[max(len(before)-2, 0):] {
					found = found || lexicon.keyWords.startsWord(w)
				}
			}
			before = append(before, fold(text))
			return ast.WalkSkipChildren, nil
		}
		if found {
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

// followsLinks reports whether the row name may take its members from a
// page its description links to. Not in the answer of a fields method
// (crm.deal.fields): its result holds a descriptor per field of the
// entity, and a page its rows link to describes the entity's fields, or a
// descriptor ("Структура описания поля"), not what the answer holds.
func (p *page) followsLinks(r tableRead) bool {
	return p.foreign || r.side != answerSide || !describesFields(p.name)
}

// describesMember reports whether a heading of the page describes the
// member name ("#### Объект own"): its table, which attachMemberSections
// gives the row later, is the row's members before any page it links to.
func (p *page) describesMember(name string) bool {
	if _, child, ok := splitFieldPath(name); ok && child != "" {
		name = child
	}
	for _, s := range p.sections {
		if member, ok := memberHeadingName(s.title); ok && strings.EqualFold(member, name) {
			return true
		}
	}
	return false
}

// hasPathRows reports whether the table of the row whose description
// cell is desc gives the row's members in rows of their own, named by a
// path ("payment.sum", "items[]"), which nestFields puts under it later.
func (p *page) hasPathRows(src *source, desc *yfm.TableCell, name string) bool {
	row := desc.Parent()
	if row == nil {
		return false
	}
	t, ok := row.Parent().(*yfm.Table)
	if !ok {
		return false
	}
	cols := p.fieldTableColumns(src, t)
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		cells := rowCells(r)
		if cols.name >= len(cells) {
			continue
		}
		n := src.nameCell(cells[cols.name]).name
		if len(n) > len(name) && strings.EqualFold(n[:len(name)], name) && (n[len(name)] == '.' || n[len(name)] == '[') {
			return true
		}
	}
	return false
}

// linkedMembers reads the members of a container row from the page its
// description links to (dest, relative to the file of src): the field
// table the link leads to, when it lists the members of an object
// (membersTable says which do). A table already being read up the chain
// of links is a recursive type: the row stays without members there.
//
// Read from a method page, the members of a target are read once for
// the whole tree (the loader's pageTypes memo, per side and depth, as
// types are); read from a page itself read for its members, they are
// read along the chain of tables being read, which is what tells a cycle.
func (p *page) linkedMembers(src *source, dest string, r tableRead) ([]model.Field, bool) {
	file, anchor, _ := strings.Cut(dest, "#")
	if file == "" || strings.Contains(file, ":") || path.Ext(file) != ".md" || path.IsAbs(file) {
		return nil, false
	}
	target := path.Join(path.Dir(src.file), file)
	if strings.HasPrefix(target, "../") || isDataTypesFile(target) {
		return nil, false
	}
	if anchor == "" && !p.l.mayListFields(target) {
		return nil, false
	}
	lp := p.l.linkedPage(target)
	if lp == nil {
		return nil, false
	}
	t, tsrc := lp.membersTable(anchor)
	if t == nil || r.seen[t] || len(r.seen) >= maxFieldDepth || r.depth >= maxTypeDepth {
		return nil, false
	}
	if p.foreign {
		fields := lp.p.tableFields(tsrc, t, tableRead{side: r.side, seen: r.seen, depth: r.depth + 1})
		notRequiredHere(fields, r.side)
		return fields, len(fields) > 0
	}
	key := "members " + strconv.Itoa(int(r.side)) + " " + target + "#" + anchor + "@" + strconv.Itoa(r.depth)
	def, ok := p.l.pageTypes.get(key, func() (typeDef, bool) {
		fields := lp.p.tableFields(tsrc, t, newTableRead(r.side, r.depth+1))
		return typeDef{base: "object", fields: fields}, len(fields) > 0
	})
	if !ok {
		return nil, false
	}
	fields := cloneFields(def.fields)
	notRequiredHere(fields, r.side)
	return fields, true
}

// notRequiredHere forgets the required marks of parameters read from
// another page: they say what that page's method requires (the "*" of
// NAME on the page of crm.dealcategory.add, or of the fields a page of
// fields lists for creating), not what this one does (an update requires
// none of them).
func notRequiredHere(fs []model.Field, s side) {
	if s != requestSide {
		return
	}
	for i := range fs {
		fs[i].Required = model.RequiredUnknown
		notRequiredHere(fs[i].Fields, s)
	}
}

// linkedPage is a page that rows of other pages link to for members,
// read once: its sections, what it documents, and the table each anchor
// leads to.
type linkedPage struct {
	p    *page
	kind PageKind
	// title is the page's H1.
	title string

	mu     sync.Mutex
	tables map[string]linkedTable // by anchor, "" for the page itself
}

type linkedTable struct {
	t   *yfm.Table
	src *source
}

// linkedPage returns the page at file read for the members it lists,
// built once (the parse is the include cache's), or nil when there is no
// such page.
func (l *loader) linkedPage(file string) *linkedPage {
	e := l.typeEntry(file)
	e.linkedOnce.Do(func() {
		src, err := l.include(file)
		if err != nil {
			return
		}
		e.linked = readLinkedPage(l, src)
	})
	return e.linked
}

// mayListFields reports whether the page at file may be one whose fields
// a link without an anchor leads to, a page of fields or of a fields
// method, by the words of its title alone: most such links lead to other
// methods' pages, which this spares a parse. The title is read from the
// file's first line that starts with "# "; the page's reading decides.
func (l *loader) mayListFields(file string) bool {
	e := l.typeEntry(file)
	e.titleOnce.Do(func() {
		b, err := fs.ReadFile(l.fsys, file)
		if err != nil {
			return
		}
		for len(b) > 0 {
			line, rest, _ := bytes.Cut(b, []byte{'\n'})
			if title, ok := bytes.CutPrefix(line, []byte("# ")); ok {
				e.fieldsTitle = titleMayListFields(string(title))
				return
			}
			b = rest
		}
		// no title: the reading of the page decides
		e.fieldsTitle = true
	})
	return e.fieldsTitle
}

// titleMayListFields reports whether a page's title may be that of a page
// of fields ("Поля задачи", "Task Fields", "Типы …") or of a fields
// method (crm.deal.fields).
func titleMayListFields(title string) bool {
	if namesFields(title) || lexicon.typesTitleStart.begins(fold(strings.TrimSpace(title))) || lexicon.typesTitle.in(fold(title)) {
		return true
	}
	for _, w := range strings.Fields(title) {
		if w = strings.Trim(w, "`*_"); strings.Contains(w, ".") && describesFields(w) {
			return true
		}
	}
	return false
}

// readLinkedPage reads a page for the members it lists: its sections as
// its own reading builds them, and what it documents.
func readLinkedPage(l *loader, src *source) *linkedPage {
	p := newPage(l, src)
	p.foreign = true
	for n := src.doc.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok && h.Level == 1 {
			p.h1 = h
			break
		}
	}
	lp := &linkedPage{p: p, tables: map[string]linkedTable{}}
	if p.h1 == nil {
		p.buildSectionsFrom(src.doc.FirstChild())
		return lp
	}
	p.buildSections()
	lp.title = p.inlineText(p.h1)
	var name string
	lp.kind, name, _ = p.classify(lp.title)
	if lp.kind == PageMethod {
		// its diagnostics are the method page's own, which Parse folds
		// into one
		p.name = name
	}
	return lp
}

// membersTable returns the field table a link to the page leads to when
// it lists the members of an object, or nil:
//
//   - with an anchor, the first table of its section, unless the section
//     is a method's parameters ("## Параметры метода" — a member heading
//     among them, "### Параметр item", lists members), examples, errors
//     or links, or the table is the envelope of a returned answer (result,
//     time);
//   - without one, the page's table of fields on a page of fields ("Поля
//     задачи": the first field table, before any heading or under one
//     that names an object or fields), or the entity's fields a fields
//     method returns (crm.deal.fields: its returned table, or the table
//     of a later heading of fields when that one is the envelope).
//
// Any other page (a method's, a guide) is what a "see also" link leads to.
func (lp *linkedPage) membersTable(anchor string) (*yfm.Table, *source) {
	lp.mu.Lock()
	lt, ok := lp.tables[anchor]
	lp.mu.Unlock()
	if ok {
		return lt.t, lt.src
	}
	lt.t, lt.src = lp.findMembersTable(anchor)
	lp.mu.Lock()
	lp.tables[anchor] = lt
	lp.mu.Unlock()
	return lt.t, lt.src
}

func (lp *linkedPage) findMembersTable(anchor string) (*yfm.Table, *source) {
	p := lp.p
	if anchor != "" {
		s, ok := p.anchors[anchor]
		if !ok || !listsMembers(s) {
			return nil, nil
		}
		return p.membersOf(s.blocks)
	}
	switch {
	case lp.kind == PageMethod:
		if !describesFields(p.name) {
			return nil, nil
		}
		first := true
		for _, s := range p.sections {
			if !listsMembers(s) || s.role == roleParams {
				continue
			}
			t, src := firstTable(s.blocks)
			if t == nil || !isFieldTable(src, t) {
				continue
			}
			if !p.isEnvelope(src, t) && (first || namesFields(s.title) && !isMemberHeading(s.title)) {
				return t, src
			}
			first = false
		}
	case lp.kind == PageTypes || lp.kind == PageOther && namesFields(lp.title):
		if t, src := p.membersOf(p.preamble); t != nil {
			return t, src
		}
		for _, s := range p.sections {
			if t, src := firstTable(s.blocks); t != nil && isFieldTable(src, t) {
				if listsMembers(s) && (isMemberHeading(s.title) || namesFields(s.title)) {
					return p.membersOf(s.blocks)
				}
				return nil, nil
			}
		}
	}
	return nil, nil
}

// membersOf returns the first table of blocks when it is a field table
// other than an envelope.
func (p *page) membersOf(blocks []block) (*yfm.Table, *source) {
	t, src := firstTable(blocks)
	if t == nil || !isFieldTable(src, t) || p.isEnvelope(src, t) {
		return nil, nil
	}
	return t, src
}

// listsMembers reports whether a section may list the members of an
// object: not a method's parameters as such, nor its examples, errors or
// links to other pages.
func listsMembers(s *section) bool {
	switch s.role {
	case roleExamples, roleErrors, roleSeeAlso:
		return false
	}
	return classifyHeading(s.title) != roleParams
}

// isEnvelope recognises the table of a method's answer that names the
// result among its rows: its members are the envelope's, not an object's.
func (p *page) isEnvelope(src *source, t *yfm.Table) bool {
	cols := p.fieldTableColumns(src, t)
	row := t.FirstChild()
	if cols.header && row != nil {
		row = row.NextSibling()
	}
	for ; row != nil; row = row.NextSibling() {
		if cells := rowCells(row); cols.name < len(cells) && strings.EqualFold(src.nameCell(cells[cols.name]).name, protocol.Result) {
			return true
		}
	}
	return false
}

// namesFields reports whether a heading names fields (one of its words is
// one of fieldsWords).
func namesFields(title string) bool {
	for _, w := range strings.Fields(string(fold(title))) {
		if lexicon.fieldsWords.is(folded(strings.Trim(w, "`«»\"'.,:;()"))) {
			return true
		}
	}
	return false
}
