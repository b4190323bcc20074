package parser

import (
	"path"
	"strconv"
	"strings"
	"sync"

	"github.com/b24gen/b24gen/model"
	"github.com/b24gen/b24gen/parser/yfm"
)

// typeDef is what a documented type name resolves to.
type typeDef struct {
	base   model.Base
	fields []model.Field
	enum   []string
}

// typeRef is one type the name cell of a row gives: the code span's text
// and, when it is a link, the link's destination.
type typeRef struct {
	expr string
	dest string
}

// fieldType resolves the type references of a row into the field's type,
// array flag, base, and the members and values its definition documents.
func (p *page) fieldType(src *source, line int, refs []typeRef, f *model.Field, depth int) {
	var alts []string
	dests := map[string]string{}
	for _, r := range refs {
		for _, a := range strings.Split(r.expr, "|") {
			a = strings.TrimSpace(strings.Trim(strings.TrimSpace(a), "`"))
			if a == "" || strings.EqualFold(a, "null") {
				continue
			}
			alts = append(alts, a)
			if _, ok := dests[a]; !ok {
				dests[a] = r.dest
			}
		}
	}
	alts = uniq(alts)
	switch len(alts) {
	case 0:
		return
	case 1:
		t, array := normalizeType(alts[0])
		f.Type, f.Array = t, array
		def, ok := p.resolve(src, t, dests[alts[0]], depth)
		if !ok {
			p.warn(src, line, CodeTypeUnresolved, "type %s of %s could not be resolved", t, f.Name)
			return
		}
		f.Base = def.base
		if isContainer(def.base) && isIDName(f.Name) {
			// CURRENCY_ID typed crm_currency: the id of the object, whose
			// type the page does not give
			f.Base = "any"
			return
		}
		if len(def.fields) > 0 && !isContainer(def.base) && !isIDName(f.Name) {
			// A type such as sale_order is documented as an id (the alias)
			// and as an object (its structure); a field that is not an id
			// holds the object.
			f.Base = "object"
		}
		if strings.EqualFold(t, "array") {
			// "array" alone is a PHP array of unknown shape: a list or an
			// object with keys
			f.Array, f.Base = false, "array"
		}
		if len(f.Fields) == 0 && isContainer(f.Base) {
			f.Fields = cloneFields(def.fields)
		}
		if len(f.Enum) == 0 && len(def.enum) > 0 {
			f.Enum = append([]string{}, def.enum...)
		}
	default:
		norm := make([]string, len(alts))
		for i, a := range alts {
			t, array := normalizeType(a)
			if array {
				t += "[]"
			}
			norm[i] = t
		}
		f.Type = strings.Join(norm, "|")
		f.Base = "any"
	}
}

func isContainer(base model.Base) bool { return base == "object" || base == "array" }

// isIDName recognises the names of id fields: ID, orderId, ORDER_ID, ids.
func isIDName(name string) bool {
	l := strings.ToLower(name)
	return l == "id" || strings.HasSuffix(l, "id") || strings.HasSuffix(l, "ids") || strings.HasSuffix(l, "_id")
}

// maxTypeDepth bounds chains of types defined through other types.
const maxTypeDepth = 6

// resolve finds the definition of a type name. dest is the destination of
// the link the name was written as, if any: a data-types page, another
// page describing the type, or an anchor on this page.
func (p *page) resolve(src *source, name, dest string, depth int) (typeDef, bool) {
	lower := strings.ToLower(name)
	if b, ok := model.BaseNamed(lower); ok {
		return typeDef{base: b}, true
	}
	if depth > maxTypeDepth {
		return typeDef{}, false
	}
	file, anchor, _ := strings.Cut(dest, "#")
	if file != "" && !strings.Contains(file, "://") {
		target := path.Join(path.Dir(src.file), file)
		if isDataTypesFile(target) {
			if def, ok := p.l.dataTypes(target).lookup(p, name, depth); ok {
				return def, true
			}
		} else if def, ok := p.l.pageType(p, target, anchor, depth); ok {
			return def, true
		}
	}
	if file == "" && anchor != "" {
		if s, ok := p.anchors[anchor]; ok {
			if def, ok := p.sectionType(s, depth); ok {
				return def, true
			}
		}
	}
	// a heading of this page that names the type ("### Тип LayoutDto")
	for _, s := range p.sections {
		if strings.EqualFold(headingName(s.title), name) || strings.EqualFold(s.anchor, name) {
			if def, ok := p.sectionType(s, depth); ok {
				return def, true
			}
		}
	}
	// entity.field: the type of a field of a documented object
	if entity, field, ok := strings.Cut(name, "."); ok {
		if def, ok := p.lookupRegistries(entity, depth); ok {
			if f := findFieldFold(def.fields, field); f != nil && f.Base != "" {
				return typeDef{base: f.Base, fields: f.Fields, enum: f.Enum}, true
			}
			if strings.EqualFold(field, "id") {
				return typeDef{base: "integer"}, true
			}
			if def.base != "object" && def.base != "" {
				return typeDef{base: def.base}, true
			}
		}
		return typeDef{}, false
	}
	return p.lookupRegistries(name, depth)
}

// lookupRegistries looks a domain type up in the data-types pages: the one
// of the page's own section (crm/, sale/, catalog/) first, then the common
// one, then the others.
func (p *page) lookupRegistries(name string, depth int) (typeDef, bool) {
	files := p.l.dataTypeFiles
	if own := ownDataTypes(p.file); own != "" {
		for _, f := range files {
			if f == own {
				if def, ok := p.l.dataTypes(f).lookup(p, name, depth); ok {
					return def, true
				}
			}
		}
	}
	for _, f := range files {
		if def, ok := p.l.dataTypes(f).lookup(p, name, depth); ok {
			return def, true
		}
	}
	return typeDef{}, false
}

// ownDataTypes returns the data-types page of a page's section of the API
// ("api-reference/crm/deals/x.md" → "api-reference/crm/data-types.md").
func ownDataTypes(file string) string {
	parts := strings.Split(file, "/")
	if len(parts) < 3 {
		return ""
	}
	return parts[0] + "/" + parts[1] + "/data-types.md"
}

func isDataTypesFile(file string) bool {
	return strings.HasPrefix(path.Base(file), "data-types")
}

// sectionType reads the type a section describes: the fields of its table,
// or the values of a table of values.
func (p *page) sectionType(s *section, depth int) (typeDef, bool) {
	t, tsrc := firstTable(s.blocks)
	if t == nil {
		return typeDef{}, false
	}
	if isFieldTable(tsrc, t) {
		fields := p.tableFieldsDepth(tsrc, t, false, map[*yfm.Table]bool{}, depth+1)
		return typeDef{base: "object", fields: fields}, true
	}
	if values := valueColumn(tsrc, t); len(values) > 0 {
		return typeDef{base: "string", enum: values}, true
	}
	return typeDef{}, false
}

// isFieldTable reports whether a table lists fields (name and type, then a
// description) rather than values.
func isFieldTable(src *source, t *yfm.Table) bool {
	first := t.FirstChild()
	if first == nil || first.FirstChild() == nil {
		return false
	}
	label := strings.ToLower(src.blockText(first.FirstChild()))
	if isTypeHeader(label) {
		return true
	}
	if isHeaderLabel(label) && !strings.HasPrefix(strings.Trim(label, "*` "), "код") && !strings.HasPrefix(strings.Trim(label, "*` "), "code") {
		return true
	}
	// a table without header: its first row reads as a field
	if cells := rowCells(first); len(cells) >= 2 {
		nc := src.nameCell(cells[0])
		return nc.name != "" && len(nc.types) > 0
	}
	return false
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

// headingName returns what a heading names: the member or type of a
// heading such as "Объект result", "sale_cashbox Object", "Type
// LayoutDto", "LayoutDto Type", else its last word.
func headingName(title string) string {
	if name, ok := memberHeadingName(title); ok {
		return name
	}
	// "Parameters of the `LogoDto` Object": the one quoted word
	if parts := strings.Split(title, "`"); len(parts) == 3 && parts[1] != "" && !strings.ContainsAny(parts[1], " \t") {
		return parts[1]
	}
	if f := strings.Fields(title); len(f) == 2 {
		switch {
		case strings.EqualFold(f[0], "type") || strings.EqualFold(f[0], "тип"):
			return strings.Trim(f[1], "`«»\"'")
		case strings.EqualFold(f[1], "type"):
			return strings.Trim(f[0], "`«»\"'")
		}
	}
	return lastWord(title)
}

// lastWord returns the last word of a heading, without backquotes and
// brackets ("Объект `result`" → "result", "Объект tracks[]" → "tracks").
func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return strings.TrimSuffix(strings.Trim(f[len(f)-1], "`«»\"'"), "[]")
}

func findFieldFold(fs []model.Field, name string) *model.Field {
	for i := range fs {
		if strings.EqualFold(fs[i].Name, name) {
			return &fs[i]
		}
	}
	return nil
}

func cloneFields(fs []model.Field) []model.Field {
	out := make([]model.Field, len(fs))
	for i, f := range fs {
		f.Enum = append([]string{}, f.Enum...)
		f.Fields = cloneFields(f.Fields)
		out[i] = f
	}
	return out
}

func uniq(ss []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// newForeignPage prepares another page for reading the types it defines.
func newForeignPage(l *loader, src *source) *page {
	p := newPage(l, src)
	p.foreign = true
	p.buildSectionsFrom(src.doc.FirstChild())
	return p
}

// dataTypesIndex is what a data-types page defines: aliases from its type
// tables ("`crm_deal` | Целочисленный идентификатор сделки") and objects
// from its headings ("### crm_multifield" over a field table).
type dataTypesIndex struct {
	src     *source
	aliases map[string]model.Base // lower name → base
	objects map[string]*section   // lower name → the section describing it
	memo    typeMemo
}

// typeMemo remembers resolved types. Results are computed outside the lock
// (a type may need others to resolve) and the first one stored wins.
type typeMemo struct {
	mu   sync.Mutex
	defs map[string]memoEntry
}

type memoEntry struct {
	def typeDef
	ok  bool
}

func (m *typeMemo) get(key string, compute func() (typeDef, bool)) (typeDef, bool) {
	m.mu.Lock()
	e, hit := m.defs[key]
	m.mu.Unlock()
	if hit {
		return e.def, e.ok
	}
	def, ok := compute()
	m.mu.Lock()
	if m.defs == nil {
		m.defs = map[string]memoEntry{}
	}
	if prev, hit := m.defs[key]; hit {
		def, ok = prev.def, prev.ok
	} else {
		m.defs[key] = memoEntry{def, ok}
	}
	m.mu.Unlock()
	return def, ok
}

// lookup resolves a name defined on the page. An alias gives the base; an
// object section gives the fields (also of an alias, for entity.field).
func (idx *dataTypesIndex) lookup(from *page, name string, depth int) (typeDef, bool) {
	if idx == nil {
		return typeDef{}, false
	}
	lower := strings.ToLower(name)
	if _, isAlias := idx.aliases[lower]; !isAlias {
		if _, isObject := idx.objects[lower]; !isObject {
			return typeDef{}, false
		}
	}
	// A definition read inside another may be cut short by the depth
	// limit, so definitions are remembered per depth.
	return idx.memo.get(lower+"@"+strconv.Itoa(depth), func() (typeDef, bool) { return idx.define(from.l, lower, depth) })
}

// define reads the definition of a name the page defines.
func (idx *dataTypesIndex) define(l *loader, lower string, depth int) (typeDef, bool) {
	base, isAlias := idx.aliases[lower]
	s, isObject := idx.objects[lower]
	if !isAlias && !isObject {
		return typeDef{}, false
	}
	def := typeDef{base: base}
	if isObject {
		// read the section in the data-types page's own context
		p := newForeignPage(l, idx.src)
		for _, ps := range p.sections {
			if ps.heading == s.heading {
				if od, ok := p.sectionType(ps, depth); ok {
					def.fields, def.enum = od.fields, od.enum
					if !isAlias {
						def.base = od.base
					}
				}
				break
			}
		}
	}
	if def.base == "" {
		def.base = "object"
	}
	return def, true
}

// dataTypes returns the index of a data-types page, built once.
func (l *loader) dataTypes(file string) *dataTypesIndex {
	l.mu.Lock()
	e, ok := l.typeIndexes[file]
	if !ok {
		e = &typeIndexEntry{}
		l.typeIndexes[file] = e
	}
	l.mu.Unlock()
	e.once.Do(func() {
		src, err := l.include(file)
		if err != nil {
			return
		}
		e.idx = buildDataTypes(l, src)
	})
	return e.idx
}

type typeIndexEntry struct {
	once sync.Once
	idx  *dataTypesIndex
}

func buildDataTypes(l *loader, src *source) *dataTypesIndex {
	idx := &dataTypesIndex{src: src, aliases: map[string]model.Base{}, objects: map[string]*section{}}
	p := newForeignPage(l, src)
	for _, s := range p.sections {
		for _, b := range s.blocks {
			t, ok := b.node.(*yfm.Table)
			if !ok || b.src != src {
				continue
			}
			first := t.FirstChild()
			if first == nil || first.FirstChild() == nil {
				continue
			}
			label := strings.Trim(strings.ToLower(src.blockText(first.FirstChild())), "*` ")
			if label != "тип" && label != "type" && label != "название" && label != "name" {
				continue
			}
			if isFieldTable(src, t) && label != "тип" && label != "type" {
				continue
			}
			for row := first.NextSibling(); row != nil; row = row.NextSibling() {
				cells := rowCells(row)
				if len(cells) < 2 {
					continue
				}
				var codes []string
				collectCode(src, cells[0], &codes)
				if len(codes) == 0 {
					continue
				}
				name := strings.ToLower(strings.TrimSuffix(codes[0], "[]"))
				if _, known := model.BaseNamed(name); known {
					continue
				}
				idx.aliases[name] = baseFromDescription(src.blockText(cells[1]))
			}
		}
		if s.heading != nil {
			name := strings.ToLower(headingName(s.title))
			if t, tsrc := firstTable(s.blocks); t != nil && tsrc == src && isFieldTable(src, t) && name != "" {
				if _, known := idx.objects[name]; !known {
					idx.objects[name] = s
				}
			}
		}
	}
	return idx
}

// baseFromDescription reads the base type of an alias from the words its
// description starts with ("Целочисленный идентификатор…", "Строковый…",
// "Объект…").
func baseFromDescription(desc string) model.Base {
	d := strings.ToLower(desc)
	rules := []struct {
		words []string
		base  model.Base
	}{
		{[]string{"строков", "символьн", "string", "строка", "привязка", "character identifier", "symbolic identifier", "text identifier"}, "string"},
		{[]string{"целочисл", "целое", "integer", "числовой идентификатор", "идентификатор", "numeric identifier", "identifier"}, "integer"},
		{[]string{"дробн", "с плавающей", "float", "double", "fractional"}, "double"},
		{[]string{"денежн", "decimal", "money", "monetary"}, "decimal"},
		{[]string{"логическ", "boolean", "logical"}, "boolean"},
		{[]string{"дата и время", "datetime", "date and time"}, "datetime"},
		{[]string{"дата", "date"}, "date"},
		{[]string{"массив", "array", "список", "list of"}, "array"},
		{[]string{"объект", "object", "структур", "значение пользовательского поля", "structure", "custom field value"}, "object"},
		{[]string{"файл", "картинка", "file", "image"}, "file"},
	}
	best, at := model.Base("any"), len(d)+1
	for _, r := range rules {
		for _, w := range r.words {
			if i := strings.Index(d, w); i >= 0 && i < at {
				best, at = r.base, i
			}
		}
	}
	return best
}

// pageType reads a type another page describes: the section of the anchor,
// or the page's first field table.
func (l *loader) pageType(from *page, file, anchor string, depth int) (typeDef, bool) {
	return l.pageTypes.get(file+"#"+anchor+"@"+strconv.Itoa(depth), func() (typeDef, bool) { return l.readPageType(file, anchor, depth) })
}

func (l *loader) readPageType(file, anchor string, depth int) (typeDef, bool) {
	src, err := l.include(file)
	if err != nil {
		return typeDef{}, false
	}
	p := newForeignPage(l, src)
	if anchor != "" {
		if s, ok := p.anchors[anchor]; ok {
			return p.sectionType(s, depth)
		}
	}
	for _, s := range p.sections {
		if t, tsrc := firstTable(s.blocks); t != nil && isFieldTable(tsrc, t) {
			return p.sectionType(s, depth)
		}
	}
	return typeDef{}, false
}
