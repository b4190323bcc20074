package b24_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/b24gen/b24gen/b24"
	"github.com/b24gen/b24gen/generated/fixture"
)

// itemsAnswered calls fixture.item.list through the generated client
// against a plain net/http peer whose answer's result is
// {"items": items}, as a portal would send it, once.
func itemsAnswered(t *testing.T, items string) (*fixture.ItemListResult, error) {
	t.Helper()
	portal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"result":{"items":`+items+`},"total":2,"time":{"start":1,"finish":1,"duration":0}}`)
	}))
	defer portal.Close()
	c, err := fixture.NewClient(portal.URL+"/rest/1/tok/", b24.WithInsecureHTTP(), b24.WithRetry(b24.RetryPolicy{MaxAttempts: 1}))
	if err != nil {
		t.Fatal(err)
	}
	return c.ItemList(context.Background(), &fixture.ItemListRequest{})
}
