package b24_test

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
	"github.com/b24gen/b24gen/generated/fixture"
)

// TestEmptyAnswerFromAPortal: a plain net/http peer answers a method
// whose answer carries nothing (fixture.note.pin, as crm.item.delete) with
// each empty value portals send, and with values the page does not show:
// the generated client function returns only its error, nil for each but
// false, with which the classic API says a call failed; an error envelope
// is the documented error; a body that is no answer is an error, not a
// success.
func TestEmptyAnswerFromAPortal(t *testing.T) {
	const timing = `"time":{"start":1,"finish":1,"duration":0,"processing":0,"date_start":"2026-01-01T00:00:00+00:00","date_finish":"2026-01-01T00:00:00+00:00"}`
	for _, tc := range []struct {
		name, body string
		status     int
		wantErr    error
	}{
		{"empty array", `{"result":[],` + timing + `}`, 200, nil},
		{"null", `{"result":null,` + timing + `}`, 200, nil},
		{"empty object", `{"result":{},` + timing + `}`, 200, nil},
		{"true, as older portals answer", `{"result":true,` + timing + `}`, 200, nil},
		{"false, with which the classic API says it failed", `{"result":false,` + timing + `}`, 200, b24.ErrUnexpectedAnswer},
		{"false with spaces", `{"result": false ,` + timing + `}`, 200, b24.ErrUnexpectedAnswer},
		{"documented error", `{"error":"NOT_FOUND","error_description":"Not found"}`, 400, fixture.ErrNotFound},
		{"not JSON", `<html>502 Bad Gateway</html>`, 200, errors.New("any")},
	} {
		var sent map[string]any
		portal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			body, _ := io.ReadAll(r.Body)
			json.Unmarshal(body, &sent)
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(tc.status)
			io.WriteString(w, tc.body)
		}))
		c, err := fixture.NewClient(portal.URL+"/rest/1/tok/", b24.WithInsecureHTTP(), b24.WithRetry(b24.RetryPolicy{MaxAttempts: 1}))
		if err != nil {
			t.Fatal(err)
		}
		err = c.NotePin(context.Background(), &fixture.NotePinRequest{ID: 7})
		portal.Close()
		switch {
		case tc.wantErr == nil && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.wantErr != nil && err == nil:
			t.Errorf("%s: no error", tc.name)
		case (tc.wantErr == fixture.ErrNotFound || tc.wantErr == b24.ErrUnexpectedAnswer) && !errors.Is(err, tc.wantErr):
			t.Errorf("%s: %v, want %v", tc.name, err, tc.wantErr)
		}
		if id, _ := sent["id"].(float64); id != 7 {
			t.Errorf("%s: the portal got %v", tc.name, sent)
		}
	}
}

// TestEnvelopeKeysAreExact: a body whose "result" member is false and
// another member spells "result" in another case (or with U+017F) is the
// failure false says, and a body with no "result" but such a member is no
// answer; encoding/json alone matched the names without regard to case (a
// black-box attack found it).
func TestEnvelopeKeysAreExact(t *testing.T) {
	for _, tc := range []struct {
		body string
		want error
	}{
		{`{"result":false,"RESULT":[]}`, b24.ErrUnexpectedAnswer},
		{`{"result":false,"Result":null}`, b24.ErrUnexpectedAnswer},
		{"{\"result\":false,\"re\u017fult\":[]}", b24.ErrUnexpectedAnswer},
		{`{"RESULT":[]}`, errors.New("no answer")},
		{`{"Result":true}`, errors.New("no answer")},
		{`{"error":"NOT_FOUND","error_description":"Not found","time":"garbage"}`, fixture.ErrNotFound},
		{`{"result":[],"time":"garbage"}`, nil},
	} {
		portal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, tc.body) }))
		c, err := fixture.NewClient(portal.URL+"/rest/1/tok/", b24.WithInsecureHTTP(), b24.WithRetry(b24.RetryPolicy{MaxAttempts: 1}))
		if err != nil {
			t.Fatal(err)
		}
		err = c.NotePin(context.Background(), &fixture.NotePinRequest{ID: 7})
		portal.Close()
		switch {
		case tc.want == nil && err != nil, tc.want != nil && err == nil:
			t.Errorf("%s: %v, want %v", tc.body, err, tc.want)
		case tc.want == b24.ErrUnexpectedAnswer || tc.want == fixture.ErrNotFound:
			if !errors.Is(err, tc.want) {
				t.Errorf("%s: %v, want %v", tc.body, err, tc.want)
			}
		}
	}
}

// An answer the client cannot read says what is wrong with it, from a
// plain net/http peer: an HTTP error status over a result, a total or
// next that is not a number, a body that is not an object.
func TestUnreadableAnswersSayWhy(t *testing.T) {
	for _, tc := range []struct {
		status int
		body   string
		want   string
	}{
		{http.StatusServiceUnavailable, `{"result":true}`, "HTTP 503 with a result and no error"},
		{http.StatusOK, `{"result":true,"total":"many"}`, `total is not a number`},
		{http.StatusOK, `{"result":true,"next":{}}`, `next is not a number`},
		{http.StatusOK, `[1,2]`, "not a JSON object"},
		{http.StatusOK, `{}`, "neither a result nor an error"},
	} {
		portal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(tc.status)
			io.WriteString(w, tc.body)
		}))
		c, err := b24.NewClient(portal.URL+"/rest/1/tok/", b24.WithInsecureHTTP(), b24.WithRetry(b24.RetryPolicy{MaxAttempts: 1}))
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.Do(context.Background(), &b24.Method{Name: "fixture.note.pin"}, nil)
		portal.Close()
		var apiErr *b24.APIError
		if !errors.As(err, &apiErr) || !strings.Contains(apiErr.Description, tc.want) {
			t.Errorf("%d %s: %v, want an API error saying %q", tc.status, tc.body, err, tc.want)
		}
	}
}
