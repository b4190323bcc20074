package parser

import (
	"bytes"
	"fmt"
	"path"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"

	"github.com/b24gen/b24gen/b24/protocol"
	"github.com/b24gen/b24gen/model"
	"github.com/b24gen/b24gen/parser/yfm"
)

// role is what a section of a method page documents.
type role int

const (
	roleNone     role = iota
	roleParams        // the method's parameters
	roleExamples      // code examples
	roleResponse      // the success answer
	roleReturns       // the table of returned fields
	roleErrors        // error handling and error codes
	roleSeeAlso       // links to related pages
)

// sectionRoles maps heading prefixes (lower-cased) to roles. The docs word
// the same section in several ways; the English edition uses its own words.
var sectionRoles = []struct {
	prefix string
	role   role
}{
	{"параметры", roleParams},
	{"что получает обработчик", roleParams},
	{"what the handler receives", roleParams},
	{"method parameters", roleParams},
	{"parameters", roleParams},
	{"примеры", roleExamples},
	{"пример", roleExamples},
	{"code examples", roleExamples},
	{"examples", roleExamples},
	{"обработка ответа", roleResponse},
	{"ответ в случае успеха", roleResponse},
	{"response handling", roleResponse},
	{"возвращаемые данные", roleReturns},
	{"возвращаемые значения", roleReturns},
	{"returned data", roleReturns},
	{"returned values", roleReturns},
	{"обработка ошибок", roleErrors},
	{"возможные коды ошибок", roleErrors},
	{"возможные ошибки", roleErrors},
	{"коды ошибок", roleErrors},
	{"error handling", roleErrors},
	{"possible error codes", roleErrors},
	{"продолжите изучение", roleSeeAlso},
	{"continue learning", roleSeeAlso},
}

func classifyHeading(title string) role {
	t := strings.ToLower(strings.TrimSpace(title))
	for _, r := range sectionRoles {
		if strings.HasPrefix(t, r.prefix) {
			return r.role
		}
	}
	return roleNone
}

// block is a top-level block of a page, or of a fragment the page includes,
// with the source it comes from.
type block struct {
	node ast.Node
	src  *source
	// include is the path of the fragment the block comes from, "" for the
	// page's own blocks.
	include string
}

// section is the run of blocks under one heading.
type section struct {
	heading *ast.Heading
	level   int
	title   string
	anchor  string
	role    role
	blocks  []block
}

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
		m.Title = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(m.Title, "v 3.0"), "v3"))
	}
	p.readParams(m)
	p.readReturns(m)
	p.readErrors(m)
	readChecks(m)
	p.readExamples(m)
	shapeFromExamples(m)
	return info, m, nil
}

// splitTitle splits an H1 such as "Удалить источник biconnector.source.delete"
// into the title and the name at its end: the H1's last word when it reads
// as a method, event or placement name.
func splitTitle(h1 string) (title, name string) {
	h1 = strings.TrimSpace(h1)
	i := strings.LastIndexAny(h1, " \t")
	last := strings.Trim(h1[i+1:], "`")
	if !isMethodName(last) && !isIdent(last) {
		return h1, ""
	}
	return strings.TrimSpace(h1[:max(i, 0)]), last
}

// isIdent reports whether s is a single ASCII identifier word.
func isIdent(s string) bool {
	for i, r := range s {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || r == '_'):
		case r < unicode.MaxASCII && unicode.IsDigit(r) && i > 0:
		default:
			return false
		}
	}
	return s != ""
}

// isMethodName reports whether s is a dotted REST method name: segments of
// letters, digits and underscores, the first starting with a letter.
func isMethodName(s string) bool {
	segs := strings.Split(s, ".")
	if len(segs) < 2 {
		return false
	}
	for i, seg := range segs {
		if seg == "" {
			return false
		}
		for j, r := range seg {
			switch {
			case r < unicode.MaxASCII && (unicode.IsLetter(r) || r == '_'):
			case r < unicode.MaxASCII && unicode.IsDigit(r) && (i > 0 || j > 0):
			default:
				return false
			}
		}
	}
	return true
}

// buildSections splits the page after the H1 into the preamble and the
// sections under H2–H6 headings, expanding includes in place. A heading that
// names no role of its own inherits the role of the section it is nested in.
func (p *page) buildSections() { p.buildSectionsFrom(p.h1.NextSibling()) }

// buildSectionsFrom builds the sections from the block start on; an H1
// there (a page without a title read as a type source) is skipped.
func (p *page) buildSectionsFrom(start ast.Node) {
	if h, ok := start.(*ast.Heading); ok && h.Level == 1 {
		start = start.NextSibling()
	}
	var cur *section
	var stack []*section
	add := func(b block) {
		if cur == nil {
			p.preamble = append(p.preamble, b)
		} else {
			cur.blocks = append(cur.blocks, b)
		}
	}
	for n := start; n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok {
			// a stray H1 after the title ("# Параметры метода") is a section
			s := &section{heading: h, level: max(h.Level, 2), title: p.inlineText(h), anchor: headingID(h)}
			s.role = classifyHeading(s.title)
			for len(stack) > 0 && stack[len(stack)-1].level >= s.level {
				stack = stack[:len(stack)-1]
			}
			if s.role == roleNone && len(stack) > 0 {
				s.role = stack[len(stack)-1].role
			}
			stack = append(stack, s)
			p.sections = append(p.sections, s)
			if s.anchor != "" {
				p.anchors[s.anchor] = s
			}
			cur = s
			continue
		}
		if inc, ok := n.(*yfm.Include); ok {
			for _, b := range p.expandInclude(p.source, inc, 0) {
				add(b)
			}
			continue
		}
		add(block{node: n, src: p.source})
	}
}

// Well-known fragments whose meaning does not come from their text.
const (
	requiredFragment     = "required.md"
	systemErrorsFragment = "system-errors.md"
	maxIncludeDepth      = 4
)

// expandInclude returns the top-level blocks of an included fragment, read
// in the context of the including page.
func (p *page) expandInclude(from *source, inc *yfm.Include, depth int) []block {
	line := from.nodeLine(inc)
	if inc.Name != "include" {
		p.warn(from, line, CodeStrayDirective, "directive {%% %s %%} has no matching opening directive or is not a YFM directive", inc.Name)
		return nil
	}
	target := strings.SplitN(inc.Path, "#", 2)[0]
	base := path.Base(target)
	if base == requiredFragment {
		p.requiredFootnote = true
	}
	file := path.Join(path.Dir(from.file), target)
	if strings.HasPrefix(file, "../") || path.IsAbs(target) {
		p.warn(from, line, CodeIncludeMissing, "include %s points outside the docs tree", inc.Path)
		return nil
	}
	src, err := p.l.include(file)
	if err != nil {
		if base == systemErrorsFragment {
			p.systemFallback = true
			p.warn(from, line, CodeIncludeMissing, "include %s not found; the %d built-in system errors stand in for it", inc.Path, len(protocol.SystemErrors()))
			return nil
		}
		p.warn(from, line, CodeIncludeMissing, "include %s not found", inc.Path)
		return nil
	}
	if depth >= maxIncludeDepth {
		p.warn(from, line, CodeIncludeMissing, "include %s nested too deeply", inc.Path)
		return nil
	}
	var out []block
	for n := src.doc.FirstChild(); n != nil; n = n.NextSibling() {
		if sub, ok := n.(*yfm.Include); ok {
			out = append(out, p.expandInclude(src, sub, depth+1)...)
			continue
		}
		out = append(out, block{node: n, src: src, include: base})
	}
	return out
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
		switch l := strings.ToLower(strings.TrimSpace(label)); {
		case l == "scope":
			var scopes []string
			for n := para.FirstChild(); n != nil; n = n.NextSibling() {
				collectCode(src, n, &scopes)
			}
			if len(scopes) == 0 {
				scopes = []string{strings.Trim(strings.TrimSpace(value), "`")}
			}
			m.Scope = strings.Join(scopes, ",")
		case strings.HasPrefix(l, "кто может выполнять метод"), strings.HasPrefix(l, "who can execute"), strings.HasPrefix(l, "who can call"),
			strings.HasPrefix(l, "кто может подписаться"), strings.HasPrefix(l, "who can subscribe"):
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
	if strings.Contains(strings.ToLower(title), "deprecated") {
		return true
	}
	para := firstInlineBlock(d)
	if para == nil {
		return false
	}
	body := strings.ToLower(src.inlineText(para))
	for _, phrase := range []string{"развитие метода остановлено", "метод устарел", "development of this method has been stopped", "method is deprecated"} {
		if strings.Contains(body, phrase) {
			return true
		}
	}
	return false
}

// sectionsWith returns the sections of a role, in page order.
func (p *page) sectionsWith(r role) []*section {
	var out []*section
	for _, s := range p.sections {
		if s.role == r {
			out = append(out, s)
		}
	}
	return out
}

// isRESTv3 recognises a REST 3.0 page: its note says so, or its examples
// call /rest/api/.
func (p *page) isRESTv3() bool {
	if strings.HasSuffix(strings.TrimSuffix(p.file, ".md"), "-rest-v3") {
		return true
	}
	for _, b := range p.preamble {
		if d, ok := b.node.(*yfm.Directive); ok && d.Name == "note" && strings.Contains(b.src.blockText(d), "REST 3.0") {
			return true
		}
	}
	found := false
	for _, s := range p.sectionsWith(roleExamples) {
		for _, b := range s.blocks {
			codeBlocks(b.src, b.node, "", func(cb *ast.FencedCodeBlock, tab string) {
				if found || !strings.Contains(strings.ToLower(tab), "curl") {
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
