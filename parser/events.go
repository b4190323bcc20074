package parser

// This file owns event pages: the event a page documents, or the several
// events of a page with one section per event code.

import (
	"bytes"
	"encoding/json"
	"slices"

	"github.com/yuin/goldmark/ast"

	"github.com/b24gen/b24gen/model"
)

// readEvent reads an event page: its header (scope, who may subscribe,
// summary), the members of the POST its handler receives — the table
// under "Что получает обработчик" (or "Параметры" on older pages) and the
// sub-tables it links to, "### Параметр data", "### Параметр auth" — and
// the example payloads shown there.
func (p *page) readEvent(name, title string) *model.Event {
	// An event page has the anatomy of a method page: read it as one, its
	// fields as what the portal sends.
	m := &model.Method{Name: name}
	p.readPreamble(m)
	e := &model.Event{
		Name: name, Title: title, Summary: m.Summary, Scope: m.Scope, Permissions: m.Permissions,
		File: p.file, Line: p.nodeLine(p.h1), Deprecated: m.Deprecated,
		Fields: p.readFieldSections(answerSide), Examples: []model.Example{},
	}
	for _, s := range p.sectionsWith(roleParams) {
		for _, b := range s.blocks {
			if b.include == "" {
				p.jsonExamples(b.src, b.node, model.ExampleEvent, m)
			}
		}
	}
	e.Examples = append(e.Examples, m.Examples...)
	return e
}

// readEventSections reads a page that documents several events, one per
// H2 titled with the event's code ("## ONIMBOTV2MESSAGEADD", the
// "Форматы событий" pages of imbot.v2 and im.v2): the section's table is
// what the event's data holds, and the JSON of the section and its
// subsections ("### Пример данных") is example data. The page describes
// the POST around it (event, data, ts, auth) once, for all of them; each
// event gets the event and data members of it, and its examples are put
// back in that envelope, marked repaired as a response example without its
// envelope is.
func (p *page) readEventSections() []*model.Event {
	// A page is one of them when a section titled with an event code
	// holds a field table; its other such sections are events too, with
	// their data undocumented (and said so) when they have no table.
	eventSection := func(s *section) bool { return s.level == 2 && isEventName(s.title) }
	if !slices.ContainsFunc(p.sections, func(s *section) bool {
		t, src := firstTable(s.blocks)
		return eventSection(s) && t != nil && isFieldTable(src, t)
	}) {
		return nil
	}
	var events []*model.Event
	var header model.Method
	p.readPreamble(&header)
	for i, s := range p.sections {
		if !eventSection(s) {
			continue
		}
		data := []model.Field{}
		if t, src := firstTable(s.blocks); t != nil && isFieldTable(src, t) {
			data = p.tableFields(src, t, newTableRead(answerSide, 0))
		} else {
			p.warn(p.source, p.nodeLine(s.heading), CodeEventWithoutData, "event %s has no table of its data; its data is read as it comes", s.title)
		}
		e := &model.Event{
			Name: s.title, Summary: firstParagraph(s.blocks), Scope: header.Scope, Permissions: header.Permissions,
			File: p.file, Line: p.nodeLine(s.heading), Deprecated: header.Deprecated,
			Fields: []model.Field{
				{Name: "event", Base: "string", Type: "string", Enum: []string{}, Fields: []model.Field{}},
				{Name: "data", Base: "object", Type: "object", Enum: []string{}, Fields: data},
			},
			Examples: []model.Example{},
		}
		var m model.Method
		for _, sub := range append([]*section{s}, subsections(p.sections[i+1:])...) {
			for _, b := range sub.blocks {
				if b.include == "" {
					p.jsonExamples(b.src, b.node, model.ExampleEvent, &m)
				}
			}
		}
		code, _ := json.Marshal(s.title)
		for _, ex := range m.Examples {
			ex.JSON = bytes.Join([][]byte{[]byte(`{"event":`), code, []byte(`,"data":`), ex.JSON, []byte(`}`)}, nil)
			ex.Repaired = true
			e.Examples = append(e.Examples, ex)
		}
		events = append(events, e)
	}
	return events
}

// subsections returns the sections that follow a section and are deeper
// than H2, up to the next H2 or H1.
func subsections(rest []*section) []*section {
	for i, s := range rest {
		if s.level <= 2 {
			return rest[:i]
		}
	}
	return rest
}

// firstParagraph is the text of the first paragraph among blocks.
func firstParagraph(blocks []block) string {
	for _, b := range blocks {
		if para, ok := b.node.(*ast.Paragraph); ok {
			return b.src.inlineText(para)
		}
	}
	return ""
}
