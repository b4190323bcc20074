package yfm

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Extension adds the YFM constructs to a goldmark instance.
type Extension struct{}

// Extend implements goldmark.Extender.
func (Extension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(
			// before ATX headings, which also start with '#'
			util.Prioritized(tableParser{}, 550),
			util.Prioritized(directiveParser{}, 560),
		),
		parser.WithInlineParsers(util.Prioritized(supParser{}, 450)),
		parser.WithASTTransformers(util.Prioritized(&cellTransformer{md: m}, 100)),
	)
}

// New returns a goldmark instance that reads YFM: the extension, heading
// attributes (`### Title {#anchor}`) and nothing that renders.
func New() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(Extension{}),
		goldmark.WithParserOptions(parser.WithHeadingAttribute()),
	)
}

// cellTransformer parses the content of every table cell as a Markdown
// document of its own and makes its blocks the cell's children. It runs
// after goldmark's inline pass over the page so that nothing is parsed
// twice; the cells' documents are parsed by the same parser, so a table in a
// cell is handled by the same transformer, recursively. They share the
// page's parse context: link reference definitions belong to the whole
// page, and a context per cell was a large part of the parse's cost.
type cellTransformer struct {
	md goldmark.Markdown
}

func (t *cellTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	var cells []*TableCell
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if c, ok := n.(*TableCell); ok && entering && c.Content != nil {
			cells = append(cells, c)
		}
		return ast.WalkContinue, nil
	})
	for _, c := range cells {
		content := c.Content
		c.Content = nil
		if content.Len() == 0 {
			continue
		}
		sub := t.md.Parser().Parse(text.NewBlockReader(reader.Source(), content), parser.WithContext(pc))
		for n := sub.FirstChild(); n != nil; {
			next := n.NextSibling()
			c.AppendChild(c, n)
			n = next
		}
	}
}

// supParser reads `^text^` within a line.
type supParser struct{}

func (supParser) Trigger() []byte { return []byte{'^'} }

func (supParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) < 3 || line[0] != '^' {
		return nil
	}
	end := -1
	for i := 1; i < len(line); i++ {
		c := line[i]
		if c == '^' {
			end = i
			break
		}
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			return nil
		}
	}
	if end <= 1 {
		return nil
	}
	n := &Sup{}
	n.AppendChild(n, ast.NewTextSegment(text.NewSegment(seg.Start+1, seg.Start+end)))
	block.Advance(end + 1)
	return n
}
