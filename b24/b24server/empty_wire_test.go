package b24server_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/b24gen/b24gen/generated/fixture"
)

// pinServer implements fixture.note.pin, a method whose answer carries
// nothing: its implementation returns only an error.
type pinServer struct {
	fixture.UnimplementedServer
	pinned *[]int
}

func (s pinServer) NotePin(_ context.Context, req *fixture.NotePinRequest) error {
	if req.ID != 7 {
		return fixture.ErrNotFound
	}
	*s.pinned = append(*s.pinned, int(req.ID))
	return nil
}

// TestWireEmptyAnswer: a plain net/http client calls a generated server
// for a method whose answer carries nothing: a success answers the empty
// value the page shows ([]), as a portal does; an error the envelope; a
// method left unimplemented ERROR_METHOD_NOT_FOUND; in a batch, the
// command's result is that empty value too.
func TestWireEmptyAnswer(t *testing.T) {
	var pinned []int
	srv := httptest.NewServer(fixture.NewHandler(pinServer{pinned: &pinned}))
	defer srv.Close()
	call := func(path, body string) (int, map[string]json.RawMessage) {
		t.Helper()
		resp, err := http.Post(srv.URL+"/rest/1/tok/"+path, "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		raw, _ := io.ReadAll(resp.Body)
		var env map[string]json.RawMessage
		if err := json.Unmarshal(raw, &env); err != nil {
			t.Fatalf("%s: %q: %v", path, raw, err)
		}
		return resp.StatusCode, env
	}
	status, env := call("fixture.note.pin", `{"id":7}`)
	if status != 200 || string(env["result"]) != "[]" || len(pinned) != 1 {
		t.Errorf("success: %d %s, implementation ran %d times", status, env["result"], len(pinned))
	}
	status, env = call("fixture.note.pin", `{"id":8}`)
	if status != 400 || string(env["error"]) != `"NOT_FOUND"` {
		t.Errorf("error: %d %v", status, env)
	}
	status, env = call("batch", `{"halt":0,"cmd":{"p":"fixture.note.pin?id=7"}}`)
	var batch struct {
		Result map[string]json.RawMessage `json:"result"`
	}
	json.Unmarshal(env["result"], &batch)
	if status != 200 || string(batch.Result["p"]) != "[]" || len(pinned) != 2 {
		t.Errorf("batch: %d %s", status, env["result"])
	}

	unimplemented := httptest.NewServer(fixture.NewHandler(fixture.UnimplementedServer{}))
	defer unimplemented.Close()
	resp, err := http.Post(unimplemented.URL+"/rest/1/tok/fixture.note.pin", "application/json", strings.NewReader(`{"id":7}`))
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(raw), "ERROR_METHOD_NOT_FOUND") {
		t.Errorf("unimplemented: %d %s", resp.StatusCode, raw)
	}
}
