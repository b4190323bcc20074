// Package writer puts generated files into an output directory, or checks
// that the directory already holds them, without ever touching a file
// b24gen did not create.
//
// Ownership is recorded in a manifest in the output directory: the files
// b24gen wrote, the generator version and a digest of the documentation
// they come from. A file that is not in the manifest is the user's: it is
// never overwritten or deleted. Files are written atomically (a temporary
// file in the same directory, then a rename); all of them are staged
// before the first rename, so that a failed run leaves the previous output
// as it was. Files whose content is unchanged are not rewritten.
package writer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/aymanbagabas/go-udiff"
)

// ManifestName is the manifest's file name in the output directory.
const ManifestName = "b24gen.manifest.json"

// File is a file to write; Path is slash-separated and relative to the
// output directory.
type File struct {
	Path string
	Data []byte
}

// Manifest records what b24gen owns in an output directory.
type Manifest struct {
	// Generator names the b24gen version that wrote the files.
	Generator string `json:"generator"`
	// Docs identifies the documentation the files were generated from: a
	// digest of every file read.
	Docs string `json:"docs"`
	// DocsRevision is the commit of the docs checkout, when the docs tree
	// is one.
	DocsRevision string `json:"docs_revision,omitempty"`
	// Files are the paths b24gen owns, sorted.
	Files []string `json:"files"`
}

// Kind is what happens, or would happen, to a file.
type Kind int

const (
	Unchanged Kind = iota
	// Created: the file did not exist.
	Created
	// Updated: the file exists with other content.
	Updated
	// Deleted: b24gen owns the file and no longer generates it.
	Deleted
)

func (k Kind) String() string {
	return [...]string{"unchanged", "created", "updated", "deleted"}[k]
}

// Change is what happens to one file.
type Change struct {
	Path string
	Kind Kind
	// Diff is a unified diff of the change (only computed by Check).
	Diff string
}

// Report lists the changes of a write or a check, in path order.
type Report struct {
	Changes []Change
}

// Count returns the number of changes of a kind.
func (r *Report) Count(k Kind) int {
	n := 0
	for _, c := range r.Changes {
		if c.Kind == k {
			n++
		}
	}
	return n
}

// Clean reports whether nothing changes.
func (r *Report) Clean() bool {
	return r.Count(Unchanged) == len(r.Changes)
}

// ConflictError reports files in the output directory that b24gen would
// have to overwrite but did not create.
type ConflictError struct {
	Dir   string
	Paths []string
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("writer: %s: refusing to overwrite %s: not created by b24gen (not listed in %s); move or delete them",
		e.Dir, strings.Join(e.Paths, ", "), ManifestName)
}

// plan compares files with dir. It returns the changes, including the
// manifest itself, and the new manifest's bytes.
func plan(dir string, files []File, m Manifest, diffs bool) (*Report, []File, error) {
	old, err := readManifest(dir)
	if err != nil {
		return nil, nil, err
	}
	owned := map[string]bool{}
	for _, p := range old.Files {
		owned[p] = true
	}
	m.Files = m.Files[:0]
	seen := map[string]bool{}
	for _, f := range files {
		if err := checkPath(f.Path); err != nil {
			return nil, nil, err
		}
		if f.Path == ManifestName || seen[f.Path] {
			return nil, nil, fmt.Errorf("writer: %s generated twice or clashes with the manifest", f.Path)
		}
		seen[f.Path] = true
		m.Files = append(m.Files, f.Path)
	}
	slices.Sort(m.Files)
	mb, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, nil, err
	}
	all := append(slices.Clone(files), File{Path: ManifestName, Data: append(mb, '\n')})
	slices.SortFunc(all, func(a, b File) int { return strings.Compare(a.Path, b.Path) })

	rep := &Report{}
	var conflicts []string
	for _, f := range all {
		cur, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Path)))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			rep.Changes = append(rep.Changes, Change{Path: f.Path, Kind: Created, Diff: diff(diffs, f.Path, nil, f.Data)})
		case err != nil:
			return nil, nil, fmt.Errorf("writer: %w", err)
		case bytes.Equal(cur, f.Data):
			rep.Changes = append(rep.Changes, Change{Path: f.Path, Kind: Unchanged})
		default:
			if !owned[f.Path] && f.Path != ManifestName && !isGenerated(cur) {
				conflicts = append(conflicts, f.Path)
			}
			rep.Changes = append(rep.Changes, Change{Path: f.Path, Kind: Updated, Diff: diff(diffs, f.Path, cur, f.Data)})
		}
	}
	if len(conflicts) > 0 {
		return nil, nil, &ConflictError{Dir: dir, Paths: conflicts}
	}
	for _, p := range old.Files {
		if seen[p] || checkPath(p) != nil {
			continue
		}
		cur, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, nil, fmt.Errorf("writer: %w", err)
		}
		rep.Changes = append(rep.Changes, Change{Path: p, Kind: Deleted, Diff: diff(diffs, p, cur, nil)})
	}
	slices.SortFunc(rep.Changes, func(a, b Change) int { return strings.Compare(a.Path, b.Path) })
	return rep, all, nil
}

// isGenerated recognises a file another b24gen run wrote without a
// manifest (Go's "Code generated … DO NOT EDIT." line).
func isGenerated(b []byte) bool {
	line, _, _ := bytes.Cut(b, []byte("\n"))
	return bytes.HasPrefix(line, []byte("// Code generated by b24gen")) && bytes.HasSuffix(bytes.TrimSpace(line), []byte("DO NOT EDIT."))
}

func checkPath(p string) error {
	if p == "" || path.IsAbs(p) || path.Clean(p) != p || strings.HasPrefix(p, "../") || p == ".." || strings.Contains(p, "\\") {
		return fmt.Errorf("writer: %q is not a clean relative path", p)
	}
	return nil
}

func diff(enabled bool, name string, old, new []byte) string {
	if !enabled {
		return ""
	}
	return udiff.Unified("a/"+name, "b/"+name, string(old), string(new))
}

func readManifest(dir string) (Manifest, error) {
	var m Manifest
	b, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return m, fmt.Errorf("writer: %w", err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, fmt.Errorf("writer: %s: %w", filepath.Join(dir, ManifestName), err)
	}
	return m, nil
}

// Check compares files with dir without writing anything. The report's
// changes carry unified diffs.
func Check(dir string, files []File, m Manifest) (*Report, error) {
	rep, _, err := plan(dir, files, m, true)
	return rep, err
}

// Write brings dir in line with files: it creates and updates files,
// deletes the files it owns and no longer generates, and writes the
// manifest last.
func Write(dir string, files []File, m Manifest) (*Report, error) {
	rep, all, err := plan(dir, files, m, false)
	if err != nil {
		return nil, err
	}
	data := map[string][]byte{}
	for _, f := range all {
		data[f.Path] = f.Data
	}
	// Stage every new content beside its target.
	type staged struct{ tmp, target string }
	var stage []staged
	cleanup := func() {
		for _, s := range stage {
			_ = os.Remove(s.tmp)
		}
	}
	for _, c := range rep.Changes {
		if c.Kind != Created && c.Kind != Updated || c.Path == ManifestName {
			continue
		}
		target := filepath.Join(dir, filepath.FromSlash(c.Path))
		tmp, err := writeTemp(target, data[c.Path])
		if err != nil {
			cleanup()
			return nil, err
		}
		stage = append(stage, staged{tmp, target})
	}
	for _, s := range stage {
		if err := os.Rename(s.tmp, s.target); err != nil {
			cleanup()
			return nil, fmt.Errorf("writer: %w", err)
		}
	}
	for _, c := range rep.Changes {
		if c.Kind != Deleted {
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(c.Path))
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("writer: %w", err)
		}
		removeEmptyDirs(dir, filepath.Dir(p))
	}
	for _, c := range rep.Changes {
		if c.Path == ManifestName && c.Kind != Unchanged {
			target := filepath.Join(dir, ManifestName)
			tmp, err := writeTemp(target, data[ManifestName])
			if err != nil {
				return nil, err
			}
			if err := os.Rename(tmp, target); err != nil {
				_ = os.Remove(tmp)
				return nil, fmt.Errorf("writer: %w", err)
			}
		}
	}
	return rep, nil
}

// writeTemp writes data to a new temporary file beside target.
func writeTemp(target string, data []byte) (string, error) {
	d := filepath.Dir(target)
	if err := os.MkdirAll(d, 0o755); err != nil {
		return "", fmt.Errorf("writer: %w", err)
	}
	f, err := os.CreateTemp(d, "."+filepath.Base(target)+".b24gen-*.tmp")
	if err != nil {
		return "", fmt.Errorf("writer: %w", err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(f.Name())
		return "", fmt.Errorf("writer: %w", err)
	}
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		os.Remove(f.Name())
		return "", fmt.Errorf("writer: %w", err)
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return "", fmt.Errorf("writer: %w", err)
	}
	return f.Name(), nil
}

// removeEmptyDirs removes d and its parents up to root while they are
// empty.
func removeEmptyDirs(root, d string) {
	root = filepath.Clean(root)
	for d = filepath.Clean(d); d != root && strings.HasPrefix(d, root); d = filepath.Dir(d) {
		if os.Remove(d) != nil {
			return
		}
	}
}
