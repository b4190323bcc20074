package b24event_test

// Tests from the other side of the wire: a portal that is not ours posts
// events over loopback to a handler in a child process, whose memory is
// read from /proc; and what a handler prints of an event it received is
// scanned for the tokens the portal sent.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/b24gen/b24gen/b24/b24event"
	"github.com/b24gen/b24gen/b24/internal/wiretest"
)

const (
	wireAppToken = "wire-app-token-5ec4e7"
	wireAccess   = "wire-access-token-a1b2c3"
	wireRefresh  = "wire-refresh-token-d4e5f6"
)

// TestWireChildEvents is the child process's event receiver; it does
// nothing in a normal run.
func TestWireChildEvents(t *testing.T) {
	h := b24event.NewHandler(b24event.StaticToken(wireAppToken), b24event.WithOther(func(context.Context, *b24event.Event[json.RawMessage]) error { return nil }))
	wiretest.Serve("events", h)
}

func postEvent(t *testing.T, url, contentType, body string) (int, string) {
	t.Helper()
	resp, err := http.Post(url, contentType, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// deepEventForm is about n bytes of event form whose data holds keys 60
// levels deep.
func deepEventForm(n int, token string) string {
	var b strings.Builder
	b.WriteString("event=ONCRMDEALADD&auth[member_id]=m1")
	if token != "" {
		b.WriteString("&auth[application_token]=" + token)
	}
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "&data[k%d]%s=1", i, strings.Repeat("[]", 60))
	}
	return b.String()
}

// TestWireEventAmplification: an event without the right token costs
// memory for its bytes only, and any event's decoding stays in
// proportion to its size.
func TestWireEventAmplification(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	for _, tc := range []struct {
		name, token string
		want        int
	}{
		{"no token", "", http.StatusUnauthorized},
		{"wrong token", "wrong", http.StatusUnauthorized},
		{"right token", wireAppToken, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := wiretest.Start(t, "TestWireChildEvents", "events")
			body := deepEventForm(1<<20-1024, tc.token)
			var status int
			var answer string
			growth := c.Growth(t, func() {
				status, answer = postEvent(t, c.URL+"/events", "application/x-www-form-urlencoded", body)
			})
			if tc.want != 0 && status != tc.want {
				t.Errorf("answer %d %q, want %d", status, answer, tc.want)
			}
			limit := int64(2*len(body)) + 32<<20
			if tc.want == 0 {
				limit = int64(16*len(body)) + 32<<20
			}
			if growth > limit {
				t.Errorf("a %d KB event cost %d MB of memory (answer %d)", len(body)>>10, growth>>20, status)
			}
		})
	}
}

// TestWireEventSecretsDoNotPrint: whatever a handler does with the event
// it received — print it with any verb, log it, encode it — the tokens
// the portal sent do not appear.
func TestWireEventSecretsDoNotPrint(t *testing.T) {
	var mu sync.Mutex
	var printed bytes.Buffer
	record := func(e any) {
		mu.Lock()
		defer mu.Unlock()
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%T %v"} {
			fmt.Fprintf(&printed, verb+"\n", e)
		}
		js, err := json.Marshal(e)
		if err == nil {
			printed.Write(js)
		}
		slog.New(slog.NewTextHandler(&printed, nil)).Info("event", "event", e)
		slog.New(slog.NewJSONHandler(&printed, nil)).Info("event", "event", e)
		printed.WriteByte('\n')
	}
	done := make(chan struct{}, 4)
	h := b24event.NewHandler(b24event.StaticToken(wireAppToken), b24event.WithOther(func(_ context.Context, e *b24event.Event[json.RawMessage]) error {
		record(e)
		record(*e)
		record(e.Params)
		record(e.Auth)
		done <- struct{}{}
		return nil
	}))
	srv := httptest.NewServer(h)
	defer srv.Close()
	v := url.Values{}
	v.Set("event", "ONCRMDEALADD")
	v.Set("data[FIELDS][ID]", "42")
	v.Set("ts", "1700000000")
	v.Set("auth[member_id]", "m1")
	v.Set("auth[application_token]", wireAppToken)
	v.Set("auth[access_token]", wireAccess)
	v.Set("auth[refresh_token]", wireRefresh)
	v.Set("auth[domain]", "example.bitrix24.com")
	status, answer := postEvent(t, srv.URL, "application/x-www-form-urlencoded", v.Encode())
	if status != http.StatusOK {
		t.Fatalf("answer %d %q", status, answer)
	}
	js, _ := json.Marshal(map[string]any{"event": "ONCRMDEALADD", "data": map[string]any{"FIELDS": map[string]any{"ID": 42}},
		"auth": map[string]any{"member_id": "m1", "application_token": wireAppToken, "access_token": wireAccess, "refresh_token": wireRefresh}})
	if status, answer = postEvent(t, srv.URL, "application/json", string(js)); status != http.StatusOK {
		t.Fatalf("JSON: answer %d %q", status, answer)
	}
	for range 2 {
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatal("the handler was not called")
		}
	}
	mu.Lock()
	defer mu.Unlock()
	out := printed.String()
	if !strings.Contains(out, "example.bitrix24.com") || !strings.Contains(out, "42") {
		t.Fatalf("the printed event lacks its data: %.500s", out)
	}
	for _, secret := range []string{wireAppToken, wireAccess, wireRefresh} {
		for _, form := range []string{secret, fmt.Sprintf("%x", secret), fmt.Sprintf("% x", secret)} {
			if strings.Contains(out, form) {
				t.Errorf("a token the portal sent was printed (%d bytes of output)", len(out))
			}
		}
	}
}

// TestWireEventErrors: a refused event is answered with an error envelope
// in the receiver's own words, never a decoder's.
func TestWireEventErrors(t *testing.T) {
	h := b24event.NewHandler(b24event.StaticToken(wireAppToken), b24event.WithOther(func(context.Context, *b24event.Event[json.RawMessage]) error { return nil }))
	srv := httptest.NewServer(h)
	defer srv.Close()
	auth := "&auth[member_id]=m1&auth[application_token]=" + wireAppToken
	for _, tc := range []struct {
		body   string
		status int
	}{
		{"event=ONCRMDEALADD&ts=1" + auth + "&auth[access_token][]=a", http.StatusBadRequest},
		{"event=ONCRMDEALADD&ts=1&auth=zz", http.StatusUnauthorized},
		{"event=ONCRMDEALADD&ts[]=1" + auth, http.StatusBadRequest},
		{"event=ONCRMDEALADD&data=%zz" + auth, http.StatusBadRequest},
		{"ts=1" + auth, http.StatusBadRequest},
	} {
		status, answer := postEvent(t, srv.URL, "application/x-www-form-urlencoded", tc.body)
		var env struct {
			Error, ErrorDescription string
		}
		if status != tc.status || json.Unmarshal([]byte(answer), &env) != nil || env.Error == "" {
			t.Errorf("%s: answer %d %q, want %d with an error envelope", tc.body, status, answer, tc.status)
		}
		for _, words := range []string{"json:", "Go struct", "b24.", "wire[", "invalid URL escape"} {
			if strings.Contains(answer, words) {
				t.Errorf("%s: the answer carries a decoder's words: %s", tc.body, answer)
			}
		}
	}
}

// TestWireEventTokenAsChecked: the token an event is delivered with is
// the one the receiver checked, whatever other spellings of its key the
// sender adds (a Kelvin sign for the k, capitals).
func TestWireEventTokenAsChecked(t *testing.T) {
	got := make(chan *b24event.Event[json.RawMessage], 4)
	h := b24event.NewHandler(b24event.StaticToken(wireAppToken), b24event.WithOther(func(_ context.Context, e *b24event.Event[json.RawMessage]) error {
		got <- e
		return nil
	}))
	srv := httptest.NewServer(h)
	defer srv.Close()
	for _, spoof := range []string{"auth[application_to%E2%84%AAen]=EVIL", "auth[APPLICATION_TOKEN]=EVIL", "AUTH[application_token]=EVIL", "auth[Member_ID]=other"} {
		body := "event=ONCRMDEALADD&event_handler_id=3&auth[member_id]=m1&auth[application_token]=" + wireAppToken + "&" + spoof
		if status, answer := postEvent(t, srv.URL, "application/x-www-form-urlencoded", body); status != http.StatusOK {
			t.Fatalf("%s: answer %d %s", spoof, status, answer)
		}
		select {
		case e := <-got:
			if e.Auth.ApplicationToken.Reveal() != wireAppToken || string(e.Auth.MemberID) != "m1" || e.Name != "ONCRMDEALADD" {
				t.Errorf("%s: delivered with another token or portal than the one checked", spoof)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("not delivered")
		}
	}
}
