package yfm

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// fenceParser is goldmark's fenced code block parser reading the body in
// runs of plain lines (runs.go): half the docs' lines are code in
// example tabs.
type fenceParser struct {
	parser.BlockParser // goldmark's own
}

var fenceStateKey = parser.NewContextKey()

// fenceState is what the runs need to know of the open block.
type fenceState struct {
	node   ast.Node
	char   byte // '`' or '~'
	indent int  // the fence's indentation, goldmark's findent
	// runIndent is the enclosing list items' (runIndent), -1 for no runs
	runIndent int
	// stop is where the last run found a line it could not take, with
	// only blank lines before it: no run starts before it.
	stop    int
	scratch []text.Segment
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
		*f = fenceState{node: node, char: line[pos], indent: pos, runIndent: runIndent(parent), scratch: f.scratch}
	}
	return node, state
}

func (p fenceParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	state := p.BlockParser.Continue(node, reader, pc)
	if state&parser.Continue == 0 || !pageLines(reader) {
		return state
	}
	if f, ok := pc.Get(fenceStateKey).(*fenceState); ok && f.node == node && f.runIndent >= 0 {
		countRunLines(pc, f.takeRun(node, reader))
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
// Continue leaves it after a line. It returns how many lines it looked at.
func (f *fenceState) takeRun(node ast.Node, reader text.Reader) (examined int) {
	_, pos := reader.Position()
	if pos.Stop < f.stop {
		return 0 // blank lines up to a line no run takes
	}
	src := reader.Source()
	segs := f.scratch[:0]
	taken := 0 // lines up to the last non-blank one
	start := pos.Stop
	for start < len(src) {
		end := nextLine(src, start)
		if end < 0 {
			break
		}
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
	f.stop = start
	f.scratch = segs
	if taken > 0 {
		node.Lines().AppendAll(segs[:taken])
		for range taken {
			reader.AdvanceLine()
		}
		reader.AdvanceToEOL()
	}
	return len(segs) + 1
}

// bodyLine returns the segment goldmark's Continue records for the
// source line src[start:end] in the block's body, and whether the line
// is blank; ok is false when the line is not plainly in the body
// (afterContainers) or may close it.
func (f *fenceState) bodyLine(src []byte, start, end int) (seg text.Segment, blank, ok bool) {
	seg, spaces, blank, ok := afterContainers(src, start, end, f.runIndent)
	switch {
	case !ok:
		return seg, false, false
	case blank:
		if spaces >= f.indent {
			seg.Start += f.indent
		}
	case src[seg.Start+spaces] == f.char:
		return seg, false, false
	default:
		seg.Start += min(spaces, f.indent)
	}
	seg.ForceNewline = true
	return seg, blank, true
}
