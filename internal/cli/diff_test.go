package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const diffDocs = "../feature/apidiff/testdata/docs"

// copyTree copies a directory.
func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		target := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func replaceIn(t *testing.T, file, old, new string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil || !strings.Contains(string(b), old) {
		t.Fatalf("%s: %v, or no %q", file, err, old)
	}
	if err := os.WriteFile(file, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestDiff: two docs trees, two model files, two revisions of a git
// checkout, and OpenAPI documents give the same report; -fail-on breaking
// fails the run.
func TestDiff(t *testing.T) {
	dir := t.TempDir()
	v1, v2 := filepath.Join(dir, "v1"), filepath.Join(dir, "v2")
	copyTree(t, diffDocs, v1)
	copyTree(t, diffDocs, v2)
	replaceIn(t, filepath.Join(v2, "api-reference/demo/demo-item-add.md"), "|| **TITLE**", "|| **TITLE***")
	replaceIn(t, filepath.Join(v2, "api-reference/disk/disk-file-copyto.md"), "disk.file.copyto", "disk.file.copyTo")

	code, out, stderr := run(t, "diff", "-format", "json", v1, v2)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var rep map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"added", "removed", "renamed", "changed", "breaking", "crossCutting", "breakingGo", "breakingOpenAPI"} {
		if rep[k] == nil {
			t.Errorf("no %q in %s", k, out)
		}
	}
	// the parameter made required breaks both; the rename, the Go name
	if string(rep["breaking"]) != "2" || string(rep["breakingGo"]) != "2" || string(rep["breakingOpenAPI"]) != "1" ||
		!strings.Contains(string(rep["renamed"]), `"from": "disk.file.copyto"`) ||
		!strings.Contains(string(rep["changed"]), `"method": "demo.item.add"`) {
		t.Fatalf("%s", out)
	}
	if code, _, stderr := run(t, "diff", "-fail-on", "breaking", v1, v2); code != 1 || !strings.Contains(stderr, "2 breaking changes (Go 2, OpenAPI 1)") {
		t.Errorf("-fail-on breaking: exit %d: %s", code, stderr)
	}
	if code, md, _ := run(t, "diff", v1, v1); code != 0 || !strings.Contains(md, "No change to the API.") {
		t.Errorf("no change: %d %s", code, md)
	}

	// model files
	m1, m2 := filepath.Join(dir, "m1.json"), filepath.Join(dir, "m2.yaml")
	for _, m := range []struct{ docs, file, format string }{{v1, m1, "json"}, {v2, m2, "yaml"}} {
		code, out, stderr := run(t, "model", "-docs", m.docs, "-format", m.format)
		if code != 0 {
			t.Fatalf("model: %s", stderr)
		}
		if err := os.WriteFile(m.file, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if code, out2, stderr := run(t, "diff", "-format", "json", m1, m2); code != 0 || out2 != out {
		t.Errorf("models: exit %d %s\n%s\nwant\n%s", code, stderr, out2, out)
	}

	// OpenAPI documents alone: what the schemas show
	o1, o2 := filepath.Join(dir, "o1.json"), filepath.Join(dir, "o2.yaml")
	for _, o := range []struct{ docs, file string }{{v1, o1}, {v2, o2}} {
		if code, _, stderr := run(t, "openapi", "-docs", o.docs, "-o", o.file); code != 0 {
			t.Fatalf("openapi: %s", stderr)
		}
	}
	if code, out, stderr := run(t, "diff", o1, o2); code != 0 || !strings.Contains(out, "became required") {
		t.Errorf("OpenAPI documents: exit %d %s\n%s", code, stderr, out)
	}

	// two revisions of a git checkout
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	repo := filepath.Join(dir, "repo")
	copyTree(t, v1, repo)
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", repo, "-c", "user.name=t", "-c", "user.email=t@example.com"}, args...)...)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v %s", args, err, b)
		}
	}
	git("init", "-q")
	git("add", ".")
	git("commit", "-qm", "v1")
	copyTree(t, v2, repo)
	git("commit", "-qam", "v2")
	if code, out2, stderr := run(t, "diff", "-format", "json", "-git", repo, "HEAD~1", "HEAD"); code != 0 || out2 != out {
		t.Errorf("git revisions: exit %d %s\n%s", code, stderr, out2)
	}
	if code, _, stderr := run(t, "diff", "-git", repo, "HEAD~1", "nosuchrev"); code != 1 || !strings.Contains(stderr, "git archive nosuchrev") {
		t.Errorf("a bad revision: exit %d %s", code, stderr)
	}

	// generating from a docs checkout records its commit in the manifest
	gen := filepath.Join(dir, "gen")
	if code, _, stderr := run(t, "generate", "-docs", repo, "-out", gen); code != 0 {
		t.Fatalf("generate: %s", stderr)
	}
	head, err := exec.Command("git", "-C", repo, "rev-parse", "HEAD").Output()
	if err != nil {
		t.Fatal(err)
	}
	manifest, err := os.ReadFile(filepath.Join(gen, "b24gen.manifest.json"))
	if err != nil || !strings.Contains(string(manifest), `"docs_revision": "`+strings.TrimSpace(string(head))+`"`) {
		t.Errorf("manifest %s %v", manifest, err)
	}
}

// TestLintCompare: two editions of a tree, one with a method respelled and
// a parameter made required.
func TestLintCompare(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	copyTree(t, diffDocs, a)
	copyTree(t, diffDocs, b)
	replaceIn(t, filepath.Join(b, "api-reference/demo/demo-item-add.md"), "|| **TITLE**", "|| **TITLE***")
	replaceIn(t, filepath.Join(b, "api-reference/disk/disk-file-copyto.md"), "disk.file.copyto", "disk.file.copyTO2")
	code, out, stderr := run(t, "lint", "-docs", a, "-compare", b)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"disk-file-copyto.md: A disk.file.copyto, B disk.file.copyTO2",
		"demo.item.add (api-reference/demo/demo-item-add.md)\n    parameter fields.TITLE: optional in A, required in B",
		"Summary: 2 methods in both, 1 with the same parameters (50.0%); 1 named differently",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q:\n%s", want, out)
		}
	}
	if code, out, _ := run(t, "lint", "-docs", a, "-compare", b, "-format", "json"); code != 0 || !strings.Contains(out, `"agreement": 0.5`) {
		t.Errorf("json: %d %s", code, out)
	}
}
