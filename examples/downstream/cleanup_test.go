package downstream

import (
	"context"
	"net/http/httptest"
	"slices"
	"testing"

	"example.com/downstream/b24api"
	"example.com/downstream/b24api/biconnector"
	"github.com/b24gen/b24gen/b24"
	"github.com/b24gen/b24gen/b24/b24fake"
)

// TestCleanup runs the code against the fake portal the generated code
// provides, scripted to miss one source.
func TestCleanup(t *testing.T) {
	portal := b24api.NewFakePortal()
	portal.On("biconnector.source.delete", func(_ context.Context, c *b24fake.Call) (any, error) {
		var req biconnector.DeleteSourceRequest
		if err := c.Decode(&req); err != nil {
			return nil, err
		}
		if req.ID == 2 {
			return nil, biconnector.ErrSourceNotFound
		}
		return true, nil
	})
	srv := httptest.NewServer(portal)
	defer srv.Close()
	c, err := biconnector.NewClient(srv.URL+"/rest/1/token/", b24.WithInsecureHTTP(), b24.WithLimiter(b24.Unlimited()))
	if err != nil {
		t.Fatal(err)
	}
	missing, err := Cleanup(context.Background(), c, []int64{1, 2, 3})
	if err != nil || !slices.Equal(missing, []int64{2}) {
		t.Fatalf("%v %v", missing, err)
	}
	if n := len(portal.Calls("biconnector.source.delete")); n != 3 {
		t.Fatalf("%d calls", n)
	}
}
