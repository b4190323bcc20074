package b24_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/b24gen/b24gen/b24"
	"github.com/b24gen/b24gen/generated/fixture"
)

// answering returns a client of a plain net/http peer that answers every
// call with body, as a portal would send it; the peer stops with the test.
func answering(t *testing.T, body string) *b24.Client {
	t.Helper()
	return answeringStatus(t, http.StatusOK, body)
}

// itemsAnswered calls fixture.item.list through the generated client
// against a peer whose answer's result is {"items": items}.
func itemsAnswered(t *testing.T, items string) (*fixture.ItemListResult, error) {
	t.Helper()
	c := answering(t, `{"result":{"items":`+items+`},"total":2,"time":{"start":1,"finish":1,"duration":0}}`)
	return fixture.New(c).ItemList(context.Background(), &fixture.ItemListRequest{})
}
