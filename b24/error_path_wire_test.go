package b24_test

import (
	"strings"
	"testing"
)

// TestUnreadableValueIsLocatedFromAPortal: a plain net/http peer answers
// fixture.item.list with one value the generated types cannot read, deep
// in a long answer: the error names where it is (the member, the index or
// key of the row), not only what it is.
func TestUnreadableValueIsLocatedFromAPortal(t *testing.T) {
	for _, tc := range []struct{ name, items, where string }{
		{"in a list", `[{"id":1},{"id":2},{"id":"x"}]`, `items[2].id`},
		{"in a list keyed by ID", `{"7":{"id":7},"8":{"id":8,"createdTime":"soon"}}`, `items[8].createdTime`},
		{"a row that is no object", `[{"id":1},5]`, `items[1]`},
	} {
		_, err := itemsAnswered(t, tc.items)
		if err == nil || !strings.Contains(err.Error(), tc.where+": ") {
			t.Errorf("%s: %v, want it to name %s", tc.name, err, tc.where)
		}
	}
}
