// Package naming turns names from the documentation (method names,
// parameter names, error codes) into Go identifiers. Every identifier b24gen
// emits goes through Ident, so that the same input always gives the same
// name and no input can give an invalid or unsafe one.
package naming

import (
	"fmt"
	"go/token"
	"strings"
	"unicode"
)

// Case selects the form of an identifier.
type Case int

const (
	// Exported: "source.delete" → "SourceDelete", "id" → "ID".
	Exported Case = iota
	// Unexported: "source.delete" → "sourceDelete", "id" → "id".
	Unexported
	// Package: "biconnector" → "biconnector", "user.userfield" → "useruserfield".
	Package
)

// initialisms are written in capitals, as Go style asks ("ID", "URL").
var initialisms = map[string]bool{
	"api": true, "ascii": true, "cpu": true, "css": true, "dns": true, "eof": true,
	"guid": true, "html": true, "http": true, "https": true, "id": true, "ids": false,
	"ip": true, "json": true, "oauth": false, "rpc": true, "sla": true, "smtp": true,
	"sql": true, "ssh": true, "tcp": true, "tls": true, "ttl": true, "udp": true,
	"ui": true, "uid": true, "uri": true, "url": true, "utf8": true, "uuid": true,
	"vat": true, "xml": true, "xss": true, "crm": false,
}

// Ident returns the Go identifier for name in the given case. Words are
// split at every character that is not a letter or digit and at case
// changes; Cyrillic is transliterated; initialisms are capitalised. The
// result is always a valid identifier: a name with no letters becomes "X",
// a leading digit gets an "N" prefix, and an unexported name or package name
// that would be a Go keyword gets a trailing underscore or "pkg".
func Ident(name string, c Case) string {
	words := Words(name)
	if len(words) == 0 {
		words = []string{"x"}
	}
	var b strings.Builder
	for i, w := range words {
		switch {
		case c == Package:
			b.WriteString(w)
		case c == Unexported && i == 0:
			b.WriteString(w)
		case initialisms[w]:
			b.WriteString(strings.ToUpper(w))
		default:
			b.WriteString(strings.ToUpper(w[:1]) + w[1:])
		}
	}
	id := b.String()
	if r := rune(id[0]); unicode.IsDigit(r) {
		if c == Exported {
			id = "N" + id
		} else {
			id = "n" + id
		}
	}
	if token.IsKeyword(id) {
		if c == Package {
			id += "pkg"
		} else {
			id += "_"
		}
	}
	return id
}

// Words splits a name into lower-case ASCII words.
func Words(name string) []string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	runes := []rune(translit(name))
	for i, r := range runes {
		if !isASCIIAlnum(r) {
			flush()
			continue
		}
		if len(cur) > 0 && unicode.IsUpper(r) {
			prev := cur[len(cur)-1]
			nextLower := i+1 < len(runes) && unicode.IsLower(runes[i+1])
			// fooBar → foo Bar; HTTPServer → HTTP Server
			if unicode.IsLower(prev) || unicode.IsDigit(prev) || (unicode.IsUpper(prev) && nextLower) {
				flush()
			}
		}
		cur = append(cur, r)
	}
	flush()
	return words
}

func isASCIIAlnum(r rune) bool {
	return r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// cyrillic maps Russian letters to Latin, after the common passport
// transliteration; capitals keep their case so that word splitting still
// sees them.
var cyrillic = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh",
	'з': "z", 'и': "i", 'й': "i", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o",
	'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts",
	'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "iu",
	'я': "ia",
}

func translit(s string) string {
	var b strings.Builder
	for _, r := range s {
		lower := unicode.ToLower(r)
		lat, ok := cyrillic[lower]
		if !ok {
			b.WriteRune(r)
			continue
		}
		if r != lower && lat != "" {
			lat = strings.ToUpper(lat[:1]) + lat[1:]
		}
		b.WriteString(lat)
	}
	return b.String()
}

// Fields gives the members of one struct their Go names: Ident of each
// JSON name, and, for a name whose identifier an earlier member (or a
// reserved one, such as Extra) already has, the identifier of the name
// and a number ("author_id" after "authorId": AuthorID2).
type Fields struct{ used map[string]bool }

// NewFields returns the names of a struct with the reserved ones taken.
func NewFields(reserved ...string) *Fields {
	f := &Fields{used: map[string]bool{}}
	for _, r := range reserved {
		f.used[r] = true
	}
	return f
}

// Name returns the Go name of the member called name.
func (f *Fields) Name(name string) string {
	id := Ident(name, Exported)
	for n := 2; f.used[id]; n++ {
		id = Ident(fmt.Sprintf("%s %d", name, n), Exported)
	}
	f.used[id] = true
	return id
}
