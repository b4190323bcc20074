package config

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/b24gen/b24gen/model"
)

const full = `# b24gen.yaml
docs: ../docs
docs_lang: ../docs-en
methods: [biconnector.*, crm.deal.*]
exclude: [crm.deal.fields]
output: api
import: example.com/app/api
packages:
  crm: bxcrm
openapi:
  formats: [json]
overrides:
  biconnector.source.delete:
    name: SourceRemove
    params:
      id: string
    returns:
      result: integer
`

func TestParse(t *testing.T) {
	c, err := Parse(filepath.Join("dir", "b24gen.yaml"), []byte(full))
	if err != nil {
		t.Fatal(err)
	}
	if c.Docs != filepath.Join("dir", "..", "docs") || c.DocsLang != filepath.Join("dir", "..", "docs-en") || c.Output != filepath.Join("dir", "api") || c.Import != "example.com/app/api" {
		t.Errorf("paths: %q %q %q %q", c.Docs, c.DocsLang, c.Output, c.Import)
	}
	if len(c.Methods) != 2 || c.Exclude[0] != "crm.deal.fields" || c.Packages["crm"] != "bxcrm" {
		t.Errorf("%+v", c)
	}
	if f := c.Formats(); len(f) != 1 || f[0] != "json" {
		t.Errorf("formats %v", f)
	}
	if n := c.GoNames(); n["biconnector.source.delete"] != "SourceRemove" {
		t.Errorf("names %v", n)
	}
	none, err := Parse("b24gen.yaml", []byte("openapi:\n  formats: []\n"))
	if err != nil || len(none.Formats()) != 0 {
		t.Errorf("an empty list writes no OpenAPI: %v %v", none.Formats(), err)
	}
	dflt, err := Parse("b24gen.yaml", []byte("docs: d\n"))
	if err != nil || len(dflt.Formats()) != 2 {
		t.Errorf("absent formats write both: %v %v", dflt.Formats(), err)
	}
}

// TestStrict: every mistake names the file and the line.
func TestStrict(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"docs: d\noutptu: x\n", `b24gen.yaml:2: unknown key "outptu"; the keys here are docs, docs_lang, methods, exclude, output, import, packages, openapi, overrides`},
		{"openapi:\n  format: [json]\n", `b24gen.yaml:2: unknown key "format" in openapi`},
		{"overrides:\n  a.b:\n    nmae: X\n", `b24gen.yaml:3: unknown key "nmae" in overrides.a.b`},
		{"methods: 5\n", `b24gen.yaml:1: cannot unmarshal`},
		{"docs: [a]\n", `b24gen.yaml:1: cannot unmarshal`},
		{"openapi:\n  formats: [xml]\n", `b24gen.yaml:2: OpenAPI format "xml"`},
		{"packages:\n  crm: Bx-Crm\n", `b24gen.yaml:2: "Bx-Crm" is not a Go package name`},
		{"overrides:\n  a.b:\n    name: lower\n", `b24gen.yaml:3: "lower" is not an exported Go name`},
		{"overrides:\n  a.b:\n    params:\n      id: number\n", `b24gen.yaml:4: type "number"`},
		{"docs: [\n", `b24gen.yaml:1: did not find expected node content`},
		{"", `b24gen.yaml: the file is empty`},
	} {
		_, err := Parse("b24gen.yaml", []byte(tc.in))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: %v, want %s", tc.in, err, tc.want)
		}
	}
}

func TestApply(t *testing.T) {
	api := func() *model.API {
		return &model.API{Events: []model.Event{{Name: "ONIMBOTV2JOINCHAT"}}, Methods: []model.Method{{
			Name:    "biconnector.source.delete",
			Params:  []model.Field{{Name: "id", Type: "integer", Base: "integer"}, {Name: "fields", Base: "object", Fields: []model.Field{{Name: "TITLE", Base: "string"}}}},
			Returns: []model.Field{{Name: "result", Base: "boolean"}},
		}}}
	}
	c, err := Parse("b24gen.yaml", []byte("overrides:\n  biconnector.source.delete:\n    params:\n      id: string\n      fields.TITLE: text\n    returns:\n      result: integer\n"))
	if err != nil {
		t.Fatal(err)
	}
	a := api()
	if err := c.Apply(a); err != nil {
		t.Fatal(err)
	}
	c, err = Parse("b24gen.yaml", []byte("overrides:\n  onimbotv2joinchat:\n    name: OnImbotV2JoinChat\n"))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Apply(api()); err != nil || c.GoNames()["onimbotv2joinchat"] != "OnImbotV2JoinChat" {
		t.Errorf("an event's name: %v %v", err, c.GoNames())
	}
	m := a.Methods[0]
	if m.Params[0].Base != "string" || m.Params[1].Fields[0].Base != "text" || m.Returns[0].Base != "integer" {
		t.Errorf("%+v", m)
	}
	for _, tc := range []struct{ in, want string }{
		{"overrides:\n  crm.deal.add:\n    name: DealAdd\n", `b24gen.yaml:2: override of crm.deal.add: the docs have no such method or event`},
		{"overrides:\n  ONIMBOTV2JOINCHAT:\n    params:\n      id: string\n", `override of ONIMBOTV2JOINCHAT: an event takes only name`},
		{"overrides:\n  Biconnector.Source.Delete:\n    name: A\n  biconnector.source.delete:\n    name: B\n", `one name, spelled twice`},
		{"overrides:\n  biconnector.source.delete:\n    params:\n      ident: string\n", `b24gen.yaml:4: override of biconnector.source.delete params: the method documents no field "ident"`},
	} {
		c, err := Parse("b24gen.yaml", []byte(tc.in))
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Apply(api()); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: %v, want %s", tc.in, err, tc.want)
		}
	}
}
