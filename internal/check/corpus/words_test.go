package corpus

import (
	"fmt"
	"os"
	"reflect"
	"testing"
	"unicode"

	"github.com/b24gen/b24gen/internal/support/testdocs"
	"github.com/b24gen/b24gen/model"
	"github.com/b24gen/b24gen/parser"
)

// TestDocsLang documents the Russian tree's API with the English tree's
// words, as generate -docs-lang does: the API must not change, and the
// text must be English wherever the English tree has the page.
func TestDocsLang(t *testing.T) {
	res, err := parser.Parse(os.DirFS(testdocs.Russian(t)), parser.Options{})
	if err != nil {
		t.Fatal(err)
	}
	w := res.API.TakeWords(&en.parse(t).API)
	t.Logf("words: %d of %d methods, %d of %d events; kept their own: %v %v",
		w.Methods, len(res.API.Methods), w.Events, len(res.API.Events), w.MethodsKept, w.EventsKept)
	if w.Methods < len(res.API.Methods)*99/100 || w.Events < len(res.API.Events)*95/100 {
		t.Errorf("too few took the English words")
	}
	before := russian(t).API
	if !reflect.DeepEqual(shape(&before), shape(&res.API)) {
		t.Fatal("taking the words changed the API")
	}
	cyrillic := 0
	for _, m := range res.API.Methods {
		if hasCyrillic(m.Title + m.Summary) {
			cyrillic++
		}
	}
	t.Logf("%d methods still have Cyrillic in their title or summary", cyrillic)
	if cyrillic > len(res.API.Methods)/50 {
		t.Errorf("%d of %d methods are not documented in English", cyrillic, len(res.API.Methods))
	}
}

// shape is everything of an API but its words.
func shape(api *model.API) []string {
	var out []string
	var fields func(prefix string, fs []model.Field)
	fields = func(prefix string, fs []model.Field) {
		for _, f := range fs {
			out = append(out, fmt.Sprint(prefix, f.Name, f.Type, f.Base, f.Array, f.Required, f.Default, f.Enum))
			fields(prefix+f.Name+".", f.Fields)
		}
	}
	for _, m := range api.Methods {
		out = append(out, m.API+"/"+m.Name+" "+m.Scope+" "+m.File)
		fields("param ", m.Params)
		fields("return ", m.Returns)
		for _, e := range m.Errors {
			out = append(out, fmt.Sprint("error ", e.Code, e.Message, e.Status, e.System, e.Checks))
		}
		for _, ex := range m.Examples {
			out = append(out, "example "+string(ex.Kind)+" "+string(ex.JSON))
		}
	}
	for _, e := range api.Events {
		out = append(out, "event "+e.Name+" "+e.Scope)
		fields("event ", e.Fields)
	}
	return out
}

func hasCyrillic(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Cyrillic, r) {
			return true
		}
	}
	return false
}
