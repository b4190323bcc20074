package parser_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/aymanbagabas/go-udiff"
	"golang.org/x/tools/txtar"

	"github.com/b24gen/b24gen/model"
	"github.com/b24gen/b24gen/parser"
)

// A scenario is one file scenarios/<name>.txtar: its comment says what
// rule or regression it pins down; its files are a small docs tree, laid
// out as the real one (api-reference/…, _includes/…), and want.json, what
// the parser makes of the tree. An optional options.json holds the
// parser.Options to parse with.
const (
	wantFile    = "want.json"
	optionsFile = "options.json"
)

// The scenarios share the -update flag of the golden test; it is declared
// here too for the day that test goes.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the expected results")
	}
}

func updating() bool { return flag.Lookup("update").Value.String() == "true" }

// outcome is what want.json holds: the model's methods and events, in the
// JSON of `b24gen model`, and the diagnostics as the golden test prints
// them.
type outcome struct {
	Methods     []model.Method `json:"methods"`
	Events      []model.Event  `json:"events"`
	Diagnostics []string       `json:"diagnostics"`
}

// TestScenarios parses the tree of every scenario and compares the
// outcome with its want.json byte for byte. go test ./parser -run
// TestScenarios -update rewrites want.json inside the archives.
func TestScenarios(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("scenarios", "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no scenarios in scenarios/")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			runScenario(t, file)
		})
	}
}

func runScenario(t *testing.T, file string) {
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	var opts parser.Options
	var want *txtar.File
	for i, f := range ar.Files {
		switch f.Name {
		case wantFile:
			want = &ar.Files[i]
		case optionsFile:
			if err := json.Unmarshal(f.Data, &opts); err != nil {
				t.Fatalf("%s: %v", optionsFile, err)
			}
		default:
			fsys[f.Name] = &fstest.MapFile{Data: f.Data}
		}
	}
	res, err := parser.Parse(fsys, opts)
	if err != nil {
		t.Fatal(err)
	}
	out := outcome{Methods: res.API.Methods, Events: res.API.Events, Diagnostics: []string{}}
	for _, d := range res.Diagnostics {
		out.Diagnostics = append(out.Diagnostics, d.String())
	}
	got, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')

	if updating() {
		if want == nil {
			ar.Files = append(ar.Files, txtar.File{Name: wantFile})
			want = &ar.Files[len(ar.Files)-1]
		}
		want.Data = got
		if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if want == nil {
		t.Fatalf("%s has no %s (go test ./parser -run TestScenarios -update writes it)", file, wantFile)
	}
	if !bytes.Equal(got, want.Data) {
		t.Errorf("%s: the outcome differs from its %s (go test ./parser -run TestScenarios -update rewrites it):\n%s",
			file, wantFile, udiff.Unified("want", "got", string(want.Data), string(got)))
	}
}
