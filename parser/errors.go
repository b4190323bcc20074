package parser

// This file owns a method's errors: the error tables of the error
// sections and of the fragments they include, their columns, and the
// HTTP status a section states.

import (
	"slices"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/b24gen/b24gen/b24/protocol"
	"github.com/b24gen/b24gen/model"
	"github.com/b24gen/b24gen/parser/yfm"
)

// readErrors reads the error tables of the error sections, including the
// shared system errors the page includes.
func (p *page) readErrors(m *model.Method) {
	m.Errors = []model.Error{}
	for i, s := range p.sections {
		if s.role != roleErrors {
			continue
		}
		status := p.sectionStatus(i)
		for _, b := range s.blocks {
			t, ok := b.node.(*yfm.Table)
			if !ok {
				continue
			}
			var errs []model.Error
			if b.include != "" {
				// a fragment's table reads the same for every page that
				// includes it: read it once
				errs, ok = p.l.fragmentErrors(t, status, func() ([]model.Error, bool) {
					return p.errorTable(b.src, t, status, b.include == systemErrorsFragment)
				})
			} else {
				errs, ok = p.errorTable(b.src, t, status, false)
			}
			if !ok {
				continue
			}
			m.Errors = append(m.Errors, errs...)
		}
	}
	if p.systemFallback {
		for _, e := range protocol.SystemErrors() {
			m.Errors = append(m.Errors, model.Error{
				Code: e.Code, Message: e.Message, Description: e.Description,
				Status: e.Status, System: true,
			})
		}
	}
}

// sectionStatus returns the HTTP status an error section (or the section it
// is nested in) states for its errors ("HTTP-статус: **400**"), 0 when it
// states none or several.
func (p *page) sectionStatus(i int) int {
	level := p.sections[i].level + 1
	for ; i >= 0; i-- {
		s := p.sections[i]
		if s.level >= level {
			continue
		}
		level = s.level
		if st, ok := p.statusStatement(s); ok {
			return st
		}
		if level <= 2 {
			break
		}
	}
	return 0
}

// statusStatement finds "HTTP-статус: **N**" among a section's own
// paragraphs.
func (p *page) statusStatement(s *section) (int, bool) {
	for _, b := range s.blocks {
		para, ok := b.node.(*ast.Paragraph)
		if !ok || b.include != "" {
			continue
		}
		t := b.src.inlineText(para)
		label, value, found := strings.Cut(t, ":")
		if !found {
			continue
		}
		if !lexicon.httpStatusLabel.is(fold(strings.TrimSpace(label))) {
			continue
		}
		if st, err := strconv.Atoi(strings.Trim(strings.TrimSpace(value), "*`.")); err == nil && st >= 100 && st < 600 {
			return st, true
		}
		return 0, true
	}
	return 0, false
}

// errorColumns says which column of an error table holds what.
type errorColumns struct {
	code, message, desc, status int
	// codeHasMessage: the code cell also holds the message, after a line
	// break (the system errors table: "`CODE`\nMessage").
	codeHasMessage bool
}

// errorTableColumns reads an error table's header. A table is an error
// table when one of its header cells is a code column. The docs use several
// layouts: Код | Описание | Значение (where Описание is the message the
// portal sends and Значение what it means), Код | Сообщение | Описание,
// Статус | Код + Текст ошибки | Описание, Код | Когда возникает, …
func errorTableColumns(src *source, t *yfm.Table) (errorColumns, bool) {
	cols := errorColumns{code: -1, message: -1, desc: -1, status: -1}
	first := t.FirstChild()
	if first == nil {
		return cols, false
	}
	meaning := -1
	for i, c := range rowCells(first) {
		l := fold(src.blockText(c))
		switch {
		case lexicon.statusColumn.in(l):
			cols.status = i
		case lexicon.errorCodeColumn.in(l):
			cols.code = i
			if lexicon.codeWithMessage.in(l) {
				cols.codeHasMessage = true
			}
		case lexicon.messageColumn.in(l):
			cols.message = i
		case lexicon.descriptionColumn.in(l):
			cols.desc = i
		case lexicon.meaningColumn.in(l):
			meaning = i
		}
	}
	if cols.code < 0 {
		return cols, false
	}
	if meaning >= 0 {
		if cols.desc >= 0 && cols.message < 0 {
			cols.message = cols.desc
		}
		cols.desc = meaning
	}
	return cols, true
}

// errorTable reads the rows of an error table.
func (p *page) errorTable(src *source, t *yfm.Table, status int, system bool) ([]model.Error, bool) {
	cols, ok := errorTableColumns(src, t)
	if !ok {
		return nil, false
	}
	p.checkTable(src, t)
	var out []model.Error
	for row := t.FirstChild().NextSibling(); row != nil; row = row.NextSibling() {
		cells := rowCells(row)
		if cols.code >= len(cells) {
			p.warn(src, src.nodeLine(row), CodeErrorWithoutCode, "error row has no code cell")
			continue
		}
		e := model.Error{Status: status, System: system}
		e.Code, e.Message = src.errorCodeCell(cells[cols.code], cols.codeHasMessage)
		if cols.message >= 0 && cols.message < len(cells) {
			e.Message = src.blockText(cells[cols.message])
		}
		if cols.desc >= 0 && cols.desc < len(cells) {
			e.Description = src.blockText(cells[cols.desc])
		}
		if cols.status >= 0 && cols.status < len(cells) {
			if st, err := strconv.Atoi(strings.Trim(src.blockText(cells[cols.status]), "`* ")); err == nil {
				e.Status = st
			}
		}
		if e.Code == "" && !isEmptyMarker(src.blockText(cells[cols.code])) {
			p.warn(src, src.nodeLine(row), CodeErrorWithoutCode, "error row without a code: %q", truncate(e.Message+" "+e.Description, 60))
		}
		out = append(out, e)
	}
	return out, true
}

// errorCodeCell reads a code cell: the code in a code span (or as plain
// text), and with hasMessage the message on the following line. "Пустое
// значение" and similar words mean the error has no code.
func (s *source) errorCodeCell(cell *yfm.TableCell, hasMessage bool) (code, message string) {
	para := firstInlineBlock(cell)
	if para == nil {
		return "", ""
	}
	var rest strings.Builder
	found := false
	for n := para.FirstChild(); n != nil; n = n.NextSibling() {
		if cs, ok := n.(*ast.CodeSpan); ok && !found {
			code = s.codeSpanText(cs)
			found = true
			continue
		}
		if found {
			s.writeNode(&rest, n)
		}
	}
	if !found {
		code = strings.Trim(s.inlineText(para), "*` ")
	}
	if isEmptyMarker(code) {
		code = ""
	}
	if hasMessage {
		message = collapseSpaces(rest.String())
	}
	return code, message
}

// isEmptyMarker recognises the words the docs put in a code cell to say
// that the error comes without a code ("Пустое значение", "-").
func isEmptyMarker(s string) bool {
	return lexicon.emptyCode.is(fold(strings.Trim(strings.TrimSpace(s), "`*")))
}

// fragmentErrors returns the errors of a table in an included fragment,
// read once per table and status.
func (l *loader) fragmentErrors(t *yfm.Table, status int, read func() ([]model.Error, bool)) ([]model.Error, bool) {
	key := fragmentTable{t, status}
	l.mu.Lock()
	e, ok := l.fragmentTables[key]
	l.mu.Unlock()
	if !ok {
		errs, isErrs := read()
		e = fragmentEntry{errs, isErrs}
		l.mu.Lock()
		l.fragmentTables[key] = e
		l.mu.Unlock()
	}
	return slices.Clone(e.errs), e.ok
}

type fragmentTable struct {
	t      *yfm.Table
	status int
}

type fragmentEntry struct {
	errs []model.Error
	ok   bool
}
