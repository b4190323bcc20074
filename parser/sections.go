package parser

// This file owns the sections of a page: the run of blocks under each
// heading, the role its heading names, and the fragments included in
// place.

import (
	"path"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/b24gen/b24gen/b24/protocol"
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

// classifyHeading gives a heading the role its words name (the lexicon's
// section headings, matched at its start), or roleNone.
func classifyHeading(title string) role {
	t := fold(strings.TrimSpace(title))
	switch {
	case lexicon.paramsHeading.begins(t) || lexicon.handlerHeading.begins(t):
		return roleParams
	case lexicon.responseExampleHeading.begins(t) && lexicon.withError.in(t):
		return roleErrors
	case lexicon.responseExampleHeading.begins(t):
		return roleResponse
	case lexicon.examplesHeading.begins(t):
		return roleExamples
	case lexicon.responseHeading.begins(t):
		return roleResponse
	case lexicon.returnsHeading.begins(t):
		return roleReturns
	case lexicon.errorsHeading.begins(t):
		return roleErrors
	case lexicon.seeAlsoHeading.begins(t):
		return roleSeeAlso
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
	// The blocks of the page, in order, go in one slice; the preamble and
	// each section get their run of it.
	blocks := make([]block, 0, siblings(start))
	var cur *section
	var stack []*section
	run := 0 // where the run of cur (or the preamble) begins in blocks
	for n := start; n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok {
			p.endRun(cur, blocks[run:])
			run = len(blocks)
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
			blocks = p.appendInclude(blocks, p.source, inc, 0)
			continue
		}
		blocks = append(blocks, block{node: n, src: p.source})
	}
	p.endRun(cur, blocks[run:])
}

// endRun gives the blocks of a run to the section cur, or to the preamble
// when there is no section yet. The run's capacity ends with it, so that
// an append to it copies rather than overwrite the next run.
func (p *page) endRun(cur *section, run []block) {
	if len(run) == 0 {
		return
	}
	run = run[:len(run):len(run)]
	if cur == nil {
		p.preamble = run
	} else {
		cur.blocks = run
	}
}

// Well-known fragments whose meaning does not come from their text.
const (
	requiredFragment     = "required.md"
	systemErrorsFragment = "system-errors.md"
	maxIncludeDepth      = 4
)

// appendInclude appends the top-level blocks of an included fragment, read
// in the context of the including page, to out.
func (p *page) appendInclude(out []block, from *source, inc *yfm.Include, depth int) []block {
	line := from.nodeLine(inc)
	if inc.Name != "include" {
		p.warn(from, line, CodeStrayDirective, "directive {%% %s %%} has no matching opening directive or is not a YFM directive", inc.Name)
		return out
	}
	target, _, _ := strings.Cut(inc.Path, "#")
	base := path.Base(target)
	if base == requiredFragment {
		p.requiredFootnote = true
	}
	file := path.Join(path.Dir(from.file), target)
	if strings.HasPrefix(file, "../") || path.IsAbs(target) {
		p.warn(from, line, CodeIncludeMissing, "include %s points outside the docs tree", inc.Path)
		return out
	}
	src, err := p.l.include(file)
	if err != nil {
		if base == systemErrorsFragment {
			p.systemFallback = true
			p.warn(from, line, CodeIncludeMissing, "include %s not found; the %d built-in system errors stand in for it", inc.Path, len(protocol.SystemErrors()))
			return out
		}
		p.warn(from, line, CodeIncludeMissing, "include %s not found", inc.Path)
		return out
	}
	if depth >= maxIncludeDepth {
		p.warn(from, line, CodeIncludeMissing, "include %s nested too deeply", inc.Path)
		return out
	}
	for n := src.doc.FirstChild(); n != nil; n = n.NextSibling() {
		if sub, ok := n.(*yfm.Include); ok {
			out = p.appendInclude(out, src, sub, depth+1)
			continue
		}
		out = append(out, block{node: n, src: src, include: base})
	}
	return out
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
