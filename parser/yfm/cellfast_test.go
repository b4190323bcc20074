package yfm

import (
	"fmt"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// canon renders nodes and everything under them into a canonical string:
// each node's kind, position and attributes, and every segment (a block's
// lines, a text's segment and flags), so that two trees render alike only
// if a reader of either could not tell them apart. It checks the links
// between the nodes on the way.
func canon(source []byte, first ast.Node) string {
	var b strings.Builder
	canonList(&b, source, nil, first, 0)
	return b.String()
}

func canonList(b *strings.Builder, source []byte, parent, first ast.Node, depth int) {
	var prev ast.Node
	count := 0
	for n := first; n != nil; n = n.NextSibling() {
		if n.PreviousSibling() != prev {
			fmt.Fprintf(b, "!! bad previous sibling of %s\n", n.Kind())
		}
		if parent != nil && n.Parent() != parent {
			fmt.Fprintf(b, "!! bad parent of %s\n", n.Kind())
		}
		canonNode(b, source, n, depth)
		prev = n
		count++
	}
	if parent != nil && (parent.ChildCount() != count || parent.LastChild() != prev) {
		fmt.Fprintf(b, "!! bad child count or last child of %s\n", parent.Kind())
	}
}

func canonNode(b *strings.Builder, source []byte, n ast.Node, depth int) {
	b.WriteString(strings.Repeat("  ", depth))
	fmt.Fprintf(b, "%s type=%d pos=%d", n.Kind(), n.Type(), n.Pos())
	if n.Type() == ast.TypeBlock {
		fmt.Fprintf(b, " blankPrev=%v lines=%s", n.HasBlankPreviousLines(), canonSegments(source, n.Lines()))
	}
	switch v := n.(type) {
	case *ast.Text:
		fmt.Fprintf(b, " seg=%s soft=%v hard=%v raw=%v", canonSegment(source, v.Segment), v.SoftLineBreak(), v.HardLineBreak(), v.IsRaw())
	case *ast.String:
		fmt.Fprintf(b, " value=%q raw=%v code=%v", v.Value, v.IsRaw(), v.IsCode())
	case *ast.Emphasis:
		fmt.Fprintf(b, " level=%d", v.Level)
	case *ast.Link:
		fmt.Fprintf(b, " dest=%s title=%s ref=%s", canonBytes(v.Destination), canonBytes(v.Title), canonRef(v.Reference))
	case *ast.Image:
		fmt.Fprintf(b, " dest=%s title=%s ref=%s", canonBytes(v.Destination), canonBytes(v.Title), canonRef(v.Reference))
	case *ast.AutoLink:
		fmt.Fprintf(b, " autolink=%d url=%q", v.AutoLinkType, v.URL(source))
	case *ast.RawHTML:
		fmt.Fprintf(b, " segs=%s", canonSegments(source, v.Segments))
	case *ast.Heading:
		fmt.Fprintf(b, " level=%d", v.Level)
	case *ast.List:
		fmt.Fprintf(b, " marker=%q tight=%v start=%d", v.Marker, v.IsTight, v.Start)
	case *ast.FencedCodeBlock:
		if v.Info != nil {
			fmt.Fprintf(b, " info=%s", canonSegment(source, v.Info.Segment))
		}
	case *Table:
		fmt.Fprintf(b, " unclosed=%v,%v,%v stray=%d", v.Unclosed, v.UnclosedFence, v.UnclosedRow, len(v.Stray))
	case *TableCell:
		fmt.Fprintf(b, " start=%d", v.Start)
	case *Directive:
		fmt.Fprintf(b, " name=%q args=%q closed=%v", v.Name, v.Args, v.Closed)
	case *Include:
		fmt.Fprintf(b, " name=%q path=%q title=%q", v.Name, v.Path, v.Title)
	}
	for _, a := range n.Attributes() {
		fmt.Fprintf(b, " attr:%s=%v", a.Name, a.Value)
	}
	b.WriteByte('\n')
	canonList(b, source, n, n.FirstChild(), depth+1)
}

// canonSegment renders a segment. It reads the source itself: Value
// appends the newline of a ForceNewline segment (a code block's line) to
// the source's own bytes when the line ends before a cell's '|'.
func canonSegment(source []byte, s text.Segment) string {
	return fmt.Sprintf("[%d,%d,%d,%v]%q", s.Start, s.Stop, s.Padding, s.ForceNewline, source[s.Start:s.Stop])
}

func canonSegments(source []byte, segs *text.Segments) string {
	if segs == nil {
		return "nil"
	}
	parts := make([]string, segs.Len())
	for i := range segs.Len() {
		parts[i] = canonSegment(source, segs.At(i))
	}
	return "{" + strings.Join(parts, " ") + "}"
}

func canonBytes(v []byte) string {
	if v == nil {
		return "nil"
	}
	return fmt.Sprintf("%q", v)
}

func canonRef(r *ast.ReferenceLink) string {
	if r == nil {
		return "nil"
	}
	return fmt.Sprintf("%s:%q", r.Type, r.Value)
}

// cellSource lays a cell's content out as the table scanner finds it: the
// first line after the `||` that opens the row, every further line after
// the prefix of the container the table is in (outside the cell's
// segments), and a `|` after the last. It returns the source and the
// cell's segments, one per line.
func cellSource(content, prefix string) ([]byte, *text.Segments) {
	var src strings.Builder
	segs := text.NewSegments()
	src.WriteString("||")
	for i, line := range strings.SplitAfter(content, "\n") {
		if i > 0 {
			src.WriteString(prefix)
		}
		start := src.Len()
		src.WriteString(line)
		if src.Len() > start {
			segs.Append(text.NewSegment(start, src.Len()))
		}
	}
	src.WriteString("|\n")
	return []byte(src.String()), segs
}

// fullCell parses a cell's content with goldmark, as parseCell does
// without the fast path.
func fullCell(md goldmark.Markdown, source []byte, content *text.Segments, pc parser.Context) ast.Node {
	return md.Parser().Parse(text.NewBlockReader(source, content), parser.WithContext(pc))
}

// fastDocument returns a document of the paragraphs fastCell makes of the
// content, or nil when it declines it.
func fastDocument(source []byte, content *text.Segments) ast.Node {
	paras := fastCell(source, content)
	if paras == nil {
		return nil
	}
	doc := ast.NewDocument()
	for _, p := range paras {
		if p.Parent() != nil {
			panic("a paragraph of the fast path has a parent")
		}
		doc.AppendChild(doc, p)
	}
	return doc
}

// compareCell runs the fast path on the content and, when it accepts,
// requires its tree to be goldmark's. It reports whether it accepted.
func compareCell(t testing.TB, md goldmark.Markdown, source []byte, content *text.Segments, pc parser.Context) bool {
	t.Helper()
	before := canonSegments(source, content)
	fast := fastDocument(source, content)
	if after := canonSegments(source, content); after != before {
		t.Fatalf("the fast path changed the content: %s, was %s", after, before)
	}
	if fast == nil {
		return false
	}
	full := fullCell(md, source, content, pc)
	got, want := canon(source, fast.FirstChild()), canon(source, full.FirstChild())
	if got != want {
		t.Fatalf("content %s\nfast path:\n%s\ngoldmark:\n%s", before, got, want)
	}
	return true
}

func TestCellFastPath(t *testing.T) {
	tests := []struct {
		content string
		fast    bool
	}{
		{" Empty template name! ", true},
		{" Идентификатор сделки ", true},
		{" **id** ", true},
		{" **Название**\n`тип` ", true},
		{" `400` ", true},
		{" `ERROR_CHECK_FAILURE` ", true},
		{" `` a`b `` ", true},
		{" ` `` ` ", true},
		{" **id**\n[`integer`](../data-types.md) ", true},
		{" **fields**^*^\n[`object`](../../data-types.md#object) ", true},
		{"**name**^*^\n`string`", true},
		{" Смотрите [описание метода](./crm-deal-add.md#result) ", true},
		{" Возвращает `true`, если всё хорошо ", true},
		{" *курсив* и **жирный** и *ещё* ", true},
		{" a*b*c и a**b**c ", true},
		{" Текст\nпродолжение\nи ещё строка ", true},
		{" Текст \n  с отступом\n", true},
		{" Первая строка!\n!Вторая ", true},
		{" Внимание! Смотрите `код` и [ссылку](x.md)! ", true},
		{" a!`b`!!*c* ", true},
		{" Ссылка [`a`](x.md)[`b`](y.md) рядом ", true},
		{" [](empty.md) ", true},
		{" **`code`** ", true},
		{" (скобки) и \"кавычки\" и 'апострофы' — 100% ", true},
		{" a ^b^ c ", true},
		{"\n   \n text \n  \n", true},
		{" 404 Not Found ", true},
		{" Значение > 0 и # не заголовок ", true},
		{"**a**\n*b*", true},
		{" a\n\n b ", true},
		{" Первый абзац.\n\nВторой абзац с `кодом`.\n  \n\nТретий ", true},
		{" **FIELD_NAME**\n[`string`](../data-types.md) ", true},
		{" **field_name_2** и A_B_C, `x_y` ", true},
		{" [A_B](x_y.md#c_d) ", true},
		{" **id***\n[`integer`](../data-types.md) ", true},
		{" **id*** текст ", true},
		{" [crm.item.*](./index.md), [crm.item.add](./add.md) ", true},
		{" [*a](x) [a*](y) [`a`**](z) [A_B*C](w) ", true},
		{" 55.748289 ", true},
		{" 1.5 ", true},
		{" 2)x ", true},

		// the fast path declines these
		{" a\n\n - b ", false},
		{" a\n\n     b ", false},
		{" _a_ ", false},
		{" a _ b ", false},
		{" a_ ", false},
		{" a__b__c ", true},
		{" *a_ ", false},
		{" [a*b*](x) ", false},
		{" *a***", false},
		{" ***a** ", false},
		{" 1.\n ", false},
		{" 10) x ", false},
		{" - item ", false},
		{" 1. item ", false},
		{" 2) item ", false},
		{" # heading ", false},
		{"text\n---", false},
		{"text\n===", false},
		{" > quote ", false},
		{" <b>html</b> ", false},
		{"     code", false},
		{" ```\ncode\n``` ", false},
		{" a\\*b ", false},
		{" &amp; ", false},
		{" a_b_ ", false},
		{" line  \nbreak ", false},
		{" line\\\nbreak ", false},
		{" [ref][r] ", false},
		{" [ref] ", false},
		{" [a](b \"title\") ", false},
		{" [a](<b>) ", false},
		{" [a [b]](c) ", false},
		{" ![img](x.png) ", false},
		{" [a]: x ", false},
		{" *a **b** a* ", false},
		{" ***a*** ", false},
		{" *a** ", false},
		{" **a\nb** ", false},
		{" `a\nb` ", false},
		{" x^2 ", false},
		{" ~~strike~~ ", false},
		{" {% note %} ", false},
		{" a\tb ", false},
		{" a\r\nb ", false},
		{" * item ", false},
		{" *** ", false},
		{" ``` ", false},
		{"   ", false},
	}
	md := New()
	for _, tt := range tests {
		source, content := cellSource(tt.content, "")
		if got := compareCell(t, md, source, content, parser.NewContext()); got != tt.fast {
			t.Errorf("%q: fast path %v, want %v", tt.content, got, tt.fast)
		}
		// the same content in a quote or list: other characters before the
		// lines
		for _, prefix := range []string{"> ", ">", "    ", "-"} {
			source, content := cellSource(tt.content, prefix)
			compareCell(t, md, source, content, parser.NewContext())
		}
	}
}

// TestCellParse checks that the cells of a page read the same with and
// without the fast path.
func TestCellParse(t *testing.T) {
	src := "# Page\n\n#|\n|| **Поле**\n`тип` | **Описание** ||\n" +
		"|| **id**^*^\n[`integer`](../data-types.md) | Идентификатор. Смотрите [метод](./x.md#r) ||\n" +
		"|| **list** | - one\n- two ||\n|| `code` | *em* and text ||\n|#\n"
	if got, want := canonPage(New(), src), canonPage(slowMarkdown(), src); got != want {
		t.Fatalf("with the fast path:\n%s\nwithout:\n%s", got, want)
	}
}

// cellSeeds are cell contents written for the fuzz target: the shapes of
// the docs' cells and their edges.
var cellSeeds = []string{
	" Пустое имя шаблона! ",
	" Empty name! ",
	" **id** ",
	" **ID** ",
	" `400` ",
	" `ERROR_ARGUMENT` ",
	" **id**\n[`integer`](../data-types.md) ",
	" **name**^*^\n[`string`](../../data-types.md#string) ",
	" **fields**\n[`object`](#fields) | ",
	" Смотрите [описание](./some-method.md#result) ",
	" Returns `true` when it works ",
	" Значение по умолчанию — `N` ",
	" *em* **strong** `code` [link](x.md) ",
	" a*b*c a**b**c ",
	"*a*\n**b**\n`c`\n[d](e)",
	" line one\nline two \n  line three ",
	" trailing double  \nspace ",
	" back\\\nslash ",
	" - list\n- items ",
	" 1. one\n2. two ",
	" # h ",
	" > q ",
	" <br> ",
	" &nbsp; ",
	" a_b ",
	" __a__ ",
	" [r][ref] ",
	" [r]: /x ",
	" ![i](x.png) ",
	" [a](b 'c') ",
	" [a](b) ) ( ",
	" [a]( b) ",
	" [a](b(c)) ",
	" ``a`` ` ",
	" ` a ` ",
	" `  ` ",
	" ``` ",
	" ^*^ ",
	" ^a b^ ",
	" x^ ",
	" ** a ** ",
	" *a * b* ",
	" *(a)* ",
	" **«цитата»** ",
	" a** b** ",
	" \u00a0**a**\u00a0 ",
	" text\n\n\nmore ",
	"\n\n text \n\n",
	"     indented",
	" *\n",
	" ***\n",
	" 10) x ",
	" +1 ",
	" =x ",
	" {% if %} ",
	" a | b ",
	" `a | b` ",
	" ~~s~~ ",
	" \xff\xfe **x** ",
	" é**a**é ",
	" a!`b` !",
	" ![ ",
	" [a](b)[c](d) ",
	" [**a**](b) ",
	" **[a](b)** ",
	" [`a]`](b) ",
	" [a](b)**c** ",
	" **FIELD_NAME**\n[`string`](../data-types.md) ",
	" **field_id***\n[`integer`](../data-types.md#int) ",
	" **id*** ",
	" **a***b ",
	" *a*** ",
	" A_B_C a__b _c d_ ",
	" [x.*](./index.md) и [y.*](./y.md) ",
	" [a*b*](x) [**](y) [*](z) ",
	" Абзац один.\n\nАбзац два.\n\n\n- список ",
	" Абзац.\n\n    код ",
	" p1\n   \np2\np2b\n\n",
	" 3.14 и 2) и 1.x ",
	" 1.\n",
	" 7)\n",
	" 1234567890. x ",
	"a\n  \n> q",
	"x\n***\ny",
	"x\n* y",
	"x\n1. y",
	"x\n2. y",
	"x\n- y",
	"x\n# y",
	"x\n#| y",
	"x\n{% note %}",
	"**a**\n**b**",
}

// FuzzCellFastPath requires the fast path's tree to be goldmark's for
// every content it accepts. prefix picks what stands before the lines
// after the first in the source (a quote's or list's indentation). The
// content is also put in a table of a page, which must read the same
// with the fast path and without.
func FuzzCellFastPath(f *testing.F) {
	for i, s := range cellSeeds {
		f.Add(s, uint8(i))
	}
	prefixes := []string{"", "  ", "> ", ">", "*", "é", "\n"}
	md, slow := New(), slowMarkdown()
	f.Fuzz(func(t *testing.T, content string, prefix uint8) {
		source, segs := cellSource(content, prefixes[int(prefix)%len(prefixes)])
		compareCell(t, md, source, segs, parser.NewContext())
		page := "#|\n|| " + content + " | x ||\n|| y |" + content + "||\n|#\n"
		if got, want := canonPage(md, page), canonPage(slow, page); got != want {
			t.Fatalf("page %q\nwith the fast path:\n%s\nwithout:\n%s", page, got, want)
		}
	})
}

// canonPage parses src with md and renders the whole tree, every cell
// parsed. The source is the parse's own: goldmark may write into it (see
// canonSegment).
func canonPage(md goldmark.Markdown, src string) string {
	source := []byte(src)
	return canon(source, md.Parser().Parse(text.NewReader(source)))
}

// slowMarkdown is New without the fast path.
func slowMarkdown() goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(Extension{}), goldmark.WithParserOptions(parser.WithHeadingAttribute()))
}

// TestCellFastPathCorpus compares, for every cell of the docs' API
// reference (B24_DOCS, B24_DOCS_EN), nested cells included, the fast
// path's tree with goldmark's wherever the fast path accepts the cell,
// and reports the share of cells it accepts.
func TestCellFastPathCorpus(t *testing.T) {
	// the parsers of New without the cell transformer: every cell keeps
	// its content, parsed below in page order as the eager mode does,
	// with the page's context
	md := goldmark.New(goldmark.WithParserOptions(append(syntaxOptions(false), parser.WithHeadingAttribute())...))
	eachCorpusPage(t, func(t *testing.T) func(path string, src []byte) {
		var cells, fast int
		t.Cleanup(func() {
			if cells == 0 {
				t.Error("no cells")
				return
			}
			t.Logf("%d cells, the fast path takes %d (%.1f%%)", cells, fast, 100*float64(fast)/float64(cells))
		})
		return func(path string, src []byte) {
			pc := parser.NewContext()
			doc := md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
			for _, c := range tableCells(doc) {
				n, f := compareCorpusCell(t, md, src, c, pc, path)
				cells += n
				fast += f
			}
		}
	})
}

// compareCorpusCell compares the fast path with goldmark on cell c of the
// page at path and on the cells nested in it, and returns how many cells
// it compared and how many the fast path took.
func compareCorpusCell(t *testing.T, md goldmark.Markdown, src []byte, c *TableCell, pc parser.Context, path string) (cells, fast int) {
	t.Helper()
	if c.Content == nil || c.Content.Len() == 0 {
		return 0, 0
	}
	cells = 1
	doc := fastDocument(src, c.Content)
	full := fullCell(md, src, c.Content, pc)
	if doc != nil {
		fast = 1
		if got, want := canon(src, doc.FirstChild()), canon(src, full.FirstChild()); got != want {
			t.Errorf("%s: cell at %d:\nfast path:\n%s\ngoldmark:\n%s", path, c.Start, got, want)
		}
	}
	for _, nested := range tableCells(full) {
		n, f := compareCorpusCell(t, md, src, nested, pc, path)
		cells += n
		fast += f
	}
	return cells, fast
}

// tableCells returns the cells of the tables under n, in page order, but
// not those nested in them.
func tableCells(n ast.Node) []*TableCell {
	var cells []*TableCell
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if c, ok := n.(*TableCell); ok {
			if entering {
				cells = append(cells, c)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return cells
}

// BenchmarkCellParse parses cells of the docs' common shapes, with
// goldmark alone and with the fast path.
func BenchmarkCellParse(b *testing.B) {
	contents := []string{
		" Пустое имя шаблона! ",
		" **id** ",
		" `ERROR_NOT_FOUND` ",
		" **FIELD_NAME**^*^\n[`integer`](../../data-types.md) ",
		" Смотрите [описание метода](./method.md#result), поле `true` ",
		" Первый абзац.\n\nВторой абзац с **важным** словом.\n",
	}
	for _, mode := range []struct {
		name string
		fast bool
	}{{"goldmark", false}, {"fast", true}} {
		b.Run(mode.name, func(b *testing.B) {
			cp := &cellParse{md: New(), fast: mode.fast, pc: parser.NewContext()}
			sources := make([][]byte, len(contents))
			segs := make([]*text.Segments, len(contents))
			for i, c := range contents {
				sources[i], segs[i] = cellSource(c, "")
			}
			for b.Loop() {
				for i := range contents {
					cp.source = sources[i]
					parseCell(cp, &TableCell{Content: segs[i]})
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(contents)), "ns/cell")
		})
	}
}
