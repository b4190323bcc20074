package analysis

import (
	"html"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// plainText is a message of the documentation as the portal sends it:
// the Markdown of the page's table cell left out. Code spans keep their
// text without the backticks, links their text, emphasis its text;
// backslash escapes, HTML entities and the \uXXXX escapes of JSON copied
// into the page are decoded; line breaks (<br>) and runs of white space
// become one space. A cell that only holds a dash says there is no
// message: it gives "".
func plainText(s string) string {
	s = html.UnescapeString(jsonEscapes(s))
	s = strings.Join(strings.Fields(inlineText(s)), " ")
	if strings.Trim(s, "-–—") == "" {
		return ""
	}
	return s
}

// jsonEscapes decodes the \uXXXX escapes of a JSON string.
func jsonEscapes(s string) string {
	if !strings.Contains(s, `\u`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+6 <= len(s) && s[i+1] == 'u' {
			if r, err := strconv.ParseUint(s[i+2:i+6], 16, 32); err == nil && utf8.ValidRune(rune(r)) {
				b.WriteRune(rune(r))
				i += 5
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// inlineText renders Markdown inlines as text, after CommonMark's rules
// for code spans, backslash escapes, links, images, autolinks and
// emphasis. A backtick that opens no code span is left out too: the
// documentation's messages hold no literal backticks.
func inlineText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]):
			b.WriteByte(s[i+1])
			i += 2
			continue
		case c == '`':
			n := runLen(s, i, '`')
			if end := closingBackticks(s, i+n, n); end >= 0 {
				b.WriteString(codeSpan(s[i+n : end]))
				i = end + n
			} else {
				i += n
			}
			continue
		case c == '[' || (c == '!' && i+1 < len(s) && s[i+1] == '['):
			start := i
			if c == '!' {
				start++
			}
			if text, end, ok := link(s, start); ok {
				b.WriteString(inlineText(text))
				i = end
				continue
			}
		case c == '<':
			if text, end, ok := htmlInline(s, i); ok {
				b.WriteString(text)
				i = end
				continue
			}
		case c == '*' || c == '_':
			n := runLen(s, i, c)
			if end, ok := emphasis(s, i, n); ok {
				b.WriteString(inlineText(s[i+n : end]))
				i = end + n
				continue
			}
			b.WriteString(s[i : i+n])
			i += n
			continue
		}
		b.WriteByte(c)
		i++
	}
	return b.String()
}

// runLen is the length of the run of c that starts at i.
func runLen(s string, i int, c byte) int {
	n := 0
	for i+n < len(s) && s[i+n] == c {
		n++
	}
	return n
}

// closingBackticks is where the run of exactly n backticks that closes a
// code span opened before from starts, or -1.
func closingBackticks(s string, from, n int) int {
	for i := from; i < len(s); {
		if s[i] != '`' {
			i++
			continue
		}
		m := runLen(s, i, '`')
		if m == n {
			return i
		}
		i += m
	}
	return -1
}

// codeSpan is the text of a code span: one space stripped from each side
// when both have one and the span is not all spaces.
func codeSpan(s string) string {
	if len(s) >= 2 && s[0] == ' ' && s[len(s)-1] == ' ' && strings.Trim(s, " ") != "" {
		return s[1 : len(s)-1]
	}
	return s
}

// link reads a link [text](destination) that starts at s[i] == '[', and
// returns its text and where it ends.
func link(s string, i int) (text string, end int, ok bool) {
	j, depth := i, 0
brackets:
	for ; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '[':
			depth++
		case ']':
			if depth--; depth == 0 {
				break brackets
			}
		}
	}
	if j+1 >= len(s) || s[j+1] != '(' {
		return "", 0, false
	}
	text = s[i+1 : j]
	depth = 0
	for k := j + 1; k < len(s); k++ {
		switch s[k] {
		case '\\':
			k++
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return text, k + 1, true
			}
		}
	}
	return "", 0, false
}

// formatTags are the HTML tags of the documentation's cells that only
// format: they are left out, a line break becoming a space. Other text
// in angle brackets (<LINE_ID>, <required>) is the message's own.
var formatTags = map[string]string{
	"br": " ", "b": "", "strong": "", "i": "", "em": "", "code": "", "u": "", "s": "", "span": "", "nobr": "",
}

// htmlInline reads an autolink (<https://…>: its address) or a
// formatting tag at s[i] == '<', and returns its text and where it ends.
func htmlInline(s string, i int) (text string, end int, ok bool) {
	close := strings.IndexByte(s[i:], '>')
	if close < 0 {
		return "", 0, false
	}
	inner := s[i+1 : i+close]
	end = i + close + 1
	if u, _, found := strings.Cut(inner, "://"); found && !strings.ContainsAny(inner, " <") && isScheme(u) {
		return inner, end, true
	}
	name := strings.TrimPrefix(inner, "/")
	name = strings.TrimSpace(strings.TrimSuffix(name, "/"))
	if k := strings.IndexFunc(name, unicode.IsSpace); k >= 0 {
		name = name[:k]
	}
	if t, found := formatTags[strings.ToLower(name)]; found {
		return t, end, true
	}
	return "", 0, false
}

func isScheme(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.') {
			return false
		}
	}
	return true
}

// emphasis reports where the run of n delimiters that closes the one at
// s[i] starts. An opening run is followed by a character that is not
// space, and a closing run preceded by one; an underscore run also does
// not touch letters or digits outside (in ENTITY_TYPE_ID they are the
// name's own). Code spans inside are skipped.
func emphasis(s string, i, n int) (int, bool) {
	c := s[i]
	after := i + n
	if after >= len(s) || isSpaceAt(s, after) {
		return 0, false
	}
	if c == '_' && i > 0 && isWordBefore(s, i) {
		return 0, false
	}
	for j := after; j < len(s); {
		switch s[j] {
		case '`':
			m := runLen(s, j, '`')
			if end := closingBackticks(s, j+m, m); end >= 0 {
				j = end + m
			} else {
				j += m
			}
			continue
		case '\\':
			j += 2
			continue
		case c:
			m := runLen(s, j, c)
			if m == n && j > after && !isSpaceBefore(s, j) && (c == '*' || j+m >= len(s) || !isWordAt(s, j+m)) {
				return j, true
			}
			j += m
			continue
		}
		j++
	}
	return 0, false
}

func isASCIIPunct(c byte) bool {
	return c < utf8.RuneSelf && unicode.IsPunct(rune(c)) || strings.IndexByte("$+<=>^`|~", c) >= 0
}

func isSpaceAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsSpace(r)
}

func isSpaceBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsSpace(r)
}

func isWordAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isWordBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
