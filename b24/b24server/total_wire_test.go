package b24server_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/b24gen/b24gen/b24/b24server"
	"github.com/b24gen/b24gen/generated/fixture"
)

// totalServer answers fixture.nested.get, a method the analysis finds no
// paging for, and says how many records there are.
type totalServer struct{ fixture.UnimplementedServer }

func (totalServer) NestedGet(ctx context.Context, _ *fixture.NestedGetRequest) (*fixture.NestedGetResult, error) {
	b24server.SetTotal(ctx, 3)
	return &fixture.NestedGetResult{ID: 1}, nil
}

// TestWireTotalOfAMethodWithoutPaging: portals answer "total" from
// methods whose pages show it though they document no paging
// (lists.section.get); an implementation that sets it is answered with
// it, and no "next", which needs the rows' member. A plain net/http
// client reads the answer.
func TestWireTotalOfAMethodWithoutPaging(t *testing.T) {
	srv := httptest.NewServer(fixture.NewHandler(totalServer{}))
	defer srv.Close()
	resp, err := http.Post(srv.URL+"/rest/1/tok/fixture.nested.get", "application/json", strings.NewReader(`{"id":1}`))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if !strings.Contains(string(body), `"total":3`) || strings.Contains(string(body), `"next"`) {
		t.Errorf("%d %s; want total 3 and no next", resp.StatusCode, body)
	}
}
