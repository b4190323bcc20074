package parser

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestFold: fold lowers text exactly as strings.ToLower does, for every
// rune and for invalid UTF-8, so that the lexicon's tables match what
// they matched before.
func TestFold(t *testing.T) {
	var all strings.Builder
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if utf8.ValidRune(r) {
			all.WriteRune(r)
		}
	}
	inputs := []string{all.String(), "", "ABC", "Обязательный", "Возможные ЗНАЧЕНИЯ", "\xff\xfeA\x80Б", "İstanbul", "ǅ", "ΣΑΣ"}
	for _, in := range inputs {
		if got, want := string(fold(in)), strings.ToLower(in); got != want {
			t.Errorf("fold(%.40q) differs from strings.ToLower", in)
		}
	}
}

// FuzzFold compares fold with strings.ToLower on any input.
func FuzzFold(f *testing.F) {
	f.Add("Обязательный Parameter")
	f.Add("\xffA")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(fold(s)), strings.ToLower(s); got != want {
			t.Fatalf("fold(%q) = %q, want %q", s, got, want)
		}
	})
}
