package yfm

import (
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// fastCell returns the paragraphs goldmark makes of a cell's content when
// the content is paragraphs of a shape whose tree is known: lines of
// plain text (`FIELD_NAME` included), `*em*` and `**strong**` within a
// line, code spans within a line, inline links `[text](dest)` with a
// plain destination, `^sup^`, joined by soft line breaks. For any other content it returns nil, and
// the cell is parsed by goldmark. Most cells of the docs are a short
// paragraph, and a goldmark parse of each (a document, the block and
// inline passes, the transformers) was a fifth of reading the docs.
//
// It reproduces, node for node and segment for segment, what goldmark's
// paragraph parser and inline pass make (parser.parseBlock), for the
// shapes it accepts; it refuses anything it is not certain of (escapes,
// entities, HTML, '_' emphasis, nested or reference links, hard breaks,
// a line that could start another block). The differential tests in
// cellfast_test.go hold it to that. Nothing it accepts depends on the
// parse context (no reference links, no reference definitions).
func fastCell(source []byte, content *text.Segments) []*ast.Paragraph {
	var paras []*ast.Paragraph
	for i := 0; i < content.Len(); {
		lines, next := paragraphLines(source, content, i)
		if lines == nil {
			return nil
		}
		if lines.Len() == 0 {
			break
		}
		p := ast.NewParagraph()
		// goldmark says so of a block after blank lines or none
		p.SetBlankPreviousLines(true)
		p.SetLines(lines)
		s := inlineScan{source: source, first: lines.At(0).Start, para: p, parent: p}
		for k := range lines.Len() {
			if !s.line(k, lines.At(k)) {
				return nil
			}
		}
		paras = append(paras, p)
		i = next
	}
	return paras
}

// paragraphLines returns the lines of the paragraph that starts at or
// after content's line from, after blank lines, as goldmark's paragraph
// parser leaves them (each trimmed on the left, the last on the right
// too), and the index of the line after it. It returns no lines at the
// end of the content, and nil when the lines may be anything but a
// paragraph: a line that may open another block or end in a hard line
// break, control characters, tab padding.
func paragraphLines(source []byte, content *text.Segments, from int) (*text.Segments, int) {
	n := content.Len()
	lines := text.NewSegments()
	i := from
	for ; i < n; i++ {
		seg := content.At(i)
		v := seg.Value(source)
		if !plainLine(v, seg.Padding, i == n-1) {
			return nil, 0
		}
		if isBlank(v) {
			if lines.Len() > 0 {
				break
			}
			continue
		}
		if mayOpenBlock(v) {
			return nil, 0
		}
		if lines.Len() > 0 {
			if prev := content.At(i - 1); hardBreak(prev.Value(source)) {
				return nil, 0
			}
		}
		lines.Append(seg.TrimLeftSpace(source))
	}
	if k := lines.Len(); k > 0 {
		last := lines.At(k - 1)
		lines.Set(k-1, last.TrimRightSpace(source))
	}
	return lines, i
}

// plainLine says whether v is one line of the shape the table scanner
// makes: no padding, a newline only at its end (and there unless it is
// the last), no other control characters (tabs included).
func plainLine(v []byte, padding int, last bool) bool {
	if padding != 0 || len(v) == 0 {
		return false
	}
	for i, c := range v {
		if c == '\n' {
			if i != len(v)-1 {
				return false
			}
			continue
		}
		if c < 0x20 {
			return false
		}
	}
	return last || v[len(v)-1] == '\n'
}

// mayOpenBlock says whether the line v may open a block other than a
// paragraph, or interrupt one: an indented code block, a heading, a
// list, a quote, a thematic break, a setext underline, a fence, HTML, a
// YFM table or directive.
func mayOpenBlock(v []byte) bool {
	j, w := skipSpace(v, 0)
	if w >= 4 {
		return true
	}
	switch c := v[j]; c {
	case '-', '+', '=', '#', '>', '<', '{', '~', '_', '|':
		return true
	case '*':
		// `**strong**` opens a paragraph; `* item` or `***` does not
		run := runLength(v, j, '*')
		return run > 2 || j+run >= len(v) || v[j+run] == ' ' || v[j+run] == '\n'
	case '`':
		return runLength(v, j, '`') >= 3
	}
	// an ordered list item: up to nine digits, '.' or ')', a space or
	// nothing
	k := j
	for k < len(v) && v[k] >= '0' && v[k] <= '9' {
		k++
	}
	if k == j || k >= len(v) || (v[k] != '.' && v[k] != ')') {
		return false
	}
	return k+1 == len(v) || v[k+1] == ' ' || v[k+1] == '\n'
}

// hardBreak says whether the line v (not the paragraph's last) ends in a
// hard line break: two spaces or a backslash before the newline.
func hardBreak(v []byte) bool {
	n := len(v)
	return n >= 2 && v[n-2] == '\\' || n >= 3 && v[n-2] == ' ' && v[n-3] == ' '
}

// inlineScan builds the inlines of a paragraph line by line, as
// goldmark's inline pass does: text runs between the characters that
// trigger an inline parser, split where goldmark splits them.
type inlineScan struct {
	source []byte
	// first is the start of the paragraph's first line, before which
	// goldmark sees a newline
	first int
	para  *ast.Paragraph
	// parent receives the inlines: the paragraph, or the emphasis or link
	// open on the line
	parent    ast.Node
	em        *ast.Emphasis
	link      *ast.Link
	linkStart int
	// linkStars says a run of '*' is in the open link's text
	linkStars bool
	// split says the next text starts a node of its own: it follows a
	// delimiter run that goldmark turns into text at the end
	split bool
}

// line adds the inlines of the paragraph's line k, and says whether it
// could.
func (s *inlineScan) line(k int, seg text.Segment) bool {
	src := s.source
	end := seg.Stop
	newline := src[end-1] == '\n'
	if newline {
		end--
	}
	start := seg.Start // of the text not yet added
	for i := seg.Start; i < end; {
		next := -1
		switch c := src[i]; c {
		case '`':
			next = s.codeSpan(start, i, end)
		case '*':
			next = s.emphasis(k, start, i, seg.Stop)
		case '_':
			next = s.underscore(start, i, seg.Start, end)
		case '[':
			next = s.openLink(start, i)
		case ']':
			next = s.closeLink(start, i, end)
		case '^':
			next = s.sup(start, i, seg.Stop)
		case '!':
			if i+1 < end && src[i+1] == '[' {
				return false // an image
			}
			// the link parser declines a '!' alone: goldmark adds the
			// text before it, and the '!' starts the next text
			s.flush(start, i)
			start, i = i, i+1
			continue
		default:
			if !plainByte(c) {
				return false
			}
			i++
			continue
		}
		if next < 0 {
			return false
		}
		start, i = next, next
	}
	if s.em != nil || s.link != nil {
		return false
	}
	s.split = false
	// goldmark ends every line but the last with a text, empty if need
	// be, that carries the soft line break
	if newline || start < end {
		rest := text.NewSegment(start, end)
		t := ast.NewTextSegment(rest.TrimRightSpace(src))
		t.SetSoftLineBreak(newline)
		s.para.AppendChild(s.para, t)
	}
	return true
}

// plainByte says whether c is text to goldmark and to the fast path,
// outside code spans and link destinations. It leaves out what the fast
// path does not follow: escapes, entities, HTML and autolinks, '_'
// emphasis, and what YFM or the table may read ('~', '|', '{', '}').
func plainByte(c byte) bool {
	switch c {
	case '\\', '&', '<', '_', '~', '|', '{', '}':
		return false
	}
	return c >= 0x20
}

// flush adds the text from start to i to the parent, merged with the
// text before it if they touch, as goldmark adds the text before an
// inline parser's trigger.
func (s *inlineScan) flush(start, i int) {
	if start >= i {
		return
	}
	seg := text.NewSegment(start, i)
	if s.split {
		s.parent.AppendChild(s.parent, ast.NewTextSegment(seg))
		s.split = false
		return
	}
	ast.MergeOrAppendTextSegment(s.parent, seg)
}

// inert adds the delimiter run from i to end, which goldmark turns into
// text once the paragraph's or link's delimiters are processed, merged
// with the text before it (ast.MergeOrReplaceTextSegment), as it ends
// up; the text after it starts a node of its own.
func (s *inlineScan) inert(start, i, end int) int {
	s.flush(start, i)
	ast.MergeOrAppendTextSegment(s.parent, text.NewSegment(i, end))
	s.split = true
	return end
}

// underscore reads the run of '_' at i, on a line from lineStart to end,
// and returns the index after it, or -1. Only a run between two ASCII
// letters or digits is taken (`FIELD_NAME`): it can neither open nor
// close an emphasis, and is text.
func (s *inlineScan) underscore(start, i, lineStart, end int) int {
	src := s.source
	run := runLength(src[:end], i, '_')
	if i == lineStart || i+run >= end || !asciiAlnum(src[i-1]) || !asciiAlnum(src[i+run]) {
		return -1
	}
	return s.inert(start, i, i+run)
}

func asciiAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// codeSpan reads the code span whose backticks start at i, and returns
// the index after it, or -1: a run of more than two backticks, no
// closing run on the line (goldmark would look on the next lines), a
// blank content.
func (s *inlineScan) codeSpan(start, i, end int) int {
	src := s.source
	n := runLength(src[:end], i, '`')
	if n > 2 {
		return -1
	}
	j := i + n
	for j < end {
		m := runLength(src[:end], j, '`')
		if m == n {
			break
		}
		j += max(m, 1)
	}
	if j >= end || isBlank(src[i+n:j]) {
		return -1
	}
	s.flush(start, i)
	seg := text.NewSegment(i+n, j)
	if spaceOrNewline(src[seg.Start]) && spaceOrNewline(src[seg.Stop-1]) {
		seg = text.NewSegment(seg.Start+1, seg.Stop-1)
	}
	cs := ast.NewCodeSpan()
	cs.SetPos(i)
	cs.AppendChild(cs, ast.NewRawTextSegment(seg))
	s.parent.AppendChild(s.parent, cs)
	return j + n
}

func spaceOrNewline(c byte) bool { return c == ' ' || c == '\n' }

// emphasis reads the run of '*' at i on the paragraph's line k (which
// ends at stop, its newline included), and returns the index after it,
// or -1. In a link's text, a single run is text. Elsewhere, the run opens
// an emphasis when none is open, and closes it otherwise; it must be of
// one or two '*', able to open or close it as CommonMark's flanking rules
// say, and a closing run as long as the opening one, or of three after
// two (`**name***`, whose first '*' is left as text). With one emphasis
// open at a time, in the paragraph, and closed on its line, goldmark's
// delimiter processing pairs the runs the same way.
func (s *inlineScan) emphasis(k, start, i, stop int) int {
	src := s.source
	run := runLength(src[:stop], i, '*')
	if s.link != nil {
		// the link's delimiters are processed when it closes: one run
		// has no other to pair with
		if s.linkStars {
			return -1
		}
		s.linkStars = true
		return s.inert(start, i, i+run)
	}
	if run > 3 {
		return -1
	}
	after := ' '
	if i+run < stop {
		after = util.ToRune(src[i:stop], run)
	}
	canOpen, canClose := flanking(s.preceding(k, i), after)
	if s.em == nil {
		if !canOpen || run > 2 {
			return -1
		}
		s.flush(start, i)
		s.em = ast.NewEmphasis(run)
		s.em.SetPos(i)
		s.para.AppendChild(s.para, s.em)
		s.parent = s.em
		return i + run
	}
	if !canClose || run != s.em.Level && (run != 3 || s.em.Level != 2 || canOpen) {
		return -1
	}
	s.flush(start, i)
	level := s.em.Level
	s.em, s.parent = nil, s.para
	if run > level {
		// goldmark consumes the run's last two '*' and leaves its first
		s.para.AppendChild(s.para, ast.NewTextSegment(text.NewSegment(i, i+1)))
	}
	return i + run
}

// preceding returns the character before i on the paragraph's line k as
// goldmark's block reader sees it (text.BlockReader.PrecendingCharacter):
// a newline at the paragraph's start, else the source's rune before i.
func (s *inlineScan) preceding(k, i int) rune {
	if k == 0 && i <= s.first {
		return '\n'
	}
	j := i - 1
	for ; j >= 0; j-- {
		if utf8.RuneStart(s.source[j]) {
			break
		}
	}
	if j < 0 {
		return '\n'
	}
	r, _ := utf8.DecodeRune(s.source[j:])
	return r
}

// flanking says whether a run of '*' between the runes before and after
// can open and close an emphasis (parser.ScanDelimiter).
func flanking(before, after rune) (canOpen, canClose bool) {
	beforePunct, beforeSpace := util.IsPunctRune(before), util.IsSpaceRune(before)
	afterPunct, afterSpace := util.IsPunctRune(after), util.IsSpaceRune(after)
	canOpen = !afterSpace && (!afterPunct || beforeSpace || beforePunct)
	canClose = !beforeSpace && (!beforePunct || afterSpace || afterPunct)
	return canOpen, canClose
}

// openLink opens the link whose text starts at i, and returns the index
// after the '[', or -1 inside an emphasis or another link.
func (s *inlineScan) openLink(start, i int) int {
	if s.em != nil || s.link != nil {
		return -1
	}
	s.flush(start, i)
	s.link = ast.NewLink()
	s.link.SetPos(i)
	s.linkStart = i
	s.linkStars = false
	s.parent = s.link
	return i + 1
}

// closeLink closes the open link at the ']' at i, which must be followed
// on the line by `(dest)`, and returns the index after the ')', or -1.
// The destination is plain: no spaces (so no title), no parentheses,
// escapes or angle brackets.
func (s *inlineScan) closeLink(start, i, end int) int {
	src := s.source
	// goldmark gives up on labels of 999 characters and more
	if s.link == nil || i-s.linkStart > 900 || i+1 >= end || src[i+1] != '(' {
		return -1
	}
	a := i + 2
	b := a
	for b < end && destByte(src[b]) {
		b++
	}
	if b == a || b >= end || src[b] != ')' {
		return -1
	}
	s.flush(start, i)
	s.link.Destination = src[a:b]
	s.para.AppendChild(s.para, s.link)
	s.link, s.parent = nil, s.para
	return b + 1
}

// destByte says whether c may be part of a plain link destination.
func destByte(c byte) bool {
	if c >= 0x80 {
		return true
	}
	if c <= ' ' || c == 0x7f {
		return false
	}
	switch c {
	case '(', ')', '<', '>', '\\', '`', '"', '\'', '[', ']', '{', '}', '|', '^':
		return false
	}
	return true
}

// sup reads the `^sup^` at i, on a line ending at stop, and returns the
// index after it, or -1 when the '^' opens none.
func (s *inlineScan) sup(start, i, stop int) int {
	end := supEnd(s.source[i:stop])
	if end < 0 {
		return -1
	}
	s.flush(start, i)
	n := &Sup{}
	n.SetPos(i)
	n.AppendChild(n, ast.NewTextSegment(text.NewSegment(i+1, i+end)))
	s.parent.AppendChild(s.parent, n)
	return i + end + 1
}
