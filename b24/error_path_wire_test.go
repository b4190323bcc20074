package b24_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/b24gen/b24gen/b24"
	"github.com/b24gen/b24gen/generated/fixture"
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
		portal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, `{"result":{"items":`+tc.items+`},"time":{"start":1,"finish":1,"duration":0}}`)
		}))
		c, err := fixture.NewClient(portal.URL+"/rest/1/tok/", b24.WithInsecureHTTP(), b24.WithRetry(b24.RetryPolicy{MaxAttempts: 1}))
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.ItemList(context.Background(), &fixture.ItemListRequest{})
		portal.Close()
		if err == nil || !strings.Contains(err.Error(), tc.where+": ") {
			t.Errorf("%s: %v, want it to name %s", tc.name, err, tc.where)
		}
	}
}
