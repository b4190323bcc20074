package parser

// This file owns the reading of a method's parameters, and of what an
// event handler receives, from the params sections: which table, whether
// the page says there are none, and the rules applied to the fields read.

import (
	"github.com/yuin/goldmark/ast"

	"github.com/b24gen/b24gen/model"
	"github.com/b24gen/b24gen/parser/yfm"
)

// readParams reads the parameter table of the params section and the
// sub-tables its rows link to. A page that says it takes no parameters
// ("Без параметров.") has none, whatever tables follow; a page without a
// params section may give the table right after its summary.
func (p *page) readParams(m *model.Method) {
	m.Params = []model.Field{}
	if p.saysNoParams() {
		return
	}
	if fs, groups := p.readFieldSets(requestSide); fs != nil {
		m.Params = fs
		m.Alternatives = groups
	}
}

// readFieldSections reads the field table of the params sections — a
// method's parameters (requestSide) or, for an event page, what the
// portal sends its handler (answerSide) — and the tables its rows link
// to. It returns nil when there is no table.
func (p *page) readFieldSections(s side) []model.Field {
	fs, _ := p.readFieldSets(s)
	return fs
}

// readFieldSets is readFieldSections that also returns, for a method, the
// groups of parameters of which a call gives at least one (alternatives.go),
// read before the relaxations make their members optional.
func (p *page) readFieldSets(s side) ([]model.Field, []model.Alternative) {
	sections := p.sectionsWith(roleParams)
	if sets := p.alternativeSets(sections, s); len(sets) > 1 {
		fs := mergeAlternatives(sets)
		var groups []model.Alternative
		if s == requestSide {
			groups = minimalGroups(append(callSetGroup(sets, fs, p.source.nodeLine(sections[0].heading)), p.alternativeGroups(fs, nil, 0)...))
		}
		relaxRequired(fs)
		return fs, groups
	}
	for _, sec := range sections {
		if t, src := firstTable(sec.blocks); t != nil {
			fs := p.tableFields(src, t, newTableRead(s, 0))
			p.attachMemberSections(fs, sections, s)
			var groups []model.Alternative
			if s == requestSide {
				groups = p.alternativeGroups(fs, sections, p.ownLine(src, t))
			}
			relaxRequired(fs)
			if s == requestSide {
				relaxOneOfNotes(fs, sections)
			}
			return fs, groups
		}
	}
	if len(sections) == 0 {
		for _, b := range p.preamble {
			if t, ok := b.node.(*yfm.Table); ok && isFieldTable(b.src, t) {
				return p.tableFields(b.src, t, newTableRead(s, 0)), nil
			}
		}
	}
	return nil, nil
}

// saysNoParams reports whether the preamble or a params section states that
// the method takes no parameters.
func (p *page) saysNoParams() bool {
	check := func(blocks []block) bool {
		for _, b := range blocks {
			if para, ok := b.node.(*ast.Paragraph); ok && b.include == "" {
				if t := fold(b.src.inlineText(para)); lexicon.noParams.in(t) && len(t) < 120 {
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
