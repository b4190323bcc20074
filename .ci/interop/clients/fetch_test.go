// This file is copied next to the openapi-fetch client that make interop
// compiles (fetch/client.mjs); it is not part of b24gen's module.
package interop_test

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"os/exec"
	"testing"

	"github.com/b24gen/b24gen/b24"
	"github.com/b24gen/b24gen/b24/b24fake"
	"github.com/b24gen/b24gen/b24/b24server"
	"github.com/b24gen/b24gen/generated"
)

// TestOpenAPIFetchCallsFakePortal: the TypeScript client (openapi-fetch,
// typed by openapi-typescript from the export) calls the generated fake
// portal over loopback: the documented answer reads as its types say,
// and an error code the docs do not list is the error answer.
func TestOpenAPIFetchCallsFakePortal(t *testing.T) {
	portal := b24fake.New(b24server.WithAuth(b24server.StaticWebhook("1", "tok")))
	generated.RegisterFakes(portal)
	portal.On("biconnector.source.delete", func(context.Context, *b24fake.Call) (any, error) {
		return nil, &b24.APIError{Code: "BRAND_NEW_CODE", Description: "A code the docs do not list", Status: 400}
	})
	srv := httptest.NewServer(portal)
	defer srv.Close()
	out, err := exec.Command("node", "fetch/client.mjs", srv.URL+"/rest/1/tok").CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	var got struct {
		ID      any    `json:"id"`
		Title   string `json:"title"`
		English string `json:"english"`
		Status  int    `json:"status"`
		Code    string `json:"code"`
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if got.ID != "42" || got.Title == "" || got.English != "Record" || got.Status != 400 || got.Code != "BRAND_NEW_CODE" {
		t.Errorf("the client saw %s", out)
	}
}
