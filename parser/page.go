package parser

// This file owns the reading of one page: the page being read, what it
// documents, and its preamble — the header quote (scope, permissions),
// the deprecation notes, the summary, the marks of a REST 3.0 method.

import (
	"bytes"
	"fmt"
	"path"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/b24gen/b24gen/model"
	"github.com/b24gen/b24gen/parser/yfm"
)

// page is one method page being read.
type page struct {
	*source
	l     *loader
	diags []Diagnostic
	name  string

	h1       *ast.Heading
	preamble []block
	sections []*section
	anchors  map[string]*section
	// requiredFootnote is set when the page includes the footnote that
	// explains the "*" mark: only then is an unmarked parameter optional.
	requiredFootnote bool
	// systemFallback is set when the system errors fragment could not be
	// read and the built-in table stands in for it.
	systemFallback bool
	// foreign is set for a page read as the definition of a type another
	// page uses; its diagnostics go to the loader, once.
	foreign bool
}

func newPage(l *loader, src *source) *page {
	return &page{source: src, l: l, anchors: map[string]*section{}}
}

func (p *page) warn(src *source, line int, code, format string, args ...any) {
	d := Diagnostic{
		File: src.file, Line: line, Severity: Warning, Code: code,
		Message: fmt.Sprintf(format, args...), Method: p.name,
	}
	if p.foreign {
		p.l.addDiag(d)
		return
	}
	p.diags = append(p.diags, d)
}

// read classifies the page and reads the method or the event it documents.
func (p *page) read() (Page, *model.Method, []*model.Event) {
	info := Page{File: p.file, Kind: PageOther}
	for n := p.doc.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok && h.Level == 1 {
			p.h1 = h
			break
		}
	}
	if p.h1 == nil {
		if path.Base(p.file) == "index.md" {
			info.Kind = PageOverview
		}
		return info, nil, nil
	}
	p.buildSections()
	info.Kind, info.Name, info.Title = p.classify(p.inlineText(p.h1))
	if info.Kind == PageEvent && info.Name != "" {
		p.name = info.Name
		return info, nil, []*model.Event{p.readEvent(info.Name, info.Title)}
	}
	// A page of several events, one per H2 titled with its code, whatever
	// its H1 looks like ("Форматы событий imbot.v2" ends in a dotted word);
	// a method page with parameters stays a method page.
	if info.Kind != PageMethod || len(p.sectionsWith(roleParams)) == 0 {
		if events := p.readEventSections(); len(events) > 0 {
			info.Kind, info.Name = PageEvent, ""
			return info, nil, events
		}
	}
	if info.Kind != PageMethod {
		return info, nil, nil
	}
	p.name = info.Name
	m := &model.Method{
		Name:  info.Name,
		Title: info.Title,
		File:  p.file,
		Line:  p.nodeLine(p.h1),
	}
	p.readPreamble(m)
	if p.isRESTv3() {
		m.API = model.APIv3
		for _, mark := range lexicon.restV3TitleMarks {
			m.Title = strings.TrimSuffix(m.Title, mark)
		}
		m.Title = strings.TrimSpace(m.Title)
	}
	p.readParams(m)
	p.readReturns(m)
	p.readErrors(m)
	readChecks(m)
	p.readExamples(m)
	shapeFromExamples(m)
	return info, m, nil
}

// readPreamble reads the header block (scope, permissions), the deprecation
// notes and the summary.
func (p *page) readPreamble(m *model.Method) {
	for _, b := range p.preamble {
		switch n := b.node.(type) {
		case *ast.Blockquote:
			p.readHeaderQuote(b.src, n, m)
		case *yfm.Directive:
			if n.Name == "note" && isDeprecationNote(b.src, n) {
				m.Deprecated = true
			}
		case *ast.Paragraph:
			if m.Summary == "" && b.include == "" {
				m.Summary = b.src.inlineText(n)
			}
		}
	}
}

// readHeaderQuote reads "> Scope: [`crm`](…)" and "> Кто может выполнять
// метод: …".
func (p *page) readHeaderQuote(src *source, q *ast.Blockquote, m *model.Method) {
	for c := q.FirstChild(); c != nil; c = c.NextSibling() {
		para, ok := c.(*ast.Paragraph)
		if !ok {
			continue
		}
		t := src.inlineText(para)
		label, value, found := strings.Cut(t, ":")
		if !found {
			continue
		}
		switch l := fold(strings.TrimSpace(label)); {
		case lexicon.scopeLabel.is(l):
			var scopes []string
			for n := para.FirstChild(); n != nil; n = n.NextSibling() {
				collectCode(src, n, &scopes)
			}
			if len(scopes) == 0 {
				scopes = []string{strings.Trim(strings.TrimSpace(value), "`")}
			}
			m.Scope = strings.Join(scopes, ",")
		case lexicon.permissionsLabel.begins(l):
			m.Permissions = strings.TrimSpace(value)
		}
	}
}

// collectCode appends the text of the code spans in n.
func collectCode(src *source, n ast.Node, out *[]string) {
	if cs, ok := n.(*ast.CodeSpan); ok {
		*out = append(*out, src.codeSpanText(cs))
		return
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		collectCode(src, c, out)
	}
}

// isDeprecationNote recognises the notes that retire a method: a note titled
// DEPRECATED, or one that says the method is no longer developed.
func isDeprecationNote(src *source, d *yfm.Directive) bool {
	_, title := d.Title()
	if lexicon.deprecatedTitle.in(fold(title)) {
		return true
	}
	para := firstInlineBlock(d)
	if para == nil {
		return false
	}
	return lexicon.deprecatedNote.in(fold(src.inlineText(para)))
}

// isRESTv3 recognises a REST 3.0 page: its note says so, or its examples
// call /rest/api/.
func (p *page) isRESTv3() bool {
	if strings.HasSuffix(strings.TrimSuffix(p.file, ".md"), "-rest-v3") {
		return true
	}
	for _, b := range p.preamble {
		if d, ok := b.node.(*yfm.Directive); ok && d.Name == "note" && containsAny(b.src.blockText(d), lexicon.restV3Note) {
			return true
		}
	}
	found := false
	for _, s := range p.sectionsWith(roleExamples) {
		for _, b := range s.blocks {
			codeBlocks(b.src, b.node, "", func(cb *ast.FencedCodeBlock, tab string) {
				if found || !lexicon.curlTab.in(fold(tab)) {
					return
				}
				lines := cb.Lines()
				for i := 0; i < lines.Len(); i++ {
					seg := lines.At(i)
					if bytes.Contains(seg.Value(b.src.src), []byte("/rest/api/")) {
						found = true
						return
					}
				}
			})
		}
	}
	return found
}
