// Package yfm teaches goldmark the YFM (Diplodoc) constructs the Bitrix24
// documentation is written in: `#| … |#` tables, `{% … %}` directives
// (include, note, cut, list tabs, if) and `^sup^` marks.
//
// Every construct becomes an AST node of its own, so that the page parser
// works on a tree and never on raw lines. Table cells are parsed as Markdown
// documents in their own right (they hold paragraphs, lists, code blocks and
// further tables), with segments that point into the original source, so
// that every node anywhere in a page knows its position.
package yfm

import (
	"fmt"
	"sync/atomic"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// Node kinds added by this package.
var (
	KindTable     = ast.NewNodeKind("YFMTable")
	KindTableRow  = ast.NewNodeKind("YFMTableRow")
	KindTableCell = ast.NewNodeKind("YFMTableCell")
	KindDirective = ast.NewNodeKind("YFMDirective")
	KindInclude   = ast.NewNodeKind("YFMInclude")
	KindSup       = ast.NewNodeKind("YFMSup")
)

// Table is a `#| … |#` table. Its children are TableRows.
type Table struct {
	ast.BaseBlock
	// Start is the segment of the opening `#|` line.
	Start text.Segment
	// Stray holds non-blank text found between rows, which YFM ignores and
	// which usually is a typo in the page (`#|s`).
	Stray []text.Segment
	// Unclosed is set when the page ended before the closing `|#`.
	Unclosed bool
	// UnclosedFence is set when a code fence in a cell was still open at the
	// table's end; the table end wins so that one fence cannot swallow a page.
	UnclosedFence bool
	// UnclosedRow is set when the last row was never closed with `||`.
	UnclosedRow bool

	scan *tableScanner
}

// Kind implements ast.Node.
func (n *Table) Kind() ast.NodeKind { return KindTable }

// IsRaw keeps goldmark's inline pass away from the table's own lines.
func (n *Table) IsRaw() bool { return true }

// Dump implements ast.Node.
func (n *Table) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Unclosed": fmt.Sprint(n.Unclosed)}, nil)
}

// TableRow is one `|| … ||` row. Its children are TableCells.
type TableRow struct {
	ast.BaseBlock
	// Start is the position of the row's opening `||`.
	Start int
}

// Kind implements ast.Node.
func (n *TableRow) Kind() ast.NodeKind { return KindTableRow }

// IsRaw implements ast.Node.
func (n *TableRow) IsRaw() bool { return true }

// Dump implements ast.Node.
func (n *TableRow) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// TableCell is one cell. Its children are the blocks of the cell's content
// (paragraphs, lists, code blocks, nested tables), parsed the first time
// they are asked for: most cells of a page are never read, and parsing
// them was most of the cost of the page's tables.
type TableCell struct {
	ast.BaseBlock
	// Start is the position of the first byte after the separator that
	// opens the cell.
	Start int
	// Content holds the cell's lines (segments of the page source) until the
	// cell transformer has parsed them into children.
	Content *text.Segments

	// pending is set, once the page is parsed, until the cell's content
	// is: then the children are parsed on first access.
	pending atomic.Pointer[cellParse]
}

// Kind implements ast.Node.
func (n *TableCell) Kind() ast.NodeKind { return KindTableCell }

// IsRaw implements ast.Node.
func (n *TableCell) IsRaw() bool { return true }

// Dump implements ast.Node.
func (n *TableCell) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// FirstChild implements ast.Node, parsing the cell's content first.
func (n *TableCell) FirstChild() ast.Node {
	n.parsed()
	return n.BaseBlock.FirstChild()
}

// LastChild implements ast.Node, parsing the cell's content first.
func (n *TableCell) LastChild() ast.Node {
	n.parsed()
	return n.BaseBlock.LastChild()
}

// ChildCount implements ast.Node, parsing the cell's content first.
func (n *TableCell) ChildCount() int {
	n.parsed()
	return n.BaseBlock.ChildCount()
}

// HasChildren implements ast.Node, parsing the cell's content first.
func (n *TableCell) HasChildren() bool {
	n.parsed()
	return n.BaseBlock.HasChildren()
}

// Directive is a block directive with a body: `{% note … %}`, `{% cut … %}`,
// `{% list tabs %}`, `{% if … %}`. Its children are the blocks of the body.
type Directive struct {
	ast.BaseBlock
	// Name is the directive keyword: "note", "cut", "list", "if".
	Name string
	// Args is the text between the keyword and `%}`, trimmed.
	Args string
	// Start is the segment of the opening line.
	Start text.Segment
	// Closed is set when the matching `{% end… %}` was found.
	Closed bool

	indent int
	nested int
}

// Kind implements ast.Node.
func (n *Directive) Kind() ast.NodeKind { return KindDirective }

// Dump implements ast.Node.
func (n *Directive) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Name": n.Name, "Args": n.Args}, nil)
}

// Include is `{% include [title](path) %}`, or a stray directive line
// (`{% endnote %}` with no open note, an unknown keyword): then Name says
// which and Path is empty.
type Include struct {
	ast.BaseBlock
	// Name is "include" for includes, otherwise the keyword of the stray line.
	Name    string
	Title   string
	Path    string
	NoTitle bool
	Start   text.Segment
}

// Kind implements ast.Node.
func (n *Include) Kind() ast.NodeKind { return KindInclude }

// Dump implements ast.Node.
func (n *Include) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Name": n.Name, "Path": n.Path}, nil)
}

// Sup is YFM superscript, `^text^`. The docs use `^*^` as the required mark.
type Sup struct {
	ast.BaseInline
}

// Kind implements ast.Node.
func (n *Sup) Kind() ast.NodeKind { return KindSup }

// Dump implements ast.Node.
func (n *Sup) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }
