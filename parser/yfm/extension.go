package yfm

import (
	"bytes"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Extension adds the YFM constructs to a goldmark instance.
type Extension struct {
	// fast lets the cells whose content is simple paragraphs skip
	// goldmark (see fastCell) and tables and code blocks read their plain
	// lines in runs (runs.go). It is set by New only: the fast paths make
	// the tree that goldmark's default parsers and this package's make,
	// and an instance with further extensions may parse differently.
	fast bool
}

// Extend implements goldmark.Extender.
func (e Extension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(syntaxOptions(e.fast)...)
	m.Parser().AddOptions(
		parser.WithASTTransformers(util.Prioritized(&cellTransformer{md: m, fast: e.fast}, 100)),
	)
}

// syntaxOptions are the parsers the extension adds; with runs, tables
// and code blocks read plain lines in runs (runs.go).
func syntaxOptions(runs bool) []parser.Option {
	blocks := []util.PrioritizedValue{
		// before ATX headings, which also start with '#'
		util.Prioritized(tableParser{runs: runs}, 550),
		util.Prioritized(directiveParser{}, 560),
	}
	if runs {
		// before goldmark's own (700), which it wraps
		blocks = append(blocks, util.Prioritized(newFenceParser(), 690))
	}
	return []parser.Option{
		parser.WithBlockParsers(blocks...),
		parser.WithInlineParsers(util.Prioritized(supParser{}, 450)),
	}
}

// New returns a goldmark instance that reads YFM: the extension, heading
// attributes (`### Title {#anchor}`) and nothing that renders.
func New() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(Extension{fast: true}),
		goldmark.WithParserOptions(parser.WithHeadingAttribute()),
	)
}

// cellTransformer gives every table cell the means to parse its content
// as a Markdown document of its own, whose blocks become the cell's
// children the first time they are asked for (TableCell.FirstChild). It
// runs after goldmark's inline pass over the page so that nothing is
// parsed twice; the cells' documents are parsed by the same parser, so a
// table in a cell is handled by the same transformer, recursively. They
// share the page's parse context: link reference definitions belong to
// the whole page, and a context per cell was a large part of the parse's
// cost.
//
// A cell that may define a link reference ("[label]: url") would make it
// visible to the cells parsed after it, so the cells of a page with one
// are all parsed at once, in page order, as the page is.
type cellTransformer struct {
	md   goldmark.Markdown
	fast bool
}

// cellParse is what parsing the content of a page's cells takes: the
// parser, the page's source and parse context, and the lock that keeps
// two readers of one page (a fragment is read by every page that
// includes it) from parsing its cells at once, since they share the
// context. eager says the page's cells are parsed with the page; fast
// that a cell may take fastCell's path.
type cellParse struct {
	md     goldmark.Markdown
	fast   bool
	source []byte
	pc     parser.Context
	mu     sync.Mutex
	eager  bool
}

// cellParseKey holds, in the parse context, the cellParse of the page
// whose cells are being parsed.
var cellParseKey = parser.NewContextKey()

func (t *cellTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	var cells []*TableCell
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if c, ok := n.(*TableCell); ok {
			// a cell's blocks, nested tables included, are still in its
			// content
			if entering && c.Content != nil {
				cells = append(cells, c)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	if len(cells) == 0 {
		return
	}
	source := reader.Source()
	cp, _ := pc.Get(cellParseKey).(*cellParse)
	if cp == nil || !sameBytes(cp.source, source) {
		// the page itself (a context may be used for several pages): its
		// cells hold the content of every cell below
		cp = &cellParse{md: t.md, fast: t.fast, source: source, pc: pc}
		for _, c := range cells {
			if mayDefineReference(source, c.Content) {
				cp.eager = true
				break
			}
		}
		pc.Set(cellParseKey, cp)
	}
	for _, c := range cells {
		if c.Content.Len() == 0 {
			c.Content = nil
			continue
		}
		if cp.eager {
			parseCell(cp, c)
			continue
		}
		c.pending.Store(cp)
	}
}

// sameBytes says whether a and b are the same slice of memory.
func sameBytes(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// mayDefineReference says whether content may hold a link reference
// definition: whether "]:" occurs in it.
func mayDefineReference(source []byte, content *text.Segments) bool {
	for i := range content.Len() {
		if seg := content.At(i); bytes.Contains(seg.Value(source), []byte("]:")) {
			return true
		}
	}
	return false
}

// parseCell parses the content of a cell into its children: simple
// paragraphs by fastCell, which needs neither goldmark nor the context,
// anything else by goldmark.
func parseCell(cp *cellParse, c *TableCell) {
	content := c.Content
	c.Content = nil
	if cp.fast {
		if paras := fastCell(cp.source, content); paras != nil {
			for _, p := range paras {
				c.BaseBlock.AppendChild(c, p)
			}
			return
		}
	}
	kept := lineEnds(cp.source, content)
	sub := cp.md.Parser().Parse(text.NewBlockReader(cp.source, content), parser.WithContext(cp.pc))
	kept.restore(cp.source)
	unforceNewlines(sub, cp.source)
	for n := sub.FirstChild(); n != nil; {
		next := n.NextSibling()
		c.BaseBlock.AppendChild(c, n)
		n = next
	}
}

// A code line of a cell may end where the cell does, before its "|";
// goldmark marks such a line to end in a newline (ForceNewline), and its
// Segment.Value appends that newline to a slice of the source, which
// writes it over the byte after the line: the page's own "|". goldmark
// reads code lines so while it parses them, so the bytes after the
// content's lines are put back after the parse, and the mark is taken off
// the lines that do not end in a newline, so that no later reader writes
// either (readers add the newline themselves).

// savedBytes are bytes of a source and where they were.
type savedBytes []struct {
	at int
	b  byte
}

// lineEnds saves the byte after each line of content that does not end in
// a newline.
func lineEnds(source []byte, content *text.Segments) savedBytes {
	var saved savedBytes
	for i := range content.Len() {
		if stop := content.At(i).Stop; stop < len(source) && (stop == 0 || source[stop-1] != '\n') {
			saved = append(saved, struct {
				at int
				b  byte
			}{stop, source[stop]})
		}
	}
	return saved
}

// restore puts the saved bytes back.
func (s savedBytes) restore(source []byte) {
	for _, x := range s {
		if source[x.at] != x.b {
			source[x.at] = x.b
		}
	}
}

// unforceNewlines takes the ForceNewline mark off the lines of the blocks
// under n that do not end in a newline.
func unforceNewlines(n ast.Node, source []byte) {
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if _, nested := n.(*TableCell); nested {
			// a nested table's cells are parsed, and seen to, on their own
			return ast.WalkSkipChildren, nil
		}
		if !entering || n.Type() != ast.TypeBlock {
			return ast.WalkContinue, nil
		}
		lines := n.Lines()
		for i := range lines.Len() {
			seg := lines.At(i)
			if seg.ForceNewline && (seg.Stop == 0 || source[seg.Stop-1] != '\n') {
				seg.ForceNewline = false
				lines.Set(i, seg)
			}
		}
		return ast.WalkContinue, nil
	})
}

// parsed parses the cell's content if it is still pending.
func (n *TableCell) parsed() {
	cp := n.pending.Load()
	if cp == nil {
		return
	}
	cp.mu.Lock()
	defer cp.mu.Unlock()
	if n.pending.Load() == nil {
		return
	}
	parseCell(cp, n)
	n.pending.Store(nil)
}

// supParser reads `^text^` within a line.
type supParser struct{}

func (supParser) Trigger() []byte { return []byte{'^'} }

func (supParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	end := supEnd(line)
	if end < 0 {
		return nil
	}
	n := &Sup{}
	n.AppendChild(n, ast.NewTextSegment(text.NewSegment(seg.Start+1, seg.Start+end)))
	block.Advance(end + 1)
	return n
}

// supEnd returns the index of the '^' that closes the sup that line
// opens, or -1 when line opens none.
func supEnd(line []byte) int {
	if len(line) < 3 || line[0] != '^' {
		return -1
	}
	for i := 1; i < len(line); i++ {
		switch line[i] {
		case '^':
			if i == 1 {
				return -1
			}
			return i
		case ' ', '\t', '\n', '\r':
			return -1
		}
	}
	return -1
}
