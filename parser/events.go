package parser

import (
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
		Fields: p.readFieldSections(false), Examples: []model.Example{},
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
