package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/b24gen/b24gen/generator"
	"github.com/b24gen/b24gen/internal/feature/lint"
	"github.com/b24gen/b24gen/internal/support/gomodule"
	"github.com/b24gen/b24gen/internal/support/jsonyaml"
	"github.com/b24gen/b24gen/internal/support/testdocs"
	"github.com/b24gen/b24gen/parser"
)

// docTypes are the model's methods and examples as the harness programs
// read them from model.json.
const docTypes = `type docExample struct {
	Kind     string          ` + "`json:\"kind\"`" + `
	JSON     json.RawMessage ` + "`json:\"json\"`" + `
	Line     int             ` + "`json:\"line\"`" + `
	Template bool            ` + "`json:\"template\"`" + `
}

type docMethod struct {
	Name     string       ` + "`json:\"name\"`" + `
	API      string       ` + "`json:\"api\"`" + `
	File     string       ` + "`json:\"file\"`" + `
	Examples []docExample ` + "`json:\"examples\"`" + `
}

// generatedMethods indexes the generated methods by API and name.
func generatedMethods() map[string]*b24.Method {
	byName := map[string]*b24.Method{}
	for _, m := range api.Methods {
		byName[m.API+"/"+strings.ToLower(m.Name)] = m
	}
	return byName
}

// readDoc reads the methods of a model file.
func readDoc(path string) []docMethod {
	b, err := os.ReadFile(path)
	if err != nil {
		panic(err)
	}
	var doc struct {
		Methods []docMethod ` + "`json:\"methods\"`" + `
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		panic(err)
	}
	return doc.Methods
}
`

// replayMain replays the docs' examples against the generated code: the
// request examples through the generated server's checks into the request
// types, the response examples into the result types. It prints one JSON
// line per example. (Test harness code, not generator output.)
const replayMain = `package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/b24gen/b24gen/b24"
	"github.com/b24gen/b24gen/b24/b24server"

	"example.com/b24api/api"
)

` + docTypes + `
type outcome struct {
	File  string ` + "`json:\"file\"`" + `
	Line  int    ` + "`json:\"line\"`" + `
	Kind  string ` + "`json:\"kind\"`" + `
	Error string ` + "`json:\"error\"`" + `
}

func request(m *b24.Method, body []byte) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var params map[string]any
	if err := dec.Decode(&params); err != nil {
		return err
	}
	if params == nil {
		params = map[string]any{}
	}
	delete(params, "auth")
	if verr := b24server.Validate(m, params); verr != nil {
		return verr
	}
	js, err := json.Marshal(params)
	if err != nil {
		return err
	}
	return json.Unmarshal(js, m.NewRequest())
}

func response(m *b24.Method, body []byte) error {
	var env struct {
		Result json.RawMessage ` + "`json:\"result\"`" + `
	}
	if err := json.Unmarshal(body, &env); err != nil {
		return err
	}
	if env.Result == nil {
		return fmt.Errorf("no result")
	}
	if m.File {
		return fmt.Errorf("the method answers with a file, not a JSON result")
	}
	return json.Unmarshal(env.Result, m.NewResult())
}

func main() {
	byName := generatedMethods()
	out := json.NewEncoder(os.Stdout)
	for _, mm := range readDoc(os.Args[1]) {
		m := byName[mm.API+"/"+strings.ToLower(mm.Name)]
		for _, ex := range mm.Examples {
			if ex.Template || (ex.Kind != "request" && ex.Kind != "response") {
				continue
			}
			o := outcome{File: mm.File, Line: ex.Line, Kind: ex.Kind}
			switch {
			case m == nil:
				o.Error = "no generated method"
			case ex.Kind == "request":
				if err := request(m, ex.JSON); err != nil {
					o.Error = err.Error()
				}
			default:
				if err := response(m, ex.JSON); err != nil {
					o.Error = err.Error()
				}
			}
			out.Encode(o)
		}
	}
}
`

// TestWholeAPI generates the whole API into a module of its own, as a
// user's go generate would, builds and vets it, and replays every example
// of the docs against the generated code. Every example the generated code
// rejects must be one lint reports.
func TestWholeAPI(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the whole generated API")
	}
	forEach(t, wholeAPI)
}

func wholeAPI(t *testing.T, res *parser.Result) {
	files, _, err := generator.Generate(&res.API, generator.Options{ImportPath: "example.com/b24api/api"})
	if err != nil {
		t.Fatal(err)
	}
	module := map[string][]byte{}
	byPath := map[string][]byte{}
	for _, f := range files {
		byPath[f.Path] = f.Data
		// gofmt turns a doc line that looks like an old-style heading into
		// "# heading"; the emitter must keep doc text from doing so
		if i := bytes.Index(f.Data, []byte("\t// # ")); i >= 0 || bytes.HasPrefix(f.Data, []byte("// # ")) || bytes.Contains(f.Data, []byte("\n// # ")) {
			t.Errorf("%s: doc text became a heading near byte %d", f.Path, i)
		}
		module["api/"+f.Path] = f.Data
	}
	for _, pair := range [][2]string{{generator.OpenAPIJSON, generator.OpenAPIYAML}, {generator.OpenAPIV3JSON, generator.OpenAPIV3YAML}} {
		sameDocument(t, pair[0], byPath[pair[0]], byPath[pair[1]])
	}
	module["cmd/replay/main.go"] = []byte(replayMain)
	module["cmd/readme/main.go"] = readmeProgram(t, testdocs.Root())
	module["cmd/fake/main.go"] = []byte(fakeMain)
	model, err := json.Marshal(res.API)
	if err != nil {
		t.Fatal(err)
	}
	module["model.json"] = model
	dir := gomodule.Write(t, "example.com/b24api", module)
	run := func(args ...string) []byte { return gomodule.Go(t, dir, args...) }
	run("build", "./...")
	run("vet", "./...")
	out := run("run", "./cmd/replay", "model.json")

	rep := lint.Run(res)
	reported := map[string]bool{}
	for _, d := range rep.Diagnostics {
		if d.Code == lint.CodeReplayRequest || d.Code == lint.CodeReplayResponse {
			reported[fmt.Sprintf("%s:%d", d.File, d.Line)] = true
		}
	}
	total := map[string]int{}
	accepted := map[string]int{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	unreported := 0
	for sc.Scan() {
		var o struct {
			File, Kind, Error string
			Line              int
		}
		if err := json.Unmarshal(sc.Bytes(), &o); err != nil {
			t.Fatal(err)
		}
		total[o.Kind]++
		if o.Error == "" {
			accepted[o.Kind]++
			continue
		}
		if !reported[fmt.Sprintf("%s:%d", o.File, o.Line)] {
			unreported++
			if unreported <= 20 {
				t.Errorf("%s:%d: the generated code rejects this %s example and lint does not say so: %s", o.File, o.Line, o.Kind, o.Error)
			}
		}
	}
	t.Logf("replay against the generated code: requests %d/%d (%.1f%%), responses %d/%d (%.1f%%)",
		accepted["request"], total["request"], pct(accepted["request"], total["request"]),
		accepted["response"], total["response"], pct(accepted["response"], total["response"]))
	if pct(accepted["request"], total["request"]) < 97 || pct(accepted["response"], total["response"]) < 97 {
		t.Errorf("replay rates fell: requests %d/%d, responses %d/%d", accepted["request"], total["request"], accepted["response"], total["response"])
	}
	if unreported > 0 {
		t.Errorf("%d rejected examples are missing from lint", unreported)
	}
	checkFakePortal(t, run("run", "./cmd/fake", "model.json"), reported)
}

// checkFakePortal reads the fake portal's outcomes: every request example
// it refuses must be one lint reports, and every answer it gives to an
// accepted one must decode into the generated result type.
func checkFakePortal(t *testing.T, out []byte, reported map[string]bool) {
	t.Helper()
	counts := map[string]int{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	shown := 0
	for sc.Scan() {
		var o struct {
			File, Outcome, Error string
			Line                 int
		}
		if err := json.Unmarshal(sc.Bytes(), &o); err != nil {
			t.Fatal(err)
		}
		counts[o.Outcome]++
		bad := o.Outcome == "undecodable" || o.Outcome == "event-undecodable" || (o.Outcome == "rejected" && !reported[fmt.Sprintf("%s:%d", o.File, o.Line)])
		if bad && shown < 20 {
			shown++
			t.Errorf("%s:%d: fake portal: %s: %s", o.File, o.Line, o.Outcome, o.Error)
		}
	}
	t.Logf("events: %d example payloads decode into the generated types, %d do not", counts["event"], counts["event-undecodable"])
	if counts["event"] == 0 {
		t.Error("no event example was decoded")
	}
	total := counts[""] + counts["rejected"] + counts["undecodable"]
	t.Logf("fake portal: %d of %d request examples accepted (%.1f%%), %d refused, %d answers undecodable",
		counts[""], total, pct(counts[""], total), counts["rejected"], counts["undecodable"])
	if total == 0 || pct(counts[""], total) < 97 {
		t.Errorf("the fake portal accepted %d of %d request examples", counts[""], total)
	}
}

// readmeProgram turns the Go examples of the README and of the manual's
// client, serving and events pages into a program, one function per
// example, so that building the whole API also proves their code compiles
// against it. The examples are function bodies that may use ctx, c (a
// *crm.Client) and db (the application's storage).
func readmeProgram(t *testing.T, root string) []byte {
	t.Helper()
	var b strings.Builder
	b.WriteString(`package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"time"

	"github.com/b24gen/b24gen/b24"
	"github.com/b24gen/b24gen/b24/b24event"
	"github.com/b24gen/b24gen/b24/b24fake"
	"github.com/b24gen/b24gen/b24/b24server"
	generated "example.com/b24api/api"
	"example.com/b24api/api/b24events"
	"example.com/b24api/api/catalog"
	"example.com/b24api/api/crm"
	"example.com/b24api/api/tasks"
)

// c is the client the examples that do not make one use.
var c *crm.Client

// db stands for the application's storage.
var db interface {
	LoadToken(ctx context.Context, portal string) (b24.Token, error)
	SaveToken(ctx context.Context, portal string, t b24.Token) error
	ApplicationToken(ctx context.Context, memberID string) (b24.Secret, bool, error)
	SaveApplicationToken(ctx context.Context, memberID string, token b24.Secret) error
}

var (
	_ = json.Valid
	_ = errors.Is
	_ = fmt.Sprint
	_ = log.Printf
	_ = slog.Default
	_ = os.Getenv
	_ = time.Now
	_ = http.DefaultClient
	_ = httptest.NewServer
	_ = tasks.New
	_ = catalog.New
	_ = b24event.NewHandler
	_ = b24fake.New
	_ = b24server.NewMux
	_ = generated.RegisterFakes
	_ = b24events.Events
)

func main() {}
`)
	n := 0
	for _, file := range []string{"README.md", "docs/client.md", "docs/serving.md", "docs/events.md"} {
		text, err := os.ReadFile(filepath.Join(root, file))
		if err != nil {
			t.Fatal(err)
		}
		for _, block := range strings.Split(string(text), "\n```go\n")[1:] {
			body, _, ok := strings.Cut(block, "\n```")
			if !ok {
				t.Fatalf("%s: a Go example is not closed", file)
			}
			n++
			fmt.Fprintf(&b, "\n// %s\nfunc example%d(ctx context.Context) error {\n%s\nreturn nil\n}\n", file, n, body)
		}
	}
	if n < 10 {
		t.Fatalf("the README and the manual have %d Go examples; they should show webhook, OAuth, listing, batch, errors, serving, the fake portal and events", n)
	}
	return []byte(b.String())
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

// sameDocument checks that yaml.v3 reads the YAML twin of an OpenAPI
// document as the same value as its JSON.
func sameDocument(t *testing.T, name string, js, y []byte) {
	t.Helper()
	if err := jsonyaml.Same(js, y); err != nil {
		t.Errorf("%s: %v", name, err)
	}
}
