package protocol

import (
	"strings"
	"unicode"
)

// MessageKey is an error message as errors without a code are matched by
// it: its words (runs of letters and digits), lower-cased, one space
// apart. Punctuation, quotes, Markdown marks and spacing do not count, so
// that the docs' "`ID is not defined or invalid`" is the portal's "ID is
// not defined or invalid.", as codes match whatever their case.
func MessageKey(message string) string {
	var b strings.Builder
	b.Grow(len(message))
	word := false
	for _, r := range message {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if !word && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteRune(unicode.ToLower(r))
			word = true
			continue
		}
		word = false
	}
	return b.String()
}
