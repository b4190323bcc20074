package golang

import (
	gocomment "go/doc/comment"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/b24gen/b24gen/analysis"
)

// Doc comments are rendered from the docs' text, which the model keeps as
// light Markdown (paragraphs, "- " lists, code blocks indented by four
// spaces): goldmark reads its blocks, and each becomes the Go doc block
// that says the same, so that go doc, pkg.go.dev and gopls show lists as
// lists and code as code. Paragraphs are wrapped at docWidth columns; a
// method of the package the text names becomes a doc link.

// docWidth is the column doc comment text is wrapped at, "// " included.
const docWidth = 100

// markdown reads the blocks of doc text. It is configured once and only
// read, which goldmark allows from any number of goroutines.
var markdown = goldmark.New()

// docs renders doc comments for one package: links maps a method's name,
// lower-cased, to the doc link of its client function ("Client.DealList").
// The method whose doc it renders, self, keeps its name: a link to itself
// would only hide it.
type docs struct {
	links map[string]string
	self  string
}

// of returns the renderer of the docs of method name.
func (d docs) of(name string) docs {
	d.self = strings.ToLower(name)
	return d
}

// packageDocs returns the doc renderer of a package, which links the
// package's methods.
func packageDocs(p *analysis.Package) docs {
	d := docs{links: map[string]string{}}
	for _, m := range p.Methods {
		d.links[strings.ToLower(m.Model.Name)] = "Client." + m.GoName
	}
	return d
}

// comment returns a doc comment made of paragraphs of static text as
// jennifer statements.
func comment(paragraphs ...string) []jen.Code { return docs{}.comment(paragraphs...) }

// commentLines returns the lines of a doc comment made of paragraphs of
// static text, each starting with "//".
func commentLines(paragraphs ...string) []string { return docs{}.lines(paragraphs...) }

// comment returns a doc comment as jennifer statements; jennifer writes a
// comment that starts with "//" verbatim.
func (d docs) comment(texts ...string) []jen.Code {
	lines := d.lines(texts...)
	out := make([]jen.Code, len(lines))
	for i, l := range lines {
		out[i] = jen.Comment(l)
	}
	return out
}

// lines renders texts, each one or more blocks of doc text, as the lines
// of one doc comment. The text comes from the docs and is untrusted: it is
// cut into lines at every line terminator Go or an editor might honour and
// control characters are dropped, and each line is emitted as its own
// "//" comment, so that nothing in the text (a "*/", a newline, a
// backquote) can end the comment early.
func (d docs) lines(texts ...string) []string {
	var blocks []gocomment.Block
	for _, t := range texts {
		blocks = append(blocks, d.blocks(cleanText(t))...)
	}
	if len(blocks) == 0 {
		return nil
	}
	if !slices.ContainsFunc(blocks, isParagraph) {
		// Go doc unindents a comment none of whose lines is flush left,
		// which would make a list or code of it a paragraph
		blocks = slices.Insert(blocks, 0, gocomment.Block(&gocomment.Paragraph{Text: []gocomment.Text{gocomment.Plain("As documented:")}}))
	}
	var p gocomment.Printer
	printed := strings.TrimRight(string(p.Comment(&gocomment.Doc{Content: blocks})), "\n")
	var out []string
	for _, l := range strings.Split(printed, "\n") {
		switch {
		case l == "":
			out = append(out, "//")
		case l[0] == '\t':
			out = append(out, "//"+l)
		default:
			out = append(out, "// "+l)
		}
	}
	return out
}

func isParagraph(b gocomment.Block) bool {
	_, ok := b.(*gocomment.Paragraph)
	return ok
}

// cleanText makes doc text valid UTF-8 with "\n" as its only line
// terminator and no control characters but tabs.
func cleanText(t string) string {
	t = strings.ToValidUTF8(t, "\uFFFD")
	t = strings.ReplaceAll(t, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case isLineBreak(r):
			return '\n'
		case r == '\t' || r == '\n':
			return r
		case unicode.IsControl(r) || r == '\uFEFF':
			return -1
		}
		return r
	}, t)
}

func isLineBreak(r rune) bool {
	switch r {
	case '\r', '\v', '\f', '\u0085', '\u2028', '\u2029':
		return true
	}
	return false
}

// blocks reads the Go doc blocks of one text.
func (d docs) blocks(t string) []gocomment.Block {
	if strings.TrimSpace(t) == "" {
		return nil
	}
	src := []byte(t)
	doc := markdown.Parser().Parse(text.NewReader(src))
	var out []gocomment.Block
	d.appendBlocks(&out, doc, src)
	return fixParagraphs(out)
}

func (d docs) appendBlocks(out *[]gocomment.Block, n ast.Node, src []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch v := c.(type) {
		case *ast.List:
			if code, ok := lastCode(*out); ok {
				// Go doc reads indented lines after a code block as more of
				// it: there is no list right after code, so the list is
				// shown in the code, as Go doc would show it anyway
				code.Text += "\n" + listText(v, src)
				continue
			}
			list := &gocomment.List{ForceBlankBefore: true}
			for i, it := 0, v.FirstChild(); it != nil; i, it = i+1, it.NextSibling() {
				item := &gocomment.ListItem{Content: []gocomment.Block{d.paragraph(flatText(it, src), listWidth)}}
				if v.IsOrdered() {
					item.Number = strconv.Itoa(v.Start + i)
				}
				list.Items = append(list.Items, item)
			}
			*out = append(*out, list)
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			if code := codeText(c, src); code != "" {
				*out = append(*out, &gocomment.Code{Text: code})
			}
		case *ast.Blockquote:
			d.appendBlocks(out, c, src)
		case *ast.ThematicBreak:
			// a rule between paragraphs says nothing a blank line does not
		default:
			if t := flatText(c, src); t != "" {
				*out = append(*out, d.paragraph(t, paragraphWidth))
			}
		}
	}
}

// lastCode returns the last block if it is a code block.
func lastCode(blocks []gocomment.Block) (*gocomment.Code, bool) {
	if len(blocks) == 0 {
		return nil, false
	}
	c, ok := blocks[len(blocks)-1].(*gocomment.Code)
	return c, ok
}

// listText is a list as lines of text, "- item" or "1. item".
func listText(l *ast.List, src []byte) string {
	var b strings.Builder
	for i, it := 0, l.FirstChild(); it != nil; i, it = i+1, it.NextSibling() {
		if l.IsOrdered() {
			b.WriteString(strconv.Itoa(l.Start+i) + ". ")
		} else {
			b.WriteString("- ")
		}
		b.WriteString(flatText(it, src))
		b.WriteByte('\n')
	}
	return b.String()
}

// Widths of wrapped text: a paragraph line follows "// ", a list item's
// "//   - " and its continuation lines "//     ".
const (
	paragraphWidth = docWidth - len("// ")
	listWidth      = docWidth - len("//     ")
)

// paragraph is text wrapped at width, its method names linked.
func (d docs) paragraph(t string, width int) *gocomment.Paragraph {
	return &gocomment.Paragraph{Text: []gocomment.Text{gocomment.Plain(wrap(d.link(t), width))}}
}

// flatText is the text of a block and everything in it, as one line: the
// text of its lines as written (the model's text has no markup left but
// code spans), white space collapsed.
func flatText(n ast.Node, src []byte) string {
	var b strings.Builder
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		if n.Type() == ast.TypeBlock && n.FirstChild() == nil || isTextBlock(n) {
			lines := n.Lines()
			for i := range lines.Len() {
				seg := lines.At(i)
				b.WriteByte(' ')
				b.Write(src[seg.Start:seg.Stop])
			}
			return
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if c.Type() == ast.TypeBlock {
				walk(c)
			}
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// isTextBlock says whether a block holds inline text rather than blocks.
func isTextBlock(n ast.Node) bool {
	switch n.(type) {
	case *ast.Paragraph, *ast.TextBlock, *ast.Heading, *ast.HTMLBlock, *ast.FencedCodeBlock, *ast.CodeBlock:
		return true
	}
	return false
}

// codeText is the content of a code block, its trailing blank lines
// dropped.
func codeText(n ast.Node, src []byte) string {
	var b strings.Builder
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		b.Write(src[seg.Start:seg.Stop])
		if seg.Stop == 0 || src[seg.Stop-1] != '\n' {
			b.WriteByte('\n')
		}
	}
	code := strings.TrimRight(b.String(), " \t\n")
	if strings.TrimSpace(code) == "" {
		return ""
	}
	return code + "\n"
}

// wrap breaks t into lines of at most width runes at spaces; a word
// longer than that keeps a line of its own.
func wrap(t string, width int) string {
	var b strings.Builder
	col := 0
	for i, w := range strings.Fields(t) {
		n := utf8.RuneCountInString(w)
		switch {
		case i == 0:
		case col+1+n > width:
			b.WriteByte('\n')
			col = 0
		default:
			b.WriteByte(' ')
			col++
		}
		b.WriteString(w)
		col += n
	}
	return b.String()
}

// methodName is a dotted name such as crm.deal.list, in code quotes or not.
var methodName = regexp.MustCompile("`?\\b[A-Za-z][A-Za-z0-9_]*(?:\\.[A-Za-z][A-Za-z0-9_]*)+\\b`?")

// link turns every method of the package that t names into a doc link
// to its client function.
func (d docs) link(t string) string {
	if len(d.links) == 0 || !strings.Contains(t, ".") {
		return t
	}
	return methodName.ReplaceAllStringFunc(t, func(m string) string {
		name := strings.Trim(m, "`")
		quoted := strings.HasPrefix(m, "`") && strings.HasSuffix(m, "`") && len(m) > 1
		if !quoted && m != name {
			return m // a quote on one side only belongs to other text
		}
		if target, ok := d.links[strings.ToLower(name)]; ok && strings.ToLower(name) != d.self {
			return "[" + target + "]"
		}
		return m
	})
}

// fixParagraphs ends each paragraph with punctuation, so that gofmt does
// not take a short one for an old-style heading.
func fixParagraphs(blocks []gocomment.Block) []gocomment.Block {
	for _, b := range blocks {
		p, ok := b.(*gocomment.Paragraph)
		if !ok {
			continue
		}
		t := string(p.Text[0].(gocomment.Plain))
		p.Text[0] = gocomment.Plain(endSentence(t))
	}
	return blocks
}

// endSentence ends a paragraph with a full stop when it ends without
// punctuation.
func endSentence(t string) string {
	r, _ := utf8.DecodeLastRuneInString(t)
	if unicode.IsPunct(r) || unicode.IsSymbol(r) {
		return t
	}
	return t + "."
}

// orderedValues is a composite literal with one key per line, in the order
// given (jen.Dict sorts its keys).
func orderedValues(kvs ...kv) *jen.Statement {
	return jen.ValuesFunc(func(g *jen.Group) {
		for _, e := range kvs {
			if e.value != nil {
				g.Line().Id(e.key).Op(":").Add(e.value)
			}
		}
		g.Line()
	})
}

// inlineValues is orderedValues on one line, for the small literals of
// which a descriptor has hundreds ({Name: "ID", Type: b24.TypeInteger}).
func inlineValues(kvs ...kv) *jen.Statement {
	return jen.ValuesFunc(func(g *jen.Group) {
		for _, e := range kvs {
			if e.value != nil {
				g.Id(e.key).Op(":").Add(e.value)
			}
		}
	})
}

// kv is a key and value of orderedValues; a nil value is left out.
type kv struct {
	key   string
	value jen.Code
}
