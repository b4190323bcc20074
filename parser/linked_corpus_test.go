package parser_test

import (
	"os"
	"testing"

	"github.com/b24gen/b24gen/internal/support/testdocs"
	"github.com/b24gen/b24gen/model"
	"github.com/b24gen/b24gen/parser"
)

// TestCorpusMemberless measures, on both editions of the docs, the fields
// typed object or array that have no members: what the generated Go code
// can only give as raw JSON. It logs the figures (and with -v the first
// fields of each kind); it holds them to nothing, the surface test of
// internal/check/corpus does.
func TestCorpusMemberless(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the whole docs tree")
	}
	for _, ed := range []struct {
		lang string
		dir  func(testing.TB) string
	}{{"ru", testdocs.Russian}, {"en", testdocs.English}} {
		t.Run(ed.lang, func(t *testing.T) {
			res, err := parser.Parse(os.DirFS(ed.dir(t)), parser.Options{})
			if err != nil {
				t.Fatal(err)
			}
			var c memberless
			for _, m := range res.API.Methods {
				c.walk(m.Params)
				c.walk(m.Returns)
			}
			for _, e := range res.API.Events {
				c.walk(e.Fields)
			}
			t.Logf("fields %d, containers %d, containers without members %d (objects %d, arrays %d)",
				c.fields, c.containers, c.object+c.array, c.object, c.array)
		})
	}
}

type memberless struct {
	fields, containers, object, array int
}

func (c *memberless) walk(fs []model.Field) {
	for _, f := range fs {
		c.fields++
		if f.Base == "object" || f.Base == "array" {
			c.containers++
			if len(f.Fields) == 0 {
				if f.Base == "object" {
					c.object++
				} else {
					c.array++
				}
			}
		}
		c.walk(f.Fields)
	}
}
