package yfm

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Runs of lines. goldmark hands every line to each open container (a
// directive, a list, a list item) before the block that reads it, and
// keeps a record of the line that grows with the run; for the long
// blocks of the docs, code in example tabs and #| tables, that was a
// third of a page's parse. A block whose lines are plain, indented with
// spaces at least as far as its enclosing list items and not a directive
// tag, reads a run of them at once, each as goldmark would have handed
// it over. Runs never end in a blank line: goldmark remembers whether
// the line before a block was blank, and only a block read the ordinary
// way after the run asks. Runs are taken only from a page's own lines,
// not from a table cell's (parts of the page's lines). The blank lines a
// run leaves go one Continue each; the line that ended the run is
// remembered, so that those calls do not look through them again.
//
// Trees with runs and without are compared on every page of both docs
// trees (TestRunsCorpus) and fuzzed.

// runLinesKey holds, in a parse context, an *int that counts the lines
// the runs look at, when a test asks (TestRunsLinear).
var runLinesKey = parser.NewContextKey()

func countRunLines(pc parser.Context, n int) {
	if c, ok := pc.Get(runLinesKey).(*int); ok {
		*c += n
	}
}

// runIndent returns how far the list items enclosing a block whose
// parent is n indent their content (the sum of their offsets), or -1 when
// a container other than a list, a list item or a directive encloses it.
func runIndent(n ast.Node) int {
	indent := 0
	for ; n != nil; n = n.Parent() {
		switch v := n.(type) {
		case *ast.Document, *ast.List, *Directive:
		case *ast.ListItem:
			indent += v.Offset
		default:
			return -1
		}
	}
	return indent
}

// pageLines reports whether reader reads whole lines of a page rather
// than a table cell's segments.
func pageLines(reader text.Reader) bool {
	_, cell := reader.(text.BlockReader)
	return !cell
}

// nextLine returns the end (after its '\n') of the source line starting
// at start, or -1 for the source's last line when it has no '\n' (which
// goldmark reads its own way).
func nextLine(src []byte, start int) int {
	i := bytes.IndexByte(src[start:], '\n')
	if i < 0 {
		return -1
	}
	return start + i + 1
}

// afterContainers returns what a block sees of the source line
// src[start:end] (ending in '\n') once its enclosing list items, which
// indent their content by indent columns, have taken their share: the
// line's segment and how many spaces begin it, and whether it is blank.
// ok is false when a container might not hand the line on: it is
// indented with anything but spaces or by less than indent, or may be a
// directive's closing tag.
func afterContainers(src []byte, start, end, indent int) (seg text.Segment, spaces int, blank, ok bool) {
	for start+spaces < end && src[start+spaces] == ' ' {
		spaces++
	}
	switch src[start+spaces] {
	case '\n':
		if indent > 0 {
			// a list item skips a blank line to its end
			return text.NewSegment(end-1, end), 0, true, true
		}
		return text.NewSegment(start, end), spaces, true, true
	case '\t', '\r', '\v', '\f', '{':
		return seg, 0, false, false
	}
	if spaces < indent {
		return seg, 0, false, false
	}
	return text.NewSegment(start+indent, end), spaces - indent, false, true
}
