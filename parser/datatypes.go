package parser

// This file owns the data-types pages (data-types.md): the aliases their
// type tables define, the objects their headings describe, and the index
// of each page, built once and shared by the pages that use its types.

import (
	"path"
	"strconv"
	"strings"
	"sync"

	"github.com/b24gen/b24gen/model"
	"github.com/b24gen/b24gen/parser/yfm"
)

func isDataTypesFile(file string) bool {
	return strings.HasPrefix(path.Base(file), "data-types")
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
	e := l.typeEntry(file)
	e.once.Do(func() {
		src, err := l.include(file)
		if err != nil {
			return
		}
		e.idx = buildDataTypes(l, src)
	})
	return e.idx
}

// typeEntry returns what the loader reads of the page at file for the
// types of other pages, made empty the first time it is asked for.
func (l *loader) typeEntry(file string) *typeIndexEntry {
	l.mu.Lock()
	defer l.mu.Unlock()
	e, ok := l.typeIndexes[file]
	if !ok {
		e = &typeIndexEntry{}
		l.typeIndexes[file] = e
	}
	return e
}

type typeIndexEntry struct {
	once sync.Once
	idx  *dataTypesIndex
	// linked is the page read for the members rows of other pages link
	// to (linked.go), built once.
	linkedOnce sync.Once
	linked     *linkedPage
	// fieldsTitle says whether the file's title may be that of a page of
	// fields (linked.go), read once.
	titleOnce   sync.Once
	fieldsTitle bool
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
			label := folded(strings.Trim(string(fold(src.blockText(first.FirstChild()))), "*` "))
			if !lexicon.typeWord.is(label) && !lexicon.nameWord.is(label) {
				continue
			}
			if isFieldTable(src, t) && !lexicon.typeWord.is(label) {
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
// "Объект…"): the lexicon's baseWords, the earliest in the text.
func baseFromDescription(desc string) model.Base {
	d := fold(desc)
	best, at := model.Base("any"), len(d)+1
	for _, r := range lexicon.baseWords {
		for _, w := range r.words {
			if i := strings.Index(string(d), w); i >= 0 && i < at {
				best, at = r.base, i
			}
		}
	}
	return best
}
