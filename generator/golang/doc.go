package golang

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"
)

// docLines turns documentation text into the lines of a Go comment. The text
// comes from the docs and is untrusted: it is cut into lines at every line
// terminator Go or an editor might honour, control characters are dropped,
// and each line is emitted as its own "//" comment, so that nothing in the
// text (a "*/", a newline, a backquote) can end the comment early.
func docLines(text string) []string {
	text = strings.ToValidUTF8(text, "\uFFFD")
	var lines []string
	for _, l := range splitLines(text) {
		lines = append(lines, sanitizeLine(l))
	}
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:]
	}
	return lines
}

func isLineBreak(r rune) bool {
	switch r {
	case '\n', '\r', '\v', '\f', '\u0085', '\u2028', '\u2029':
		return true
	}
	return false
}

func splitLines(text string) []string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	var lines []string
	start := 0
	for i, r := range text {
		if isLineBreak(r) {
			lines = append(lines, text[start:i])
			start = i + utf8.RuneLen(r)
		}
	}
	return append(lines, text[start:])
}

func sanitizeLine(l string) string {
	l = strings.Map(func(r rune) rune {
		if r == '\t' {
			return r
		}
		if unicode.IsControl(r) || r == '\uFEFF' {
			return -1
		}
		return r
	}, l)
	return strings.TrimRight(l, " \t")
}

// commentLines returns the lines of a doc comment made of paragraphs, each
// starting with "//".
func commentLines(paragraphs ...string) []string {
	var out []string
	for _, p := range paragraphs {
		lines := docLines(p)
		if len(lines) == 0 {
			continue
		}
		if len(out) > 0 {
			out = append(out, "//")
		}
		for _, l := range noHeadings(endSentence(lines)) {
			if l == "" {
				out = append(out, "//")
				continue
			}
			out = append(out, "// "+l)
		}
	}
	return out
}

// comment returns a doc comment as jennifer statements; jennifer writes a
// comment that starts with "//" verbatim.
func comment(paragraphs ...string) []jen.Code {
	lines := commentLines(paragraphs...)
	out := make([]jen.Code, len(lines))
	for i, l := range lines {
		out[i] = jen.Comment(l)
	}
	return out
}

// endSentence ends a paragraph with a full stop when it ends without
// punctuation, so that gofmt does not take a one-line paragraph for a
// heading.
func endSentence(lines []string) []string {
	last := lines[len(lines)-1]
	if strings.HasPrefix(last, "    ") || strings.HasPrefix(last, "\t") {
		return lines
	}
	r, _ := utf8.DecodeLastRuneInString(last)
	if unicode.IsPunct(r) || unicode.IsSymbol(r) {
		return lines
	}
	out := slices.Clone(lines)
	out[len(out)-1] = last + "."
	return out
}

// noHeadings ends with a full stop every one-line paragraph inside a text
// that gofmt would otherwise turn into a "# heading": a line between blank
// lines that starts with a capital and ends with a letter or a digit.
func noHeadings(lines []string) []string {
	out := lines
	for i, l := range lines {
		if i == 0 || lines[i-1] != "" || i+1 >= len(lines) || lines[i+1] != "" || l == "" || l[0] == ' ' || l[0] == '\t' {
			continue
		}
		first, _ := utf8.DecodeRuneInString(l)
		last, _ := utf8.DecodeLastRuneInString(l)
		if !unicode.IsUpper(first) || !(unicode.IsLetter(last) || unicode.IsDigit(last)) {
			continue
		}
		if &out[0] == &lines[0] {
			out = slices.Clone(lines)
		}
		out[i] = l + "."
	}
	return out
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
