package b24server_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/b24gen/b24gen/generated/fixture"
)

// TestWireEmptyRequiredNumber: a plain net/http client gives a required
// integer as an empty value (`"id": ""`, `id=` in a query or a form). A
// portal reads it as PHP does, as 0, and refuses the call because the
// parameter it needs is not given (crm.deal.get answers "ID is not
// defined or invalid"); the generated server answers as for a missing
// parameter and does not run the implementation. An optional integer
// given empty stays 0.
func TestWireEmptyRequiredNumber(t *testing.T) {
	var pinned []int
	srv := httptest.NewServer(fixture.NewHandler(pinServer{pinned: &pinned}))
	defer srv.Close()
	answer := func(req *http.Request) (int, string) {
		t.Helper()
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		raw, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(raw)
	}
	post := func(contentType, body string) *http.Request {
		req, _ := http.NewRequest("POST", srv.URL+"/rest/1/tok/fixture.note.pin", strings.NewReader(body))
		req.Header.Set("Content-Type", contentType)
		return req
	}
	missingStatus, missing := answer(post("application/json", `{}`))
	if missingStatus == 200 {
		t.Fatalf("no id: %d %s", missingStatus, missing)
	}
	get, _ := http.NewRequest("GET", srv.URL+"/rest/1/tok/fixture.note.pin?id=", nil)
	for name, req := range map[string]*http.Request{
		"JSON empty string": post("application/json", `{"id":""}`),
		"JSON blank string": post("application/json", `{"id":"  "}`),
		"form":              post("application/x-www-form-urlencoded", url.Values{"id": {""}}.Encode()),
		"query":             get,
	} {
		status, body := answer(req)
		if status != missingStatus || body != missing {
			t.Errorf("%s: %d %s; a missing id answers %d %s", name, status, body, missingStatus, missing)
		}
	}
	if len(pinned) != 0 {
		t.Errorf("the implementation ran for %v", pinned)
	}
}
