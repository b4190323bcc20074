package golang

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aymanbagabas/go-udiff"

	"github.com/b24gen/b24gen/analysis"
	"github.com/b24gen/b24gen/internal/support/gomodule"
	"github.com/b24gen/b24gen/model"
)

var update = flag.Bool("update", false, "rewrite the .golden files of testdata from the current output")

// goldenCases are the models of testdata, each rendered with its options.
var goldenCases = []struct {
	name string
	opts analysis.Options
}{
	{"shop", analysis.Options{}},
	{"names", analysis.Options{
		Names:    map[string]string{"imbot.v2.bot.UNREGISTER": "Unregister"},
		Packages: map[string]string{"imbot": "bots"},
	}},
	{"events", analysis.Options{}},
	{"enums", analysis.Options{}},
	{"descriptors", analysis.Options{}},
	{"errors", analysis.Options{}},
}

// goldenImportPath is the import path the root package is rendered for.
const goldenImportPath = "example.com/api"

// TestGolden renders the small models of testdata and compares the files
// byte for byte with testdata/<name>.golden; go test -update rewrites them.
func TestGolden(t *testing.T) {
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			a := analyze(t, filepath.Join("testdata", tc.name+".json"), tc.opts)
			got := archive(t, renderAll(t, a))
			path := filepath.Join("testdata", tc.name+".golden")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (go test -update writes it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("output differs from %s (go test -update rewrites it after a deliberate change):\n%s", path, udiff.Unified(path, "got", string(want), string(got)))
			}
		})
	}
}

// TestFilesRenderInAnyOrder renders every file of every package on its
// own, last file first: each must come out as Generate renders it, since
// no file may depend on another having been rendered.
func TestFilesRenderInAnyOrder(t *testing.T) {
	for _, tc := range goldenCases {
		a := analyze(t, filepath.Join("testdata", tc.name+".json"), tc.opts)
		all := map[string][]byte{}
		for _, f := range renderAll(t, a) {
			all[f.Path] = f.Data
		}
		for _, p := range a.Packages {
			specs := packageFileSpecs(p)
			slices.Reverse(specs)
			for _, spec := range specs {
				f, err := spec.render(p.Name)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(f.Data, all[f.Path]) {
					t.Errorf("%s: %s rendered alone differs from the one Generate renders", tc.name, f.Path)
				}
			}
		}
	}
}

// TestGenerateIsDeterministic renders one analysis twice; the packages
// render in parallel.
func TestGenerateIsDeterministic(t *testing.T) {
	for _, tc := range goldenCases {
		a := analyze(t, filepath.Join("testdata", tc.name+".json"), tc.opts)
		if !bytes.Equal(archive(t, renderAll(t, a)), archive(t, renderAll(t, a))) {
			t.Errorf("%s: two renderings differ", tc.name)
		}
	}
}

// analyze reads a model as b24gen model prints it and analyzes it.
func analyze(t *testing.T, path string, opts analysis.Options) *analysis.API {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var api model.API
	if err := json.Unmarshal(data, &api); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	api.Normalize()
	compactExamples(t, &api)
	a, err := analysis.Build(&api, opts)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// compactExamples compacts the examples, as the parser does; the models
// of testdata are indented for reading.
func compactExamples(t *testing.T, api *model.API) {
	t.Helper()
	compact := func(exs []model.Example) {
		for i := range exs {
			var b bytes.Buffer
			if err := json.Compact(&b, exs[i].JSON); err != nil {
				t.Fatal(err)
			}
			exs[i].JSON = b.Bytes()
		}
	}
	for i := range api.Methods {
		compact(api.Methods[i].Examples)
	}
	for i := range api.Events {
		compact(api.Events[i].Examples)
	}
}

// renderAll renders the packages, the events and, when there are
// methods, the root package.
func renderAll(t *testing.T, a *analysis.API) []File {
	t.Helper()
	files, warnings, err := Generate(a)
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) > 0 {
		files = append(files, File{Path: "warnings.txt", Data: []byte(strings.Join(warnings, "\n") + "\n")})
	}
	if len(a.Methods) > 0 {
		root, err := Root(a, goldenImportPath)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, root)
	}
	return files
}

// archive joins files into one text, each after a "-- path --" line
// (the txtar layout), so that one golden file holds a whole output.
func archive(t *testing.T, files []File) []byte {
	t.Helper()
	var b bytes.Buffer
	for _, f := range files {
		if strings.Contains(string(f.Data), "\n-- ") {
			t.Fatalf("%s holds a line the archive would read as a file header", f.Path)
		}
		b.WriteString("-- " + f.Path + " --\n")
		b.Write(f.Data)
	}
	return b.Bytes()
}

// TestGoldenCompiles builds and vets the output of each model of testdata
// in a module of its own, as a user's go generate would write it.
func TestGoldenCompiles(t *testing.T) {
	if testing.Short() {
		t.Skip("builds modules")
	}
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string][]byte{}
			for _, f := range renderAll(t, analyze(t, filepath.Join("testdata", tc.name+".json"), tc.opts)) {
				files[f.Path] = f.Data
			}
			dir := gomodule.Write(t, goldenImportPath, files)
			gomodule.Go(t, dir, "build", "./...")
			gomodule.Go(t, dir, "vet", "./...")
		})
	}
}
