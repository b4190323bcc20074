package b24_test

import (
	"testing"
)

// TestKeysThatDifferByCaseFromAPortal: a plain net/http peer answers
// fixture.item.list with members whose keys differ from a documented one
// by case only. A key alone is read into the member, as encoding/json
// does; beside the documented spelling, that one wins and the other is
// kept in Extra: nothing the portal sends is lost.
func TestKeysThatDifferByCaseFromAPortal(t *testing.T) {
	for _, tc := range []struct {
		name, item, title string
		extra             map[string]string
	}{
		{"documented spelling", `{"title":"a"}`, "a", nil},
		{"another case alone", `{"TITLE":"a"}`, "a", nil},
		{"both, documented first", `{"title":"exact","TITLE":"variant"}`, "exact", map[string]string{"TITLE": `"variant"`}},
		{"both, documented last", `{"TITLE":"variant","title":"exact"}`, "exact", map[string]string{"TITLE": `"variant"`}},
		{"two other cases", `{"Title":"a","TITLE":"b"}`, "b", map[string]string{"Title": `"a"`}},
		{"with members of their own", `{"TITLE":"v","id":7,"UF_X":1,"title":"e"}`, "e", map[string]string{"TITLE": `"v"`, "UF_X": "1"}},
	} {
		res, err := itemsAnswered(t, "["+tc.item+"]")
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		it := res.Items[0]
		if string(it.Title) != tc.title {
			t.Errorf("%s: title %q, want %q", tc.name, it.Title, tc.title)
		}
		if len(it.Extra) != len(tc.extra) {
			t.Errorf("%s: extra %v, want %v", tc.name, it.Extra, tc.extra)
			continue
		}
		for k, v := range tc.extra {
			if string(it.Extra[k]) != v {
				t.Errorf("%s: extra %v, want %v", tc.name, it.Extra, tc.extra)
			}
		}
	}
}
