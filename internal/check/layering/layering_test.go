// Package layering checks that b24gen's layers point down only: the
// documentation reader, the model and the emitters do not link the HTTP
// runtime, and the runtime does not link the generator.
package layering

import (
	"os/exec"
	"strings"
	"testing"
)

// deps lists the packages pkg links, as go list sees them.
func deps(t *testing.T, pkg string) []string {
	t.Helper()
	out, err := exec.Command("go", "list", "-deps", pkg).Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	return strings.Fields(string(out))
}

func TestLayers(t *testing.T) {
	for _, tc := range []struct {
		pkg       string
		forbidden []string
	}{
		{"github.com/b24gen/b24gen/parser", []string{"net/http", "github.com/b24gen/b24gen/b24"}},
		{"github.com/b24gen/b24gen/model", []string{"net/http", "github.com/b24gen/b24gen/b24", "github.com/b24gen/b24gen/parser"}},
		{"github.com/b24gen/b24gen/b24/protocol", []string{"net/http", "github.com/b24gen/b24gen/model"}},
		{"github.com/b24gen/b24gen/analysis", []string{"net/http", "github.com/b24gen/b24gen/parser", "github.com/b24gen/b24gen/generator", "github.com/b24gen/b24gen/b24"}},
		{"github.com/b24gen/b24gen/generator/golang", []string{"github.com/b24gen/b24gen/parser", "github.com/b24gen/b24gen/b24"}},
		{"github.com/b24gen/b24gen/generator/openapi", []string{"github.com/b24gen/b24gen/parser", "github.com/b24gen/b24gen/b24"}},
		{"github.com/b24gen/b24gen/b24", []string{"github.com/b24gen/b24gen/model", "github.com/b24gen/b24gen/parser", "github.com/b24gen/b24gen/generator"}},
		{"github.com/b24gen/b24gen/b24/b24server", []string{"github.com/b24gen/b24gen/model", "github.com/b24gen/b24gen/parser", "github.com/b24gen/b24gen/internal/"}},
	} {
		for _, d := range deps(t, tc.pkg) {
			for _, f := range tc.forbidden {
				if d == f || (strings.HasSuffix(f, "/") && strings.HasPrefix(d, f)) {
					t.Errorf("%s links %s", tc.pkg, d)
				}
			}
		}
	}
}
