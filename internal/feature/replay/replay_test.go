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
