package parser

import (
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/b24gen/b24gen/internal/support/testdocs"
	"github.com/b24gen/b24gen/parser/yfm"
)

// perfNode is a node of the docs with its source.
type perfNode struct {
	src  *source
	node ast.Node
}

// perfTextNodes returns the nodes of the Russian docs tree the parser
// renders most: table cells (blockText) and paragraphs and headings
// (inlineText).
func perfTextNodes(b *testing.B) (cells, inlines []perfNode) {
	fsys := os.DirFS(testdocs.Russian(b))
	md := yfm.New()
	fs.WalkDir(fsys, "api-reference", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, _ := fs.ReadFile(fsys, p)
		s := newSource(p, data)
		s.doc = md.Parser().Parse(text.NewReader(data))
		ast.Walk(s.doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering {
				return ast.WalkContinue, nil
			}
			switch n.(type) {
			case *yfm.TableCell:
				cells = append(cells, perfNode{s, n})
			case *ast.Paragraph, *ast.TextBlock, *ast.Heading:
				inlines = append(inlines, perfNode{s, n})
			}
			return ast.WalkContinue, nil
		})
		return nil
	})
	return cells, inlines
}

// BenchmarkPerfText renders every table cell and every paragraph of the
// tree: the text rendering alone of what reading the tree does (the walk
// that finds the cells has had yfm parse them).
func BenchmarkPerfText(b *testing.B) {
	cells, inlines := perfTextNodes(b)
	b.Run("blockText", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, n := range cells {
				n.src.blockText(n.node)
			}
		}
	})
	b.Run("inlineText", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, n := range inlines {
				n.src.inlineText(n.node)
			}
		}
	})
}
