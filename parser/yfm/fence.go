package yfm

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// fenceParser is goldmark's fenced code block parser with a fast path
// for the lines of the block's body. Half the lines of the docs are code
// in examples, mostly in tabs (a list in a directive), and goldmark hands
// each line to every open container before the block and keeps a record
// of it that grows with the run of lines; that was a third of a page's
// parse. Where a run of lines plainly belongs to the block (indented
// with spaces at least as far as the enclosing list items, neither a
// fence nor a directive tag, not ending in a blank line), Continue takes
// the whole run at once and records each line's segment as goldmark
// would have; any other line goes the ordinary way, line by line.
//
// The trees with and without the fast path are compared on every page
// of both docs trees (TestFenceFastPathCorpus) and fuzzed.
type fenceParser struct {
	parser.BlockParser // goldmark's own
}

var fenceStateKey = parser.NewContextKey()

// fenceState is what the fast path knows of the open block.
type fenceState struct {
	node   ast.Node
	char   byte // '`' or '~'
	indent int  // the fence's indentation, as goldmark's findent
	// lineIndent is how far the enclosing list items indent their
	// content, the columns a body line must have before its own; -1
	// when an enclosing block is one the fast path does not follow.
	lineIndent int
	scratch    []text.Segment
}

func newFenceParser() fenceParser {
	return fenceParser{parser.NewFencedCodeBlockParser()}
}

func (p fenceParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	node, state := p.BlockParser.Open(parent, reader, pc)
	if node != nil {
		// one state per parse, since fences do not nest
		f, _ := pc.Get(fenceStateKey).(*fenceState)
		if f == nil {
			f = &fenceState{}
			pc.Set(fenceStateKey, f)
		}
		line, _ := reader.PeekLine()
		pos := pc.BlockOffset()
		*f = fenceState{node: node, char: line[pos], indent: pos, lineIndent: listIndent(parent), scratch: f.scratch}
	}
	return node, state
}

// listIndent returns the sum of the content offsets of the list items
// enclosing a block whose parent is n, or -1 when a container other than
// a list, a list item or a directive encloses it.
func listIndent(n ast.Node) int {
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

func (p fenceParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	state := p.BlockParser.Continue(node, reader, pc)
	if state&parser.Continue == 0 {
		return state
	}
	if _, cell := reader.(text.BlockReader); cell {
		return state // a cell's lines are parts of the page's, not whole lines
	}
	if f, ok := pc.Get(fenceStateKey).(*fenceState); ok && f.node == node && f.lineIndent >= 0 {
		f.takeRun(node, reader)
	}
	return state
}

func (p fenceParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	if f, ok := pc.Get(fenceStateKey).(*fenceState); ok && f.node == node {
		f.node = nil
	}
	p.BlockParser.Close(node, reader, pc)
}

// takeRun appends the segments of the plain body lines after the current
// one and leaves the reader at the end of the last, where goldmark's
// Continue leaves it after a line.
func (f *fenceState) takeRun(node ast.Node, reader text.Reader) {
	_, pos := reader.Position()
	src := reader.Source()
	segs := f.scratch[:0]
	taken := 0 // lines up to the last non-blank one
	for start := pos.Stop; start < len(src); {
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			break // the last line of the source: goldmark's way
		}
		end += start + 1
		seg, blank, ok := f.bodyLine(src, start, end)
		if !ok {
			break
		}
		segs = append(segs, seg)
		if !blank {
			taken = len(segs)
		}
		start = end
	}
	if taken == 0 {
		f.scratch = segs
		return
	}
	node.Lines().AppendAll(segs[:taken])
	for range taken {
		reader.AdvanceLine()
	}
	reader.AdvanceToEOL()
	f.scratch = segs
}

// bodyLine returns the segment goldmark records for the source line
// src[start:end] (ending in '\n') in the block's body, and whether the
// line is blank; ok is false when the line is not plainly in the body: it
// may close the fence, a directive or a list item, or be indented with
// anything but spaces.
func (f *fenceState) bodyLine(src []byte, start, end int) (seg text.Segment, blank, ok bool) {
	spaces := 0
	for start+spaces < end && src[start+spaces] == ' ' {
		spaces++
	}
	switch c := src[start+spaces]; c {
	case '\n':
		if f.lineIndent > 0 {
			// a list item skips a blank line to its end
			seg = text.NewSegment(end-1, end)
		} else if spaces >= f.indent {
			seg = text.NewSegment(start+f.indent, end)
		} else {
			seg = text.NewSegment(start, end)
		}
		seg.ForceNewline = true
		return seg, true, true
	case '\t', '\r', '\v', '\f', '{', f.char:
		return seg, false, false
	}
	if spaces < f.lineIndent {
		return seg, false, false
	}
	seg = text.NewSegment(start+f.lineIndent+min(spaces-f.lineIndent, f.indent), end)
	seg.ForceNewline = true
	return seg, false, true
}
