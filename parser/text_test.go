package parser

import "testing"

func TestCollapseSpaces(t *testing.T) {
	for in, want := range map[string]string{
		"":    "",
		"a b": "a b",
		"Идентификатор сделки": "Идентификатор сделки",
		" a":         "a",
		"a ":         "a",
		"a  b":       "a b",
		"a\nb":       "a b",
		"a\t\tb\r\n": "a b",
		"a\u00a0b":   "a b",
		"a\u2003 b":  "a b",
		"\u00a0":     "",
		"a\xffb":     "a\ufffdb",
	} {
		if got := collapseSpaces(in); got != want {
			t.Errorf("collapseSpaces(%q) = %q, want %q", in, got, want)
		}
	}
}
