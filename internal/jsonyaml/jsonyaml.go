// Package jsonyaml turns JSON documents into YAML without losing the key
// order, so that a YAML file says the same thing as its JSON twin, in the
// same order.
//
// The YAML is written straight from the JSON tokens in one pass, as block
// YAML with an indent of two. yaml.v3's encoder is not used for it: it
// keeps every event of a document until the document ends, which for the
// OpenAPI document of the whole API (tens of megabytes) costs seconds and
// hundreds of megabytes. The subset written here is small (block mappings
// and sequences, plain, double-quoted and literal scalars) and its
// equivalence to the JSON is checked with yaml.v3's decoder in the tests
// and by a fuzz target.
package jsonyaml

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// FromJSON converts a JSON document to YAML. Strings stay strings (one that
// would read as a number, a boolean or null is quoted), numbers keep their
// JSON spelling, and an object with a key twice is an error, as YAML does
// not allow it.
func FromJSON(js []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(js))
	dec.UseNumber()
	w := &writer{dec: dec}
	// The YAML of an indented JSON document is usually a little shorter.
	w.out.Grow(len(js))
	tok, err := dec.Token()
	if err != nil {
		return nil, fmt.Errorf("jsonyaml: %w", err)
	}
	if err := w.top(tok); err != nil {
		return nil, fmt.Errorf("jsonyaml: %w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("jsonyaml: trailing data after the document")
	}
	return w.out.Bytes(), nil
}

// writer writes the YAML of the tokens dec reads.
type writer struct {
	dec *json.Decoder
	out bytes.Buffer
}

// maxImplicitKey is the longest key YAML lets stand before its colon; a
// longer one is written as an explicit "? key" entry.
const maxImplicitKey = 1000

// top writes a whole document whose first token is tok.
func (w *writer) top(tok json.Token) error {
	switch tok {
	case json.Delim('{'):
		if !w.dec.More() {
			w.out.WriteString("{}\n")
			return w.end()
		}
		return w.mapping(0, false)
	case json.Delim('['):
		if !w.dec.More() {
			w.out.WriteString("[]\n")
			return w.end()
		}
		return w.sequence(0, false)
	}
	return w.scalar(tok, 0)
}

// mapping writes the entries of an object whose '{' has been read, at
// column indent. inline says the first entry goes on the current line,
// after a sequence's "- ".
func (w *writer) mapping(indent int, inline bool) error {
	var seen keySet
	for i := 0; w.dec.More(); i++ {
		tok, err := w.dec.Token()
		if err != nil {
			return err
		}
		key, ok := tok.(string)
		if !ok {
			return fmt.Errorf("object key %v is not a string", tok)
		}
		if !seen.add(key) {
			return fmt.Errorf("key %q appears twice in one object", key)
		}
		if i > 0 || !inline {
			w.pad(indent)
		}
		if len(key) > maxImplicitKey {
			w.out.WriteString("? ")
			w.quoted(key)
			w.out.WriteByte('\n')
			w.pad(indent)
		} else {
			w.key(key)
		}
		w.out.WriteByte(':')
		if err := w.entryValue(indent); err != nil {
			return err
		}
	}
	return w.end()
}

// entryValue writes the value of a mapping entry whose "key:" has been
// written. Nested collections start on the next line, two columns deeper;
// sequences are indented under their key as yaml.v3 writes them.
func (w *writer) entryValue(indent int) error {
	tok, err := w.dec.Token()
	if err != nil {
		return err
	}
	switch tok {
	case json.Delim('{'):
		if !w.dec.More() {
			w.out.WriteString(" {}\n")
			return w.end()
		}
		w.out.WriteByte('\n')
		return w.mapping(indent+2, false)
	case json.Delim('['):
		if !w.dec.More() {
			w.out.WriteString(" []\n")
			return w.end()
		}
		w.out.WriteByte('\n')
		return w.sequence(indent+2, false)
	}
	w.out.WriteByte(' ')
	return w.scalar(tok, indent+2)
}

// sequence writes the items of an array whose '[' has been read, with
// their dashes at column indent. inline says the first item goes on the
// current line.
func (w *writer) sequence(indent int, inline bool) error {
	for i := 0; w.dec.More(); i++ {
		if i > 0 || !inline {
			w.pad(indent)
		}
		w.out.WriteString("- ")
		tok, err := w.dec.Token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'):
			if !w.dec.More() {
				w.out.WriteString("{}\n")
				err = w.end()
			} else {
				err = w.mapping(indent+2, true)
			}
		case json.Delim('['):
			if !w.dec.More() {
				w.out.WriteString("[]\n")
				err = w.end()
			} else {
				err = w.sequence(indent+2, true)
			}
		default:
			err = w.scalar(tok, indent+2)
		}
		if err != nil {
			return err
		}
	}
	return w.end()
}

// end reads the closing delimiter of the current object or array.
func (w *writer) end() error {
	_, err := w.dec.Token()
	return err
}

// scalar writes a scalar value and ends its line; the lines of a literal
// block go at column indent.
func (w *writer) scalar(tok json.Token, indent int) error {
	switch v := tok.(type) {
	case string:
		switch {
		case plain(v):
			w.out.WriteString(v)
		case indent > 0 && literal(v):
			w.literal(v, indent)
			return nil
		default:
			w.quoted(v)
		}
	case json.Number:
		w.out.WriteString(v.String())
	case bool:
		w.out.WriteString(strconv.FormatBool(v))
	case nil:
		w.out.WriteString("null")
	default:
		return fmt.Errorf("unexpected token %v", tok)
	}
	w.out.WriteByte('\n')
	return nil
}

// key writes a mapping key: plain when YAML reads it back as the same
// string, double-quoted otherwise.
func (w *writer) key(k string) {
	if plain(k) {
		w.out.WriteString(k)
		return
	}
	w.quoted(k)
}

// quoted writes s as a double-quoted scalar. Go's escapes (\n, \t, \",
// \\, \xXX, \uXXXX, \UXXXXXXXX, …) all mean the same in YAML.
func (w *writer) quoted(s string) {
	w.out.WriteString(strconv.Quote(s))
}

// literal writes s, which literal accepted, as a literal block scalar:
// "|" keeps its one final newline, "|-" says it has none.
func (w *writer) literal(s string, indent int) {
	body, hasNewline := strings.CutSuffix(s, "\n")
	if hasNewline {
		w.out.WriteString("|\n")
	} else {
		w.out.WriteString("|-\n")
	}
	for line := range strings.SplitSeq(body, "\n") {
		if line != "" {
			w.pad(indent)
			w.out.WriteString(line)
		}
		w.out.WriteByte('\n')
	}
}

// pad starts a line indented to column n.
func (w *writer) pad(n int) {
	for range n {
		w.out.WriteByte(' ')
	}
}

// plain says whether s can be written as a plain scalar that YAML reads
// back as the same string. The rule is deliberately narrower than YAML's:
// nothing that could start an indicator, a number, a date or a special
// float, no word YAML 1.1 or 1.2 reads as a boolean or null, no ": " or
// " #" inside, and only printable characters.
func plain(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' || s[len(s)-1] == ':' {
		return false
	}
	c := s[0]
	if strings.IndexByte("-?:,[]{}#&*!|>'\"%@`+.<=~", c) >= 0 || c >= '0' && c <= '9' {
		return false
	}
	if reserved(s) || strings.Contains(s, ": ") || strings.Contains(s, " #") {
		return false
	}
	for _, r := range s {
		if r == utf8.RuneError || !strconv.IsPrint(r) {
			return false
		}
	}
	return true
}

// reserved says whether s is a word YAML reads as something other than a
// string when it stands plain.
func reserved(s string) bool {
	if len(s) > 5 {
		return false
	}
	switch strings.ToLower(s) {
	case "y", "n", "yes", "no", "on", "off", "true", "false", "null":
		return true
	}
	return false
}

// literal says whether s, a string with line breaks, reads back the same
// from a literal block: printable lines (tabs allowed), no trailing
// blanks that YAML would take for indentation, a first line that does not
// start with a blank (which would set the block's indentation), and at
// most one final newline.
func literal(s string) bool {
	if !strings.Contains(s, "\n") || strings.HasSuffix(s, "\n\n") || s == "\n" {
		return false
	}
	if c := s[0]; c == ' ' || c == '\t' || c == '\n' {
		return false
	}
	prev := rune(0)
	for _, r := range s {
		switch {
		case r == '\n':
			if prev == ' ' || prev == '\t' {
				return false
			}
		case r == '\t':
		case r == utf8.RuneError || !strconv.IsPrint(r):
			return false
		}
		prev = r
	}
	return prev != ' ' && prev != '\t'
}

// keySet finds a key given twice in one object. Most objects have a few
// keys, so a slice is searched until a map pays off.
type keySet struct {
	list []string
	set  map[string]struct{}
}

func (k *keySet) add(key string) bool {
	if k.set != nil {
		if _, ok := k.set[key]; ok {
			return false
		}
		k.set[key] = struct{}{}
		return true
	}
	for _, s := range k.list {
		if s == key {
			return false
		}
	}
	k.list = append(k.list, key)
	if len(k.list) > 16 {
		k.set = make(map[string]struct{}, 2*len(k.list))
		for _, s := range k.list {
			k.set[s] = struct{}{}
		}
		k.list = nil
	}
	return true
}
