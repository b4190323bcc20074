package parser

import (
	"testing"

	"github.com/yuin/goldmark/text"

	"github.com/b24gen/b24gen/parser/yfm"
)

func TestCollapseSpaces(t *testing.T) {
	for in, want := range map[string]string{
		"":    "",
		"a b": "a b",
		"Идентификатор сделки": "Идентификатор сделки",
		" a":                 "a",
		"a ":                 "a",
		"a  b":               "a b",
		"a\nb":               "a b",
		"a\t\tb\r\n":         "a b",
		"a\u00a0b":           "a b",
		"a\u2003 b":          "a b",
		"\u00a0":             "",
		"a\xffb":             "a\ufffdb",
		"\x01 \x7f":          "\x01 \x7f",
		" Сделка  №\u00a01 ": "Сделка № 1",
	} {
		if got := collapseSpaces(in); got != want {
			t.Errorf("collapseSpaces(%q) = %q, want %q", in, got, want)
		}
		// the in-place form, after text it leaves alone
		if got := string(collapseFrom([]byte("x  "+in), 3)); got != "x  "+want {
			t.Errorf("collapseFrom(%q) = %q, want %q", in, got[3:], want)
		}
	}
}

func TestIndentLines(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"a", "a"},
		{"a\nb", "a\n  b"},
		{"a\n\nb\n", "a\n  \n  b\n  "},
		{"\n", "\n  "},
	} {
		if got := string(indentLines([]byte("x\n"+c.in), 2, "  ")); got != "x\n"+c.want {
			t.Errorf("indentLines(%q) = %q, want %q", c.in, got[2:], c.want)
		}
	}
}

// TestBlockText renders the shapes descriptions take: each part is
// written in place after the one before, and one that turns out empty is
// cut off again with its separator.
func TestBlockText(t *testing.T) {
	for _, c := range []struct{ md, want string }{
		{"a  b\nc\n\n\n\nd", "a b c\n\nd"},
		{"p \\* \\_ x\u00a0y<br>z `  a  b ` <http://x.y/z> ^sup^ **b*** *e*", "p * _ x y z `a b` http://x.y/z ^sup^ b* e"},
		{"a\xffb  c\n\n\xd0", "a\ufffdb c\n\n\ufffd"},
		{"- a\n  - b\n\n    ```\n    code\n\n    more\n    ```\n  - c\n\n    #|\n    || x | y ||\n    || | ||\n    |#\n- \n- d",
			"- a - b     code\n        \n        more\n  - c - x: y\n- \n- d"},
		{"1. one\n2. two\n\n   para\n\n   > quote\n\n3. ```\n   x\n   ```", "- one\n- two para quote\n-     x"},
		{"#|\n|| a\n\n b | c\n\n```\nx\ny\n```\n ||\n|| | ||\n|#", "- a  b: c      x     y"},
		{"    \n    \n    x\n\n\n", "x"},
		{"```\nunclosed\n\nfence", "unclosed\n    \n    fence"},
		{"{% note %}\n\ninside\n\n{% endnote %}\n\n{% if x %}\n\nno\n\n{% endif %}\n\n{% include [a](b.md) %}", "inside"},
	} {
		s := newSource("case.md", []byte(c.md))
		s.doc = yfm.New().Parser().Parse(text.NewReader(s.src))
		if got := s.blockText(s.doc); got != c.want {
			t.Errorf("blockText(%q) =\n%q, want\n%q", c.md, got, c.want)
		}
	}
}
