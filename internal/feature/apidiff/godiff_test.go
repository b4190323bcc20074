package apidiff

import (
	"go/types"
	"io/fs"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	xapidiff "golang.org/x/exp/apidiff"
	"golang.org/x/tools/go/packages"

	"github.com/b24gen/b24gen/analysis"
	"github.com/b24gen/b24gen/generator/golang"
	"github.com/b24gen/b24gen/internal/support/gomodule"
	"github.com/b24gen/b24gen/parser"
)

// TestReportAgreesWithAPIDiff checks the report's Go verdicts against
// golang.org/x/exp/apidiff, run on the packages generated from both
// revisions of each scenario: every method with a change apidiff finds
// incompatible is breaking for Go in the report, and every method the
// report calls breaking for Go has such a change. An incompatible change
// of an error constant (the package's, shared by its methods) must be
// matched by an error code the report calls breaking for Go.
func TestReportAgreesWithAPIDiff(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the generated packages")
	}
	v1fs := base(t)
	page := func(fsys fstest.MapFS, name string) string { return string(fsys[name].Data) }
	add, get := "api-reference/demo/demo-item-add.md", "api-reference/demo/demo-item-get.md"
	tags := [3]string{add, "|| **fields***\n", "|| **tags**\n[`string[]`](../data-types.md) | Метки ||\n|| **fields***\n"}
	example := "```json\n{\"result\": {\"ID\": \"7\", \"TITLE\": \"Первый\"}}\n```\n"
	returns := "### Возвращаемые данные\n\n#|\n|| **Название**\n`тип` | **Описание** ||\n|| **result**\n[`object`](../data-types.md) | Элемент, описан [ниже](#item) ||\n|#\n\n#### Объект item {#item}\n\n#|\n|| **Название**\n`тип` | **Описание** ||\n|| **ID**\n[`integer`](../data-types.md) | Идентификатор ||\n|| **TITLE**\n[`string`](../data-types.md) | Название ||\n|#\n"
	undocumented := [][3]string{{get, example, ""}, {get, returns, ""}}
	for _, sc := range []struct {
		name  string
		pre   [][3]string // edits of both revisions: page, old, new
		edits [][3]string // edits of the new one
		drop  string      // a page the new one removes
	}{
		{name: "parameter required", edits: [][3]string{{add, "|| **TITLE**", "|| **TITLE***"}}},
		{name: "parameter optional", edits: [][3]string{{add, "|| **fields***", "|| **fields**"}}},
		{name: "parameter retyped", edits: [][3]string{{add, "|| **AMOUNT**\n[`integer`]", "|| **AMOUNT**\n[`double`]"}}},
		{name: "parameter added", edits: [][3]string{{add, "|| **AMOUNT**\n", "|| **PRICE**\n[`double`](../data-types.md) | Цена ||\n|| **AMOUNT**\n"}}},
		{name: "parameter removed", edits: [][3]string{{add, "|| **AMOUNT**\n[`integer`](../data-types.md) | Количество ||\n", ""}}},
		{name: "returned field added", edits: [][3]string{{get, "|| **TITLE**\n", "|| **CODE**\n[`string`](../data-types.md) | Код ||\n|| **TITLE**\n"}}},
		{name: "returned field removed", edits: [][3]string{{get, "|| **TITLE**\n[`string`](../data-types.md) | Название ||\n", ""}}},
		{name: "returned field retyped", edits: [][3]string{{get, "|| **TITLE**\n[`string`]", "|| **TITLE**\n[`integer`]"}}},
		{name: "error added", edits: [][3]string{{add, "|| `ITEM_LOCKED` | Item is locked | Элемент заблокирован ||", "|| `ITEM_LOCKED` | Item is locked | Элемент заблокирован ||\n|| `ITEM_FULL` | Item is full | Элемент переполнен ||"}}},
		{name: "error removed", edits: [][3]string{{add, "|| `ITEM_LOCKED` | Item is locked | Элемент заблокирован ||\n", ""}}},
		{name: "renamed by case", edits: [][3]string{{"api-reference/disk/disk-file-copyto.md", "# Скопировать файл disk.file.copyto", "# Скопировать файл disk.file.copyTo"}}},
		{name: "required parameter added", edits: [][3]string{{add, "|| **fields***\n", "|| **code***\n[`string`](../data-types.md) | Код ||\n|| **fields***\n"}}},
		{name: "list parameter required", pre: [][3]string{tags}, edits: [][3]string{{add, "|| **tags**", "|| **tags***"}}},
		{name: "list parameter optional", pre: [][3]string{tags, {add, "|| **tags**", "|| **tags***"}}, edits: [][3]string{{add, "|| **tags***", "|| **tags**"}}},
		{name: "system error removed", edits: [][3]string{{"_includes/system-errors.md", "|| `401` | `NO_AUTH_FOUND`\nWrong authorization data | Неверный токен ||\n", ""}}},
		{name: "method removed", drop: get},
		// no table changes; the Go code does (the examples type it)
		{name: "result shown where none was", pre: undocumented, edits: [][3]string{{get, "HTTP-статус: **200**\n", "HTTP-статус: **200**\n\n" + example}}},
		{name: "result no longer shown", pre: [][3]string{{get, returns, ""}}, edits: [][3]string{{get, example, ""}}},
		// the table changes; the Go code does not (its member is named alike)
		{name: "parameter renamed by case", edits: [][3]string{{add, "|| **AMOUNT**", "|| **Amount**"}}},
		{name: "reworded", edits: [][3]string{{get, "возвращает элемент по идентификатору", "находит элемент"}}},
	} {
		t.Run(sc.name, func(t *testing.T) {
			oldfs := edit(t, v1fs, add, "", "")
			for _, e := range sc.pre {
				oldfs = edit(t, oldfs, e[0], e[1], e[2])
			}
			fsys := edit(t, oldfs, add, "", "")
			for _, e := range sc.edits {
				if !strings.Contains(page(fsys, e[0]), e[1]) {
					t.Fatalf("%s does not hold %q", e[0], e[1])
				}
				fsys = edit(t, fsys, e[0], e[1], e[2])
			}
			if sc.drop != "" {
				delete(fsys, sc.drop)
			}
			agreesWithAPIDiff(t, oldfs, fsys)
		})
	}
}

// agreesWithAPIDiff checks the report from the docs tree oldfs to newfs
// against golang.org/x/exp/apidiff run on the packages generated from
// each (TestReportAgreesWithAPIDiff says how).
func agreesWithAPIDiff(t *testing.T, oldfs, newfs fs.FS) {
	t.Helper()
	old, new := build(t, oldfs, golang.Options{}), build(t, newfs, golang.Options{})
	report := compare(t, old, new)

	// what the report calls breaking for Go, by method; error
	// codes apart (their constants are the package's)
	reportGo := map[string]bool{}
	renamedFrom := map[string]string{}
	errorCodeBreaks := false
	for _, list := range [][]Entry{report.Removed, report.Renamed, report.Changed} {
		for _, e := range list {
			for _, c := range e.Changes {
				if !c.Breaking || !slices.Contains(c.Breaks, "go") {
					continue
				}
				if strings.HasPrefix(c.Kind, "error-") {
					errorCodeBreaks = true
					continue
				}
				reportGo[strings.ToLower(e.Method)] = true
				if e.From != "" {
					reportGo[strings.ToLower(e.From)] = true // apidiff sees the old name go
					renamedFrom[strings.ToLower(e.Method)] = strings.ToLower(e.From)
				}
			}
		}
	}
	for _, x := range report.CrossCutting {
		if !x.Breaking || !slices.Contains(x.Breaks, "go") {
			continue
		}
		if strings.HasPrefix(x.Kind, "error-") {
			errorCodeBreaks = true
			continue
		}
		for _, m := range x.Methods {
			reportGo[strings.ToLower(m)] = true // a shared type's change, given once
		}
	}
	oldNames, newNames := goNames(t, oldfs), goNames(t, newfs)
	oldPkgs, newPkgs := loadGenerated(t, old), loadGenerated(t, new)
	found := map[string]bool{}
	var errorConsts []string
	for path, oldPkg := range oldPkgs {
		newPkg := newPkgs[path]
		if newPkg == nil {
			// every method of it removed
			for _, m := range oldNames[path] {
				found[strings.ToLower(m)] = true
			}
			continue
		}
		changes := xapidiff.Changes(oldPkg, newPkg).Changes
		changes = append(changes, typeArgChanges(oldPkg, newPkg)...)
		for _, c := range changes {
			if serverMethodAdded.MatchString(c.Message) {
				// implementations embed UnimplementedServer, which
				// answers a new method: no implementation breaks
				c.Compatible = true
			}
			if c.Compatible {
				t.Logf("apidiff (compatible): %s", c.Message)
				continue
			}
			ident := leadingIdent(c.Message)
			// a declaration named exactly so (an enum type BatchOtherGet)
			// before one whose name it starts with (BatchOtherGet, the
			// batch function of OtherGet)
			method := oldNames[path][declaredIdent(c.Message)]
			if method == "" {
				method = owner(ident, oldNames[path])
			}
			if method == "" {
				method = owner(ident, newNames[path])
			}
			switch {
			case method != "":
				found[strings.ToLower(method)] = true // names are compared without case
			case strings.HasPrefix(ident, "Err"):
				errorConsts = append(errorConsts, c.Message)
			default:
				t.Errorf("apidiff: %s: incompatible, of no method", c.Message)
			}
			t.Logf("apidiff: %s", c.Message)
		}
	}
	for m := range found {
		if !reportGo[m] {
			t.Errorf("apidiff finds an incompatible change of %s; the report does not call it breaking for Go", m)
		}
	}
	for m := range reportGo {
		if !found[m] && !found[renamedFrom[m]] {
			t.Errorf("the report calls %s breaking for Go; apidiff finds every change of it compatible", m)
		}
	}
	if len(errorConsts) > 0 && !errorCodeBreaks {
		t.Errorf("apidiff: %v; the report has no error code breaking for Go", errorConsts)
	}
	if len(errorConsts) == 0 && errorCodeBreaks {
		t.Errorf("the report has an error code breaking for Go; apidiff finds no error constant gone")
	}
}

// serverMethodAdded is apidiff's message for a method added to a
// package's Server interface.
var serverMethodAdded = regexp.MustCompile(`^Server\.\w+: added$`)

// goNames maps each generated package's import path to its methods' Go
// names and the method each stands for.
func goNames(t *testing.T, fsys fs.FS) map[string]map[string]string {
	t.Helper()
	res, err := parser.Parse(fsys, parser.Options{})
	if err != nil {
		t.Fatal(err)
	}
	a := analysis.Analyze(&res.API, analysis.Options{})
	out := map[string]map[string]string{}
	add := func(pkg, ident, name string) {
		path := "example.com/api/" + pkg
		if out[path] == nil {
			out[path] = map[string]string{}
		}
		out[path][ident] = name
	}
	enums := func(pkg string, types []*analysis.EnumType) {
		for _, e := range types {
			add(pkg, e.Name, e.Owners[0]) // a shared type, by its first user
			for _, v := range e.Values {
				add(pkg, v.Const, e.Owners[0])
			}
		}
	}
	for _, m := range a.Methods {
		add(m.Package, m.GoName, m.Model.Name)
		enums(m.Package, m.Enums)
	}
	if a.Events != nil {
		for _, e := range a.Events.Events {
			add(a.Events.Name, e.GoName, e.Model.Name)
			add(a.Events.Name, e.Handle, e.Model.Name)
			enums(a.Events.Name, e.Enums)
		}
	}
	return out
}

// owner returns the method whose Go name begins ident longest (the
// method itself, its request and result types, its iterators), "" for
// none.
func owner(ident string, names map[string]string) string {
	best := ""
	for goName := range names {
		if strings.HasPrefix(ident, goName) && len(goName) > len(best) {
			best = goName
		}
	}
	return names[best]
}

// declaredIdent returns the identifier an apidiff message begins with, as
// declared: "BatchOtherGet: changed …" → BatchOtherGet.
func declaredIdent(msg string) string {
	if end := strings.IndexAny(msg, ".:, "); end >= 0 {
		return msg[:end]
	}
	return msg
}

// leadingIdent returns the identifier an apidiff message is about:
// "ItemAddRequest.Fields: changed …" → ItemAddRequest,
// "(*Client).ItemAdd: removed" → ItemAdd, "Server.ItemAdd: removed" →
// ItemAdd, "BatchItemAdd: removed" → ItemAdd.
func leadingIdent(msg string) string {
	for _, recv := range []string{"(*Client).", "Client.", "Server.", "UnimplementedServer.", "(*UnimplementedServer)."} {
		msg = strings.TrimPrefix(msg, recv)
	}
	msg = strings.TrimPrefix(msg, "Batch")
	end := strings.IndexAny(msg, ".:, ")
	if end < 0 {
		return msg
	}
	return msg[:end]
}

// typeArgChanges finds what apidiff does not compare: the type arguments
// of a field's generic type from another package (b24.Opt[b24.Int] that
// became b24.Opt[b24.Float] is no change to it). A field of a struct type
// of both versions whose type prints differently is an incompatible
// change.
func typeArgChanges(old, new *types.Package) []xapidiff.Change {
	var out []xapidiff.Change
	for _, name := range old.Scope().Names() {
		ot, ok := old.Scope().Lookup(name).(*types.TypeName)
		nt, ok2 := new.Scope().Lookup(name).(*types.TypeName)
		if !ok || !ok2 {
			continue
		}
		os, ok := ot.Type().Underlying().(*types.Struct)
		ns, ok2 := nt.Type().Underlying().(*types.Struct)
		if !ok || !ok2 {
			continue
		}
		for i := range os.NumFields() {
			of := os.Field(i)
			for j := range ns.NumFields() {
				nf := ns.Field(j)
				if !of.Exported() || nf.Name() != of.Name() {
					continue
				}
				qual := func(p *types.Package) string { return p.Path() }
				if a, b := types.TypeString(of.Type(), qual), types.TypeString(nf.Type(), qual); a != b {
					out = append(out, xapidiff.Change{Message: name + "." + of.Name() + ": changed from " + a + " to " + b + " (type arguments)"})
				}
			}
		}
	}
	return out
}

// loadGenerated writes a version's Go files into a module and type-checks
// its packages, by import path.
func loadGenerated(t *testing.T, v version) map[string]*types.Package {
	t.Helper()
	files := map[string][]byte{}
	for p, data := range v.files {
		if strings.HasSuffix(p, ".go") {
			files[p] = data
		}
	}
	dir := gomodule.Write(t, "example.com/api", files)
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedTypes | packages.NeedImports | packages.NeedDeps,
		Dir:  dir,
		Env:  append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off"),
	}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*types.Package{}
	for _, p := range pkgs {
		for _, e := range p.Errors {
			t.Fatalf("%s: %v", p.PkgPath, e)
		}
		out[p.PkgPath] = p.Types
	}
	return out
}
