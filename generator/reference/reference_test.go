package reference

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/b24gen/b24gen/generator/openapi"
	"github.com/b24gen/b24gen/parser"
)

// hostile is doc text that tries to put markup into the page.
const hostile = "Text <script>alert(1)</script> <img src=x onerror=alert(2)> [link](javascript:alert(3)) </td></table><b>bold</b>"

func specsPage(t *testing.T) []byte {
	t.Helper()
	res, err := parser.Parse(os.DirFS("../../specs"), parser.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range res.API.Methods {
		if res.API.Methods[i].Name == "fixture.adversarial.call" {
			res.API.Methods[i].Summary = hostile
			res.API.Methods[i].Params[0].Description = hostile
		}
	}
	doc, _, err := openapi.Generate(&res.API, "")
	if err != nil {
		t.Fatal(err)
	}
	page, err := Render(doc)
	if err != nil {
		t.Fatal(err)
	}
	return page
}

// TestRender: every method is listed and described; doc text cannot
// inject markup (the adversarial fixture page tries).
func TestRender(t *testing.T) {
	page := specsPage(t)
	for _, want := range []string{
		`<h3>biconnector.source.delete</h3>`, `<a href="#m-fixture.item.list" data-name="fixture.item.list">`,
		`VALIDATION_ID_NOT_PROVIDED`, `<td class="name">id <span class="req" title="required">*</span></td>`,
	} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("the page has no %s", want)
		}
	}
	if n := bytes.Count(page, []byte("<script")); n != 1 {
		t.Errorf("%d script elements, want only the page's own", n)
	}
	for _, bad := range []string{"javascript:", "<img", "<script>alert", "<b>bold", "</td></table>"} {
		if bytes.Contains(page, []byte(bad)) {
			t.Errorf("doc text put %q in the page", bad)
		}
	}
}

// TestOpensInChromium loads the page in headless Chromium: it renders,
// its script runs, and it shows biconnector.source.delete.
func TestOpensInChromium(t *testing.T) {
	var browser string
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			browser = p
			break
		}
	}
	if browser == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("Chromium is required in CI (.ci/run installs it)")
		}
		t.Skip("Chromium is not installed")
	}
	file := filepath.Join(t.TempDir(), "reference.html")
	if err := os.WriteFile(file, specsPage(t), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, browser, "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir="+t.TempDir(), "--dump-dom", "file://"+file)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	dom, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s", browser, err, stderr.String())
	}
	for _, want := range []string{`data-ready="true"`, `<h3>biconnector.source.delete</h3>`} {
		if !strings.Contains(string(dom), want) {
			t.Errorf("the rendered page has no %s", want)
		}
	}
}
