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

// answering returns a client of a plain net/http peer that answers every
// call with body, as a portal would send it; the peer stops with the test.
func answering(t *testing.T, body string) *b24.Client {
	t.Helper()
	portal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, body)
	}))
	t.Cleanup(portal.Close)
	c, err := b24.NewClient(portal.URL+"/rest/1/tok/", b24.WithInsecureHTTP(), b24.WithRetry(b24.RetryPolicy{MaxAttempts: 1}))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// itemsAnswered calls fixture.item.list through the generated client
// against a peer whose answer's result is {"items": items}.
func itemsAnswered(t *testing.T, items string) (*fixture.ItemListResult, error) {
	t.Helper()
	c := answering(t, `{"result":{"items":`+items+`},"total":2,"time":{"start":1,"finish":1,"duration":0}}`)
	return fixture.New(c).ItemList(context.Background(), &fixture.ItemListRequest{})
}
