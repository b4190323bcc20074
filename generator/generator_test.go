package generator

import (
	"bytes"
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/b24gen/b24gen/internal/support/gomodule"
	parse "github.com/b24gen/b24gen/parser"
)

const (
	specsDir      = "../specs"
	generatedDir  = "../generated"
	generatedPath = "github.com/b24gen/b24gen/generated"
)

// generateSpecs generates from specs/ as make generate does, into the
// directory whose import path is importPath.
func generateSpecs(t *testing.T, importPath string) map[string][]byte {
	t.Helper()
	res, err := parse.Parse(os.DirFS(specsDir), parse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	files, _, err := Generate(&res.API, Options{ImportPath: importPath})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range files {
		out[f.Path] = f.Data
	}
	return out
}

// TestGeneratedIsUpToDate is the golden test of the emitters: generating
// from specs/ must give generated/ byte for byte. After a deliberate
// change, make generate rewrites generated/.
func TestGeneratedIsUpToDate(t *testing.T) {
	files := generateSpecs(t, generatedPath)
	for path, want := range files {
		got, err := os.ReadFile(filepath.Join(generatedDir, path))
		if err != nil {
			t.Errorf("%s: %v (run make generate)", path, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("generated/%s is stale (run make generate)", path)
		}
	}
}

func TestGenerationIsDeterministic(t *testing.T) {
	a, b := generateSpecs(t, generatedPath), generateSpecs(t, generatedPath)
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for p := range a {
		if !bytes.Equal(a[p], b[p]) {
			t.Errorf("%s differs between two runs", p)
		}
	}
}

// TestGeneratedCompilesInAnotherModule writes the output into a fresh
// module, as a user's go generate would, and builds and vets it there.
func TestGeneratedCompilesInAnotherModule(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module")
	}
	files := map[string][]byte{}
	for path, data := range generateSpecs(t, "example.com/user/api") {
		files["api/"+path] = data
	}
	dir := gomodule.Write(t, "example.com/user", files)
	gomodule.Go(t, dir, "build", "./...")
	gomodule.Go(t, dir, "vet", "./...")
}

// TestAdversarialDocsInjectNothing checks the code generated from the
// adversarial fixture page: doc text with "*/", quotes, backquotes and
// newlines stays inside comments and strings, so the package declares
// exactly what the generator meant to, and no init function.
func TestAdversarialDocsInjectNothing(t *testing.T) {
	files := generateSpecs(t, generatedPath)
	src := files["fixture/adversarial.go"]
	if src == nil {
		t.Fatal("no fixture/adversarial.go")
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "adversarial.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	var decls []string
	for _, d := range f.Decls {
		switch v := d.(type) {
		case *ast.FuncDecl:
			decls = append(decls, "func "+v.Name.Name)
		case *ast.GenDecl:
			for _, s := range v.Specs {
				switch sp := s.(type) {
				case *ast.TypeSpec:
					decls = append(decls, "type "+sp.Name.Name)
				case *ast.ValueSpec:
					for _, n := range sp.Names {
						decls = append(decls, "value "+n.Name)
					}
				}
			}
		}
	}
	want := []string{"type AdversarialCallRequest", "value keysAdversarialCallRequest", "func MarshalJSON", "func UnmarshalJSON",
		"type Select", "value SelectAB", "value SelectValue2", "value SelectX", "func UnmarshalJSON",
		"value methodAdversarialCall", "func AdversarialCall", "func BatchAdversarialCall"}
	if !slices.Equal(decls, want) {
		t.Fatalf("declarations %v, want %v", decls, want)
	}
	// the text is there, inside comments
	if !bytes.Contains(src, []byte(`//	func init() { panic("injected") }`)) {
		t.Error("the code block of the description should be in a comment")
	}
	// no code outside comments mentions the injected text
	var code bytes.Buffer
	ast.Inspect(f, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			code.WriteString(id.Name + " ")
		}
		return true
	})
	for _, bad := range []string{"init", "injected", "panic"} {
		if strings.Contains(code.String(), bad+" ") {
			t.Errorf("identifier %q appears in the code", bad)
		}
	}
	// odd codes become string literals and sound identifiers, not
	// numbered ones
	errs := files["fixture/errors.go"]
	if !bytes.Contains(errs, []byte(`ErrErrQuote b24.ErrorCode = "ERR-QUOTE"`)) || !bytes.Contains(errs, []byte(`ErrAdversarialErrQuote b24.ErrorCode = "ERR\"*/QUOTE"`)) {
		t.Errorf("error constants:\n%s", errs)
	}
}

func TestOpenAPIValidates(t *testing.T) {
	files := generateSpecs(t, generatedPath)
	for _, name := range []string{OpenAPIJSON, OpenAPIYAML} {
		doc, err := openapi3.NewLoader().LoadFromData(files[name])
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := doc.Validate(context.Background()); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		op := doc.Paths.Value("/biconnector.source.delete").Post
		if op == nil || op.OperationID != "biconnector.source.delete" || op.RequestBody == nil {
			t.Fatalf("%s: operation %+v", name, op)
		}
		for _, status := range []string{"200", "401", "403", "429", "503"} {
			if op.Responses.Value(status) == nil {
				t.Errorf("%s: no %s response", name, status)
			}
		}
		if len(doc.Servers) != 2 || doc.Components.SecuritySchemes["OAuth2"] == nil {
			t.Errorf("%s: servers or security schemes missing", name)
		}
	}
}
