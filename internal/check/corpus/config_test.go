package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/b24gen/b24gen/internal/feature/config"
	"github.com/b24gen/b24gen/internal/support/testdocs"
	"github.com/b24gen/b24gen/parser"
)

// TestREADMEConfig reads the b24gen.yaml of the manual and applies it to
// the whole docs: every override in it must name a selected method or
// event and a field the docs have.
func TestREADMEConfig(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(testdocs.Root(), "docs", "regeneration.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(readme), "```yaml\n# yaml-language-server")
	block, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("docs/regeneration.md shows no b24gen.yaml")
	}
	cfg, err := config.Parse("docs/regeneration.md", []byte("# yaml-language-server"+block))
	if err != nil {
		t.Fatal(err)
	}
	res, err := parser.Parse(os.DirFS(testdocs.Russian(t)), parser.Options{Methods: cfg.Methods, Exclude: cfg.Exclude})
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.Apply(&res.API); err != nil {
		t.Error(err)
	}
}
