package replay

import (
	"os"
	"strings"
	"testing"

	"github.com/b24gen/b24gen/b24"
	"github.com/b24gen/b24gen/generated/biconnector"
	"github.com/b24gen/b24gen/generated/fixture"
	"github.com/b24gen/b24gen/model"
	"github.com/b24gen/b24gen/parser"
)

// TestSpecsExamples replays the examples of the specs/ pages against the
// committed generated code.
func TestSpecsExamples(t *testing.T) {
	res, err := parser.Parse(os.DirFS("../../../specs"), parser.Options{})
	if err != nil {
		t.Fatal(err)
	}
	methods := append(append([]*b24.Method{}, biconnector.Methods...), fixture.Methods...)
	outcomes := Run(&res.API, methods)
	kinds := map[model.ExampleKind]int{}
	for _, o := range outcomes {
		kinds[o.Kind]++
		if o.Err != nil {
			t.Error(o)
		}
	}
	// the seed has two request examples (webhook and OAuth) and a response
	if kinds["request"] < 3 || kinds["response"] < 3 {
		t.Fatalf("replayed %v; the specs have more examples than that", kinds)
	}
}

func TestReplayCatchesMismatches(t *testing.T) {
	m := biconnector.Methods[0]
	if err := Request(m, []byte(`{"id":"x"}`)); err == nil {
		t.Error("a non-integer id must fail the checks")
	}
	if err := Request(m, []byte(`{}`)); err == nil {
		t.Error("a missing required id must fail the checks")
	}
	if err := Response(m, []byte(`{"result":{"a":1}}`)); err == nil {
		t.Error("an object is not a boolean result")
	}
	if err := Response(m, []byte(`{"time":{}}`)); err == nil {
		t.Error("an answer without result must fail")
	}
}

// TestModelResponseNamesOneMember: with several members that do not fit,
// the error names the same one on every run (the first in key order), so
// that lint's report does not change from run to run.
func TestModelResponseNamesOneMember(t *testing.T) {
	m := &model.Method{Name: "x.y.get", Returns: []model.Field{{Name: "result", Base: "object", Fields: []model.Field{
		{Name: "B", Base: "integer"}, {Name: "A", Base: "integer"}, {Name: "C", Base: "integer"},
	}}}}
	for range 20 {
		err := ModelResponse(m, []byte(`{"result":{"C":"z","B":"y","A":"x"}}`))
		if err == nil || !strings.Contains(err.Error(), "result.A:") {
			t.Fatalf("want the error to name result.A: %v", err)
		}
	}
}

// TestModelResponseKeyedByID: an answer keyed by IDs where the table
// documents an object of its members decodes (the members are kept in
// Extra) but contradicts the table: the replay against the model says so,
// for lint; the generated code types it as the examples show.
func TestModelResponseKeyedByID(t *testing.T) {
	m := &model.Method{Name: "x.stages.get", Returns: []model.Field{{Name: "result", Base: "object", Fields: []model.Field{
		{Name: "ID", Base: "integer"}, {Name: "TITLE", Base: "string"},
	}}}}
	err := ModelResponse(m, []byte(`{"result":{"5":{"ID":"5","TITLE":"a"},"6":{"ID":"6"}}}`))
	if err == nil || !strings.Contains(err.Error(), "keyed by") {
		t.Errorf("keyed by IDs: %v", err)
	}
	// rows keyed by their codes: the same
	err = ModelResponse(m, []byte(`{"result":{"ru":{"ID":"ru","TITLE":"a"},"by":{"ID":"by"}}}`))
	if err == nil || !strings.Contains(err.Error(), "keyed by") {
		t.Errorf("keyed by codes: %v", err)
	}
	for _, ok := range []string{`{"result":{"ID":"5","TITLE":"a"}}`, `{"result":[]}`, `{"result":{"ID":"5","7":"x"}}`, `{"result":{"ru":{"ID":"x"},"by":{"ID":"by"}}}`} {
		if err := ModelResponse(m, []byte(ok)); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
}
