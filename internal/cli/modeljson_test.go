package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/b24gen/b24gen/internal/support/testdocs"
	"github.com/b24gen/b24gen/model"
	"github.com/b24gen/b24gen/parser"
)

// TestMarshalModel: the parallel encoding is json.MarshalIndent's, byte
// for byte, for the specs' model and for empty and nil lists, in memory
// and streamed; and model.API has the fields marshalModel writes, in its
// order.
func TestMarshalModel(t *testing.T) {
	res, err := parser.Parse(os.DirFS(specs), parser.Options{})
	if err != nil {
		t.Fatal(err)
	}
	many := &model.API{Version: 2}
	for range 7 {
		// more items than slots, so that slots are reused
		many.Methods = append(many.Methods, res.API.Methods...)
		many.Events = append(many.Events, res.API.Events...)
	}
	for name, api := range map[string]*model.API{
		"specs":       &res.API,
		"many":        many,
		"empty lists": {Version: 1, Methods: []model.Method{}, Events: []model.Event{}},
		"nil lists":   {Version: 1},
		"one method":  {Version: 1, Methods: res.API.Methods[:1]},
		"one event":   {Version: 1, Methods: []model.Method{}, Events: []model.Event{{Name: "ON<&>\u2028"}}},
	} {
		want, err := json.MarshalIndent(api, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		got, err := marshalModel(api)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: the parallel encoding differs from json.MarshalIndent", name)
		}
		var out bytes.Buffer
		if err := writeModelJSON(&out, api); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out.Bytes(), append(want, '\n')) {
			t.Errorf("%s: the streamed encoding differs from json.MarshalIndent", name)
		}
	}
	typ := reflect.TypeFor[model.API]()
	var tags []string
	for i := range typ.NumField() {
		tags = append(tags, typ.Field(i).Tag.Get("json"))
	}
	if !reflect.DeepEqual(tags, []string{"version", "methods", "events"}) {
		t.Errorf("model.API has the fields %v: marshalModel writes version, methods, events", tags)
	}
}

// failingWriter takes n bytes, then fails.
type failingWriter struct{ n int }

var errFull = errors.New("device full")

func (w *failingWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		k := w.n
		w.n = 0
		return k, errFull
	}
	w.n -= len(p)
	return len(p), nil
}

// TestModelWriteError: a failing stdout fails the model command, with the
// write's error, whether it fails at once or in the middle of the output.
func TestModelWriteError(t *testing.T) {
	for _, format := range []string{"json", "yaml"} {
		for _, n := range []int{0, 100, 5000} {
			var stderr bytes.Buffer
			code := Run([]string{"model", "-docs", specs, "-format", format}, &failingWriter{n: n}, &stderr)
			if code != exitFail || !strings.Contains(stderr.String(), "b24gen model: device full") {
				t.Errorf("-format %s, stdout failing after %d bytes: exit %d, stderr %q", format, n, code, stderr.String())
			}
		}
	}
	// the whole model goes through the writer in pieces: a failure in the
	// middle stops it
	res, err := parser.Parse(os.DirFS(specs), parser.Options{})
	if err != nil {
		t.Fatal(err)
	}
	many := &model.API{Version: 2}
	for range 20 {
		many.Methods = append(many.Methods, res.API.Methods...)
	}
	whole, err := marshalModel(many)
	if err != nil {
		t.Fatal(err)
	}
	w := &failingWriter{n: len(whole) / 2}
	if err := writeModelJSON(w, many); !errors.Is(err, errFull) {
		t.Errorf("writing half the model: %v, want %v", err, errFull)
	}
}

// FuzzIndent: appendIndent indents the JSON json.Marshal writes as
// json.Indent does, at the top level and at an item's depth.
func FuzzIndent(f *testing.F) {
	for _, seed := range []string{
		`{}`, `[]`, `[[],{},[{}],{"":[]}]`, `{"a":{"b":[1,2.5e-3,-0,true,false,null]}}`,
		`"\\"`, `"\"\\\""`, `"a\\\\\"b"`, `"<&>\u2028\u2029"`, `"приветствие 🙂"`,
		`{"k\\":"v\"","\\\\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}`,
		"\xff\xfe\"\x01",
	} {
		f.Add([]byte(seed), seed)
	}
	f.Fuzz(func(t *testing.T, data []byte, s string) {
		var docs [][]byte
		// data as JSON, decoded and encoded again
		var v any
		if json.Unmarshal(data, &v) == nil {
			b, err := json.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			docs = append(docs, b)
		}
		// data as a string, and s as strings, keys and in nested empties
		b, err := json.Marshal([]any{
			string(data), s,
			map[string]any{s: []any{}, s + "\\": map[string]any{}, "": []any{[]any{}, map[string]any{s: nil}}},
			[]any{[]any{[]any{s}}, 1.5e300, -7, true},
		})
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, b)
		for _, doc := range docs {
			for _, prefix := range []string{"", "    "} {
				var want bytes.Buffer
				if err := json.Indent(&want, doc, prefix, "  "); err != nil {
					t.Fatal(err)
				}
				got := appendIndent([]byte("x"), doc, len(prefix)/2)
				if !bytes.Equal(got[1:], want.Bytes()) || got[0] != 'x' {
					t.Errorf("appendIndent(%q, %d):\n%s\njson.Indent:\n%s", doc, len(prefix)/2, got[1:], want.Bytes())
				}
			}
		}
	})
}

// TestAppendIndentDeep: depths beyond the newline's prepared indentation.
func TestAppendIndentDeep(t *testing.T) {
	doc := []byte(strings.Repeat("[", 200) + `"x"` + strings.Repeat("]", 200))
	var want bytes.Buffer
	if err := json.Indent(&want, doc, "    ", "  "); err != nil {
		t.Fatal(err)
	}
	if got := appendIndent(nil, doc, 2); !bytes.Equal(got, want.Bytes()) {
		t.Error("appendIndent differs from json.Indent on 200 nested arrays")
	}
}

// BenchmarkMarshalModel: encoding the model, without reading it: that of
// the docs tree at B24_DOCS if it is set, else that of specs/.
func BenchmarkMarshalModel(b *testing.B) {
	dir := specs
	if os.Getenv("B24_DOCS") != "" {
		dir = testdocs.Russian(b)
	}
	res, err := parser.Parse(os.DirFS(dir), parser.Options{})
	if err != nil {
		b.Fatal(err)
	}
	api := &res.API
	whole, err := marshalModel(api)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("stream", func(b *testing.B) {
		b.SetBytes(int64(len(whole)))
		b.ReportAllocs()
		for b.Loop() {
			if err := writeModelJSON(discard{}, api); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("memory", func(b *testing.B) {
		b.SetBytes(int64(len(whole)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := marshalModel(api); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("MarshalIndent", func(b *testing.B) {
		b.SetBytes(int64(len(whole)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := json.MarshalIndent(api, "", "  "); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// discard is io.Discard without its ReadFrom, which a bufio.Writer would
// not use anyway: it stands for stdout.
type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
