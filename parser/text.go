package parser

// This file owns the source of a page or fragment: line numbers, and its
// nodes rendered as plain text or light Markdown.

import (
	"bytes"
	"slices"
	"strings"
	"sync"
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

// textBufs holds the buffers nodes are rendered into, reused from one
// rendering to the next so that a rendering allocates only the string it
// returns. The sources of included fragments are read by several pages at
// once, so the buffers cannot belong to a source.
var textBufs = sync.Pool{New: func() any { return new([]byte) }}

// maxPooledBuf bounds the buffers kept for reuse: one grown by a rare long
// text is left to the collector.
const maxPooledBuf = 64 << 10

func getTextBuf() *[]byte {
	b := textBufs.Get().(*[]byte)
	*b = (*b)[:0]
	return b
}

func putTextBuf(b *[]byte) {
	if cap(*b) <= maxPooledBuf {
		textBufs.Put(b)
	}
}

// inlineText renders the inline content of a node as plain text: code spans
// keep their backquotes, links and emphasis become their text, line breaks
// become spaces.
func (s *source) inlineText(n ast.Node) string {
	buf := getTextBuf()
	defer putTextBuf(buf)
	*buf = collapseFrom(s.appendInline(*buf, n), 0)
	return string(*buf)
}

// nodeText renders one inline node (not only its children) as plain text.
func (s *source) nodeText(n ast.Node) string {
	buf := getTextBuf()
	defer putTextBuf(buf)
	*buf = collapseFrom(s.appendNode(*buf, n), 0)
	return string(*buf)
}

// writeNode writes one inline node to b as inlineText renders it, white
// space not yet collapsed.
func (s *source) writeNode(b *strings.Builder, n ast.Node) {
	buf := getTextBuf()
	defer putTextBuf(buf)
	*buf = s.appendNode(*buf, n)
	b.Write(*buf)
}

// appendInline appends the rendering of the children of n to dst.
func (s *source) appendInline(dst []byte, n ast.Node) []byte {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		dst = s.appendNode(dst, c)
	}
	return dst
}

// appendNode appends the rendering of n to dst, white space as written.
func (s *source) appendNode(dst []byte, n ast.Node) []byte {
	switch v := n.(type) {
	case *ast.Text:
		dst = appendUnescaped(dst, v.Segment.Value(s.src))
		if v.SoftLineBreak() || v.HardLineBreak() {
			dst = append(dst, ' ')
		}
	case *ast.String:
		dst = append(dst, v.Value...)
	case *ast.CodeSpan:
		dst = append(dst, '`')
		dst = s.appendCodeSpan(dst, v)
		dst = append(dst, '`')
	case *ast.RawHTML:
		// <br> and friends separate words
		dst = append(dst, ' ')
	case *ast.AutoLink:
		dst = append(dst, v.URL(s.src)...)
	case *yfm.Sup:
		dst = append(dst, '^')
		dst = s.appendInline(dst, v)
		dst = append(dst, '^')
	default:
		dst = s.appendInline(dst, n)
	}
	return dst
}

// appendUnescaped appends text with its backslash escapes resolved; most
// text has none, and is appended as it is.
func appendUnescaped(dst, text []byte) []byte {
	if bytes.IndexByte(text, '\\') < 0 {
		return append(dst, text...)
	}
	return append(dst, util.UnescapePunctuations(text)...)
}

// codeSpanText returns the raw text of a code span.
func (s *source) codeSpanText(n *ast.CodeSpan) string {
	// most code spans are one piece of text: no buffer needed
	if t, ok := n.FirstChild().(*ast.Text); ok && t.NextSibling() == nil {
		return string(bytes.TrimSpace(t.Segment.Value(s.src)))
	}
	buf := getTextBuf()
	defer putTextBuf(buf)
	*buf = s.appendCodeSpan(*buf, n)
	return string(*buf)
}

// appendCodeSpan appends the raw text of a code span, trimmed.
func (s *source) appendCodeSpan(dst []byte, n *ast.CodeSpan) []byte {
	from := len(dst)
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			dst = append(dst, t.Segment.Value(s.src)...)
		} else if str, ok := c.(*ast.String); ok {
			dst = append(dst, str.Value...)
		}
	}
	return trimSpaceFrom(dst, from)
}

// blockText renders blocks as light Markdown: paragraphs separated by blank
// lines, list items as "- " lines, code blocks indented by four spaces and
// table rows as "- cell: cell" lines. It is what descriptions in the model
// hold and what generated doc comments show.
//
// The blocks are rendered into one buffer, each part in place after the
// one before: a part that turns out empty is cut off again, with its
// separator.
func (s *source) blockText(n ast.Node) string {
	buf := getTextBuf()
	defer putTextBuf(buf)
	*buf = s.appendBlocks(*buf, n, 0, "\n\n")
	return string(bytes.TrimSpace(*buf))
}

// appendBlocks appends the blocks under n, separated by sep ("\n\n"
// between paragraphs, " " inside a list item); from is where their run
// began in dst, so that the first block needs no separator.
func (s *source) appendBlocks(dst []byte, n ast.Node, from int, sep string) []byte {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch v := c.(type) {
		case *ast.Paragraph, *ast.TextBlock, *ast.Heading, *ast.List, *ast.FencedCodeBlock, *ast.CodeBlock, *yfm.Table:
			dst = s.appendBlock(dst, c, from, sep)
		case *yfm.Directive:
			if v.Name != "if" { // build conditionals: the published docs drop them
				dst = s.appendBlocks(dst, v, from, sep)
			}
		case *yfm.Include:
			// fragments shown inside a description are boilerplate notes
		default:
			dst = s.appendBlocks(dst, c, from, sep)
		}
	}
	return dst
}

// appendBlock appends one block of a run that began at from, after sep
// unless it is the first, or nothing when it renders empty.
func (s *source) appendBlock(dst []byte, n ast.Node, from int, sep string) []byte {
	mark := len(dst)
	if mark > from {
		dst = append(dst, sep...)
	}
	body := len(dst)
	switch v := n.(type) {
	case *ast.List:
		dst = s.appendList(dst, v)
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		dst = s.appendCode(dst, v)
	case *yfm.Table:
		dst = s.appendTable(dst, v)
	default:
		dst = collapseFrom(s.appendInline(dst, n), body)
	}
	if len(dst) == body {
		return dst[:mark]
	}
	return dst
}

// appendList appends one "- " line per item, the item's blocks run
// together on it and its further lines indented under it.
func (s *source) appendList(dst []byte, l *ast.List) []byte {
	for it := l.FirstChild(); it != nil; it = it.NextSibling() {
		if it != l.FirstChild() {
			dst = append(dst, '\n')
		}
		dst = append(dst, "- "...)
		body := len(dst)
		dst = s.appendBlocks(dst, it, body, " ")
		dst = indentLines(dst, body, "  ")
	}
	return dst
}

// appendCode appends the lines of a code block indented by four spaces,
// or nothing for an empty block.
func (s *source) appendCode(dst []byte, n ast.Node) []byte {
	mark := len(dst)
	dst = append(dst, "    "...)
	body := len(dst)
	dst = s.appendRawLines(dst, n)
	for len(dst) > body && dst[len(dst)-1] == '\n' {
		dst = dst[:len(dst)-1]
	}
	if len(dst) == body {
		return dst[:mark]
	}
	return indentLines(dst, body, "    ")
}

// appendTable appends one "- cell: cell" line per row that has text.
func (s *source) appendTable(dst []byte, t *yfm.Table) []byte {
	from := len(dst)
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		mark := len(dst)
		if mark > from {
			dst = append(dst, '\n')
		}
		dst = append(dst, "- "...)
		cells := len(dst)
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			dst = s.appendCell(dst, c, cells)
		}
		if len(dst) == cells {
			dst = dst[:mark]
		}
	}
	return dst
}

// appendCell appends the blockText of a table cell on one line, after
// ": " unless it is the first of the row that began at from, or nothing
// when it is empty.
func (s *source) appendCell(dst []byte, cell ast.Node, from int) []byte {
	mark := len(dst)
	if mark > from {
		dst = append(dst, ": "...)
	}
	body := len(dst)
	dst = trimSpaceFrom(s.appendBlocks(dst, cell, body, "\n\n"), body)
	if len(dst) == body {
		return dst[:mark]
	}
	for i := body; i < len(dst); i++ {
		if dst[i] == '\n' {
			dst[i] = ' '
		}
	}
	return dst
}

// rawLines returns the content of a code block. The lines of most blocks
// are one run of the source, returned as they are, without a copy: the
// caller must not write into the result (its capacity ends with it, so an
// append copies).
func (s *source) rawLines(n ast.Node) []byte {
	lines := n.Lines()
	if lines.Len() == 0 {
		return nil
	}
	// the lines of a block inside a list item skip its indentation: they
	// are copied, into a buffer of their size
	size, contiguous := 0, true
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		size += seg.Padding + seg.Len() + 1
		if seg.Padding != 0 || seg.ForceNewline || i > 0 && seg.Start != lines.At(i-1).Stop {
			contiguous = false
		}
	}
	if !contiguous {
		return s.appendRawLines(make([]byte, 0, size), n)
	}
	first, last := lines.At(0), lines.At(lines.Len()-1)
	return s.src[first.Start:last.Stop:last.Stop]
}

// appendRawLines appends the content of a code block to dst.
func (s *source) appendRawLines(dst []byte, n ast.Node) []byte {
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		// every line ends in a newline; not by seg.Value, which may write
		// the newline it forces into the source (yfm's unforceNewlines)
		seg := lines.At(i)
		for range seg.Padding {
			dst = append(dst, ' ')
		}
		dst = append(dst, s.src[seg.Start:seg.Stop]...)
		if seg.Stop > seg.Start && s.src[seg.Stop-1] != '\n' {
			dst = append(dst, '\n')
		}
	}
	return dst
}

// indentLines puts pad after every line break of dst[from:], moving the
// text after each one along in place.
func indentLines(dst []byte, from int, pad string) []byte {
	breaks := bytes.Count(dst[from:], []byte{'\n'})
	if breaks == 0 {
		return dst
	}
	end := len(dst)
	dst = slices.Grow(dst, breaks*len(pad))[:end+breaks*len(pad)]
	// from the last line back, each line moves by the pads before it
	w := len(dst)
	for breaks > 0 {
		i := from + bytes.LastIndexByte(dst[from:end], '\n')
		w -= copy(dst[w-(end-i-1):], dst[i+1:end])
		w -= copy(dst[w-len(pad):], pad)
		w--
		dst[w] = '\n'
		end = i
		breaks--
	}
	return dst
}

// trimSpaceFrom trims the white space around dst[from:], in place.
func trimSpaceFrom(dst []byte, from int) []byte {
	t := bytes.TrimSpace(dst[from:])
	return dst[:from+copy(dst[from:], t)]
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

// collapseFrom does what collapseSpaces does to dst[from:], in place.
func collapseFrom(dst []byte, from int) []byte {
	if t, ok := collapseInPlace(dst[from:]); ok {
		return dst[:from+len(t)]
	}
	// not valid UTF-8: collapseSpaces writes U+FFFD for each stray byte,
	// which may not fit in its place
	t := collapseSpaces(string(dst[from:]))
	return append(dst[:from], t...)
}

// collapseInPlace trims b and turns every run of white space into one
// space, writing over b: what is written never gets ahead of what is read,
// since a space is written only in place of at least one white space
// byte. ok is false, and b left unfinished, if b is not valid UTF-8.
func collapseInPlace(b []byte) (t []byte, ok bool) {
	w, i := 0, 0
	space := false
	for i < len(b) {
		if j := plainRun(b, i); j > i {
			if space {
				b[w] = ' '
				w++
				space = false
			}
			if w != i { // text already collapsed is not moved
				copy(b[w:], b[i:j])
			}
			w += j - i
			i = j
			continue
		}
		// b[i] starts white space, a control character or a rune to decode
		r, size := rune(b[i]), 1
		if r >= utf8.RuneSelf {
			if r, size = utf8.DecodeRune(b[i:]); r == utf8.RuneError && size == 1 {
				return b, false
			}
		}
		if unicode.IsSpace(r) {
			space = w > 0
			i += size
			continue
		}
		if space {
			b[w] = ' '
			w++
			space = false
		}
		w += copy(b[w:], b[i:i+size])
		i += size
	}
	return b[:w], true
}

// plainRun returns the end of the run of b from i that holds no white
// space for sure: printable ASCII and Cyrillic letters, most of the text.
func plainRun(b []byte, i int) int {
	for i < len(b) {
		switch c := b[i]; {
		case c > ' ' && c < utf8.RuneSelf:
			i++
		case (c == 0xD0 || c == 0xD1) && i+1 < len(b) && b[i+1]&0xC0 == 0x80:
			// U+0400–U+047F
			i += 2
		default:
			return i
		}
	}
	return i
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
