package yfm

import (
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

func parse(t testing.TB, src string) ast.Node {
	t.Helper()
	return New().Parser().Parse(text.NewReader([]byte(src)))
}

// cellTexts renders a table as rows of cell texts: paragraphs joined by
// " / ", code blocks as their raw content, nested tables as [n rows].
func cellTexts(src []byte, tb *Table) [][]string {
	var rows [][]string
	for r := tb.FirstChild(); r != nil; r = r.NextSibling() {
		var cells []string
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			cells = append(cells, blockSummary(src, c))
		}
		rows = append(rows, cells)
	}
	return rows
}

func blockSummary(src []byte, n ast.Node) string {
	var parts []string
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch v := c.(type) {
		case *Table:
			parts = append(parts, "["+itoa(v.ChildCount())+" rows]")
		case *ast.FencedCodeBlock:
			var b strings.Builder
			for i := 0; i < v.Lines().Len(); i++ {
				seg := v.Lines().At(i)
				b.Write(seg.Value(src))
			}
			parts = append(parts, "```"+strings.TrimSpace(b.String())+"```")
		case *Directive:
			parts = append(parts, "{"+v.Name+": "+blockSummary(src, v)+"}")
		case *ast.List:
			parts = append(parts, "list("+itoa(v.ChildCount())+")")
		default:
			parts = append(parts, strings.TrimSpace(string(inlineRaw(src, c))))
		}
	}
	return strings.Join(parts, " / ")
}

func inlineRaw(src []byte, n ast.Node) []byte {
	var b []byte
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			b = append(b, util.UnescapePunctuations(t.Segment.Value(src))...)
			if t.SoftLineBreak() {
				b = append(b, ' ')
			}
			continue
		}
		if _, ok := c.(*ast.CodeSpan); ok {
			b = append(b, '`')
			b = append(b, inlineRaw(src, c)...)
			b = append(b, '`')
			continue
		}
		if _, ok := c.(*Sup); ok {
			b = append(b, '^')
			b = append(b, inlineRaw(src, c)...)
			b = append(b, '^')
			continue
		}
		b = append(b, inlineRaw(src, c)...)
	}
	return b
}

func itoa(n int) string { return strconv.Itoa(n) }

func firstTable(t *testing.T, doc ast.Node) *Table {
	t.Helper()
	var found *Table
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if tb, ok := n.(*Table); ok && entering && found == nil {
			found = tb
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if found == nil {
		t.Fatal("no table")
	}
	return found
}

func TestTables(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want [][]string
	}{
		{
			name: "header and row across lines",
			src:  "#|\n|| **Название**\n`тип` | **Описание** ||\n|| **id***\n[`integer`](x.md) | Идентификатор ||\n|#\n",
			want: [][]string{{"Название `тип`", "Описание"}, {"id* `integer`", "Идентификатор"}},
		},
		{
			name: "row closed on the next line",
			src:  "#|\n|| a | b\n||\n|| c | d ||\n|#\n",
			want: [][]string{{"a", "b"}, {"c", "d"}},
		},
		{
			name: "fence closed on the row's line",
			src:  "#|\n|| a | text\n```\n{ x: 1 | 2 }\n``` ||\n|| b | c ||\n|#\n",
			want: [][]string{{"a", "text / ```{ x: 1 | 2 }```"}, {"b", "c"}},
		},
		{
			name: "inline triple backticks at line start are not a fence",
			src:  "#|\n|| a | b\n```string | null``` value ||\n|| c | d ||\n|#\n",
			want: [][]string{{"a", "b `string | null` value"}, {"c", "d"}},
		},
		{
			name: "pipes in code spans and escaped pipes",
			src:  "#|\n|| `a|b` | x \\| y ||\n|#\n",
			want: [][]string{{"`a|b`", "x | y"}},
		},
		{
			name: "nested table in a cell",
			src:  "#|\n|| a | values:\n\n#|\n|| k | v ||\n|| k2 | v2 ||\n|#\n||\n|| b | c ||\n|#\n",
			want: [][]string{{"a", "values: / [2 rows]"}, {"b", "c"}},
		},
		{
			name: "header-less table",
			src:  "#|\n||`x`|y||\n|#\n",
			want: [][]string{{"`x`", "y"}},
		},
		{
			name: "note and list inside a cell",
			src:  "#|\n|| a | text\n\n{% note info %}\n\nnoted\n\n{% endnote %}\n\n- one\n- two\n||\n|#\n",
			want: [][]string{{"a", "text / {note: noted} / list(2)"}},
		},
		{
			name: "required mark as sup",
			src:  "#|\n|| **name**^*^\n`string` | d ||\n|#\n",
			want: [][]string{{"name^*^ `string`", "d"}},
		},
		{
			name: "indented inside tabs",
			src:  "{% list tabs %}\n\n- Tab\n\n    #|\n    || a | b\n    ```\n    code\n    ```\n    ||\n    |#\n\n{% endlist %}\n",
			want: [][]string{{"a", "b / ```code```"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parse(t, tt.src)
			tb := firstTable(t, doc)
			got := cellTexts([]byte(tt.src), tb)
			if len(got) != len(tt.want) {
				t.Fatalf("rows: got %q, want %q", got, tt.want)
			}
			for i := range got {
				if strings.Join(got[i], " ‖ ") != strings.Join(tt.want[i], " ‖ ") {
					t.Errorf("row %d: got %q, want %q", i, got[i], tt.want[i])
				}
			}
			if tb.Unclosed || tb.UnclosedFence || tb.UnclosedRow || len(tb.Stray) > 0 {
				t.Errorf("faults: unclosed=%v fence=%v row=%v stray=%d", tb.Unclosed, tb.UnclosedFence, tb.UnclosedRow, len(tb.Stray))
			}
		})
	}
}

func TestTableFaults(t *testing.T) {
	t.Run("unclosed fence ends at the table end", func(t *testing.T) {
		src := "#|\n|| a | b\n```\ncode\n|#\n\n# After\n"
		doc := parse(t, src)
		tb := firstTable(t, doc)
		if !tb.UnclosedFence || !tb.UnclosedRow {
			t.Fatalf("fence=%v row=%v", tb.UnclosedFence, tb.UnclosedRow)
		}
		h, ok := tb.NextSibling().(*ast.Heading)
		if !ok || h.Level != 1 {
			t.Fatalf("the heading after the table was swallowed: %T", tb.NextSibling())
		}
	})
	t.Run("stray text", func(t *testing.T) {
		src := "#|s\n|| a | b ||\n|#\n"
		tb := firstTable(t, parse(t, src))
		if len(tb.Stray) != 1 || string(tb.Stray[0].Value([]byte(src))) != "s\n" {
			t.Fatalf("stray: %v", tb.Stray)
		}
		if tb.ChildCount() != 1 {
			t.Fatalf("rows: %d", tb.ChildCount())
		}
	})
	t.Run("unclosed table", func(t *testing.T) {
		tb := firstTable(t, parse(t, "#|\n|| a | b ||\n"))
		if !tb.Unclosed {
			t.Fatal("want Unclosed")
		}
	})
}

func TestDirectives(t *testing.T) {
	src := "{% include notitle [Сноска](../../_includes/required.md) %}\n\n" +
		"{% note warning \"DEPRECATED\" %}\n\nold\n\n{% endnote %}\n\n" +
		"{% list tabs %}\n\n- A\n\n    {% list tabs %}\n\n    - inner\n\n    {% endlist %}\n\n- B\n\n{% endlist %}\n\n" +
		"{% if build == 'dev' %}\n\nhidden\n\n{% endif %}\n\n" +
		"{% endcut %}\n\nafter\n"
	doc := parse(t, src)
	var kinds []string
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		switch v := n.(type) {
		case *Include:
			kinds = append(kinds, "include:"+v.Name+":"+v.Path)
			if v.Name == "include" && (!v.NoTitle || v.Title != "Сноска") {
				t.Errorf("include args: %+v", v)
			}
		case *Directive:
			kind, title := v.Title()
			if v.Name == "if" {
				kind, title = v.Args, ""
			}
			kinds = append(kinds, v.Name+":"+kind+":"+title)
			if !v.Closed {
				t.Errorf("%s not closed", v.Name)
			}
			if v.Name == "list" {
				items := v.FirstChild()
				if items == nil || items.ChildCount() != 2 {
					t.Errorf("outer tabs: want 2 items")
				}
			}
		case *ast.Paragraph:
			kinds = append(kinds, "p:"+string(inlineRaw([]byte(src), v)))
		}
	}
	want := []string{
		"include:include:../../_includes/required.md",
		"note:warning:DEPRECATED",
		"list:tabs:",
		"if:build == 'dev':",
		"include:endcut:",
		"p:after",
	}
	if strings.Join(kinds, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(kinds, "\n"), strings.Join(want, "\n"))
	}
}

// links counts the links under n.
func links(n ast.Node) int {
	count := 0
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if _, ok := n.(*ast.Link); ok && entering {
			count++
		}
		return ast.WalkContinue, nil
	})
	return count
}

func TestCellsParsedOnAccess(t *testing.T) {
	t.Run("the page's link references reach every cell", func(t *testing.T) {
		src := "[ref]: https://example.com/\n\n#|\n|| [a][ref] | [b][ref] ||\n|#\n"
		tb := firstTable(t, parse(t, src))
		row := tb.FirstChild()
		// the second cell first: the order of access changes nothing
		if n := links(row.LastChild()); n != 1 {
			t.Fatalf("second cell: %d links, want 1", n)
		}
		if n := links(row.FirstChild()); n != 1 {
			t.Fatalf("first cell: %d links, want 1", n)
		}
	})
	t.Run("a cell's reference reaches only the cells after it", func(t *testing.T) {
		// as when every cell was parsed at once, in page order, whatever
		// order they are read in
		src := "#|\n|| [a][ref] | x\n\n[ref]: https://example.com/\n| [b][ref] ||\n|#\n"
		tb := firstTable(t, parse(t, src))
		cells := rowCells(tb.FirstChild())
		if n := links(cells[2]); n != 1 {
			t.Fatalf("third cell: %d links, want 1", n)
		}
		if n := links(cells[0]); n != 0 {
			t.Fatalf("first cell: %d links, want 0", n)
		}
	})
	t.Run("one context for two pages", func(t *testing.T) {
		md, pc := New(), parser.NewContext()
		first, second := []byte("#|\n|| a | b ||\n|#\n"), []byte("#|\n|| cc | dd ||\n|#\n")
		docs := []ast.Node{
			md.Parser().Parse(text.NewReader(first), parser.WithContext(pc)),
			md.Parser().Parse(text.NewReader(second), parser.WithContext(pc)),
		}
		if got := cellTexts(second, firstTable(t, docs[1])); got[0][0] != "cc" || got[0][1] != "dd" {
			t.Fatalf("second page: %q", got)
		}
		if got := cellTexts(first, firstTable(t, docs[0])); got[0][0] != "a" || got[0][1] != "b" {
			t.Fatalf("first page: %q", got)
		}
	})
	t.Run("readers at once", func(t *testing.T) {
		// an included fragment is read by several pages at a time
		var b strings.Builder
		b.WriteString("#|\n")
		for i := range 50 {
			b.WriteString("|| **f" + itoa(i) + "**\n`string` | text with `code` and *emphasis*\n\n#|\n|| x | y ||\n|#\n||\n")
		}
		b.WriteString("|#\n")
		src := []byte(b.String())
		doc := parse(t, b.String())
		want := blockSummary(src, firstTable(t, parse(t, b.String())).FirstChild())
		var wg sync.WaitGroup
		for range 4 {
			wg.Go(func() {
				_ = ast.Walk(doc, func(ast.Node, bool) (ast.WalkStatus, error) { return ast.WalkContinue, nil })
			})
		}
		wg.Wait()
		if got := blockSummary(src, firstTable(t, doc).FirstChild()); got != want {
			t.Fatalf("got %q, want %q", got, want)
		}
	})
}

func rowCells(row ast.Node) []ast.Node {
	var cells []ast.Node
	for c := row.FirstChild(); c != nil; c = c.NextSibling() {
		cells = append(cells, c)
	}
	return cells
}

// FuzzParse checks that no input makes the YFM parser panic or loop.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"#|\n|| a | b ||\n|#\n",
		"#|\n|| a | ```\n|#\n",
		"{% note %}\n#|\n|| x\n{% endnote %}\n",
		"#|\n|| #|\n|| ||\n|#\n",
		"**a^*^**\n",
		"{% list tabs %}\n- a\n    #|\n    || b | c ||\n|#\n{% endlist %}",
		"#|\n||```x```| y ||\n|#",
		"#|\n|| a | b\n   ``` ||\n|#",
	} {
		f.Add(s)
	}
	md := New()
	f.Fuzz(func(t *testing.T, s string) {
		doc := md.Parser().Parse(text.NewReader([]byte(s)))
		// the cells are parsed as they are reached
		_ = ast.Walk(doc, func(ast.Node, bool) (ast.WalkStatus, error) { return ast.WalkContinue, nil })
	})
}

// TestCellsLeaveSourceAlone reads cells whose code lines end before the
// cell's end: goldmark's Segment.Value appends the newline it forces on a
// code line into the source itself, which turned the "|" after the line
// into "\n" in the page's bytes (and raced with every other reader of a
// fragment several pages include).
func TestCellsLeaveSourceAlone(t *testing.T) {
	for _, src := range []string{
		"#|\n|| a |     indented code | b ||\n|#\n",
		"#|\n|| a | text\n\n      code line | b ||\n|#\n",
		"#|\n|| a | ```\nfenced | b ||\n|#\n",
		"#|\n|| a |\ttab code | b ||\n|#\n",
	} {
		b := []byte(src)
		doc := New().Parser().Parse(text.NewReader(b))
		_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if entering && n.Type() == ast.TypeBlock {
				lines := n.Lines()
				for i := range lines.Len() {
					seg := lines.At(i)
					_ = seg.Value(b) // what a careless reader would do
				}
			}
			return ast.WalkContinue, nil
		})
		if string(b) != src {
			t.Errorf("reading the cells of %q changed the page to %q", src, b)
		}
	}
}
