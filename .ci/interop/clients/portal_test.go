// This file is copied next to the clients that make interop generates
// from generated/openapi.json; it is not part of b24gen's module.
package interop_test

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/b24gen/b24gen/b24"
	"github.com/b24gen/b24gen/b24/b24fake"
	"github.com/b24gen/b24gen/b24/b24server"
	"github.com/b24gen/b24gen/generated"
)

// startPortal serves the generated fake portal over loopback, its webhook
// /rest/1/tok; biconnector.source.delete answers an error code the docs do
// not list.
func startPortal(t *testing.T) *httptest.Server {
	portal := b24fake.New(b24server.WithAuth(b24server.StaticWebhook("1", "tok")))
	generated.RegisterFakes(portal)
	portal.On("biconnector.source.delete", func(context.Context, *b24fake.Call) (any, error) {
		return nil, &b24.APIError{Code: "BRAND_NEW_CODE", Description: "A code the docs do not list", Status: 400}
	})
	srv := httptest.NewServer(portal)
	t.Cleanup(srv.Close)
	return srv
}
