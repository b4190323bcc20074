package b24event_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/b24gen/b24gen/b24"
	"github.com/b24gen/b24gen/b24/b24event"
	"github.com/b24gen/b24gen/generated/b24events"
)

const appToken = "example-application-token"

// form encodes a JSON payload as the portal sends it: PHP brackets.
func form(t testing.TB, payload string) string {
	t.Helper()
	q, err := b24.EncodeQuery([]byte(payload))
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// example returns the documented example of an event.
func example(t testing.TB, name string) string {
	t.Helper()
	for _, s := range b24events.Events {
		if strings.EqualFold(s.Name, name) {
			return s.Example
		}
	}
	t.Fatalf("no event %s", name)
	return ""
}

func post(t testing.TB, h http.Handler, contentType, body string) *http.Response {
	t.Helper()
	r := httptest.NewRequest(http.MethodPost, "/events", strings.NewReader(body))
	r.Header.Set("Content-Type", contentType)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w.Result()
}

const formType = "application/x-www-form-urlencoded"

func TestTypedEvent(t *testing.T) {
	var logs bytes.Buffer
	h := b24event.NewHandler(b24event.StaticToken(appToken), b24event.WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
	var got *b24event.Event[b24events.OnFixtureItemAddData]
	b24events.HandleOnFixtureItemAdd(h, func(_ context.Context, e *b24event.Event[b24events.OnFixtureItemAddData]) error {
		got = e
		return errors.New("failed after the answer")
	})
	for _, enc := range []struct{ ct, body string }{
		{formType, form(t, example(t, "onFixtureItemAdd"))},
		{"application/json", example(t, "onFixtureItemAdd")},
	} {
		got = nil
		resp := post(t, h, enc.ct, enc.body)
		if resp.StatusCode != 200 || got == nil {
			t.Fatalf("%s: %d, handled %v", enc.ct, resp.StatusCode, got != nil)
		}
		f := got.Data.Fields
		if got.Name != "ONFIXTUREITEMADD" || got.HandlerID != 17 || f.ID != 11 || f.Title != "Первый" || f.Opened != b24.Yes ||
			len(f.Tags) != 2 || f.Tags[1] != "b" || got.Sent.Unix() != 1735374081 || got.Auth.MemberID != "example-member" ||
			got.Auth.ApplicationToken.Reveal() != appToken {
			t.Fatalf("%s: %+v", enc.ct, got)
		}
		if s := fmt.Sprintf("%v %+v", got.Auth, got.Auth); strings.Contains(s, appToken) || strings.Contains(s, "example-access-token") {
			t.Fatalf("the auth block prints its tokens: %s", s)
		}
	}
	if !strings.Contains(logs.String(), "failed after the answer") || strings.Contains(logs.String(), "example-") {
		t.Fatalf("log: %s", logs.String())
	}
}

func TestVerification(t *testing.T) {
	known := map[string]string{"example-member": appToken}
	var mu sync.Mutex
	tokens := func(_ context.Context, member string) (b24.Secret, bool, error) {
		mu.Lock()
		defer mu.Unlock()
		if member == "broken" {
			return "", false, errors.New("storage down")
		}
		tok, ok := known[member]
		return b24.Secret(tok), ok, nil
	}
	h := b24event.NewHandler(tokens)
	calls := 0
	b24events.HandleOnFixtureItemAdd(h, func(context.Context, *b24event.Event[b24events.OnFixtureItemAddData]) error { calls++; return nil })
	b24events.HandleOnAppInstall(h, func(_ context.Context, e *b24event.Event[b24events.OnAppInstallData]) error {
		mu.Lock()
		known[string(e.Auth.MemberID)] = e.Auth.ApplicationToken.Reveal()
		mu.Unlock()
		return nil
	})
	ex := example(t, "onFixtureItemAdd")
	with := func(payload, old, new string) string { return form(t, strings.Replace(payload, old, new, 1)) }
	for _, tc := range []struct {
		name, body string
		status     int
	}{
		{"right token", form(t, ex), 200},
		{"wrong token", with(ex, appToken, "forged"), 401},
		{"no token", with(ex, `"application_token":"`+appToken+`"`, `"x":"y"`), 401},
		{"unknown portal", with(ex, "example-member", "stranger"), 401},
		{"token source fails", with(ex, "example-member", "broken"), 500},
		{"no event code", with(ex, `"event":"ONFIXTUREITEMADD"`, `"x":"y"`), 400},
		{"malformed data", with(ex, `"ID":"11"`, `"ID":{"a":1}`), 400},
		{"install of a new portal", with(example(t, "OnAppInstall"), "example-member", "newcomer"), 200},
		{"then its events", with(ex, "example-member", "newcomer"), 200},
		{"unhandled event", with(ex, "ONFIXTUREITEMADD", "ONSOMETHINGELSE"), 200},
	} {
		if resp := post(t, h, formType, tc.body); resp.StatusCode != tc.status {
			b, _ := io.ReadAll(resp.Body)
			t.Errorf("%s: %d %s, want %d", tc.name, resp.StatusCode, b, tc.status)
		}
	}
	if calls != 2 {
		t.Errorf("the handler ran %d times, want 2", calls)
	}
	r := httptest.NewRequest(http.MethodGet, "/events", nil)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != 405 {
		t.Errorf("GET: %d", w.Code)
	}
	big := b24event.NewHandler(b24event.StaticToken(appToken), b24event.WithMaxBodyBytes(64))
	if resp := post(t, big, formType, form(t, ex)); resp.StatusCode != 413 {
		t.Errorf("a large event: %d", resp.StatusCode)
	}
}

// TestAnswersBeforeWork: the portal gets its 200 while the handler still
// runs, and the handler's context outlives the request.
func TestAnswersBeforeWork(t *testing.T) {
	release := make(chan struct{})
	finished := make(chan error, 1)
	h := b24event.NewHandler(b24event.StaticToken(appToken))
	b24events.HandleOnFixtureItemAdd(h, func(ctx context.Context, _ *b24event.Event[b24events.OnFixtureItemAddData]) error {
		<-release
		finished <- ctx.Err()
		return nil
	})
	srv := httptest.NewServer(h)
	defer srv.Close()
	client := &http.Client{Timeout: 5 * time.Second}
	resp, err := client.Post(srv.URL, formType, strings.NewReader(form(t, example(t, "onFixtureItemAdd"))))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("%d", resp.StatusCode)
	}
	close(release)
	if err := <-finished; err != nil {
		t.Fatalf("the handler's context ended with the request: %v", err)
	}
	// a panicking handler is contained
	ph := b24event.NewHandler(b24event.StaticToken(appToken))
	b24events.HandleOnFixtureItemAdd(ph, func(context.Context, *b24event.Event[b24events.OnFixtureItemAddData]) error { panic("boom") })
	if resp := post(t, ph, formType, form(t, example(t, "onFixtureItemAdd"))); resp.StatusCode != 200 {
		t.Fatalf("%d", resp.StatusCode)
	}
}

func TestOther(t *testing.T) {
	var got *b24event.Event[json.RawMessage]
	h := b24event.NewHandler(b24event.StaticToken(appToken), b24event.WithOther(func(_ context.Context, e *b24event.Event[json.RawMessage]) error {
		got = e
		return nil
	}))
	body := form(t, strings.Replace(example(t, "onFixtureItemAdd"), "ONFIXTUREITEMADD", "ONCRMDEALADD", 1))
	if resp := post(t, h, formType, body); resp.StatusCode != 200 || got == nil || got.Name != "ONCRMDEALADD" || !bytes.Contains(got.Data, []byte(`"ID":"11"`)) {
		t.Fatalf("%v", got)
	}
}

// FuzzEvent: whatever the body, the handler answers with a status and
// never panics.
func FuzzEvent(f *testing.F) {
	f.Add(formType, form(f, example(f, "onFixtureItemAdd")))
	f.Add("application/json", example(f, "onFixtureItemAdd"))
	f.Add(formType, "event=ONFIXTUREITEMADD&data[FIELDS][ID][][]=1&auth[application_token]="+appToken)
	f.Add(formType, strings.Repeat("data[", 100)+"]=1")
	f.Add("application/json", `{"event":"ONFIXTUREITEMADD","data":`+strings.Repeat("[", 200))
	f.Add(formType, "event=\xff\xfe&auth[application_token]="+appToken)
	h := b24event.NewHandler(b24event.StaticToken(appToken))
	b24events.HandleOnFixtureItemAdd(h, func(context.Context, *b24event.Event[b24events.OnFixtureItemAddData]) error { return nil })
	b24events.HandleOnAppInstall(h, func(context.Context, *b24event.Event[b24events.OnAppInstallData]) error { return nil })
	f.Fuzz(func(t *testing.T, contentType, body string) {
		resp := post(t, h, contentType, body)
		switch resp.StatusCode {
		case 200, 400, 401, 413:
		default:
			t.Fatalf("status %d", resp.StatusCode)
		}
	})
}
