package b24server_test

import (
	"slices"
	"testing"

	"github.com/b24gen/b24gen/b24"
	"github.com/b24gen/b24gen/b24/b24server"
)

// TestValidateAlternativesInLists checks the groups of the members of a
// list of objects element by element, and names the element that gives
// none.
func TestValidateAlternativesInLists(t *testing.T) {
	spec := &b24.Method{Name: "test.sign.send", Params: []b24.Param{{
		Name: "members", Type: b24.TypeObject, Array: true,
		Fields: []b24.Param{
			{Name: "employeeId", Type: b24.TypeInteger},
			{Name: "userId", Type: b24.TypeInteger},
			{Name: "role", Type: b24.TypeString},
		},
		Alternatives: [][]string{{"employeeId", "userId"}},
	}}}
	for _, tc := range []struct {
		params map[string]any
		oneOf  []string
	}{
		{map[string]any{}, nil},
		{map[string]any{"members": []any{map[string]any{"userId": "1"}, map[string]any{"EMPLOYEEID": "2"}}}, nil},
		{map[string]any{"members": []any{map[string]any{"userId": "1"}, map[string]any{"role": "signer", "userId": nil}}},
			[]string{"members[1].employeeId", "members[1].userId"}},
	} {
		verr := b24server.Validate(spec, tc.params)
		switch {
		case tc.oneOf == nil && verr != nil:
			t.Errorf("%v: refused: %v", tc.params, verr)
		case tc.oneOf != nil && (verr == nil || verr.Problem != b24server.Missing || !slices.Equal(verr.OneOf, tc.oneOf) || verr.Param != tc.oneOf[0]):
			t.Errorf("%v: %#v, want the group %q missing", tc.params, verr, tc.oneOf)
		}
	}
}
