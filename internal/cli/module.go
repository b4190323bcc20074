package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"

	"golang.org/x/mod/modfile"
)

// moduleImportPath returns the import path of a directory from the go.mod
// of the module it is in, or "" when it is in none.
func moduleImportPath(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := abs; ; d = filepath.Dir(d) {
		data, err := os.ReadFile(filepath.Join(d, "go.mod"))
		switch {
		case err == nil:
			mod := modfile.ModulePath(data)
			if mod == "" {
				return "", fmt.Errorf("%s: no module line", filepath.Join(d, "go.mod"))
			}
			rel, err := filepath.Rel(d, abs)
			if err != nil {
				return "", err
			}
			return path.Join(mod, filepath.ToSlash(rel)), nil
		case !errors.Is(err, fs.ErrNotExist):
			return "", err
		}
		if filepath.Dir(d) == d {
			return "", nil
		}
	}
}

// docsRevision returns the commit of a docs tree that is the top of a git
// checkout (a tree inside another repository, such as specs/, has none of
// its own), or "".
func docsRevision(docs string) string {
	abs, err := filepath.Abs(docs)
	if err != nil {
		return ""
	}
	top, err := exec.Command("git", "-C", abs, "rev-parse", "--show-toplevel").Output()
	if err != nil || filepath.Clean(string(bytes.TrimSpace(top))) != filepath.Clean(abs) {
		return ""
	}
	rev, err := exec.Command("git", "-C", abs, "rev-parse", "HEAD").Output()
	if err != nil {
		return ""
	}
	return string(bytes.TrimSpace(rev))
}
