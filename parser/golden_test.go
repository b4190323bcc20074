package parser

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// specsDir is the project's specs tree: the seed page and the fixtures.
const specsDir = "../specs"

// golden is what a golden file holds for one page: the methods or events
// read from it and the diagnostics.
type golden struct {
	Methods     json.RawMessage `json:"methods"`
	Events      json.RawMessage `json:"events"`
	Diagnostics []string        `json:"diagnostics"`
}

// TestGolden reads every page of specs/ and compares what the parser makes
// of it with testdata/<page>.json, byte for byte. Run with -update to
// rewrite the golden files after a deliberate change.
func TestGolden(t *testing.T) {
	res, err := Parse(os.DirFS(specsDir), Options{})
	if err != nil {
		t.Fatal(err)
	}
	pages := map[string]*golden{}
	var order []string
	page := func(file string) *golden {
		name := strings.TrimSuffix(filepath.Base(file), ".md")
		if pages[name] == nil {
			pages[name] = &golden{Methods: json.RawMessage("[]"), Events: json.RawMessage("[]"), Diagnostics: []string{}}
			order = append(order, name)
		}
		return pages[name]
	}
	// a page holds one method, or one event or several
	methods, events := map[*golden][]any{}, map[*golden][]any{}
	for _, m := range res.API.Methods {
		g := page(m.File)
		methods[g] = append(methods[g], m)
	}
	for _, e := range res.API.Events {
		g := page(e.File)
		events[g] = append(events[g], e)
	}
	for _, g := range pages {
		var err error
		if ms := methods[g]; ms != nil {
			if g.Methods, err = json.Marshal(ms); err != nil {
				t.Fatal(err)
			}
		}
		if es := events[g]; es != nil {
			if g.Events, err = json.Marshal(es); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, d := range res.Diagnostics {
		g := page(d.File)
		g.Diagnostics = append(g.Diagnostics, d.String())
	}
	if len(order) < 4 {
		t.Fatalf("specs/ should hold the seed and the fixture pages, read %d", len(order))
	}
	for _, name := range order {
		got, err := json.MarshalIndent(pages[name], "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, '\n')
		path := filepath.Join("testdata", name+".json")
		if *update {
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./parser -update to create it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: the model differs from %s (go test ./parser -update rewrites it):\n%s", name, path, firstDiff(string(want), string(got)))
		}
	}
}

// firstDiff shows the first differing line.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return "line " + itoa(i+1) + ":\n- " + wl + "\n+ " + gl
		}
	}
	return ""
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
