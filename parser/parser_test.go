package parser

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/b24gen/b24gen/model"
)

func TestSeedPage(t *testing.T) {
	res, err := Parse(os.DirFS(specsDir), Options{Methods: []string{"biconnector.*"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.API.Methods) != 1 {
		t.Fatalf("methods: %d", len(res.API.Methods))
	}
	m := res.API.Methods[0]
	if m.Name != "biconnector.source.delete" || m.Scope != "biconnector" || m.Title != "Удалить источник" || m.Line != 1 {
		t.Errorf("header: %q %q %q %d", m.Name, m.Scope, m.Title, m.Line)
	}
	if m.Summary != "Метод `biconnector.source.delete` удаляет существующее подключение." {
		t.Errorf("summary: %q", m.Summary)
	}
	if !strings.Contains(m.Permissions, "Рабочее место аналитика") {
		t.Errorf("permissions: %q", m.Permissions)
	}
	if len(m.Params) != 1 || m.Params[0].Name != "id" || m.Params[0].Type != "integer" || m.Params[0].Required != model.Required {
		t.Errorf("params: %+v", m.Params)
	}
	if len(m.Returns) != 2 || m.Returns[0].Name != "result" || m.Returns[0].Type != "boolean" || m.Returns[1].Name != "time" {
		t.Errorf("returns: %+v", m.Returns)
	}
	var own, system int
	for _, e := range m.Errors {
		if e.System {
			system++
			continue
		}
		own++
		if e.Status != 200 {
			t.Errorf("%s: status %d, the page documents 200", e.Code, e.Status)
		}
	}
	if own != 4 || system != 16 {
		t.Errorf("errors: %d own, %d system", own, system)
	}
	kinds := map[model.ExampleKind]int{}
	for _, ex := range m.Examples {
		kinds[ex.Kind]++
	}
	if kinds["request"] != 2 || kinds["response"] != 1 || kinds["error"] != 1 {
		t.Errorf("examples: %v", kinds)
	}
	// without the docs tree, every include is reported with file and line
	var missing []string
	for _, d := range res.Diagnostics {
		if d.Code == CodeIncludeMissing {
			missing = append(missing, d.File+":"+itoa(d.Line))
		}
	}
	want := "api-reference/biconnector/source/biconnector-source-delete.md:13"
	if len(missing) != 4 || missing[0] != want {
		t.Errorf("missing includes: %v", missing)
	}
}

// methodPage builds a method page around a parameter table, for the fuzz
// seeds. (Cases of the parser's rules are scenarios: scenarios/*.txtar.)
func methodPage(name, body string) string {
	return "# Метод " + name + "\n\n> Scope: [`test`](x.md)\n\nСводка.\n\n" + body
}

// TestMalformedPattern: a method pattern path.Match cannot read is an
// error, before any page is read. (What patterns select is the scenario
// options-method-patterns.)
func TestMalformedPattern(t *testing.T) {
	if _, err := Parse(fstest.MapFS{}, Options{Methods: []string{"crm.[deal"}}); err == nil {
		t.Fatal("a malformed pattern must be an error")
	}
}

func TestCurlBody(t *testing.T) {
	tests := []struct{ script, want string }{
		{"curl -X POST \\\n-H \"Content-Type: application/json\" \\\n-d '{\"id\":4}' \\\nhttps://x/rest/y", `{"id":4}`},
		{`curl --data-raw "{\"a\":\"b\"}" https://x`, `{"a":"b"}`},
		{`curl --json='{"a":1}' https://x`, `{"a":1}`},
		{`curl -d '{"date":"'"$(date +%F)"'"}' https://x`, `{"date":"$(date +%F)"}`},
		{"# comment -d 'no'\ncurl -d '{}' x", `{}`},
	}
	for _, tt := range tests {
		got, expanded, ok := curlBody([]byte(tt.script))
		if !ok || string(got) != tt.want || expanded != strings.Contains(tt.script, "$(") {
			t.Errorf("curlBody(%q) = %q, %v, %v; want %q", tt.script, got, expanded, ok, tt.want)
		}
	}
	if _, _, ok := curlBody([]byte("curl https://x")); ok {
		t.Error("a command without data has no body")
	}
}

// FuzzPage checks that no page makes the parser panic.
func FuzzPage(f *testing.F) {
	seed, err := os.ReadFile(specsDir + "/api-reference/biconnector/source/biconnector-source-delete.md")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(seed))
	f.Add(methodPage("a.b.c", "## Параметры\n\n#|\n|| **x***\n`int` | [y](#z) ||\n|#\n### Z {#z}\n\n#|\n|| **q** | [r](#z) ||\n|#\n"))
	f.Add("# t a.b\n\n## Возможные ошибки\n\n#|\n|| **Код** ||\n||||\n|#\n")
	f.Fuzz(func(t *testing.T, s string) {
		fsys := fstest.MapFS{"api-reference/p.md": &fstest.MapFile{Data: []byte(s)}}
		if _, err := Parse(fsys, Options{}); err != nil {
			t.Fatal(err)
		}
	})
}
