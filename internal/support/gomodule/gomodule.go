// Package gomodule builds Go code b24gen generated the way a user's module
// would: in a fresh module that requires this repository through a
// replace directive, with its go.sum, and the go command offline. Tests
// of the emitters and of the whole API share it.
package gomodule

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/b24gen/b24gen/internal/support/testdocs"
)

// Write makes a module of the given path in a new temporary directory,
// with files (slash-separated paths relative to its root), and returns the
// directory.
func Write(tb testing.TB, modulePath string, files map[string][]byte) string {
	tb.Helper()
	root := testdocs.Root()
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		tb.Fatal(err)
	}
	dir := tb.TempDir()
	all := map[string][]byte{
		"go.mod": []byte("module " + modulePath + "\n\ngo 1.26\n\nrequire github.com/b24gen/b24gen v0.0.0\n\nreplace github.com/b24gen/b24gen => " + root + "\n"),
		"go.sum": sum,
	}
	for p, data := range files {
		all[p] = data
	}
	for p, data := range all {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(full, data, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}

// Go runs the go command in dir without the network and returns what it
// printed on standard output; a failure fails tb with its output.
func Go(tb testing.TB, dir string, args ...string) []byte {
	tb.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		tb.Fatalf("go %s: %v\n%s%s", strings.Join(args, " "), err, out, stderr.String())
	}
	return out
}
