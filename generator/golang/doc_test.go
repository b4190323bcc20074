package golang

import (
	gocomment "go/doc/comment"
	"go/format"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/b24gen/b24gen/internal/support/testdocs"
	"github.com/b24gen/b24gen/model"
	"github.com/b24gen/b24gen/parser"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// docCases are doc texts as the model holds them: the light Markdown of
// the docs' descriptions.
var docCases = map[string]string{
	"paragraph":      "Идентификатор сделки.",
	"long paragraph": strings.Repeat("Очень длинное описание поля, которое занимает много места в строке и должно быть перенесено. ", 8),
	"list":           "Стадия. Возможные значения:\n\n- `NEW` — новая\n- `WORK` — в работе\n- `DONE` — завершена\n\nПо умолчанию — `NEW`",
	"ordered list":   "Шаги:\n\n1. создайте сделку\n2. добавьте товары\n3. закройте сделку",
	"code":           "Объект формата:\n\n    {\n        field_1: value_1,\n        field_n: value_n,\n    }\n\nгде:\n\n- `field_n` — название поля\n- `value_n` — значение поля",
	"nested list":    "Варианты:\n\n- первый - с пояснением\n  - вложенный пункт\n- второй",
	"two lists":      "- a\n- b\n\nТекст.\n\n- c\n- d",
	"heading-like":   "Описание\n\nВозможные значения\n\nЕщё текст",
	"long word":      "https://example.com/" + strings.Repeat("very-long-path-segment/", 10),
	"hostile":        "Текст */ с концом комментария\u2028новая строка\rещё\x00 и `код`\n\n    */ code\n\tline",
	"links":          "Используйте `fixture.item.list` или fixture.nested.add, но не fixture.unknown.call и не `fixture.item.list.",
}

// markdownCounts counts the lists and code blocks goldmark finds in text,
// but for a list right after a code block, which Go doc cannot tell from
// the code.
func markdownCounts(text string) (lists, code int) {
	src := []byte(cleanText(text))
	doc := markdown.Parser().Parse(textReader(src))
	var prev ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.(type) {
		case *ast.List:
			if _, afterCode := prev.(*ast.CodeBlock); !afterCode {
				if _, afterFence := prev.(*ast.FencedCodeBlock); !afterFence {
					lists++
				}
			}
			prev = n
			return ast.WalkSkipChildren, nil // Go doc lists do not nest
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			code++
			prev = n
		case *ast.Paragraph, *ast.Heading, *ast.TextBlock:
			prev = n
		}
		return ast.WalkContinue, nil
	})
	return lists, code
}

func textReader(src []byte) text.Reader { return text.NewReader(src) }

// goDocCounts counts the lists and code blocks Go doc finds in comment
// lines.
func goDocCounts(lines []string) (lists, code int) {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	var p gocomment.Parser
	for _, blk := range p.Parse(commentText(lines)).Content {
		switch blk.(type) {
		case *gocomment.List:
			lists++
		case *gocomment.Code:
			code++
		}
	}
	return lists, code
}

// commentText is what go/ast's CommentGroup.Text returns for lines.
func commentText(lines []string) string {
	var b strings.Builder
	for _, l := range lines {
		l = strings.TrimPrefix(l, "//")
		l = strings.TrimPrefix(l, " ")
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return b.String()
}

func TestDocBlocksAsGoDoc(t *testing.T) {
	d := docs{links: map[string]string{"fixture.item.list": "Client.ItemList", "fixture.nested.add": "Client.NestedAdd"}}
	for name, text := range docCases {
		t.Run(name, func(t *testing.T) {
			lines := d.lines(text)
			wantLists, wantCode := markdownCounts(text)
			gotLists, gotCode := goDocCounts(lines)
			if gotLists != wantLists || gotCode != wantCode {
				t.Errorf("Go doc sees %d lists and %d code blocks, the text has %d and %d:\n%s", gotLists, gotCode, wantLists, wantCode, strings.Join(lines, "\n"))
			}
			for _, l := range lines {
				if !strings.HasPrefix(l, "//") || strings.ContainsAny(l, "\n\r\x00\u2028") {
					t.Errorf("not one comment line: %q", l)
				}
				if w := utf8.RuneCountInString(l); w > docWidth && !strings.HasPrefix(l, "//\t") && strings.Count(strings.TrimSpace(strings.TrimLeft(l, "/ -")), " ") > 0 {
					t.Errorf("line of %d columns: %q", w, l)
				}
			}
			// gofmt leaves the comment as it is
			src := "package p\n\n" + strings.Join(lines, "\n") + "\nvar V int\n"
			out, err := format.Source([]byte(src))
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != src {
				t.Errorf("gofmt changes the comment:\n%s\n---\n%s", src, out)
			}
		})
	}
}

func TestDocLinks(t *testing.T) {
	d := docs{links: map[string]string{"fixture.item.list": "Client.ItemList", "fixture.nested.add": "Client.NestedAdd"}}
	got := strings.Join(d.of("fixture.nested.add").lines(docCases["links"]), "\n")
	want := "// Используйте [Client.ItemList] или fixture.nested.add, но не fixture.unknown.call и не\n// `fixture.item.list."
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestDocCorpus renders every description of the whole docs as a doc
// comment: Go doc must see the lists and code blocks the text has, and no
// line may run past the width but for a word that cannot be cut.
func TestDocCorpus(t *testing.T) {
	for _, tree := range []func(testing.TB) string{testdocs.Russian, testdocs.English} {
		dir := tree(t)
		res, err := parser.Parse(os.DirFS(dir), parser.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var texts []string
		var walk func(fs []model.Field)
		walk = func(fs []model.Field) {
			for _, f := range fs {
				texts = append(texts, f.Description)
				walk(f.Fields)
			}
		}
		for _, m := range res.API.Methods {
			texts = append(texts, m.Summary)
			walk(m.Params)
			walk(m.Returns)
			for _, e := range m.Errors {
				texts = append(texts, e.Description)
			}
		}
		var lists, code, bad int
		for _, text := range texts {
			lines := docs{}.lines(text)
			wl, wc := markdownCounts(text)
			gl, gc := goDocCounts(lines)
			lists += gl
			code += gc
			if gl != wl || gc != wc {
				bad++
			}
			if (gl != wl || gc != wc) && bad <= 3 {
				t.Errorf("Go doc sees %d lists and %d code blocks, the text has %d and %d:\n%s\n---\n%s", gl, gc, wl, wc, text, strings.Join(lines, "\n"))
			}
		}
		t.Logf("%s: %d texts, %d lists, %d code blocks", dir, len(texts), lists, code)
		if bad > 0 {
			t.Errorf("%s: %d texts whose lists or code blocks Go doc does not see", dir, bad)
		}
	}
}
