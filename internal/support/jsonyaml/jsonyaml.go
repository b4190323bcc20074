// Package jsonyaml turns JSON documents into YAML without losing the key
// order, so that a YAML file says the same thing as its JSON twin, in the
// same order.
//
// The YAML is written in one pass, as block YAML with an indent of two, by
// a Writer that takes the values in a JSON encoder's order: from the
// tokens of a JSON text (FromJSON), or pushed by an encoder that writes the
// JSON twin at the same time. yaml.v3's encoder is not used for it: it
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
	w := NewWriter(len(js))
	if err := w.JSON(js); err != nil {
		return nil, err
	}
	return w.Bytes()
}

// Writer writes one YAML document from the values pushed to it, in the
// order of a JSON encoder: BeginObject, then Key and a value per entry,
// then End; BeginArray, the items, End; String and Literal for scalars.
// The first misuse (a value without its key, a key twice in one object, a
// missing End) is kept and returned by Bytes.
type Writer struct {
	out   bytes.Buffer
	stack []frame
	// keyed says that a key has been written and its value comes next.
	keyed bool
	err   error
	// head is the length of the comment the document starts with.
	head int
}

// frame is an object or array being written.
type frame struct {
	seq bool
	// indent is the column of the object's keys or the array's dashes.
	indent int
	// n counts the entries or items written.
	n int
	// inline says the first entry goes on the current line, after the
	// "- " of the array item the collection is.
	inline bool
	// empty says the collection was written whole as {} or [].
	empty bool
	keys  keySet
}

// NewWriter returns a writer whose buffer starts with room for size bytes.
func NewWriter(size int) *Writer {
	return NewWriterAfter("", size)
}

// NewWriterAfter returns a writer whose document starts with comment (each
// of its lines "# …", ending in a newline, or ""), with room for size
// bytes in all.
func NewWriterAfter(comment string, size int) *Writer {
	w := &Writer{head: len(comment)}
	w.out.Grow(max(size, len(comment)))
	w.out.WriteString(comment)
	return w
}

// Bytes returns the document, or the first misuse of the writer.
func (w *Writer) Bytes() ([]byte, error) {
	if w.err == nil && len(w.stack) > 0 {
		w.err = errors.New("jsonyaml: the document ends inside an object or array")
	}
	if w.err != nil {
		return nil, w.err
	}
	return w.out.Bytes(), nil
}

func (w *Writer) fail(format string, args ...any) {
	if w.err == nil {
		w.err = fmt.Errorf("jsonyaml: "+format, args...)
	}
}

// maxImplicitKey is the longest key YAML lets stand before its colon; a
// longer one is written as an explicit "? key" entry.
const maxImplicitKey = 1000

// Value positions: a document's top, an object entry's value, an item.
const (
	atTop = iota
	afterKey
	asItem
)

// open starts a value where it stands and returns its position and the
// column of its content (nested entries, literal lines).
func (w *Writer) open() (position, indent int) {
	if len(w.stack) == 0 {
		if w.out.Len() > w.head {
			w.fail("a second value after the document")
		}
		return atTop, 0
	}
	f := &w.stack[len(w.stack)-1]
	if f.empty {
		w.fail("a value in an object or array begun as empty")
	}
	if !f.seq {
		if !w.keyed {
			w.fail("a value in an object without its key")
		}
		w.keyed = false
		return afterKey, f.indent + 2
	}
	if f.n > 0 || !f.inline {
		w.pad(f.indent)
	}
	f.n++
	w.out.WriteString("- ")
	return asItem, f.indent + 2
}

// BeginObject starts an object; empty says it has no entries.
func (w *Writer) BeginObject(empty bool) { w.begin(false, empty) }

// BeginArray starts an array; empty says it has no items.
func (w *Writer) BeginArray(empty bool) { w.begin(true, empty) }

func (w *Writer) begin(seq, empty bool) {
	position, indent := w.open()
	if empty {
		if position == afterKey {
			w.out.WriteByte(' ')
		}
		if seq {
			w.out.WriteString("[]\n")
		} else {
			w.out.WriteString("{}\n")
		}
		w.stack = append(w.stack, frame{seq: seq, empty: true})
		return
	}
	switch position {
	case atTop:
		indent = 0
	case afterKey:
		// nested entries start on the next line, two columns deeper;
		// arrays are indented under their key as yaml.v3 writes them
		w.out.WriteByte('\n')
	}
	w.stack = append(w.stack, frame{seq: seq, indent: indent, inline: position == asItem})
}

// Key writes the key of the next entry of the current object.
func (w *Writer) Key(k string) {
	if len(w.stack) == 0 || w.stack[len(w.stack)-1].seq || w.stack[len(w.stack)-1].empty || w.keyed {
		w.fail("key %q outside an object entry", k)
		return
	}
	f := &w.stack[len(w.stack)-1]
	if !f.keys.add(k) {
		w.fail("key %q appears twice in one object", k)
		return
	}
	if f.n > 0 || !f.inline {
		w.pad(f.indent)
	}
	f.n++
	if len(k) > maxImplicitKey {
		w.out.WriteString("? ")
		w.quoted(k)
		w.out.WriteByte('\n')
		w.pad(f.indent)
	} else if plain(k) {
		w.out.WriteString(k)
	} else {
		w.quoted(k)
	}
	w.out.WriteByte(':')
	w.keyed = true
}

// End closes the current object or array.
func (w *Writer) End() {
	if len(w.stack) == 0 || w.keyed {
		w.fail("an end without its object or array, or after a key")
		return
	}
	w.stack = w.stack[:len(w.stack)-1]
}

// String writes a string value.
func (w *Writer) String(s string) {
	position, indent := w.open()
	if position == afterKey {
		w.out.WriteByte(' ')
	}
	switch {
	case plain(s):
		w.out.WriteString(s)
	case position != atTop && literal(s):
		w.literal(s, indent)
		return
	default:
		w.quoted(s)
	}
	w.out.WriteByte('\n')
}

// Literal writes a number, true, false or null, spelled as in JSON.
func (w *Writer) Literal(s string) {
	if position, _ := w.open(); position == afterKey {
		w.out.WriteByte(' ')
	}
	w.out.WriteString(s)
	w.out.WriteByte('\n')
}

// JSON writes the JSON value js, which may be a whole document or one
// value inside the one being written.
func (w *Writer) JSON(js []byte) error {
	dec := json.NewDecoder(bytes.NewReader(js))
	dec.UseNumber()
	depth := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) && depth == 0 {
			break
		}
		if err != nil {
			return fmt.Errorf("jsonyaml: %w", err)
		}
		switch v := tok.(type) {
		case json.Delim:
			switch v {
			case '{':
				w.BeginObject(!dec.More())
				depth++
			case '[':
				w.BeginArray(!dec.More())
				depth++
			default:
				w.End()
				depth--
			}
		case string:
			if depth > 0 && !w.stack[len(w.stack)-1].seq && !w.keyed {
				w.Key(v)
			} else {
				w.String(v)
			}
		case json.Number:
			w.Literal(v.String())
		case bool:
			w.Literal(strconv.FormatBool(v))
		case nil:
			w.Literal("null")
		}
		if w.err != nil {
			return w.err
		}
		if depth == 0 {
			if _, err := dec.Token(); !errors.Is(err, io.EOF) {
				return fmt.Errorf("jsonyaml: trailing data after the value")
			}
			return nil
		}
	}
	return fmt.Errorf("jsonyaml: empty input")
}

// quoted writes s as a double-quoted scalar. Go's escapes (\n, \t, \",
// \\, \xXX, \uXXXX, \UXXXXXXXX, …) all mean the same in YAML.
func (w *Writer) quoted(s string) {
	w.out.WriteString(strconv.Quote(s))
}

// literal writes s, which literal accepted, as a literal block scalar:
// "|" keeps its one final newline, "|-" says it has none.
func (w *Writer) literal(s string, indent int) {
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
func (w *Writer) pad(n int) {
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
