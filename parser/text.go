package parser

// This file owns the source of a page or fragment: line numbers, and its
// nodes rendered as plain text or light Markdown.

import (
	"bytes"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"

	"github.com/b24gen/b24gen/parser/yfm"
)

// source is one Markdown file: a page or an included fragment.
type source struct {
	file  string // path relative to the docs root, slash-separated
	src   []byte
	lines []int // offsets of line starts
	doc   ast.Node
}

func newSource(file string, src []byte) *source {
	lines := make([]int, 1, bytes.Count(src, []byte{'\n'})+1)
	for i := 0; ; {
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		lines = append(lines, i)
	}
	return &source{file: file, src: src, lines: lines}
}

// line returns the 1-based line of a byte offset.
func (s *source) line(offset int) int {
	if offset < 0 {
		return 0
	}
	i, found := slices.BinarySearch(s.lines, offset)
	if found {
		return i + 1
	}
	return i
}

// nodeLine returns the line a node starts on, looking at its position, its
// lines or its first descendant with a position.
func (s *source) nodeLine(n ast.Node) int {
	for ; n != nil; n = n.FirstChild() {
		switch v := n.(type) {
		case *yfm.Table:
			return s.line(v.Start.Start)
		case *yfm.TableRow:
			return s.line(v.Start)
		case *yfm.TableCell:
			return s.line(v.Start)
		case *yfm.Directive:
			return s.line(v.Start.Start)
		case *yfm.Include:
			return s.line(v.Start.Start)
		case *ast.Text:
			return s.line(v.Segment.Start)
		}
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return s.line(n.Lines().At(0).Start)
		}
		if p := n.Pos(); p >= 0 {
			return s.line(p)
		}
	}
	return 0
}

// inlineText renders the inline content of a node as plain text: code spans
// keep their backquotes, links and emphasis become their text, line breaks
// become spaces.
func (s *source) inlineText(n ast.Node) string {
	var b strings.Builder
	s.writeInline(&b, n)
	return collapseSpaces(b.String())
}

// nodeText renders one inline node (not only its children) as plain text.
func (s *source) nodeText(n ast.Node) string {
	var b strings.Builder
	s.writeNode(&b, n)
	return collapseSpaces(b.String())
}

func (s *source) writeInline(b *strings.Builder, n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		s.writeNode(b, c)
	}
}

func (s *source) writeNode(b *strings.Builder, n ast.Node) {
	switch v := n.(type) {
	case *ast.Text:
		b.Write(util.UnescapePunctuations(v.Segment.Value(s.src)))
		if v.SoftLineBreak() || v.HardLineBreak() {
			b.WriteByte(' ')
		}
	case *ast.String:
		b.Write(v.Value)
	case *ast.CodeSpan:
		b.WriteByte('`')
		b.WriteString(s.codeSpanText(v))
		b.WriteByte('`')
	case *ast.RawHTML:
		// <br> and friends separate words
		b.WriteByte(' ')
	case *ast.AutoLink:
		b.Write(v.URL(s.src))
	case *yfm.Sup:
		b.WriteByte('^')
		s.writeInline(b, v)
		b.WriteByte('^')
	default:
		s.writeInline(b, n)
	}
}

// codeSpanText returns the raw text of a code span.
func (s *source) codeSpanText(n *ast.CodeSpan) string {
	var b bytes.Buffer
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			b.Write(t.Segment.Value(s.src))
		} else if str, ok := c.(*ast.String); ok {
			b.Write(str.Value)
		}
	}
	return strings.TrimSpace(b.String())
}

// blockText renders blocks as light Markdown: paragraphs separated by blank
// lines, list items as "- " lines, code blocks indented by four spaces and
// table rows as "- cell: cell" lines. It is what descriptions in the model
// hold and what generated doc comments show.
func (s *source) blockText(n ast.Node) string {
	var paras []string
	s.collectBlocks(n, "", &paras)
	return strings.TrimSpace(strings.Join(paras, "\n\n"))
}

func (s *source) collectBlocks(n ast.Node, indent string, out *[]string) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch v := c.(type) {
		case *ast.Paragraph, *ast.TextBlock, *ast.Heading:
			if t := s.inlineText(v); t != "" {
				*out = append(*out, indent+t)
			}
		case *ast.List:
			var items []string
			for it := v.FirstChild(); it != nil; it = it.NextSibling() {
				var parts []string
				s.collectBlocks(it, "", &parts)
				text := strings.Join(parts, " ")
				items = append(items, indent+"- "+strings.ReplaceAll(text, "\n", "\n"+indent+"  "))
			}
			if len(items) > 0 {
				*out = append(*out, strings.Join(items, "\n"))
			}
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			code := strings.TrimRight(string(s.rawLines(v)), "\n")
			if code == "" {
				continue
			}
			lines := strings.Split(code, "\n")
			for i, l := range lines {
				lines[i] = indent + "    " + l
			}
			*out = append(*out, strings.Join(lines, "\n"))
		case *yfm.Table:
			var rows []string
			for r := v.FirstChild(); r != nil; r = r.NextSibling() {
				var cells []string
				for cl := r.FirstChild(); cl != nil; cl = cl.NextSibling() {
					if t := strings.ReplaceAll(s.blockText(cl), "\n", " "); t != "" {
						cells = append(cells, t)
					}
				}
				if len(cells) > 0 {
					rows = append(rows, indent+"- "+strings.Join(cells, ": "))
				}
			}
			if len(rows) > 0 {
				*out = append(*out, strings.Join(rows, "\n"))
			}
		case *yfm.Directive:
			if v.Name == "if" {
				continue // build conditionals: the published docs drop them
			}
			s.collectBlocks(v, indent, out)
		case *yfm.Include:
			// fragments shown inside a description are boilerplate notes
		default:
			s.collectBlocks(c, indent, out)
		}
	}
}

// rawLines returns the content of a code block.
func (s *source) rawLines(n ast.Node) []byte {
	var b bytes.Buffer
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(s.src))
	}
	return b.Bytes()
}

// fenceInfo returns the language of a fenced code block, lower-cased.
func (s *source) fenceInfo(n *ast.FencedCodeBlock) string {
	return strings.ToLower(strings.TrimSpace(string(n.Language(s.src))))
}

// collapseSpaces trims t and turns every run of white space into one space.
func collapseSpaces(t string) string {
	if spacesCollapsed(t) {
		return t
	}
	var b strings.Builder
	b.Grow(len(t))
	space := false
	for _, r := range t {
		if r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\v' || r == '\f' || (r > 127 && unicode.IsSpace(r)) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// spacesCollapsed says whether collapseSpaces would return t unchanged:
// valid UTF-8 with no white space but single inner spaces. Most cell and
// heading texts are.
func spacesCollapsed(t string) bool {
	if t == "" {
		return true
	}
	if t[0] == ' ' || t[len(t)-1] == ' ' {
		return false
	}
	for i := 0; i < len(t); i++ {
		switch c := t[i]; {
		case c == ' ':
			if t[i+1] == ' ' {
				return false
			}
		case c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f':
			return false
		case (c == 0xD0 || c == 0xD1) && i+1 < len(t) && t[i+1]&0xC0 == 0x80:
			// U+0400–U+047F, Cyrillic letters: no white space among them
			i++
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(t[i:])
			if unicode.IsSpace(r) || r == utf8.RuneError && size == 1 {
				return false
			}
			i += size - 1
		}
	}
	return true
}

// headingID returns the `{#anchor}` id of a heading.
func headingID(h *ast.Heading) string {
	if v, ok := h.AttributeString("id"); ok {
		if b, ok := v.([]byte); ok {
			return string(b)
		}
	}
	return ""
}

// truncate shortens s to n runes, marking the cut with "…".
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
