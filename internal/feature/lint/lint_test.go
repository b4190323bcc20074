package lint_test

import (
	"bytes"
	"errors"
	"flag"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/aymanbagabas/go-udiff"
	"golang.org/x/tools/txtar"

	"github.com/b24gen/b24gen/internal/feature/lint"
	"github.com/b24gen/b24gen/parser"
)

var update = flag.Bool("update", false, "rewrite the expected reports in testdata/")

// archive is a testdata txtar file: a docs tree and the reports expected
// of it (the files named want.*).
type archive struct {
	file string
	ar   *txtar.Archive
}

func readArchive(t *testing.T, file string) *archive {
	t.Helper()
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return &archive{file: file, ar: ar}
}

// tree returns the files under prefix ("" for all) as a file system
// rooted there, the expected reports left out.
func (a *archive) tree(prefix string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for _, f := range a.ar.Files {
		name, ok := strings.CutPrefix(f.Name, prefix)
		if ok && !strings.HasPrefix(f.Name, "want.") {
			fsys[name] = &fstest.MapFile{Data: f.Data}
		}
	}
	return fsys
}

// check compares got with the archive's file name, or with -update
// rewrites it.
func (a *archive) check(t *testing.T, name string, got []byte) {
	t.Helper()
	for i := range a.ar.Files {
		f := &a.ar.Files[i]
		if f.Name != name {
			continue
		}
		if *update {
			f.Data = got
			if err := os.WriteFile(a.file, txtar.Format(a.ar), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		if !bytes.Equal(got, f.Data) {
			t.Errorf("%s: %s differs (go test ./internal/lint -update rewrites it):\n%s", a.file, name, udiff.Unified("want", "got", string(f.Data), string(got)))
		}
		return
	}
	if *update {
		a.ar.Files = append(a.ar.Files, txtar.File{Name: name, Data: got})
		if err := os.WriteFile(a.file, txtar.Format(a.ar), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("%s has no %s (go test ./internal/lint -update writes it)", a.file, name)
}

func parse(t *testing.T, fsys fs.FS) *parser.Result {
	t.Helper()
	res, err := parser.Parse(fsys, parser.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func textReport(rep *lint.Report) []byte {
	var b bytes.Buffer
	rep.WriteText(&b, "docs")
	return b.Bytes()
}

func jsonReport(t *testing.T, rep *lint.Report) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := rep.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// reported are the problems testdata/report.txtar holds, one code each:
// every code lint explains but unreadable (TestUnreadablePage).
var reported = []string{
	parser.CodeIncludeMissing, parser.CodeStrayDirective, parser.CodeTableMalformed,
	parser.CodeUntypedRow, parser.CodeUnnamedRow, parser.CodeErrorWithoutCode,
	parser.CodeExampleInvalid, parser.CodeLinkUnresolved, parser.CodeTypeUnresolved,
	parser.CodeDuplicateRow, parser.CodeEventWithoutData,
	lint.CodeUndocumentedParam, lint.CodeReplayRequest, lint.CodeReplayResponse,
	lint.CodeResultUntyped, lint.CodeMemberUntyped, lint.CodeResultByAnalogy,
}

// TestReport lints a tree with every kind of problem and compares the
// text and JSON reports with the expected ones.
func TestReport(t *testing.T) {
	a := readArchive(t, "testdata/report.txtar")
	rep := lint.Run(parse(t, a.tree("")))
	counts := rep.Counts()
	for _, code := range reported {
		if counts[code] == 0 {
			t.Errorf("the report has no %s", code)
		}
	}
	if rep.Replay != (lint.Replay{Requests: 2, RequestsAccepted: 1, Responses: 5, ResponsesAccepted: 4}) {
		t.Errorf("replay: %+v", rep.Replay)
	}
	for _, d := range rep.Diagnostics {
		if strings.HasSuffix(d.File, "demo-clean.md") {
			t.Errorf("a page without faults is reported: %s", d)
		}
	}
	a.check(t, "want.txt", textReport(rep))
	a.check(t, "want.json", jsonReport(t, rep))
}

// TestReportDeterministic: the same tree, parsed and linted again, gives
// the same reports byte for byte (the parser reads pages in parallel).
func TestReportDeterministic(t *testing.T) {
	a := readArchive(t, "testdata/report.txtar")
	first := lint.Run(parse(t, a.tree("")))
	text, js := textReport(first), jsonReport(t, first)
	for range 5 {
		rep := lint.Run(parse(t, a.tree("")))
		if got := textReport(rep); !bytes.Equal(got, text) {
			t.Fatalf("the text report changed between runs:\n%s", udiff.Unified("first", "again", string(text), string(got)))
		}
		if got := jsonReport(t, rep); !bytes.Equal(got, js) {
			t.Fatalf("the JSON report changed between runs:\n%s", udiff.Unified("first", "again", string(js), string(got)))
		}
	}
	// linting the same parse twice does not change it either
	res := parse(t, a.tree(""))
	if !bytes.Equal(textReport(lint.Run(res)), textReport(lint.Run(res))) {
		t.Error("two lint runs on one parse differ")
	}
}

// TestCleanTree: a tree without faults reports none, with empty lists in
// JSON rather than null.
func TestCleanTree(t *testing.T) {
	fsys := readArchive(t, "testdata/report.txtar").tree("")
	for name := range fsys {
		if strings.HasPrefix(name, "api-reference/demo/") && !strings.HasSuffix(name, "demo-clean.md") {
			delete(fsys, name)
		}
	}
	rep := lint.Run(parse(t, fsys))
	text := string(textReport(rep))
	for _, want := range []string{
		"Pages: 2 (1 method, 1 overview); 1 methods read.\n",
		"Diagnostics: 0 on 0 pages.\n",
		"Examples replayed against the documented types: requests 0/0, responses 1/1 accepted (100.0%).\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the report lacks %q:\n%s", want, text)
		}
	}
	if js := string(jsonReport(t, rep)); !strings.Contains(js, `"diagnostics": [],`) {
		t.Errorf("JSON without diagnostics: %s", js)
	}
}

// unreadableFS fails to read one file it lists.
type unreadableFS struct {
	fstest.MapFS
	bad string
}

func (u unreadableFS) Open(name string) (fs.File, error) {
	if name == u.bad {
		return nil, &fs.PathError{Op: "open", Path: name, Err: errors.New("input/output error")}
	}
	return u.MapFS.Open(name)
}

func (u unreadableFS) ReadFile(name string) ([]byte, error) {
	if name == u.bad {
		return nil, &fs.PathError{Op: "open", Path: name, Err: errors.New("input/output error")}
	}
	return u.MapFS.ReadFile(name)
}

// TestUnreadablePage: a page that cannot be read is reported as an error
// of its file, and the other pages are still read.
func TestUnreadablePage(t *testing.T) {
	fsys := readArchive(t, "testdata/report.txtar").tree("")
	bad := "api-reference/demo/demo-table-faults.md"
	rep := lint.Run(parse(t, unreadableFS{fsys, bad}))
	var got []string
	for _, d := range rep.Diagnostics {
		if d.Code == parser.CodeUnreadable {
			got = append(got, d.String())
		}
	}
	want := "api-reference/demo/demo-table-faults.md: error: open api-reference/demo/demo-table-faults.md: input/output error [unreadable]"
	if len(got) != 1 || got[0] != want {
		t.Errorf("unreadable: %q", got)
	}
	text := string(textReport(rep))
	if !strings.Contains(text, "  docs/"+bad+":0: open "+bad+": input/output error [unreadable]\n") ||
		!strings.Contains(text, "unreadable                   a page that cannot be read") {
		t.Errorf("the text report:\n%s", text)
	}
	if rep.Methods != 7 {
		t.Errorf("%d methods read beside the unreadable page, want 7", rep.Methods)
	}
}

// kinds are the differences testdata/compare.txtar holds, each at least
// once.
var kinds = []string{"param-only-a", "param-only-b", "required", "param-type",
	"return-only-a", "return-only-b", "return-type", "error-only-a", "error-only-b"}

// TestCompare compares two editions of a tree that differ in every way the
// comparison reports, and checks both reports.
func TestCompare(t *testing.T) {
	a := readArchive(t, "testdata/compare.txtar")
	c := lint.Compare(parse(t, a.tree("ru/")), parse(t, a.tree("en/")), "ru", "en")
	seen := map[string]bool{}
	for _, m := range c.Methods {
		for _, d := range m.Differences {
			seen[d.Kind] = true
		}
	}
	for _, k := range kinds {
		if !seen[k] {
			t.Errorf("no %s difference", k)
		}
	}
	if len(c.OnlyA) == 0 || len(c.OnlyB) == 0 || len(c.Respelled) == 0 ||
		len(c.EventsOnlyA) == 0 || len(c.EventsOnlyB) == 0 || len(c.EventsRespelled) == 0 {
		t.Errorf("every list of the comparison should have an entry: %+v", c)
	}
	if c.Shared != 2 || c.Agreeing != 1 || c.Agreement() != 0.5 {
		t.Errorf("shared %d, agreeing %d", c.Shared, c.Agreeing)
	}
	var text, js bytes.Buffer
	c.WriteText(&text)
	if err := c.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	a.check(t, "want.txt", text.Bytes())
	a.check(t, "want.json", js.Bytes())

	// and the same again
	again := lint.Compare(parse(t, a.tree("ru/")), parse(t, a.tree("en/")), "ru", "en")
	var text2 bytes.Buffer
	again.WriteText(&text2)
	if !bytes.Equal(text.Bytes(), text2.Bytes()) {
		t.Error("two comparisons of the same trees differ")
	}
}

// TestCompareSame: an edition compared with itself agrees entirely.
func TestCompareSame(t *testing.T) {
	res := parse(t, readArchive(t, "testdata/compare.txtar").tree("ru/"))
	c := lint.Compare(res, res, "ru", "ru")
	if c.Shared != 5 || c.Agreeing != 5 || len(c.Methods) != 0 || len(c.OnlyA)+len(c.OnlyB)+len(c.Respelled) != 0 ||
		len(c.EventsOnlyA)+len(c.EventsOnlyB)+len(c.EventsRespelled) != 0 {
		t.Errorf("a tree compared with itself: %+v", c)
	}
	var b bytes.Buffer
	c.WriteText(&b)
	if !strings.Contains(b.String(), "Summary: 5 methods in both, 5 with the same parameters (100.0%)") {
		t.Errorf("summary:\n%s", b.String())
	}
}
