package parser

// This file owns a field's default value: the value its description gives
// after "По умолчанию" (or the lexicon's other words for it).

import (
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
)

// defaultValue reads the value after "По умолчанию": the next code span in
// the same paragraph, or a following word that looks like a value.
func (s *source) defaultValue(cell ast.Node) string {
	for c := cell.FirstChild(); c != nil; c = c.NextSibling() {
		switch c.(type) {
		case *ast.Paragraph, *ast.TextBlock:
		default:
			continue
		}
		seenPhrase := false
		for n := c.FirstChild(); n != nil; n = n.NextSibling() {
			if tx, ok := n.(*ast.Text); ok {
				t := string(tx.Segment.Value(s.src))
				if i, phrase := lexicon.defaultIntro.find(fold(t)); i >= 0 {
					if w := valueWord(t[i:]); w != "" {
						return w
					}
					// "Лимит по умолчанию. Возможные значения от `1`": the
					// sentence that names the default ended without it
					seenPhrase = !strings.Contains(t[min(i+len(phrase), len(t)):], ".")
					continue
				}
				if seenPhrase && strings.TrimSpace(strings.Trim(t, " —–-:")) != "" {
					if w := valueWord(t); w != "" {
						return w
					}
					seenPhrase = false
				}
				continue
			}
			if cs, ok := n.(*ast.CodeSpan); ok && seenPhrase {
				return s.codeSpanText(cs)
			}
			if _, ok := n.(*ast.Emphasis); ok && seenPhrase {
				if w := valueWord(s.nodeText(n)); w != "" {
					return w
				}
			}
		}
	}
	return ""
}

// valueWord returns the word after the default phrase in t when it looks
// like a value (a number, Y/N, true/false, an upper-case constant).
func valueWord(t string) string {
	if i, phrase := lexicon.defaultIntro.find(fold(t)); i >= 0 {
		t = t[i+len(phrase):]
	}
	t = strings.TrimLeft(t, " \t—–-:=")
	f := strings.Fields(t)
	if len(f) == 0 {
		return ""
	}
	w := strings.TrimRight(f[0], ".,;)")
	if w == "" {
		return ""
	}
	if isValueLike(w) {
		return w
	}
	return ""
}

func isValueLike(w string) bool {
	switch strings.ToLower(w) {
	case "true", "false", "y", "n", "null":
		return true
	}
	upperOrDigit := true
	for _, r := range w {
		if !(unicode.IsDigit(r) || (r < unicode.MaxASCII && unicode.IsUpper(r)) || r == '_' || r == '-' || r == '.') {
			upperOrDigit = false
		}
	}
	return upperOrDigit
}
