package b24server_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/b24gen/b24gen/generated/fixture"
)

// idServer implements fixture.note.pin and records the ids it is given.
type idServer struct {
	fixture.UnimplementedServer
	ids *[]int64
}

func (s idServer) NotePin(_ context.Context, req *fixture.NotePinRequest) error {
	*s.ids = append(*s.ids, int64(req.ID))
	return fixture.ErrNotFound
}

// TestWireEmptyRequiredNumber: a plain net/http client gives a required
// integer as an empty value (`"id": ""`, `id=` in a form or a query). A
// portal reads it as PHP does, as 0, and the method decides whether 0
// will do: the docs' own calendar.event.add example sends
// `"ownerId": ""` (required) for the company calendar, whose owner is 0.
// So the generated server hands the implementation 0 rather than answer
// a missing parameter; an absent id is missing.
func TestWireEmptyRequiredNumber(t *testing.T) {
	var ids []int64
	srv := httptest.NewServer(fixture.NewHandler(idServer{ids: &ids}))
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
	status, body := answer(post("application/json", `{}`))
	if status != 400 || !strings.Contains(body, `"id\" is missing`) || len(ids) != 0 {
		t.Fatalf("no id: %d %s, implementation given %v", status, body, ids)
	}
	get, _ := http.NewRequest("GET", srv.URL+"/rest/1/tok/fixture.note.pin?id=", nil)
	requests := []*http.Request{
		post("application/json", `{"id":""}`),
		post("application/json", `{"id":"  "}`),
		post("application/x-www-form-urlencoded", url.Values{"id": {""}}.Encode()),
		get,
	}
	for i, req := range requests {
		status, body := answer(req)
		if status != 400 || !strings.Contains(body, `"NOT_FOUND"`) || len(ids) != i+1 || ids[i] != 0 {
			t.Errorf("request %d: %d %s, implementation given %v; want it given 0", i, status, body, ids)
		}
	}
}
