package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

const specs = "../../specs"

func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestGenerateAndCheck(t *testing.T) {
	out := filepath.Join(t.TempDir(), "gen")
	code, stdout, stderr := run(t, "generate", "-docs", specs, "-out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "created") {
		t.Errorf("summary: %q", stdout)
	}
	// warnings carry file and line
	if !strings.Contains(stderr, "biconnector-source-delete.md:13: warning: include ../../../_includes/required.md not found") {
		t.Errorf("warnings: %s", stderr)
	}
	if code, stdout, _ := run(t, "generate", "-docs", specs, "-out", out, "-check"); code != 0 || !strings.Contains(stdout, "up to date") {
		t.Fatalf("check after generate: exit %d: %s", code, stdout)
	}
	// a stale, an orphaned (removed from the manifest's view) and a missing file
	src := filepath.Join(out, "biconnector", "source.go")
	b, _ := os.ReadFile(src)
	os.WriteFile(src, append(b, []byte("// edited\n")...), 0o644)
	os.Remove(filepath.Join(out, "biconnector", "doc.go"))
	code, stdout, stderr = run(t, "generate", "-docs", specs, "-out", out, "-check")
	if code != 1 {
		t.Fatalf("check of a stale tree: exit %d", code)
	}
	for _, want := range []string{"stale: " + filepath.ToSlash(src), "missing: " + filepath.ToSlash(filepath.Join(out, "biconnector", "doc.go")), "-// edited", "out of date"} {
		if !strings.Contains(stdout+stderr, want) {
			t.Errorf("check output lacks %q:\n%s%s", want, stdout, stderr)
		}
	}
	code, stdout, _ = run(t, "generate", "-docs", specs, "-out", out, "-methods", "biconnector.*", "-check")
	if code != 1 || !strings.Contains(stdout, "orphaned: "+filepath.ToSlash(filepath.Join(out, "fixture", "nested.go"))) {
		t.Errorf("narrowing -methods orphans the fixture package: exit %d\n%s", code, stdout)
	}
	if b2, _ := os.ReadFile(src); !bytes.Equal(b2, append(b, []byte("// edited\n")...)) {
		t.Error("-check wrote a file")
	}
}

func TestCommittedOutputIsCurrent(t *testing.T) {
	code, stdout, stderr := run(t, "generate", "-docs", specs, "-out", "../../generated", "-check")
	if code != 0 {
		t.Fatalf("generated/ is stale (run make generate): %s\n%s", stdout, stderr)
	}
}

func TestModel(t *testing.T) {
	code, stdout, stderr := run(t, "model", "-docs", specs, "-methods", "biconnector.source.delete")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var api struct {
		Version int              `json:"version"`
		Methods []map[string]any `json:"methods"`
	}
	if err := json.Unmarshal([]byte(stdout), &api); err != nil {
		t.Fatal(err)
	}
	if api.Version != 1 || len(api.Methods) != 1 {
		t.Fatalf("%+v", api)
	}
	for _, k := range []string{"name", "scope", "title", "summary", "file", "line", "deprecated", "params", "returns", "errors", "examples"} {
		if _, ok := api.Methods[0][k]; !ok {
			t.Errorf("method lacks %q", k)
		}
	}
	p := api.Methods[0]["params"].([]any)[0].(map[string]any)
	for _, k := range []string{"name", "type", "array", "required", "description", "enum", "default", "fields"} {
		if _, ok := p[k]; !ok {
			t.Errorf("field lacks %q", k)
		}
	}
	code, stdout, _ = run(t, "model", "-docs", specs, "-format", "yaml", "-methods", "fixture.nested.get")
	var y map[string]any
	if code != 0 || yaml.Unmarshal([]byte(stdout), &y) != nil || !strings.Contains(stdout, "required: null") {
		t.Fatalf("yaml: exit %d\n%s", code, stdout)
	}
}

func TestOpenAPICommand(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"api.json", "api.yaml"} {
		p := filepath.Join(dir, name)
		if code, _, stderr := run(t, "openapi", "-docs", specs, "-o", p); code != 0 {
			t.Fatalf("%s: %s", name, stderr)
		}
		b, _ := os.ReadFile(p)
		if !bytes.Contains(b, []byte("biconnector.source.delete")) {
			t.Errorf("%s lacks the method", name)
		}
	}
	if code, _, _ := run(t, "openapi", "-docs", specs, "-o", filepath.Join(dir, "api.txt")); code != 2 {
		t.Error("an unknown extension is a usage error")
	}
}

func TestUsageAndErrors(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string
	}{
		{nil, 2, "Commands:"},
		{[]string{"-h"}, 0, "Commands:"},
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"generate", "-h"}, 0, "-methods"},
		{[]string{"model", "-h"}, 0, "-format"},
		{[]string{"openapi", "-h"}, 0, "-o"},
		{[]string{"generate", "-docs", "/nonexistent/docs"}, 1, "docs tree /nonexistent/docs"},
		{[]string{"model", "-docs", specs, "-methods", "nothing.matches"}, 1, "no method or event matches"},
		{[]string{"model", "-docs", specs, "-methods", "crm.[x"}, 1, "syntax error in pattern"},
		{[]string{"model", "-docs", specs, "-format", "xml"}, 2, "json or yaml"},
		{[]string{"generate", "stray"}, 2, `unexpected argument "stray"`},
	}
	for _, tt := range tests {
		code, stdout, stderr := run(t, tt.args...)
		if code != tt.code || !strings.Contains(stdout+stderr, tt.want) {
			t.Errorf("b24gen %v: exit %d, want %d with %q:\n%s%s", tt.args, code, tt.code, tt.want, stdout, stderr)
		}
	}
}

// TestDocsLang generates the API of the Russian seed page with the words
// of an English twin: the English text, the Russian API.
func TestDocsLang(t *testing.T) {
	out := filepath.Join(t.TempDir(), "gen")
	code, _, stderr := run(t, "generate", "-docs", specs, "-docs-lang", "testdata/docs-en", "-out", out, "-methods", "biconnector.*,fixture.nested.get")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "words from testdata/docs-en for 1 of 2 methods") || !strings.Contains(stderr, "fixture.nested.get is not in testdata/docs-en") {
		t.Errorf("stderr does not say what took the words:\n%s", stderr)
	}
	src, err := os.ReadFile(filepath.Join(out, "biconnector", "source.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Remove a connection", "The connection's identifier"} {
		if !strings.Contains(string(src), want) {
			t.Errorf("biconnector/source.go lacks %q", want)
		}
	}
	// gofmt aligns the member with the others of its struct
	if !regexp.MustCompile(`\bID\s+b24\.Int\b`).Match(src) {
		t.Error("biconnector/source.go lacks the member ID b24.Int")
	}
	if strings.Contains(string(src), "Идентификатор подключения") {
		t.Error("biconnector/source.go still has the Russian description of id")
	}
	code, stdout, stderr := run(t, "model", "-docs", specs, "-docs-lang", "testdata/docs-en", "-methods", "biconnector.source.delete")
	if code != 0 {
		t.Fatalf("model: exit %d: %s", code, stderr)
	}
	var api struct {
		Methods []struct {
			Title  string `json:"title"`
			Params []struct {
				Type        string `json:"type"`
				Description string `json:"description"`
			} `json:"params"`
		} `json:"methods"`
	}
	if err := json.Unmarshal([]byte(stdout), &api); err != nil {
		t.Fatal(err)
	}
	if m := api.Methods[0]; m.Title != "Remove a connection" || m.Params[0].Type != "integer" || m.Params[0].Description != "The connection's identifier" {
		t.Errorf("model: %+v", m)
	}
	if code, _, stderr := run(t, "model", "-docs", specs, "-docs-lang", "testdata/missing"); code == 0 || !strings.Contains(stderr, "-docs-lang") {
		t.Errorf("a missing words tree: exit %d: %s", code, stderr)
	}
}

// TestConfigNames: b24gen.yaml gives Go names to a method, in another
// case than the docs spell it, and to an event whose code spells no words.
func TestConfigNames(t *testing.T) {
	dir := t.TempDir()
	specsAbs, err := filepath.Abs(specs)
	if err != nil {
		t.Fatal(err)
	}
	cfg := "docs: " + specsAbs + "\noutput: gen\nimport: example.com/gen\nmethods: [biconnector.*, onfixturev2*]\n" +
		"overrides:\n  BICONNECTOR.SOURCE.DELETE:\n    name: SourceRemove\n  onfixturev2itemadd:\n    name: OnFixtureV2ItemAdd\n"
	if err := os.WriteFile(filepath.Join(dir, "b24gen.yaml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run(t, "generate", "-config", filepath.Join(dir, "b24gen.yaml")); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, c := range []struct{ file, want string }{
		{"biconnector/source.go", "func (c *Client) SourceRemove("},
		{"b24events/fixtures.go", "func HandleOnFixtureV2ItemAdd("},
		{"b24events/fixtures.go", "func HandleOnfixturev2Itemdelete("},
	} {
		src, err := os.ReadFile(filepath.Join(dir, "gen", c.file))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(src), c.want) {
			t.Errorf("%s lacks %q", c.file, c.want)
		}
	}
}

// TestHelpNamesRealCommands: every "b24gen X" that a help text or the
// command's doc comment names is a command.
func TestHelpNamesRealCommands(t *testing.T) {
	known := map[string]bool{}
	for _, c := range commands() {
		known[c.name] = true
	}
	var texts []string
	for _, c := range commands() {
		_, _, stderr := run(t, c.name, "-h")
		texts = append(texts, stderr)
	}
	_, _, top := run(t, "-h")
	texts = append(texts, top)
	doc, err := os.ReadFile("../../cmd/b24gen/main.go")
	if err != nil {
		t.Fatal(err)
	}
	texts = append(texts, string(doc))
	documented := map[string]bool{}
	for _, text := range texts {
		for _, f := range strings.Split(text, "b24gen ")[1:] {
			word := strings.Fields(f + " x")[0]
			if strings.HasPrefix(word, "-") || !isWord(word) || known[strings.TrimSuffix(word, "s")] && !known[word] {
				continue // a flag, or prose ("b24gen generates")
			}
			documented[word] = true
			if !known[word] {
				t.Errorf("a help text names \"b24gen %s\", which is no command", word)
			}
		}
	}
	for name := range known {
		if !documented[name] {
			t.Errorf("cmd/b24gen/main.go does not document %q", name)
		}
	}
}

func isWord(s string) bool {
	for _, r := range s {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return s != ""
}

// TestFragmentWarningShownOnce: a fragment two pages include has its
// diagnostic once per page in the parse; the warning on stderr names the
// fragment alone, so it is shown once (it was shown once per page).
func TestFragmentWarningShownOnce(t *testing.T) {
	dir := t.TempDir()
	page := func(name string) string {
		return "# Метод demo." + name + "\n\n> Scope: [`demo`](../scopes.md)\n\nМетод `demo." + name + "` делает.\n\n" +
			"## Параметры метода\n\n{% include [Общее](_includes/common.md) %}\n"
	}
	files := map[string]string{
		"api-reference/demo/_includes/common.md": "#|\n|| **Название**\n`тип` | **Описание** ||\n" +
			"|| **id**\n[`integer`](../../data-types.md) | Смотрите [ниже](#nowhere) ||\n|#\n",
		"api-reference/demo/demo-one.md": page("one"),
		"api-reference/demo/demo-two.md": page("two"),
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, _, stderr := run(t, "model", "-docs", dir)
	if n := strings.Count(stderr, "common.md:5: warning: link to #nowhere"); n != 1 {
		t.Errorf("the fragment's warning is shown %d times:\n%s", n, stderr)
	}
}
