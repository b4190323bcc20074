package b24fake_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/b24gen/b24gen/b24/b24fake"
	"github.com/b24gen/b24gen/generated"
	"github.com/b24gen/b24gen/generated/fixture"
)

// TestScriptDecodesOrderAsSent: a script that decodes its call gets an
// order's members in the order the call sent them, not in name order.
func TestScriptDecodesOrderAsSent(t *testing.T) {
	p := b24fake.New()
	generated.RegisterFakes(p)
	var got []byte
	p.On("fixture.item.list", func(_ context.Context, c *b24fake.Call) (any, error) {
		var req fixture.ItemListRequest
		if err := c.Decode(&req); err != nil {
			return nil, err
		}
		got, _ = json.Marshal(req.Order)
		return map[string]any{"items": []any{}}, nil
	})
	srv := httptest.NewServer(p)
	defer srv.Close()
	resp, err := http.Post(srv.URL+"/rest/1/tok/fixture.item.list", "application/json",
		strings.NewReader(`{"entityTypeId":2,"order":{"title":"ASC","id":"DESC"}}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if string(got) != `{"title":"ASC","id":"DESC"}` {
		t.Errorf("the script decoded order %s", got)
	}
}
