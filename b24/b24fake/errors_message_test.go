package b24fake_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/b24gen/b24gen/b24"
	"github.com/b24gen/b24gen/b24/b24fake"
	"github.com/b24gen/b24gen/generated"
	"github.com/b24gen/b24gen/generated/fixture"
)

// TestEmptyCodeErrors checks fixture.note.delete, whose page documents its
// errors without a code: the fake portal answers them as the page shows
// them ({"error":"","error_description":"…"}), for a failed check, an
// injected failure and a script, and the generated constants match the
// answers with errors.Is.
func TestEmptyCodeErrors(t *testing.T) {
	p := b24fake.New()
	generated.RegisterFakes(p)
	srv := httptest.NewServer(p)
	t.Cleanup(srv.Close)
	rt, err := b24.NewClient(srv.URL+"/rest/1/secret-token/", b24.WithInsecureHTTP(), b24.WithLimiter(b24.Unlimited()))
	if err != nil {
		t.Fatal(err)
	}
	fx := fixture.New(rt)
	ctx := context.Background()
	if ok, err := fx.NoteDelete(ctx, &fixture.NoteDeleteRequest{ID: 5}); err != nil || !ok {
		t.Fatalf("note.delete: %v %v", ok, err)
	}

	// on the wire: the envelope of the page's example
	status, body := rawCall(t, srv.URL+"/rest/1/secret-token/fixture.note.delete", `{}`)
	if status != 400 || body["error"] != "" || body["error_description"] != string(fixture.ErrIDIsNotDefinedOrInvalid) {
		t.Errorf("a call without id: %d %v", status, body)
	}

	// a failed check answers the message the page documents for it
	err = rt.Call(ctx, &b24.Method{Name: "fixture.note.delete"}, map[string]any{"id": "x"}, nil)
	var ae *b24.APIError
	if !errors.Is(err, fixture.ErrIDIsNotDefinedOrInvalid) || !errors.As(err, &ae) || ae.Code != "" || ae.Status != 400 {
		t.Errorf("a wrong id: %v", err)
	}
	if refused := p.Refused("fixture.note.delete"); len(refused) != 2 || !errors.Is(refused[1].Err, fixture.ErrIDIsNotDefinedOrInvalid) {
		t.Errorf("refused calls: %+v", refused)
	}

	// an injected failure and a script answer the message they return
	p.Fail("fixture.note.delete", fixture.ErrNoteIsLocked, 1)
	_, err = fx.NoteDelete(ctx, &fixture.NoteDeleteRequest{ID: 5})
	if !errors.Is(err, fixture.ErrNoteIsLocked) || errors.Is(err, fixture.ErrNotFoundMessage) || !errors.As(err, &ae) || ae.Code != "" || ae.Status != 400 {
		t.Errorf("injected failure: %v", err)
	}
	p.On("fixture.note.delete", func(context.Context, *b24fake.Call) (any, error) {
		return nil, fixture.ErrNotFoundMessage
	})
	_, err = fx.NoteDelete(ctx, &fixture.NoteDeleteRequest{ID: 6})
	if !errors.Is(err, fixture.ErrNotFoundMessage) || errors.Is(err, fixture.ErrNoteIsLocked) {
		t.Errorf("scripted failure: %v", err)
	}
}

func rawCall(t *testing.T, url, body string) (int, map[string]any) {
	t.Helper()
	resp, err := http.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("not JSON: %s", b)
	}
	return resp.StatusCode, out
}
