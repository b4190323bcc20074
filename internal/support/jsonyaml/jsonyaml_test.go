package jsonyaml

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestFromJSONKeepsOrderAndValues(t *testing.T) {
	in := `{"z":1,"a":{"s":"true","n":"12","t":true,"e":[],"o":{},"m":"line1\nline2","u":"Привет"}}`
	out, err := FromJSON([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	want := "z: 1\na:\n  s: \"true\"\n  \"n\": \"12\"\n  t: true\n  e: []\n  o: {}\n  m: |-\n    line1\n    line2\n  u: Привет\n"
	if string(out) != want {
		t.Fatalf("got\n%s\nwant\n%s", out, want)
	}
	assertSameValue(t, in, out)
}

func TestFromJSONLayout(t *testing.T) {
	in := `{"list":[1,{"a":"x","b":[[],{}]},[2,[3]],"two\nlines\n"],"empty":{},"top":[{"k":"v"}]}`
	want := `list:
  - 1
  - a: x
    b:
      - []
      - {}
  - - 2
    - - 3
  - |
    two
    lines
empty: {}
top:
  - k: v
`
	out, err := FromJSON([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != want {
		t.Fatalf("got\n%s\nwant\n%s", out, want)
	}
	assertSameValue(t, in, out)
}

// TestFromJSONScalars round-trips strings that YAML reads as something
// else when written plain, or that break a line or a block.
func TestFromJSONScalars(t *testing.T) {
	strs := []string{
		"", " ", "true", "False", "yes", "NO", "on", "Off", "y", "N", "null", "Null", "~",
		"12", "-1", "+1", "1.5", ".5", ".inf", "-.Inf", ".NaN", "0x1F", "0o17", "0b101", "1_000", "1e3",
		"2024-01-02", "2024-01-02T10:00:00Z", "12:30", "<<", "=",
		"- item", "-", "--- doc", "...", "? key", ": v", "a: b", "a:", "a #c", "#c", "a#c", "a:b",
		"[x]", "{x}", "x, y", "&anchor", "*alias", "!tag", "|", ">", "'q'", "\"q\"", "%dir", "@at", "`bt`",
		"tab\there", "trailing ", " leading", "line\nbreak", "line\n", "line\n\n", "\nlead", " lead\nx",
		"x\n y", "x \ny", "x\n \ny", "x\r\ny", "nbsp\u00a0x", "sep\u2028x", "nel\u0085x", "bom\ufeffx",
		"bell\a", "nul\x00", "del\x7f", "emoji 😀", "{$request.body#/handler}", "https://example.com/a#b",
		"Поле `ID` — обязательное: да", "x\ty\nz\t", "a\\b", strings.Repeat("k", 1500),
	}
	for _, s := range strs {
		obj := map[string]any{"v": s, "l": []any{s}, s: s}
		in, _ := json.Marshal(obj)
		out, err := FromJSON(in)
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		assertSameValue(t, string(in), out)
	}
}

func TestFromJSONNumbersAndTopLevel(t *testing.T) {
	for _, in := range []string{`1`, `-0.5e-7`, `"text"`, `"two\nlines"`, `null`, `true`, `[]`, `{}`, `[1,[2]]`, `12345678901234567890`} {
		out, err := FromJSON([]byte(in))
		if err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		assertSameValue(t, in, out)
	}
}

func TestFromJSONRejects(t *testing.T) {
	for _, in := range []string{"{", `{"a":1,"a":2}`, `[1] 2`, `{"a":}`} {
		if _, err := FromJSON([]byte(in)); err == nil {
			t.Errorf("%s: want an error", in)
		}
	}
}

func FuzzFromJSON(f *testing.F) {
	for _, s := range []string{`{"a":"b"}`, `[1,"2",{"x":[]}]`, `{"k":"v: w","l":"a\nb\n"}`, `"yes"`, `{"":"","-":"- "}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		var v any
		if json.Unmarshal([]byte(in), &v) != nil {
			return
		}
		out, err := FromJSON([]byte(in))
		if err != nil {
			if strings.Contains(err.Error(), "appears twice") {
				return
			}
			t.Fatalf("%q: %v", in, err)
		}
		assertSameValue(t, in, out)
	})
}

// assertSameValue checks that yaml.v3 reads out as the value the JSON in
// holds.
func assertSameValue(t *testing.T, in string, out []byte) {
	t.Helper()
	if err := Same([]byte(in), out); err != nil {
		t.Fatalf("%s: %v\n%s", in, err, out)
	}
}

// TestWriterPushed builds a document through the Writer's methods, with a
// JSON fragment inside, as an encoder writing the JSON twin does.
func TestWriterPushed(t *testing.T) {
	w := NewWriter(0)
	w.BeginObject(false)
	w.Key("a")
	w.BeginArray(false)
	w.String("x")
	w.BeginObject(false)
	w.Key("k")
	w.Literal("1")
	w.End()
	if err := w.JSON([]byte(`{"raw": [true, null]}`)); err != nil {
		t.Fatal(err)
	}
	w.End()
	w.Key("e")
	w.BeginObject(true)
	w.End()
	w.End()
	out, err := w.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	want := "a:\n  - x\n  - k: 1\n  - raw:\n      - true\n      - null\ne: {}\n"
	if string(out) != want {
		t.Fatalf("got\n%s\nwant\n%s", out, want)
	}
}

func TestWriterMisuse(t *testing.T) {
	for name, build := range map[string]func(w *Writer){
		"value without key": func(w *Writer) { w.BeginObject(false); w.String("x"); w.End() },
		"key in an array":   func(w *Writer) { w.BeginArray(false); w.Key("k"); w.End() },
		"key twice": func(w *Writer) {
			w.BeginObject(false)
			w.Key("k")
			w.Literal("1")
			w.Key("k")
			w.Literal("2")
			w.End()
		},
		"end after a key":  func(w *Writer) { w.BeginObject(false); w.Key("k"); w.End() },
		"unclosed":         func(w *Writer) { w.BeginArray(false); w.Literal("1") },
		"two documents":    func(w *Writer) { w.Literal("1"); w.Literal("2") },
		"stray end":        func(w *Writer) { w.End() },
		"item in an empty": func(w *Writer) { w.BeginArray(true); w.Literal("1"); w.End() },
	} {
		w := NewWriter(0)
		build(w)
		if _, err := w.Bytes(); err == nil {
			t.Errorf("%s: want an error", name)
		}
	}
}

// TestWriterAfterComment: a document may start with a comment, and still
// holds one value only.
func TestWriterAfterComment(t *testing.T) {
	w := NewWriterAfter("# generated\n", 0)
	w.BeginObject(false)
	w.Key("a")
	w.Literal("1")
	w.End()
	out, err := w.Bytes()
	if err != nil || string(out) != "# generated\na: 1\n" {
		t.Errorf("%q, %v", out, err)
	}
	w.Literal("2")
	if _, err := w.Bytes(); err == nil {
		t.Error("a second value after the document was taken")
	}
}
