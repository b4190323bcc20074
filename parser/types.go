package parser

// This file owns types: resolving the type a row gives — a base type, a
// type of the data-types pages, a type another page or a heading of this
// one describes — into the field's base, members and values.

import (
	"path"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/b24gen/b24gen/model"
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

// sectionType reads the type a section describes: the fields of its table,
// or the values of a table of values.
func (p *page) sectionType(s *section, depth int) (typeDef, bool) {
	t, tsrc := firstTable(s.blocks)
	if t == nil {
		return typeDef{}, false
	}
	if isFieldTable(tsrc, t) {
		fields := p.tableFields(tsrc, t, newTableRead(answerSide, depth+1))
		return typeDef{base: "object", fields: fields}, true
	}
	if values := valueColumn(tsrc, t); len(values) > 0 {
		return typeDef{base: "string", enum: values}, true
	}
	return typeDef{}, false
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
		case lexicon.typeWord.isWord(f[0]):
			return strings.Trim(f[1], "`«»\"'")
		case lexicon.typeWordAfter.isWord(f[1]):
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
	var first *section
	for _, s := range p.sections {
		t, tsrc := firstTable(s.blocks)
		if t == nil || !isFieldTable(tsrc, t) {
			continue
		}
		if first == nil {
			first = s
			continue
		}
		if fold(s.title) == fold(first.title) {
			// field tables under headings of one name ("Параметры" of
			// each kind of content block): the page documents variants
			// of the type, of which the first is no more the type than
			// the others; an object whose members depend on its kind
			return typeDef{base: "object"}, true
		}
	}
	if first != nil {
		return p.sectionType(first, depth)
	}
	return typeDef{}, false
}
