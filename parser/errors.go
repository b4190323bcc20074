package parser

// This file owns a method's errors: the error tables of the error
// sections and of the fragments they include, their columns, and the
// HTTP status a section states.

import (
	"cmp"
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/b24gen/b24gen/b24/protocol"
	"github.com/b24gen/b24gen/model"
	"github.com/b24gen/b24gen/parser/yfm"
)

// readErrors reads the error tables of the error sections, including the
// shared system errors the page includes. Three layouts are read: tables
// with a code column (errorTable); REST 3.0 code paragraphs ("Код ошибки:
// `CODE`") each with a table of the fields it concerns (fieldErrorTable);
// and tables of messages without a code column (messageTable).
func (p *page) readErrors(m *model.Method) {
	m.Errors = []model.Error{}
	var shown map[string]string // the codes the page's error examples answer messages with, read on demand
	for i, s := range p.sections {
		if s.role != roleErrors {
			continue
		}
		status := p.sectionStatus(i)
		// the code paragraph waiting for its table, with the status a
		// paragraph after it gives
		var code *codeParagraph
		flush := func() {
			if code != nil {
				m.Errors = append(m.Errors, model.Error{Code: code.code, Status: cmp.Or(code.status, status), Checks: []model.ErrorCheck{}})
				code = nil
			}
		}
		for _, b := range s.blocks {
			if para, ok := b.node.(*ast.Paragraph); ok && b.include == "" {
				if c, ok := b.src.codeParagraph(para); ok {
					flush()
					code = &c
					continue
				}
				if st, ok := p.statusParagraph(b.src, para); ok && code != nil && code.status == 0 {
					code.status = st
				}
				continue
			}
			t, ok := b.node.(*yfm.Table)
			if !ok {
				continue
			}
			if cols, ok := fieldErrorColumns(b.src, t); ok && b.include == "" {
				if code != nil {
					m.Errors = append(m.Errors, p.fieldErrorTable(b.src, t, cols, code.code, cmp.Or(code.status, status))...)
					code = nil
				} else {
					m.Errors = append(m.Errors, p.fieldErrorTable(b.src, t, cols, "", status)...)
				}
				continue
			}
			var errs []model.Error
			if b.include != "" {
				// a fragment's table reads the same for every page that
				// includes it: read it once
				errs, ok = p.l.fragmentErrors(t, status, func() ([]model.Error, bool) {
					if errs, ok := p.errorTable(b.src, t, status, b.include == systemErrorsFragment); ok {
						return errs, true
					}
					return p.messageTable(b.src, t, status, nil)
				})
			} else {
				errs, ok = p.errorTable(b.src, t, status, false)
				if !ok {
					if shown == nil {
						shown = p.shownErrors()
					}
					errs, ok = p.messageTable(b.src, t, status, shown)
				}
			}
			if !ok {
				continue
			}
			m.Errors = append(m.Errors, errs...)
		}
		flush()
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
// paragraphs; one that follows a code paragraph is that code's status,
// not the section's.
func (p *page) statusStatement(s *section) (int, bool) {
	afterCode := false
	for _, b := range s.blocks {
		para, ok := b.node.(*ast.Paragraph)
		if !ok || b.include != "" {
			afterCode = false
			continue
		}
		if _, ok := b.src.codeParagraph(para); ok {
			afterCode = true
			continue
		}
		if st, ok := p.statusParagraph(b.src, para); ok && !afterCode {
			return st, true
		}
		afterCode = false
	}
	return 0, false
}

// statusParagraph reads a paragraph "HTTP-статус: **N**": the status, 0
// when the paragraph gives none or several ("**40x**, **50x**").
func (p *page) statusParagraph(src *source, para *ast.Paragraph) (int, bool) {
	t := src.inlineText(para)
	label, value, found := strings.Cut(t, ":")
	if !found {
		return 0, false
	}
	if !lexicon.httpStatusLabel.is(fold(strings.TrimSpace(label))) {
		return 0, false
	}
	if st, err := strconv.Atoi(strings.Trim(strings.TrimSpace(value), "*`.")); err == nil && st >= 100 && st < 600 {
		return st, true
	}
	return 0, true
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

// codeParagraph is a paragraph that gives an error code for the table
// after it: "Код ошибки: `CODE`".
type codeParagraph struct {
	code   string
	status int // from a status paragraph between it and its table
}

// codeParagraph reads a paragraph "Код ошибки: `CODE`": its label, then
// the code in a code span.
func (s *source) codeParagraph(para *ast.Paragraph) (codeParagraph, bool) {
	first, ok := para.FirstChild().(*ast.Text)
	if !ok {
		return codeParagraph{}, false
	}
	label, _, found := strings.Cut(string(first.Segment.Value(s.src)), ":")
	if !found || !lexicon.errorCodeLabel.is(fold(strings.TrimSpace(label))) {
		return codeParagraph{}, false
	}
	for n := first.NextSibling(); n != nil; n = n.NextSibling() {
		if cs, ok := n.(*ast.CodeSpan); ok {
			code := s.codeSpanText(cs)
			if code == "" || strings.ContainsAny(code, " \t") || isEmptyMarker(code) {
				return codeParagraph{}, false
			}
			return codeParagraph{code: code}, true
		}
	}
	return codeParagraph{}, false
}

// fieldErrorColumns says which column of a REST 3.0 error table holds
// what: Поле | Описание ошибки | Как исправить. message and field are
// always found; fix is -1 when the table has no such column.
type errorFieldColumns struct{ field, message, fix int }

func fieldErrorColumns(src *source, t *yfm.Table) (errorFieldColumns, bool) {
	cols := errorFieldColumns{-1, -1, -1}
	first := t.FirstChild()
	if first == nil {
		return cols, false
	}
	for i, c := range rowCells(first) {
		l := fold(src.blockText(c))
		switch {
		case lexicon.errorFieldColumn.is(l):
			cols.field = i
		case lexicon.errorDescriptionColumn.in(l):
			cols.message = i
		case lexicon.errorFixColumn.in(l):
			cols.fix = i
		}
	}
	return cols, cols.field >= 0 && cols.message >= 0
}

// fieldErrorTable reads a REST 3.0 error table: each row is a case of the
// code, with the fields it concerns, its message and its fix.
func (p *page) fieldErrorTable(src *source, t *yfm.Table, cols errorFieldColumns, code string, status int) []model.Error {
	p.checkTable(src, t)
	var out []model.Error
	for row := t.FirstChild().NextSibling(); row != nil; row = row.NextSibling() {
		cells := rowCells(row)
		if cols.message >= len(cells) {
			continue
		}
		e := model.Error{Code: code, Status: status, Message: src.blockText(cells[cols.message]), Checks: []model.ErrorCheck{}}
		if cols.field < len(cells) {
			e.Fields = src.fieldNames(cells[cols.field])
		}
		if cols.fix >= 0 && cols.fix < len(cells) {
			e.Fix = src.blockText(cells[cols.fix])
		}
		if e.Message == "" && len(e.Fields) == 0 && code == "" {
			continue
		}
		out = append(out, e)
	}
	return out
}

// fieldNames reads the fields of a field cell: its code spans ("`to`,
// `cc`") or its text, less "-" and what cannot be a field's path
// ("`#FIELD#`").
func (s *source) fieldNames(cell *yfm.TableCell) []string {
	var names []string
	_ = ast.Walk(cell, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if cs, ok := n.(*ast.CodeSpan); ok && entering {
			names = append(names, s.codeSpanText(cs))
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	if len(names) == 0 {
		names = strings.Split(s.blockText(cell), ",")
	}
	var out []string
	for _, n := range names {
		n = strings.TrimSpace(n)
		if isFieldPath(n) && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// isFieldPath reports whether s can be a parameter's path: names joined by
// dots, with indexes ("fields.TITLE", "filter.userId", "items[]").
func isFieldPath(s string) bool {
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	for i := range len(s) {
		if c := s[i]; !wordByte(s, i) && c != '.' && c != '[' && c != ']' {
			return false
		}
	}
	return true
}

// messageColumns says which column of an error table without a code
// column holds the message and which what it means.
type messageColumns struct{ message, desc int }

// messageTableColumns reads the header of a table of errors by message:
// a message column ("Текст ошибки", "Сообщение", "Ошибка", "Error text"),
// or a description column beside a meaning column ("Описание |
// Значение"), where the description is the message, as in errorTableColumns.
func messageTableColumns(src *source, t *yfm.Table) (messageColumns, bool) {
	cols := messageColumns{-1, -1}
	first := t.FirstChild()
	if first == nil {
		return cols, false
	}
	meaning := -1
	for i, c := range rowCells(first) {
		l := fold(src.blockText(c))
		switch {
		case lexicon.errorCodeColumn.in(l) || lexicon.statusColumn.in(l):
			return cols, false
		case lexicon.messageColumn.in(l) || lexicon.errorTextColumn.in(l) || lexicon.errorColumn.is(l):
			if cols.message < 0 {
				cols.message = i
			}
		case lexicon.meaningColumn.in(l):
			meaning = i
		case lexicon.descriptionColumn.in(l):
			cols.desc = i
		}
	}
	switch {
	case cols.message >= 0 && cols.desc < 0:
		cols.desc = meaning
	case cols.message < 0 && cols.desc >= 0 && meaning >= 0:
		cols.message, cols.desc = cols.desc, meaning
	}
	return cols, cols.message >= 0 && cols.desc >= 0
}

// messageTable reads a table of errors by message. Their code is empty,
// or the one an error example of the page answers the message with
// (shown, by protocol.MessageKey).
func (p *page) messageTable(src *source, t *yfm.Table, status int, shown map[string]string) ([]model.Error, bool) {
	cols, ok := messageTableColumns(src, t)
	if !ok {
		return nil, false
	}
	p.checkTable(src, t)
	var out []model.Error
	for row := t.FirstChild().NextSibling(); row != nil; row = row.NextSibling() {
		cells := rowCells(row)
		if cols.message >= len(cells) {
			continue
		}
		e := model.Error{Status: status, Message: src.blockText(cells[cols.message])}
		if e.Message == "" {
			continue
		}
		if cols.desc < len(cells) {
			e.Description = src.blockText(cells[cols.desc])
		}
		e.Code = shown[protocol.MessageKey(e.Message)]
		out = append(out, e)
	}
	return out, true
}

// shownErrors returns the codes the error examples of the page's own
// error sections answer, by protocol.MessageKey of their message: {"error": "CODE",
// "error_description": "…"}, or REST 3.0's {"error": {"code", "message"}}.
func (p *page) shownErrors() map[string]string {
	out := map[string]string{}
	for _, s := range p.sections {
		if s.role != roleErrors {
			continue
		}
		for _, b := range s.blocks {
			if b.include != "" {
				continue
			}
			codeBlocks(b.src, b.node, "", func(cb *ast.FencedCodeBlock, _ string) {
				var env struct {
					Error       json.RawMessage `json:"error"`
					Description string          `json:"error_description"`
				}
				if json.Unmarshal(b.src.rawLines(cb), &env) != nil {
					return
				}
				var code string
				if json.Unmarshal(env.Error, &code) != nil {
					var v3 struct{ Code, Message string }
					if json.Unmarshal(env.Error, &v3) != nil {
						return
					}
					code, env.Description = v3.Code, v3.Message
				}
				if code != "" && env.Description != "" {
					if k := protocol.MessageKey(env.Description); out[k] == "" {
						out[k] = code
					}
				}
			})
		}
	}
	return out
}
