// Package testdocs finds the Bitrix24 documentation trees the corpus tests
// and benchmarks read. The trees are never part of this repository: they
// are found through B24_DOCS (Russian edition) and B24_DOCS_EN (English),
// by default ../shared/b24-rest-docs and ../shared/b24-rest-docs-en beside
// the repository. A missing tree skips the test, except under CI=true,
// where it fails it.
package testdocs

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Root returns the repository's root directory.
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", "..", ".."))
}

// Russian returns the Russian docs tree, or skips (fails under CI).
func Russian(tb testing.TB) string {
	return tree(tb, "B24_DOCS", "b24-rest-docs")
}

// English returns the English docs tree, or skips (fails under CI).
func English(tb testing.TB) string {
	return tree(tb, "B24_DOCS_EN", "b24-rest-docs-en")
}

func tree(tb testing.TB, env, name string) string {
	tb.Helper()
	dir := os.Getenv(env)
	if dir == "" {
		dir = filepath.Join(Root(), "..", "shared", name)
	} else if !filepath.IsAbs(dir) {
		// the Makefile passes paths relative to the repository
		dir = filepath.Join(Root(), dir)
	}
	if st, err := os.Stat(filepath.Join(dir, "api-reference")); err != nil || !st.IsDir() {
		msg := "the Bitrix24 docs tree is not at " + dir + " (set " + env + " to a checkout of the docs repository)"
		if os.Getenv("CI") == "true" {
			tb.Fatal(msg)
		}
		tb.Skip(msg)
	}
	return dir
}
