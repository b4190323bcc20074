package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/b24gen/b24gen/model"
)

// The model of the whole docs tree is about 29 MB of indented JSON, and
// encoding it was a quarter of the model command's time, most of it in
// json.MarshalIndent's indent pass. So the methods and events are encoded
// on every core, compact by json.Marshal and then indented by
// appendIndent, a pass that only has to find strings and punctuation; and
// the JSON output streams to the writer in order as the items are
// encoded, a few items in flight, instead of being built whole.
// TestMarshalModel holds the result to json.MarshalIndent(api, "", "  ")
// byte for byte, and FuzzIndent holds appendIndent to json.Indent.

// outputBuffer is the size of the buffer writeModelJSON writes through.
const outputBuffer = 256 << 10

// writeModelJSON writes api to w as json.MarshalIndent(api, "", "  ")
// encodes it, and a newline.
func writeModelJSON(w io.Writer, api *model.API) error {
	bw := bufio.NewWriterSize(w, outputBuffer)
	if err := encodeModel(bw, api); err != nil {
		return err
	}
	if err := bw.WriteByte('\n'); err != nil {
		return err
	}
	return bw.Flush()
}

// marshalModel encodes api exactly as json.MarshalIndent(api, "", "  ")
// does.
func marshalModel(api *model.API) ([]byte, error) {
	var b bytes.Buffer
	if err := encodeModel(&b, api); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// stringWriter is what encodeModel writes to: a bufio.Writer or a
// bytes.Buffer.
type stringWriter interface {
	io.Writer
	io.StringWriter
}

// encodeModel writes api to w as json.MarshalIndent(api, "", "  ")
// encodes it. model.API's fields are version, methods and events, in
// this order (TestMarshalModel checks it).
func encodeModel(w stringWriter, api *model.API) error {
	head := "{\n  \"version\": " + strconv.Itoa(api.Version) + ",\n  \"methods\": "
	if _, err := w.WriteString(head); err != nil {
		return err
	}
	if err := writeList(w, api.Methods, api.Methods == nil); err != nil {
		return err
	}
	if _, err := w.WriteString(",\n  \"events\": "); err != nil {
		return err
	}
	if err := writeList(w, api.Events, api.Events == nil); err != nil {
		return err
	}
	_, err := w.WriteString("\n}")
	return err
}

// itemDepth is the depth of a member of a list in a top-level object, in
// indents: MarshalIndent(item, "    ", "  ").
const itemDepth = 2

// writeList writes items as MarshalIndent writes a list member of a
// top-level object, encoding them on every core and writing each as soon
// as it and those before it are encoded.
func writeList[T any](w stringWriter, items []T, isNil bool) error {
	switch {
	case isNil:
		_, err := w.WriteString("null")
		return err
	case len(items) == 0:
		_, err := w.WriteString("[]")
		return err
	}
	if _, err := w.WriteString("[\n    "); err != nil {
		return err
	}
	workers := min(runtime.GOMAXPROCS(0), len(items))
	// Item i is encoded into slots[i%len(slots)]; it is handed to a worker
	// once item i-len(slots) is written, so at most len(slots) encoded
	// items are held at once and every slot's buffer is reused.
	type slot struct {
		b    []byte
		err  error
		done chan struct{}
	}
	slots := make([]slot, min(4*workers, len(items)))
	for i := range slots {
		slots[i].b = *itemBuffers.Get().(*[]byte)
		slots[i].done = make(chan struct{}, 1)
	}
	jobs := make(chan int, len(slots))
	var stop atomic.Bool
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			e := itemEncoders.Get().(*itemEncoder)
			defer itemEncoders.Put(e)
			for i := range jobs {
				s := &slots[i%len(slots)]
				if !stop.Load() {
					s.b, s.err = e.encode(s.b[:0], &items[i])
				}
				s.done <- struct{}{}
			}
		})
	}
	for i := range slots {
		jobs <- i
	}
	err := func() error {
		for i := range items {
			s := &slots[i%len(slots)]
			<-s.done
			if s.err != nil {
				return s.err
			}
			if i > 0 {
				if _, err := w.WriteString(",\n    "); err != nil {
					return err
				}
			}
			if _, err := w.Write(s.b); err != nil {
				return err
			}
			if next := i + len(slots); next < len(items) {
				jobs <- next
			}
		}
		return nil
	}()
	stop.Store(err != nil)
	close(jobs)
	wg.Wait()
	for _, s := range slots {
		itemBuffers.Put(&s.b)
	}
	if err != nil {
		return err
	}
	_, err = w.WriteString("\n  ]")
	return err
}

// itemEncoders and itemBuffers keep, from one list to the next, the
// buffers items are encoded in.
var (
	itemEncoders = sync.Pool{New: func() any {
		e := new(itemEncoder)
		e.enc = json.NewEncoder(&e.compact)
		return e
	}}
	itemBuffers = sync.Pool{New: func() any { return new([]byte) }}
)

// itemEncoder encodes items as MarshalIndent(item, "    ", "  ").
type itemEncoder struct {
	compact bytes.Buffer
	enc     *json.Encoder // writes to compact, escaping HTML as Marshal does
}

// encode appends the item v, indented, to dst.
func (e *itemEncoder) encode(dst []byte, v any) ([]byte, error) {
	e.compact.Reset()
	if err := e.enc.Encode(v); err != nil {
		return dst, err
	}
	// Encode ends the value with a newline
	compact := bytes.TrimSuffix(e.compact.Bytes(), []byte{'\n'})
	return appendIndent(dst, compact, itemDepth), nil
}

// newline is a newline and the indentation of the deepest levels most
// JSON reaches; appendNewline writes deeper ones in pieces.
var newline = "\n" + strings.Repeat(" ", 128)

// appendNewline appends a newline and depth indents of two spaces.
func appendNewline(dst []byte, depth int) []byte {
	n := 2 * depth
	if n < len(newline) {
		return append(dst, newline[:1+n]...)
	}
	dst = append(dst, newline...)
	for n -= len(newline) - 1; n > 0; {
		k := min(n, len(newline)-1)
		dst = append(dst, newline[1:1+k]...)
		n -= k
	}
	return dst
}

// literal marks the bytes that go on a literal (a number, true, false or
// null) of compact JSON: every byte but punctuation and the quote.
var literal = func() (t [256]bool) {
	for i := range t {
		t[i] = !strings.ContainsRune(`{}[],:"`, rune(i))
	}
	return t
}()

// appendIndent appends to dst the compact JSON src (with no whitespace
// outside its strings, as json.Marshal writes it) indented as
// json.Indent(dst, src, prefix, "  ") indents it, where prefix is depth
// indents of two spaces: each element on a line of its own, "{}" and
// "[]" kept as they are, a space after each colon. src must be valid.
func appendIndent(dst, src []byte, depth int) []byte {
	// open: the last byte was a '{' or '[', whose newline waits for
	// whether the object or array is empty
	open := false
	for i := 0; i < len(src); {
		c := src[i]
		switch c {
		case '}', ']':
			if open {
				open = false
			} else {
				depth--
				dst = appendNewline(dst, depth)
			}
			dst = append(dst, c)
			i++
			continue
		case ',':
			dst = appendNewline(append(dst, ','), depth)
			i++
			continue
		case ':':
			dst = append(dst, ':', ' ')
			i++
			continue
		}
		if open {
			open = false
			depth++
			dst = appendNewline(dst, depth)
		}
		switch c {
		case '{', '[':
			open = true
			dst = append(dst, c)
			i++
		case '"':
			j := stringEnd(src, i+1)
			dst = append(dst, src[i:j]...)
			i = j
		default:
			j := i + 1
			for j < len(src) && literal[src[j]] {
				j++
			}
			dst = append(dst, src[i:j]...)
			i = j
		}
	}
	return dst
}

// stringEnd returns the index past the quote that ends the string of src
// whose contents begin at start: the first quote not escaped, that is
// not after an odd run of backslashes.
func stringEnd(src []byte, start int) int {
	for i := start; ; {
		k := bytes.IndexByte(src[i:], '"')
		if k < 0 {
			return len(src)
		}
		q := i + k
		p := q
		for p > start && src[p-1] == '\\' {
			p--
		}
		if (q-p)%2 == 0 {
			return q + 1
		}
		i = q + 1
	}
}
