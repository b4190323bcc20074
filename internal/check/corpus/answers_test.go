package corpus

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/b24gen/b24gen/generator"
	"github.com/b24gen/b24gen/generator/openapi"
	"github.com/b24gen/b24gen/model"
	"github.com/b24gen/b24gen/parser"
)

// TestAnswersAsSent: every response example of the docs, as the page
// writes it (as portals send it: numbers as text, null, [] for an empty
// object), is taken by the answer schema of its method in the OpenAPI
// export, which is what strict generated clients decode with. The
// envelope's "time" is not the page's: it is left out.
func TestAnswersAsSent(t *testing.T) { forEach(t, answersAsSent) }

func answersAsSent(t *testing.T, res *parser.Result) {
	for _, restAPI := range []string{"", model.APIv3} {
		js, _, _, err := generator.OpenAPI(&res.API, restAPI, openapi.Options{})
		if err != nil {
			t.Fatal(err)
		}
		loaded, err := openapi3.NewLoader().LoadFromData(js)
		if err != nil {
			t.Fatal(err)
		}
		total, refused := 0, 0
		for _, m := range res.API.Methods {
			item := loaded.Paths.Value("/" + m.Name)
			if m.API != restAPI || item == nil || item.Post == nil {
				continue
			}
			success := loaded.Components.Schemas[openapi.SchemaName(m.Name)+"Success"]
			for _, ex := range m.Examples {
				var v any
				if ex.Kind != model.ExampleResponse || ex.Template || json.Unmarshal(ex.JSON, &v) != nil {
					continue
				}
				if obj, ok := v.(map[string]any); ok {
					// the envelope's timing is the portal's own, described
					// once by the shared Time schema (one page shows a date
					// where every portal sends Unix time)
					delete(obj, "time")
				}
				total++
				if err := success.Value.VisitJSON(v); err != nil {
					refused++
					line, _, _ := strings.Cut(err.Error(), "\n")
					t.Logf("%s (%s:%d): %v", m.Name, m.File, ex.Line, line)
				}
			}
		}
		t.Logf("API %q: %d response examples, %d refused", restAPI, total, refused)
		if refused > 0 {
			t.Errorf("API %q: %d of %d response examples refused by their answer schema", restAPI, refused, total)
		}
	}
}
