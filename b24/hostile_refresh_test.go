package b24

// OAuth refreshes against slow, refusing and redirecting token endpoints,
// and portals that hold calls.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// slowTokenServer is an OAuth token endpoint that takes delay to answer
// (or until the request is cancelled) and then hands out the new pair.
func slowTokenServer(t *testing.T, delay time.Duration, hits *atomic.Int32) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			return
		}
		fmt.Fprintf(w, `{"access_token":%q,"refresh_token":%q,"expires_in":3600}`, hNewAccess, hNewRefresh)
	}))
	t.Cleanup(func() { srv.CloseClientConnections(); srv.Close() })
	return srv
}

// tokenPortal answers expired_token to every access token but want.
func tokenPortal(t *testing.T, want string, calls *atomic.Int32) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		var in map[string]any
		_ = json.NewDecoder(r.Body).Decode(&in)
		if in["auth"] != want {
			w.WriteHeader(401)
			io.WriteString(w, `{"error":"expired_token","error_description":"The access token provided has expired."}`)
			return
		}
		io.WriteString(w, `{"result":"ok"}`)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestRefreshStarterKeepsItsDeadline: the caller whose expired_token
// starts a refresh returns at its own deadline although the OAuth server
// takes 1.5 s; a caller with time to wait gets the refreshed call, and the
// new pair is stored and handed to OnRefresh.
func TestRefreshStarterKeepsItsDeadline(t *testing.T) {
	var hits, calls atomic.Int32
	oauthSrv := slowTokenServer(t, 1500*time.Millisecond, &hits)
	portal := tokenPortal(t, hNewAccess, &calls)
	stored := make(chan Token, 4)
	c := must(NewClient(portal.URL+"/rest/", WithInsecureHTTP(), WithLimiter(Unlimited()), WithLogger(testLogger()),
		WithOAuth(OAuth{Token: Token{Access: hAccess, Refresh: hRefresh},
			Refresh:   RefreshWith("app.1", hClientSecret, WithTokenURL(oauthSrv.URL)),
			OnRefresh: func(t Token) { stored <- t }})))

	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	err := c.Call(ctx, readMethod, nil, nil)
	took := time.Since(start)
	record(err)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("the starter: want its deadline, got %v", err)
	}
	if took > 500*time.Millisecond {
		t.Fatalf("the caller that started the refresh returned after %v, not at its 200 ms deadline", took.Round(time.Millisecond))
	}
	// a patient caller shares the refresh that is still running
	var s String
	if err := c.Call(context.Background(), readMethod, nil, &s, Timeout(5*time.Second)); err != nil || s != "ok" {
		t.Fatalf("a caller that waits: %q %v", s, err)
	}
	select {
	case tok := <-stored:
		if tok.Access.Reveal() != hNewAccess || tok.Refresh.Reveal() != hNewRefresh {
			t.Fatal("OnRefresh got another pair than the OAuth server gave")
		}
	case <-time.After(3 * time.Second):
		t.Fatal("OnRefresh never got the new pair")
	}
	if n := hits.Load(); n != 1 {
		t.Fatalf("%d refreshes, want 1", n)
	}
}

// TestNoRefreshStorm: after invalid_grant the client stops refreshing and
// every later call fails at once with a *RefreshError, touching neither
// the OAuth server nor the portal; a transient failure of the OAuth
// server allows one attempt per interval, however many calls hit it.
func TestNoRefreshStorm(t *testing.T) {
	var hits, calls atomic.Int32
	var mode atomic.Value // "grant" | "down" | "ok"
	mode.Store("grant")
	oauthSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		switch mode.Load() {
		case "grant":
			w.WriteHeader(400)
			io.WriteString(w, `{"error":"invalid_grant","error_description":"The refresh token is invalid"}`)
		case "down":
			w.WriteHeader(503)
			io.WriteString(w, `<html>Service Unavailable</html>`)
		default:
			fmt.Fprintf(w, `{"access_token":%q,"refresh_token":%q,"expires_in":3600}`, hNewAccess, hNewRefresh)
		}
	}))
	defer oauthSrv.Close()
	portal := tokenPortal(t, hNewAccess, &calls)
	newClient := func() *Client {
		return must(NewClient(portal.URL+"/rest/", WithInsecureHTTP(), WithLimiter(Unlimited()), WithLogger(testLogger()),
			WithOAuth(OAuth{Token: Token{Access: hAccess, Refresh: hRefresh},
				Refresh: RefreshWith("app.1", hClientSecret, WithTokenURL(oauthSrv.URL))})))
	}
	hammer := func(c *Client) []error {
		errs := make([]error, 30)
		var wg sync.WaitGroup
		for i := range 20 {
			wg.Go(func() { errs[i] = c.Call(context.Background(), readMethod, nil, nil) })
		}
		wg.Wait()
		for i := 20; i < 30; i++ {
			errs[i] = c.Call(context.Background(), readMethod, nil, nil)
		}
		return errs
	}

	c := newClient()
	first := c.Call(context.Background(), readMethod, nil, nil)
	record(first)
	if !errors.Is(first, ErrInvalidGrant) || hits.Load() != 1 {
		t.Fatalf("the first call: %v after %d refreshes", first, hits.Load())
	}
	portalCalls := calls.Load()
	for i, err := range hammer(c) {
		record(err)
		var re *RefreshError
		if !errors.As(err, &re) || !errors.Is(err, ErrInvalidGrant) || !errors.Is(err, ErrExpiredToken) {
			t.Fatalf("later call %d: want the *RefreshError of invalid_grant, got %v", i, err)
		}
	}
	if n := hits.Load(); n != 1 {
		t.Fatalf("after invalid_grant, 30 calls made %d more refresh attempts; want none", n-1)
	}
	if n := calls.Load() - portalCalls; n != 0 {
		t.Fatalf("after invalid_grant, 30 calls still reached the portal %d times with the dead token", n)
	}
	// a new pair from the application ends it
	if err := c.SetToken(Token{Access: hNewAccess, Refresh: hNewRefresh}); err != nil {
		t.Fatal(err)
	}
	var got String
	if err := c.Call(context.Background(), readMethod, nil, &got); err != nil || got != "ok" || hits.Load() != 1 {
		t.Fatalf("after SetToken: %q %v, %d refreshes", got, err, hits.Load())
	}
	if err := must(NewClient("https://p.example/rest/1/" + hWebhook + "/")).SetToken(Token{Access: hNewAccess}); err == nil {
		t.Fatal("SetToken on a webhook client must fail")
	}

	// the OAuth server is down: one attempt, then back off
	mode.Store("down")
	hits.Store(0)
	c = newClient()
	for i, err := range hammer(c) {
		record(err)
		var re *RefreshError
		if !errors.As(err, &re) || !errors.Is(err, ErrExpiredToken) {
			t.Fatalf("call %d while the OAuth server is down: %v", i, err)
		}
	}
	if n := hits.Load(); n != 1 {
		t.Fatalf("30 calls while the OAuth server is down made %d refresh attempts; want 1", n)
	}
	// once it is up again and the interval has passed, a call refreshes
	mode.Store("ok")
	time.Sleep(1100 * time.Millisecond)
	var s String
	if err := c.Call(context.Background(), readMethod, nil, &s); err != nil || s != "ok" {
		t.Fatalf("after the backoff: %q %v", s, err)
	}
	if n := hits.Load(); n != 2 {
		t.Fatalf("%d refresh attempts, want 2", n)
	}
}

// TestRefreshedTokenRefusedDoesNotStorm: the portal answers expired_token
// to every token, the fresh ones included, while the OAuth server hands
// out new pairs: 20 goroutines calling for 3 s make a handful of refreshes,
// not one per call, and every call fails with a *RefreshError.
func TestRefreshedTokenRefusedDoesNotStorm(t *testing.T) {
	var refreshes, stored, portalCalls atomic.Int32
	oauthSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := refreshes.Add(1)
		fmt.Fprintf(w, `{"access_token":"acc-storm-%d","refresh_token":"ref-storm-%d","expires_in":3600}`, n, n)
	}))
	defer oauthSrv.Close()
	portal := tokenPortal(t, "a token the portal never accepts", &portalCalls)
	c := must(NewClient(portal.URL+"/rest/", WithInsecureHTTP(), WithLimiter(Unlimited()), WithLogger(testLogger()),
		WithOAuth(OAuth{Token: Token{Access: hAccess, Refresh: hRefresh},
			Refresh:   RefreshWith("app.1", hClientSecret, WithTokenURL(oauthSrv.URL)),
			OnRefresh: func(Token) { stored.Add(1) }})))
	stop := time.Now().Add(3 * time.Second)
	var calls, refreshErrs atomic.Int32
	var other atomic.Value
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			for time.Now().Before(stop) {
				err := c.Call(context.Background(), readMethod, nil, nil, Timeout(time.Second))
				calls.Add(1)
				var re *RefreshError
				if errors.As(err, &re) && errors.Is(err, ErrExpiredToken) {
					refreshErrs.Add(1)
				} else {
					other.Store(fmt.Sprintf("%T: %v", err, err))
				}
			}
		})
	}
	wg.Wait()
	t.Logf("%d calls, %d refreshes, %d OnRefresh, %d portal calls", calls.Load(), refreshes.Load(), stored.Load(), portalCalls.Load())
	if n := refreshes.Load(); n > 5 {
		t.Fatalf("%d refreshes in 3 s against a portal that refuses every fresh token; want a handful", n)
	}
	if n := stored.Load(); n > 5 {
		t.Fatalf("OnRefresh called %d times in 3 s; want a handful", n)
	}
	if o := other.Load(); o != nil {
		t.Fatalf("a call failed with something else than a *RefreshError of expired_token: %s", o)
	}
	// the portal takes the current token again: SetToken-free recovery
	// after the backoff is not waited for here; SetToken ends it at once
	if err := c.SetToken(Token{Access: hNewAccess, Refresh: hNewRefresh}); err != nil {
		t.Fatal(err)
	}
}

// TestRefreshWithRefusesRedirects: an OAuth token endpoint that redirects
// (301, 302, 307, 308) to another origin gets no request forwarded there,
// and no pair from there is accepted.
func TestRefreshWithRefusesRedirects(t *testing.T) {
	var stolen atomic.Int32
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		stolen.Add(1)
		io.Copy(io.Discard, r.Body)
		fmt.Fprintf(w, `{"access_token":%q,"refresh_token":%q,"expires_in":3600}`, hNewAccess, hNewRefresh)
	}))
	defer evil.Close()
	for _, code := range []int{301, 302, 303, 307, 308} {
		oauthSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			io.Copy(io.Discard, r.Body)
			http.Redirect(w, r, evil.URL+"/oauth/token/", code)
		}))
		refresh := RefreshWith("app.1", hClientSecret, WithTokenURL(oauthSrv.URL+"/oauth/token/"))
		tok, err := refresh(context.Background(), hRefresh)
		record(err)
		oauthSrv.Close()
		if n := stolen.Swap(0); n != 0 {
			t.Errorf("HTTP %d: the redirect was followed: another origin got %d request(s)", code, n)
		}
		if err == nil || tok.Access != "" {
			t.Errorf("HTTP %d: a redirect gave a pair and no error", code)
		}
		mustNotLeak(t, fmt.Sprintf("HTTP %d", code), err)
	}
}

// TestPortalWaitIsCapped: an answer that reports an operating time far
// over the budget and a reset in the year 3000 holds the next calls of
// the method at most for the documented 10-minute window: a caller whose
// deadline allows 11 minutes waits (and can cancel), one whose deadline
// is shorter fails at once.
func TestPortalWaitIsCapped(t *testing.T) {
	p := newFakePortal(t)
	p.on("test.thing.get", func(_ call, n int) (int, string) {
		if n == 2 {
			return apiErr(429, "OPERATION_TIME_LIMIT")
		}
		return 200, `{"result":1,"time":{"operating":1e9,"operating_reset_at":32503680000}}`
	})
	c := p.webhook(t)
	if err := c.Call(context.Background(), readMethod, nil, nil); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 11*time.Minute)
	done := make(chan error, 1)
	go func() { done <- c.Call(ctx, readMethod, nil, nil) }()
	select {
	case err := <-done:
		cancel()
		record(err)
		t.Fatalf("with an 11-minute deadline the call did not wait for the reset, capped at 10 minutes: %v", err)
	case <-time.After(300 * time.Millisecond):
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("a cancelled wait: %v", err)
	}
	short, cancel2 := context.WithTimeout(context.Background(), time.Second)
	defer cancel2()
	start := time.Now()
	err := c.Call(short, readMethod, nil, nil)
	record(err)
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 200*time.Millisecond {
		t.Fatalf("a deadline shorter than the wait: %v after %v", err, time.Since(start))
	}
	// OPERATION_TIME_LIMIT after an answer that put the reset in the year
	// 3000: the block lasts the window at most
	if reset := c.operating.block(readMethod.Name); time.Until(reset) > 10*time.Minute+time.Second {
		t.Fatalf("OPERATION_TIME_LIMIT blocks the method for %v", time.Until(reset).Round(time.Hour))
	}
}
