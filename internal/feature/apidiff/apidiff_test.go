package apidiff

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/b24gen/b24gen/generator"
	"github.com/b24gen/b24gen/generator/golang"
	"github.com/b24gen/b24gen/generator/openapi"
	"github.com/b24gen/b24gen/model"
	"github.com/b24gen/b24gen/parser"
)

// base reads the small docs tree of testdata/docs into memory.
func base(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	root := os.DirFS("testdata/docs")
	err := fsWalk(root, func(p string, data []byte) { fsys[p] = &fstest.MapFile{Data: data} })
	if err != nil {
		t.Fatal(err)
	}
	return fsys
}

// edit returns a copy of the tree with one page's text replaced.
func edit(t *testing.T, fsys fstest.MapFS, page, old, new string) fstest.MapFS {
	t.Helper()
	out := fstest.MapFS{}
	for k, v := range fsys {
		out[k] = v
	}
	f, ok := fsys[page]
	if !ok || !bytes.Contains(f.Data, []byte(old)) {
		t.Fatalf("%s has no %q", page, old)
	}
	out[page] = &fstest.MapFile{Data: bytes.Replace(f.Data, []byte(old), []byte(new), 1)}
	return out
}

// version parses a tree and generates its files.
type version struct {
	side  Side
	files map[string][]byte
}

func build(t *testing.T, fsys fs.FS, opts golang.Options) version {
	t.Helper()
	res, err := parser.Parse(fsys, parser.Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc, _, err := openapi.Generate(&res.API, "")
	if err != nil {
		t.Fatal(err)
	}
	files, _, err := generator.Generate(&res.API, generator.Options{ImportPath: "example.com/api", Go: opts})
	if err != nil {
		t.Fatal(err)
	}
	v := version{side: Side{API: &res.API, OpenAPI: doc}, files: map[string][]byte{}}
	for _, f := range files {
		v.files[f.Path] = f.Data
	}
	return v
}

// changedFiles lists the files that differ, with the lines that changed
// in each (removed and added, without the unchanged ones).
func changedFiles(a, b version) map[string][]string {
	out := map[string][]string{}
	for p := range merge(a.files, b.files) {
		if bytes.Equal(a.files[p], b.files[p]) {
			continue
		}
		before := map[string]int{}
		for _, l := range strings.Split(string(a.files[p]), "\n") {
			before[l]++
		}
		var lines []string
		for _, l := range strings.Split(string(b.files[p]), "\n") {
			if before[l] > 0 {
				before[l]--
				continue
			}
			lines = append(lines, "+"+l)
		}
		for l, n := range before {
			for range n {
				lines = append(lines, "-"+l)
			}
		}
		out[p] = lines
	}
	return out
}

func merge(a, b map[string][]byte) map[string]bool {
	out := map[string]bool{}
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}

func goFiles(changed map[string][]string) []string {
	var out []string
	for p := range changed {
		if strings.HasSuffix(p, ".go") {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

func compare(t *testing.T, a, b version) *Report {
	t.Helper()
	r, err := Compare(a.side, b.side)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func kinds(e Entry) []string {
	var out []string
	for _, c := range e.Changes {
		out = append(out, c.Source+":"+c.Kind+":"+c.Path)
	}
	return out
}

// TestScenarios changes a small docs tree the ways the real docs change
// and checks both the report and which generated lines change.
func TestScenarios(t *testing.T) {
	v1fs := base(t)
	v1 := build(t, v1fs, golang.Options{})

	t.Run("unchanged", func(t *testing.T) {
		v := build(t, v1fs, golang.Options{})
		r := compare(t, v1, v)
		if len(r.Added)+len(r.Removed)+len(r.Renamed)+len(r.Changed)+r.Breaking != 0 {
			t.Fatalf("%+v", r)
		}
		if c := changedFiles(v1, v); len(c) != 0 {
			t.Fatalf("regenerating changed %v", c)
		}
	})

	t.Run("reworded", func(t *testing.T) {
		v2 := build(t, edit(t, v1fs, "api-reference/demo/demo-item-get.md",
			"Метод `demo.item.get` возвращает элемент по идентификатору.", "Метод `demo.item.get` находит элемент и возвращает его поля."), golang.Options{})
		r := compare(t, v1, v2)
		if len(r.Added)+len(r.Removed)+len(r.Renamed)+len(r.Changed)+r.Breaking != 0 {
			t.Fatalf("a reworded page changes no API: %+v", r)
		}
		changed := changedFiles(v1, v2)
		if got := goFiles(changed); !slices.Equal(got, []string{"demo/item.go"}) {
			t.Fatalf("changed Go files %v", got)
		}
		for _, l := range changed["demo/item.go"] {
			if !strings.HasPrefix(strings.TrimSpace(l[1:]), "//") {
				t.Errorf("a reworded page changed code, not only comments: %q", l)
			}
		}
	})

	t.Run("method added elsewhere", func(t *testing.T) {
		fsys := edit(t, v1fs, "api-reference/demo/demo-item-get.md", "", "")
		page := strings.NewReplacer("demo.item.get", "demo.tag.get", "Получить элемент", "Получить метку").Replace(string(fsys["api-reference/demo/demo-item-get.md"].Data))
		fsys["api-reference/demo/demo-tag-get.md"] = &fstest.MapFile{Data: []byte(page)}
		v2 := build(t, fsys, golang.Options{})
		r := compare(t, v1, v2)
		if len(r.Added) != 1 || r.Added[0].Method != "demo.tag.get" || r.Breaking != 0 || len(r.Changed) != 0 {
			t.Fatalf("%+v", r)
		}
		// the new method gets a file of its own; the files that list every
		// method gain lines; no name changes anywhere else
		if got := goFiles(changedFiles(v1, v2)); !slices.Equal(got, []string{"demo/fake.go", "demo/server.go", "demo/tag.go"}) {
			t.Fatalf("changed Go files %v", got)
		}
		for p, lines := range changedFiles(v1, v2) {
			for _, l := range lines {
				if strings.HasPrefix(l, "-") && strings.TrimSpace(l[1:]) != "" && path.Ext(p) == ".go" {
					t.Errorf("%s: adding a method removed a line: %q", p, l)
				}
			}
		}
	})

	t.Run("required and retyped", func(t *testing.T) {
		fsys := edit(t, v1fs, "api-reference/demo/demo-item-add.md", "|| **TITLE**", "|| **TITLE***")
		fsys = edit(t, fsys, "api-reference/demo/demo-item-add.md", "|| **AMOUNT**\n[`integer`]", "|| **AMOUNT**\n[`double`]")
		fsys = edit(t, fsys, "api-reference/demo/demo-item-add.md", "|| `ITEM_LOCKED` | Item is locked | Элемент заблокирован ||",
			"|| `ITEM_LOCKED` | Item is locked | Элемент заблокирован ||\n|| `ITEM_FULL` | Item is full | Элемент переполнен ||")
		v2 := build(t, fsys, golang.Options{})
		r := compare(t, v1, v2)
		if len(r.Changed) != 1 || r.Changed[0].Method != "demo.item.add" || !r.Changed[0].Breaking || r.Breaking != 1 {
			t.Fatalf("%+v", r)
		}
		got := kinds(r.Changed[0])
		for _, want := range []string{"model:param-required:fields.TITLE", "model:param-type:fields.AMOUNT", "model:error-added:ITEM_FULL"} {
			if !slices.Contains(got, want) {
				t.Errorf("no %s in %v", want, got)
			}
		}
		for _, c := range r.Changed[0].Changes {
			switch {
			case c.Kind == "error-added" && c.Breaking, c.Source == "openapi" && strings.Contains(c.Text, "ITEM_FULL"):
				t.Errorf("an error code added is no breaking change, nor an oasdiff finding of its own: %+v", c)
			case c.Kind == "param-type" && !slices.Equal(c.Breaks, []string{"go", "openapi"}):
				t.Errorf("a type change breaks both: %+v", c)
			}
		}
		openapiFound := false
		for _, k := range got {
			openapiFound = openapiFound || strings.HasPrefix(k, "openapi:")
		}
		if !openapiFound {
			t.Errorf("oasdiff found nothing in %v", got)
		}
		if got := goFiles(changedFiles(v1, v2)); !slices.Equal(got, []string{"demo/errors.go", "demo/item.go"}) {
			t.Fatalf("changed Go files %v", got)
		}
	})

	t.Run("renamed by case", func(t *testing.T) {
		fsys := edit(t, v1fs, "api-reference/disk/disk-file-copyto.md", "# Скопировать файл disk.file.copyto", "# Скопировать файл disk.file.copyTo")
		r := compare(t, v1, build(t, fsys, golang.Options{}))
		if len(r.Renamed) != 1 || r.Renamed[0].From != "disk.file.copyto" || r.Renamed[0].Method != "disk.file.copyTo" ||
			len(r.Added)+len(r.Removed) != 0 {
			t.Fatalf("%+v", r)
		}
		// the Go name follows the spelling unless an override keeps it;
		// the portal, and so an OpenAPI client, does not mind the case
		if !r.Renamed[0].Breaking || !slices.Equal(r.Renamed[0].Breaks, []string{"go"}) || r.Breaking != 1 || r.BreakingGo != 1 || r.BreakingOpenAPI != 0 {
			t.Fatalf("%+v", r)
		}
		// with the Go name kept by an override, only the method's name as
		// a string and in comments changes, whichever spelling the
		// override uses
		for _, key := range []string{"disk.file.copyTo", "disk.file.copyto"} {
			v2 := build(t, fsys, golang.Options{Names: map[string]string{key: "FileCopyto"}})
			for p, lines := range changedFiles(v1, v2) {
				if path.Ext(p) != ".go" {
					continue
				}
				for _, l := range lines {
					code := strings.TrimSpace(l[1:])
					if !strings.HasPrefix(code, "//") && !strings.Contains(code, `"disk.file.copy`) {
						t.Errorf("override %s: %s: the kept name still changed code: %q", key, p, l)
					}
				}
			}
		}
	})

	// the shared table of system errors gains a code with a status of its
	// own, and another code at a status it had: one cross-cutting entry
	// each, not breaking, and no method listed for it alone; a parameter
	// made required in the same revision is still breaking, for both
	t.Run("system errors grow", func(t *testing.T) {
		fsys := edit(t, v1fs, "_includes/system-errors.md", "|#", "|| `429` | `PORTAL_DELETED`\nPortal deleted | Портал удалён ||\n|| `503` | `OVERLOAD_LIMIT`\nREST API is blocked | Перегрузка ||\n|#")
		fsys = edit(t, fsys, "api-reference/demo/demo-item-add.md", "|| **TITLE**", "|| **TITLE***")
		r := compare(t, v1, build(t, fsys, golang.Options{}))
		if len(r.CrossCutting) != 2 {
			t.Fatalf("cross-cutting %+v", r.CrossCutting)
		}
		for i, code := range []string{"OVERLOAD_LIMIT", "PORTAL_DELETED"} {
			x := r.CrossCutting[i]
			if x.Subject != "system errors" || x.Kind != "error-added" || x.Path != code || x.Breaking || len(x.Breaks) != 0 ||
				x.Reaches != 3 || !slices.Equal(x.Methods, []string{"demo.item.add", "demo.item.get", "disk.file.copyto"}) {
				t.Errorf("%s: %+v", code, x)
			}
		}
		if len(r.Changed) != 1 || r.Changed[0].Method != "demo.item.add" {
			t.Fatalf("only demo.item.add changed on its own: %+v", r.Changed)
		}
		e := r.Changed[0]
		for _, c := range e.Changes {
			if strings.Contains(c.Text, "PORTAL_DELETED") || strings.Contains(c.Text, "OVERLOAD_LIMIT") || strings.Contains(c.Text, "429") {
				t.Errorf("the shared change is listed in the method: %+v", c)
			}
			if c.Kind == "param-required" && !slices.Equal(c.Breaks, []string{"go", "openapi"}) {
				t.Errorf("a parameter made required breaks both: %+v", c)
			}
		}
		if !e.Breaking || !slices.Equal(e.Breaks, []string{"go", "openapi"}) || r.Breaking != 1 || r.BreakingGo != 1 || r.BreakingOpenAPI != 1 {
			t.Fatalf("%+v", r)
		}
		var md bytes.Buffer
		if err := r.WriteMarkdown(&md, "v1", "v2"); err != nil {
			t.Fatal(err)
		}
		out := md.String()
		summary, breaking, cross := strings.Index(out, "**1 breaking** (Go 1, OpenAPI 1)"), strings.Index(out, "## Breaking changes"), strings.Index(out, "## Cross-cutting changes")
		if summary < 0 || breaking < summary || cross < breaking ||
			!strings.Contains(out, "- system errors: error code `PORTAL_DELETED` (HTTP 429) added (reaches 3 methods)") ||
			!strings.Contains(out, "- `demo.item.add`: **breaks Go, OpenAPI**: parameter `fields.TITLE` is now required") {
			t.Fatalf("%s", out)
		}
	})

	t.Run("system error removed", func(t *testing.T) {
		fsys := edit(t, v1fs, "_includes/system-errors.md", "|| `401` | `NO_AUTH_FOUND`\nWrong authorization data | Неверный токен ||\n", "")
		r := compare(t, v1, build(t, fsys, golang.Options{}))
		// no client breaks, but Go code naming the package's constant for
		// it does not compile
		if len(r.CrossCutting) != 1 || r.CrossCutting[0].Kind != "error-removed" || !slices.Equal(r.CrossCutting[0].Breaks, []string{"go"}) ||
			len(r.Changed) != 0 || r.Breaking != 1 || r.BreakingGo != 1 || r.BreakingOpenAPI != 0 {
			t.Fatalf("%+v", r)
		}
	})

	t.Run("removed", func(t *testing.T) {
		fsys := edit(t, v1fs, "api-reference/demo/demo-item-get.md", "", "")
		delete(fsys, "api-reference/demo/demo-item-get.md")
		r := compare(t, v1, build(t, fsys, golang.Options{}))
		if len(r.Removed) != 1 || r.Removed[0].Method != "demo.item.get" || r.Breaking != 1 {
			t.Fatalf("%+v", r)
		}
		var md bytes.Buffer
		if err := r.WriteMarkdown(&md, "v1", "v2"); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(md.String(), "**1 breaking**") || !strings.Contains(md.String(), "## Removed (breaking)\n\n- `demo.item.get`") {
			t.Fatalf("%s", md.String())
		}
	})
}

// A REST 3.0 method shares its name with its REST 2 namesake: the report
// says which of the two an entry is.
func TestRESTv3EntriesSayTheirAPI(t *testing.T) {
	v2 := model.Method{Name: "demo.item.get", File: "api-reference/demo/demo-item-get.md", Line: 1}
	v3 := model.Method{Name: "demo.item.get", API: model.APIv3, File: "api-reference/demo/demo-item-get-rest-v3.md", Line: 1}
	old, new := &model.API{Methods: []model.Method{v2, v3}}, &model.API{Methods: []model.Method{v2}}
	old.Normalize()
	new.Normalize()
	r, err := Compare(Side{API: old}, Side{API: new})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Removed) != 1 || r.Removed[0].API != model.APIv3 {
		t.Fatalf("removed %+v, want the REST 3.0 method", r.Removed)
	}
	var md strings.Builder
	if err := r.WriteMarkdown(&md, "old", "new"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "`demo.item.get` (REST 3.0)") {
		t.Errorf("the changelog does not say which method went:\n%s", md.String())
	}
}
