package replay

import (
	"strings"
	"testing"

	"github.com/b24gen/b24gen/model"
)

// TestModelRequestAlternatives: a request example that gives none of a
// group of alternatives is rejected against the model, as the generated
// server refuses it, so that lint reports it; the groups of an object's
// members hold when the object is given.
func TestModelRequestAlternatives(t *testing.T) {
	m := &model.Method{
		Name: "demo.record.find",
		Params: []model.Field{
			{Name: "ID", Base: "integer"},
			{Name: "CODE", Base: "string"},
			{Name: "where", Base: "object", Fields: []model.Field{{Name: "ownerId", Base: "integer"}, {Name: "ownerCode", Base: "string"}}},
		},
		Alternatives: []model.Alternative{
			{Parent: []string{}, Params: []string{"ID", "CODE"}},
			{Parent: []string{"where"}, Params: []string{"ownerId", "ownerCode"}},
		},
	}
	for body, want := range map[string]string{
		`{"CODE":"a"}`:                          "",
		`{"id":1,"where":{"ownerCode":"x"}}`:    "",
		`{"where":{"ownerId":7}}`:               `"ID" or "CODE"`,
		`{"CODE":"a","where":{"ownerId":null}}`: `"where.ownerId" or "where.ownerCode"`,
	} {
		err := ModelRequest(m, []byte(body))
		switch {
		case want == "" && err != nil:
			t.Errorf("%s: %v", body, err)
		case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
			t.Errorf("%s: %v, want the group %s missing", body, err, want)
		}
	}
}
