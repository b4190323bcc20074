package b24server_test

// The groups of alternatives from the other side of the wire: the generated
// fixture server (fixture.record.find takes ID or CODE, and in where,
// ownerId or ownerCode) runs in a child process and a plain net/http
// client posts to it.

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/b24gen/b24gen/b24/b24server"
	"github.com/b24gen/b24gen/b24/internal/wiretest"
	"github.com/b24gen/b24gen/generated/fixture"
)

// recordServer finds every record.
type recordServer struct {
	fixture.UnimplementedServer
}

func (recordServer) RecordFind(context.Context, *fixture.RecordFindRequest) (*fixture.RecordFindResult, error) {
	return &fixture.RecordFindResult{ID: 42, Code: "first"}, nil
}

// TestAlternativesChildServer is the child process's server; it does
// nothing in a normal run.
func TestAlternativesChildServer(t *testing.T) {
	mux := b24server.NewMux()
	fixture.Register(mux, recordServer{})
	wiretest.Serve("alternatives", mux)
}

func TestWireAlternatives(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	c := wiretest.Start(t, "TestAlternativesChildServer", "alternatives")
	url := c.URL + "/rest/1/token/fixture.record.find"
	const (
		found = `{"result":{"ID":42,"CODE":"first"}`
		// the page documents the answer to neither ID nor CODE
		keyMissing = `{"error":"FIXTURE_KEY_MISSING","error_description":"ID or CODE should be set"}`
	)
	for _, tc := range []struct {
		name, contentType, body string
		status                  int
		want                    string
	}{
		{"neither", "application/json", `{}`, http.StatusBadRequest, keyMissing},
		{"neither, only where", "application/json", `{"where":{"ownerId":7}}`, http.StatusBadRequest, keyMissing},
		{"null is not given", "application/json", `{"ID":null,"CODE":null}`, http.StatusBadRequest, keyMissing},
		{"neither, form", "application/x-www-form-urlencoded", `where[ownerCode]=x`, http.StatusBadRequest, keyMissing},
		{"ID", "application/json", `{"ID":42}`, http.StatusOK, found},
		{"CODE", "application/json", `{"CODE":"first"}`, http.StatusOK, found},
		{"both", "application/json", `{"ID":42,"CODE":"first"}`, http.StatusOK, found},
		{"case ignored", "application/json", `{"code":"first"}`, http.StatusOK, found},
		{"CODE, form", "application/x-www-form-urlencoded", `CODE=first`, http.StatusOK, found},
		// where is optional; given, it must hold ownerId or ownerCode, and
		// the page documents no error of its own for that
		{"where without its group", "application/json", `{"CODE":"first","where":{}}`, http.StatusBadRequest,
			`{"error":"INVALID_ARG_VALUE","error_description":"At least one of the parameters \"where.ownerId\" or \"where.ownerCode\" must be given"}`},
		{"where with ownerCode", "application/json", `{"CODE":"first","where":{"ownerCode":"x"}}`, http.StatusOK, found},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := send(t, url, tc.contentType, strings.NewReader(tc.body))
			if a.status != tc.status || !strings.HasPrefix(a.body, tc.want) {
				t.Errorf("%s: %d %s, want %d %s…", tc.body, a.status, a.body, tc.status, tc.want)
			}
		})
	}
}
