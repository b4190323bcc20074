package b24

// Tests from the outside: every server here is a plain httptest server
// written in the test, playing a hostile or broken portal, OAuth server or
// proxy, and counting what reached the wire.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/gob"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// The secrets of these tests. The OAuth ones hold '/', '+' and '=', so
// that their JSON-escaped (\/) and percent-encoded forms differ from the
// raw ones.
const (
	hWebhook      = "whk-h0stile-7a1b9c"
	hAccess       = "acc/h0stile+8c2d=="
	hRefresh      = "ref/h0stile+9e3f=="
	hNewAccess    = "acc-h0stile-new-41"
	hNewRefresh   = "ref-h0stile-new-52"
	hClientSecret = "cli/h0stile+secret"
)

var hostileSecrets = []string{hWebhook, hAccess, hRefresh, hNewAccess, hNewRefresh, hClientSecret}

func init() { secrets = append(secrets, hostileSecrets...) }

// echoForms returns the forms in which a secret may be echoed, each
// with a name that says which form it is without showing it.
func echoForms(s string) map[string]string {
	forms := map[string]string{
		"raw":                s,
		"JSON-escaped":       strings.ReplaceAll(s, "/", `\/`),
		"query-encoded":      url.QueryEscape(s),
		"path-encoded":       url.PathEscape(s),
		"percent-lower-hex":  strings.ToLower(url.QueryEscape(s)),
		"hex (%x)":           hex.EncodeToString([]byte(s)),
		"HEX (%X)":           strings.ToUpper(hex.EncodeToString([]byte(s))),
		"first 10 bytes":     s[:10],
		"last 10 bytes":      s[len(s)-10:],
		"Go-quoted":          strings.Trim(fmt.Sprintf("%q", s), `"`),
		"JSON unicode-slash": strings.ReplaceAll(s, "/", `\u002f`),
	}
	return forms
}

// leak names the secret and form text carries, or "" when it carries
// none. It never returns the secret.
func leak(text string) string {
	for i, s := range hostileSecrets {
		for name, f := range echoForms(s) {
			if strings.Contains(text, f) {
				return fmt.Sprintf("hostile secret #%d (%s form)", i, name)
			}
		}
	}
	for i, s := range secrets {
		if strings.Contains(text, s) {
			return fmt.Sprintf("test secret #%d", i)
		}
	}
	return ""
}

// printed returns every printed form of v that a program could show or
// log: the fmt verbs, panics, slog's text and JSON handlers and JSON.
func printed(v any) map[string]string {
	out := map[string]string{}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d"} {
		out[verb] = fmt.Sprintf(verb, v)
	}
	if err, ok := v.(error); ok {
		out["Error()"] = err.Error()
		out["errors.Unwrap"] = fmt.Sprintf("%v", errors.Unwrap(err))
	}
	out["panic"] = func() (s string) {
		defer func() { s = fmt.Sprint(recover()) }()
		panic(v)
	}()
	var text, js bytes.Buffer
	slog.New(slog.NewTextHandler(&text, nil)).Info("x", "v", v)
	slog.New(slog.NewJSONHandler(&js, nil)).Info("x", "v", v)
	out["slog text"] = text.String()
	out["slog JSON"] = js.String()
	b, err := json.Marshal(v)
	out["encoding/json"] = string(b) + fmt.Sprint(err)
	return out
}

// mustNotLeak fails the test if any printed form of v carries a secret.
func mustNotLeak(t *testing.T, what string, v any) {
	t.Helper()
	if err, ok := v.(error); ok {
		record(err)
	}
	for form, text := range printed(v) {
		if l := leak(text); l != "" {
			t.Errorf("%s: %s leaks %s", what, form, l)
		}
	}
}

// logBuffer is a slog handler target the tests scan.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	seen.Lock()
	seen.lines = append(seen.lines, string(p))
	seen.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func (l *logBuffer) loggers() (*slog.Logger, *slog.Logger) {
	o := &slog.HandlerOptions{Level: slog.LevelDebug}
	return slog.New(slog.NewTextHandler(l, o)), slog.New(slog.NewJSONHandler(l, o))
}

// echoAll is every form of the secret a hostile server echoes.
func echoAll(s string) string {
	return s + " " + url.QueryEscape(s) + " " + url.PathEscape(s) + " " + strings.ToLower(url.QueryEscape(s))
}

// jsonPHP encodes a string as PHP's json_encode does: "/" as "\/".
func jsonPHP(s string) string {
	b, _ := json.Marshal(s)
	return strings.ReplaceAll(string(b), "/", `\/`)
}

// TestHostileEchoesAreScrubbed: portals, a proxy, a transport and an OAuth
// server echo the webhook URL and tokens; no error, printed form, panic or
// log line may carry them.
func TestHostileEchoesAreScrubbed(t *testing.T) {
	ctx := context.Background()
	var logs logBuffer
	textLog, jsonLog := logs.loggers()

	// A portal that echoes the request URL and the token in every place
	// an answer has text.
	portal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		full := "http://" + r.Host + r.URL.Path
		body, _ := io.ReadAll(r.Body)
		var in map[string]any
		_ = json.Unmarshal(body, &in)
		auth, _ := in["auth"].(string)
		echo := echoAll(full) + " " + echoAll(auth) + " " + string(body)
		method := r.URL.Path[strings.LastIndex(r.URL.Path, "/")+1:]
		switch method {
		case "echo.description":
			w.WriteHeader(403)
			fmt.Fprintf(w, `{"error":"ACCESS_DENIED","error_description":%s}`, jsonPHP(echo))
		case "echo.code":
			w.WriteHeader(400)
			fmt.Fprintf(w, `{"error":%s}`, jsonPHP("BAD_"+echo))
		case "echo.v3":
			w.WriteHeader(400)
			fmt.Fprintf(w, `{"error":{"code":"X","message":%s}}`, jsonPHP(echo))
		case "echo.html":
			w.WriteHeader(502)
			fmt.Fprintf(w, "<html><body>Bad gateway for %s</body></html>", echo)
		case "echo.result":
			fmt.Fprintf(w, `{"result":%s}`, jsonPHP(strings.TrimPrefix(r.URL.Path, "/rest/1/")))
		case "echo.noenvelope":
			fmt.Fprintf(w, `{"unexpected":%s}`, jsonPHP(echo))
		case "batch":
			fmt.Fprintf(w, `{"result":{"result":[],"result_error":{"a":{"error":"DENIED","error_description":%s}}}}`, jsonPHP(echo))
		default:
			w.WriteHeader(404)
		}
	}))
	defer portal.Close()

	hook, err := NewClient(portal.URL+"/rest/1/"+hWebhook+"/", WithInsecureHTTP(), WithLimiter(Unlimited()), WithLogger(jsonLog),
		WithRetry(RetryPolicy{MaxAttempts: 2, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond}))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"echo.description", "echo.code", "echo.html", "echo.noenvelope"} {
		err := hook.Call(ctx, &Method{Name: name, Read: true}, map[string]any{"x": 1}, nil)
		if err == nil {
			t.Fatalf("%s: no error", name)
		}
		mustNotLeak(t, "webhook "+name, err)
		var ae *APIError
		if errors.As(err, &ae) {
			mustNotLeak(t, "webhook "+name+" APIError", ae)
			mustNotLeak(t, "webhook "+name+" APIError.Body", string(ae.Body))
			mustNotLeak(t, "webhook "+name+" APIError.Description", ae.Description)
		}
	}
	v3 := &Method{Name: "echo.v3", API: APIv3}
	if err := hook.Call(ctx, v3, nil, nil); err == nil {
		t.Fatal("v3: no error")
	} else {
		mustNotLeak(t, "webhook v3", err)
	}
	// a result that does not decode: the decode error quotes the value
	var n Int
	err = hook.Call(ctx, &Method{Name: "echo.result"}, nil, &n)
	if err == nil {
		t.Fatal("decode: no error")
	}
	mustNotLeak(t, "decode error", err)
	// a batch whose command's error echoes the URL
	var b Batch
	AddCall[Int](&b, "a", readMethod, nil)
	err = hook.RunBatch(ctx, &b)
	var be *BatchError
	if !errors.As(err, &be) {
		t.Fatalf("batch: %T", err)
	}
	mustNotLeak(t, "batch error", err)
	mustNotLeak(t, "batch failed command", be.Failed["a"])

	// A proxy that answers with an HTML page quoting the absolute URL.
	var proxied atomic.Int32
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		proxied.Add(1)
		w.WriteHeader(502)
		fmt.Fprintf(w, "<h1>Proxy error</h1><p>could not reach %s (%s)</p>", r.RequestURI, echoAll(r.URL.String()))
	}))
	defer proxy.Close()
	purl, _ := url.Parse(proxy.URL)
	viaProxy, _ := NewClient("http://portal.example/rest/1/"+hWebhook+"/", WithInsecureHTTP(), WithLimiter(Unlimited()), WithLogger(textLog),
		WithHTTPClient(&http.Client{Transport: &http.Transport{Proxy: http.ProxyURL(purl)}}),
		WithRetry(RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond}))
	err = viaProxy.Call(ctx, readMethod, nil, nil)
	if err == nil || proxied.Load() != 3 {
		t.Fatalf("proxy: %d requests", proxied.Load())
	}
	mustNotLeak(t, "proxy error", err)

	// A transport (a middleware, a proxy library) whose error quotes the
	// request URL, and a refused connection (net/http quotes the URL).
	quoting := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		return nil, fmt.Errorf("upstream %s refused: %s", r.URL, echoAll(r.URL.String()))
	})}
	for name, c := range map[string]*Client{
		"quoting transport": must(NewClient(portal.URL+"/rest/1/"+hWebhook+"/", WithInsecureHTTP(), WithLimiter(Unlimited()), WithLogger(jsonLog),
			WithHTTPClient(quoting), WithRetry(RetryPolicy{MaxAttempts: 2, BaseDelay: time.Millisecond}))),
		"refused connection": must(NewClient("http://"+closedAddr(t)+"/rest/1/"+hWebhook+"/", WithInsecureHTTP(), WithLimiter(Unlimited()), WithLogger(textLog),
			WithRetry(RetryPolicy{MaxAttempts: 2, BaseDelay: time.Millisecond}))),
	} {
		err := c.Call(ctx, readMethod, nil, nil)
		if err == nil {
			t.Fatalf("%s: no error", name)
		}
		mustNotLeak(t, name, err)
		var ue *url.Error
		if errors.As(err, &ue) {
			mustNotLeak(t, name+" *url.Error", ue)
		}
	}

	// OAuth: the portal echoes the access token (raw, \/-escaped and
	// percent-encoded); the OAuth server echoes the client secret and the
	// refresh token of the form it got.
	var refreshes atomic.Int32
	oauthSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		refreshes.Add(1)
		body, _ := io.ReadAll(r.Body)
		form, _ := url.ParseQuery(string(body))
		echo := string(body) + " " + echoAll(form.Get("client_secret")) + " " + echoAll(form.Get("refresh_token"))
		if form.Get("refresh_token") == hRefresh {
			fmt.Fprintf(w, `{"access_token":%q,"refresh_token":%q,"expires_in":3600}`, hNewAccess, hNewRefresh)
			return
		}
		if form.Get("refresh_token") == hNewRefresh {
			w.WriteHeader(500)
			fmt.Fprintf(w, "<html>token endpoint failed for %s</html>", echo)
			return
		}
		w.WriteHeader(400)
		fmt.Fprintf(w, `{"error":"invalid_client","error_description":%s}`, jsonPHP(echo))
	}))
	defer oauthSrv.Close()
	oauthPortal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var in map[string]any
		_ = json.Unmarshal(body, &in)
		auth, _ := in["auth"].(string)
		if auth != hNewAccess {
			w.WriteHeader(401)
			fmt.Fprintf(w, `{"error":"expired_token","error_description":%s}`, jsonPHP("expired: "+echoAll(auth)))
			return
		}
		w.WriteHeader(403)
		fmt.Fprintf(w, `{"error":"INVALID_CREDENTIALS","error_description":%s}`, jsonPHP("old "+echoAll(hAccess)+" new "+echoAll(auth)))
	}))
	defer oauthPortal.Close()
	// a refresh the OAuth server refuses with an echo
	bad, _ := NewClient(oauthPortal.URL+"/rest/", WithInsecureHTTP(), WithLimiter(Unlimited()), WithLogger(jsonLog),
		WithOAuth(OAuth{Token: Token{Access: hAccess, Refresh: "not-the-refresh-token"},
			Refresh: RefreshWith("app.1", hClientSecret, WithTokenURL(oauthSrv.URL))}))
	err = bad.Call(ctx, readMethod, nil, nil)
	var re *RefreshError
	if !errors.As(err, &re) {
		t.Fatalf("want a *RefreshError, got %T", err)
	}
	mustNotLeak(t, "RefreshError", err)
	mustNotLeak(t, "RefreshError.Err", re.Err)
	mustNotLeak(t, "RefreshError.Cause", re.Cause)
	// a refresh that works, then the portal echoes the old and the new token
	good, _ := NewClient(oauthPortal.URL+"/rest/", WithInsecureHTTP(), WithLimiter(Unlimited()), WithLogger(textLog),
		WithOAuth(OAuth{Token: Token{Access: hAccess, Refresh: hRefresh},
			Refresh: RefreshWith("app.1", hClientSecret, WithTokenURL(oauthSrv.URL))}))
	err = good.Call(ctx, readMethod, nil, nil)
	if !errors.Is(err, ErrInvalidCredentials) {
		t.Fatalf("after the refresh: %T", err)
	}
	mustNotLeak(t, "old and new token", err)

	if l := leak(logs.String()); l != "" {
		t.Errorf("the log lines leak %s", l)
	}
	if !strings.Contains(logs.String(), "retrying") {
		t.Error("the retry log lines were not produced; the test does not see them")
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// genClient holds the runtime the way a generated package's Client does.
type genClient struct {
	rt *Client
}

// embedClient embeds it, as a hand-written wrapper might.
type embedClient struct {
	*Client
}

// fieldClient holds it in an exported field.
type fieldClient struct {
	RT *Client
}

// TestPrintedFormsHoldNoSecret prints every exported value that holds a
// secret, and structs holding a client, with every verb, slog handler and
// encoding/json.
func TestPrintedFormsHoldNoSecret(t *testing.T) {
	portal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"result":true}`)
	}))
	defer portal.Close()
	hook := must(NewClient(portal.URL+"/rest/1/"+hWebhook+"/", WithInsecureHTTP(), WithLimiter(Unlimited())))
	_ = hook.Call(context.Background(), readMethod, nil, nil) // fills the URL cache
	_ = hook.Call(context.Background(), &Method{Name: "x.y", API: APIv3}, nil, nil)
	oauth := OAuth{Token: Token{Access: hAccess, Refresh: hRefresh},
		Refresh: RefreshWith("app.1", hClientSecret), OnRefresh: func(Token) {}}
	oc := must(NewClient(portal.URL+"/rest/", WithInsecureHTTP(), WithLimiter(Unlimited()), WithOAuth(oauth)))
	_ = oc.Call(context.Background(), readMethod, nil, nil)
	for name, v := range map[string]any{
		"*Client (webhook)":     hook,
		"Client (webhook)":      *hook,
		"generated wrapper":     &genClient{hook},
		"generated wrapper val": genClient{hook},
		"embedding wrapper":     &embedClient{hook},
		"embedding wrapper val": embedClient{hook},
		"exported field":        fieldClient{hook},
		"*Client (OAuth)":       oc,
		"Client (OAuth)":        *oc,
		"OAuth wrapper":         &genClient{oc},
		"OAuth":                 oauth,
		"*OAuth":                &oauth,
		"Token":                 oauth.Token,
		"*Token":                &oauth.Token,
		"Secret":                Secret(hAccess),
		"RefreshFunc":           oauth.Refresh,
		"Option":                WithOAuth(oauth),
	} {
		mustNotLeak(t, name, v)
	}
}

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

// listPortal serves rows with ids 1…n through a hostile list method.
type listPortal struct {
	n     int
	page  int                                     // rows per page
	serve func(f map[string]any, start int) []int // the ids to answer
	extra func(start, end int) string             // more members of the answer
	// rows without an id, added to every page
	idless []map[string]any
	calls  atomic.Int32
}

func (p *listPortal) handler(w http.ResponseWriter, r *http.Request) {
	if p.calls.Add(1) > 500 {
		w.WriteHeader(400) // a code the client does not retry
		io.WriteString(w, `{"error":"TOO_MANY_PAGES","error_description":"the walk does not end"}`)
		return
	}
	var in map[string]any
	_ = json.NewDecoder(r.Body).Decode(&in)
	f, _ := in["filter"].(map[string]any)
	start, _ := in["start"].(float64)
	ids := p.serve(f, int(start))
	rows := make([]map[string]any, 0, len(ids))
	for _, id := range ids {
		rows = append(rows, map[string]any{"ID": fmt.Sprint(id)})
	}
	rows = append(rows, p.idless...)
	js, _ := json.Marshal(rows)
	more := ""
	if p.extra != nil {
		more = p.extra(int(start), int(start)+len(ids))
	}
	fmt.Fprintf(w, `{"result":%s%s,"time":{}}`, js, more)
}

// span returns the ids from+1…from+k, at most up to n.
func (p *listPortal) span(from, k int) []int {
	var out []int
	for id := from + 1; id <= min(from+k, p.n); id++ {
		out = append(out, id)
	}
	return out
}

func gt(f map[string]any) int {
	v, _ := f[">ID"].(float64)
	return int(v)
}

// walk runs an iterator to its end and reports the ids, whether one came
// twice and the error that ended it.
func walk(seq func(func(struct{ ID Int }, error) bool)) (ids []int, twice bool, err error) {
	seenIDs := map[int]bool{}
	for row, e := range seq {
		if e != nil {
			return ids, twice, e
		}
		if seenIDs[int(row.ID)] {
			twice = true
		}
		seenIDs[int(row.ID)] = true
		ids = append(ids, int(row.ID))
	}
	return ids, twice, nil
}

// TestListWalksNeverRepeatNorEndEarly: list methods against portals that
// ignore the >ID filter, page by 20, read >ID as >=ID, ignore the order,
// omit next or overlap pages.
func TestListWalksNeverRepeatNorEndEarly(t *testing.T) {
	list := &Method{Name: "crm.deal.list", Read: true, List: &ListSpec{ID: "ID", Filter: "filter", Order: "order"}}
	type row = struct{ ID Int }
	cases := []struct {
		name  string
		p     *listPortal
		byID  bool
		want  int  // rows, when the walk must complete
		stall bool // the walk must end with an error instead
	}{
		{name: "ByID: the portal ignores >ID", byID: true, stall: true,
			p: &listPortal{n: 120, serve: func(f map[string]any, _ int) []int { return (&listPortal{n: 120}).span(0, 50) }}},
		{name: "ByID: pages of 20", byID: true, want: 1000,
			p: &listPortal{n: 1000, serve: func(f map[string]any, _ int) []int { return (&listPortal{n: 1000}).span(gt(f), 20) }}},
		{name: "ByID: >ID read as >=ID", byID: true, want: 120,
			p: &listPortal{n: 120, serve: func(f map[string]any, _ int) []int {
				if _, ok := f[">ID"]; !ok {
					return (&listPortal{n: 120}).span(0, 50)
				}
				return (&listPortal{n: 120}).span(gt(f)-1, 50)
			}}},
		{name: "ByID: order ignored (descending)", byID: true, stall: true,
			p: &listPortal{n: 120, serve: func(f map[string]any, _ int) []int {
				var out []int
				for id := 120; id > gt(f) && len(out) < 50; id-- {
					out = append(out, id)
				}
				return out
			}}},
		{name: "All: pages of 20 with next", want: 1000,
			p: &listPortal{n: 1000,
				serve: func(_ map[string]any, s int) []int { return (&listPortal{n: 1000}).span(s, 20) },
				extra: func(s, e int) string {
					if e < 1000 {
						return fmt.Sprintf(`,"next":%d,"total":1000`, e)
					}
					return `,"total":1000`
				}}},
		{name: "All: next missing, total says more", want: 120,
			p: &listPortal{n: 120,
				serve: func(_ map[string]any, s int) []int { return (&listPortal{n: 120}).span(s, 50) },
				extra: func(int, int) string { return `,"total":120` }}},
		{name: "All: the portal ignores start", stall: true,
			p: &listPortal{n: 120,
				serve: func(_ map[string]any, s int) []int { return (&listPortal{n: 120}).span(0, 50) },
				extra: func(s, e int) string { return fmt.Sprintf(`,"next":%d,"total":120`, s+50) }}},
		{name: "All: overlapping pages (next short of the page)", want: 120,
			p: &listPortal{n: 120,
				serve: func(_ map[string]any, s int) []int { return (&listPortal{n: 120}).span(s, 50) },
				extra: func(s, e int) string {
					if e < 120 {
						return fmt.Sprintf(`,"next":%d,"total":120`, s+40)
					}
					return `,"total":120`
				}}},
		{name: "All: pages that come back in a cycle", stall: true,
			p: &listPortal{n: 120,
				serve: func(_ map[string]any, s int) []int { return (&listPortal{n: 120}).span((s/50)%2*50, 50) },
				extra: func(s, e int) string { return fmt.Sprintf(`,"next":%d,"total":100000`, s+50) }}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(tc.p.handler))
			defer srv.Close()
			c := must(NewClient(srv.URL+"/rest/1/"+hWebhook+"/", WithInsecureHTTP(), WithLimiter(Unlimited()), WithLogger(testLogger())))
			seq := All[row](context.Background(), c, list, nil)
			if tc.byID {
				seq = ByID[row](context.Background(), c, list, nil)
			}
			ids, twice, err := walk(seq)
			record(err)
			if twice {
				t.Fatalf("a row came twice (%d rows yielded, %d calls)", len(ids), tc.p.calls.Load())
			}
			if tc.stall {
				if err == nil {
					t.Fatalf("the walk ended without an error after %d rows", len(ids))
				}
				return
			}
			if err != nil || len(ids) != tc.want {
				t.Fatalf("%d of %d rows, then %v (%d calls)", len(ids), tc.want, err, tc.p.calls.Load())
			}
		})
	}
}

// encodedForms returns the encodings of a secret beyond echoForms a server
// or a proxy may write: every byte percent-encoded, double
// percent-encoded, HTML entities, base64 and hex, case-changed, reversed.
// The names say which form, never the secret.
func encodedForms(s string) map[string]string {
	every := func(lower bool) string {
		var b strings.Builder
		for _, c := range []byte(s) {
			if lower {
				fmt.Fprintf(&b, "%%%02x", c)
			} else {
				fmt.Fprintf(&b, "%%%02X", c)
			}
		}
		return b.String()
	}
	entities := func(format string, all bool) string {
		var b strings.Builder
		for _, c := range []byte(s) {
			if !all && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
				b.WriteByte(c)
				continue
			}
			fmt.Fprintf(&b, format, c)
		}
		return b.String()
	}
	rev := []byte(s)
	slices.Reverse(rev)
	return map[string]string{
		"every byte %XX":              every(false),
		"every byte %xx":              every(true),
		"double percent-encoded":      url.QueryEscape(url.QueryEscape(s)),
		"double percent, lower hex":   strings.ToLower(url.QueryEscape(url.QueryEscape(s))),
		"HTML &#xHH; entities":        entities("&#x%X;", false),
		"HTML &#xhh; entities":        entities("&#x%x;", false),
		"HTML &#DD; entities":         entities("&#%d;", false),
		"HTML entities, every byte":   entities("&#%d;", true),
		"base64":                      base64.StdEncoding.EncodeToString([]byte(s)),
		"base64 unpadded":             base64.RawStdEncoding.EncodeToString([]byte(s)),
		"base64url":                   base64.URLEncoding.EncodeToString([]byte(s)),
		"base64url unpadded":          base64.RawURLEncoding.EncodeToString([]byte(s)),
		"base64 of the webhook URL":   base64.StdEncoding.EncodeToString([]byte("https://portal.example/rest/1/" + s + "/")),
		"base64 after one byte":       base64.StdEncoding.EncodeToString([]byte("x" + s)),
		"hex":                         hex.EncodeToString([]byte(s)),
		"HEX":                         strings.ToUpper(hex.EncodeToString([]byte(s))),
		"reversed":                    string(rev),
		"upper-case":                  strings.ToUpper(s),
		"lower-case":                  strings.ToLower(s),
		"split by newlines every 5":   chunked(s, 5, "\n"),
		"split by CRLF+space every 7": chunked(s, 7, "\r\n "),
		"zero-width space every 4":    chunked(s, 4, "\u200b"),
		"soft hyphen every 6":         chunked(s, 6, "\u00ad"),
		"word joiner every 3":         chunked(s, 3, "\u2060"),
		"tab every 3":                 chunked(s, 3, "\t"),
		"invalid UTF-8 every 5":       chunked(s, 5, "\xff"),
		"every byte %XX, one a line":  chunked(every(false), 3, "\n"),
		"double percent, split":       chunked(url.QueryEscape(url.QueryEscape(s)), 4, "\u200b"),
	}
}

// chunked cuts s into runs of n bytes joined by sep.
func chunked(s string, n int, sep string) string {
	var parts []string
	for len(s) > n {
		parts = append(parts, s[:n])
		s = s[n:]
	}
	return strings.Join(append(parts, s), sep)
}

// normalView is text as a reader could read it: escapes decoded,
// whitespace, format characters and replacement characters dropped, in
// lower case. It is the test's own, written apart from the scrubber's.
func normalView(text string) string {
	for range 3 {
		text = strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) || r == utf8.RuneError {
				return -1
			}
			return r
		}, strings.ToValidUTF8(text, ""))
		if u, err := url.PathUnescape(text); err == nil {
			text = u
		} else {
			text = percentLoose(text)
		}
		text = html.UnescapeString(text)
	}
	return strings.ToLower(text)
}

// percentLoose decodes the well-formed %XX escapes of s, leaving the rest.
func percentLoose(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			if v, err := hex.DecodeString(s[i+1 : i+3]); err == nil {
				b.WriteByte(v[0])
				i += 2
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// deepLeak names the secret and form text carries in any encoded form,
// or readable once normalised (a run of 10 bytes of it); "" if none. It
// never returns the secret.
func deepLeak(text string) string {
	if l := leak(text); l != "" {
		return l
	}
	norm := normalView(text)
	for i, s := range hostileSecrets {
		for name, f := range encodedForms(s) {
			if len(f) >= 10 && strings.Contains(text, f) {
				return fmt.Sprintf("hostile secret #%d (%s)", i, name)
			}
		}
		low := strings.ToLower(s)
		for j := 0; j+10 <= len(low); j++ {
			if strings.Contains(norm, low[j:j+10]) {
				return fmt.Sprintf("hostile secret #%d (readable once whitespace and format characters are dropped and escapes decoded)", i)
			}
		}
	}
	return ""
}

// mustNotLeakDeep fails the test if any printed form of v carries a
// secret in any form deepLeak knows, or is not valid UTF-8.
func mustNotLeakDeep(t *testing.T, what string, v any) {
	t.Helper()
	if err, ok := v.(error); ok {
		record(err)
	}
	for form, text := range printed(v) {
		if l := deepLeak(text); l != "" {
			t.Errorf("%s: %s leaks %s", what, form, l)
		}
		if form == "Error()" && !utf8.ValidString(text) {
			t.Errorf("%s: the error text is not valid UTF-8", what)
		}
	}
}

// TestBatchDecodeErrorsAreScrubbed: a batch command whose result has the
// wrong type and echoes the webhook token or the access token, raw or
// encoded: the decode error of BatchCall.Result quotes it, and must not.
func TestBatchDecodeErrorsAreScrubbed(t *testing.T) {
	var body atomic.Value
	portal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		io.WriteString(w, body.Load().(string))
	}))
	defer portal.Close()
	hook := must(NewClient(portal.URL+"/rest/1/"+hWebhook+"/", WithInsecureHTTP(), WithLimiter(Unlimited()), WithLogger(testLogger())))
	oc := must(NewClient(portal.URL+"/rest/", WithInsecureHTTP(), WithLimiter(Unlimited()), WithLogger(testLogger()),
		WithOAuth(OAuth{Token: Token{Access: hAccess, Refresh: hRefresh}})))
	for name, c := range map[string]*Client{"webhook": hook, "OAuth": oc} {
		secret := hWebhook
		if c == oc {
			secret = hAccess
		}
		values := map[string]string{
			"raw":           jsonPHP(secret),
			"in an object":  `{"echo":` + jsonPHP(secret) + `}`,
			"query-encoded": jsonPHP(url.QueryEscape(secret)),
		}
		for form, f := range encodedForms(secret) {
			values[form] = jsonPHP(f)
		}
		for form, v := range values {
			body.Store(`{"result":{"result":{"a":` + v + `,"b":true},"result_error":[]},"time":{}}`)
			var b Batch
			a := AddCall[Bool](&b, "a", readMethod, nil)
			AddCall[Bool](&b, "b", readMethod, nil)
			if err := c.RunBatch(context.Background(), &b); err != nil {
				t.Fatalf("%s, %s: RunBatch: %v", name, form, err)
			}
			_, err := a.Result()
			if err == nil {
				t.Fatalf("%s, %s: the result decoded", name, form)
			}
			mustNotLeakDeep(t, name+": BatchCall.Result, "+form, err)
		}
		// the batch path's own errors: result and result_error that are
		// neither objects nor lists, quoting the token
		for _, shape := range []string{`{"result":{"result":%s},"time":{}}`, `{"result":{"result":[],"result_error":%s},"time":{}}`} {
			body.Store(fmt.Sprintf(shape, jsonPHP(secret)))
			var b Batch
			AddCall[Bool](&b, "a", readMethod, nil)
			err := c.RunBatch(context.Background(), &b)
			if err == nil {
				t.Fatalf("%s: a malformed batch answer gave no error", name)
			}
			mustNotLeakDeep(t, name+": RunBatch", err)
		}
	}
}

// TestEncodedAndSplitEchoesAreScrubbed: a portal, a proxy or an OAuth
// server echoes the secrets percent-encoded byte by byte, double
// percent-encoded, as HTML entities, base64 or hex, case-changed, reversed,
// or split by newlines, zero-width and other format characters: no error
// text, field, body or log line may carry them in a readable form, and no
// error text may be invalid UTF-8.
func TestEncodedAndSplitEchoesAreScrubbed(t *testing.T) {
	var logs logBuffer
	_, jsonLog := logs.loggers()
	var echo atomic.Value // the text the servers echo
	var mode atomic.Value // "envelope" | "html"
	mode.Store("envelope")
	portal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		if mode.Load() == "html" {
			w.WriteHeader(502)
			io.WriteString(w, "<html><body>upstream failed for "+echo.Load().(string)+"</body></html>")
			return
		}
		w.WriteHeader(500)
		io.WriteString(w, `{"error":"INTERNAL_SERVER_ERROR","error_description":"failed: `+jsonRaw(echo.Load().(string))+`"}`)
	}))
	defer portal.Close()
	oauthSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.WriteHeader(400)
		io.WriteString(w, `{"error":"invalid_client","error_description":"bad: `+jsonRaw(echo.Load().(string))+`"}`)
	}))
	defer oauthSrv.Close()
	expired := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.WriteHeader(401)
		io.WriteString(w, `{"error":"expired_token","error_description":"expired"}`)
	}))
	defer expired.Close()
	retry := WithRetry(RetryPolicy{MaxAttempts: 2, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond})
	hook := must(NewClient(portal.URL+"/rest/1/"+hWebhook+"/", WithInsecureHTTP(), WithLimiter(Unlimited()), WithLogger(jsonLog), retry))
	oc := must(NewClient(portal.URL+"/rest/", WithInsecureHTTP(), WithLimiter(Unlimited()), WithLogger(jsonLog), retry,
		WithOAuth(OAuth{Token: Token{Access: hAccess, Refresh: hRefresh}})))

	for _, secret := range []string{hWebhook, hAccess, hRefresh, hClientSecret} {
		for form, f := range encodedForms(secret) {
			echo.Store("token " + f + " end")
			switch secret {
			case hWebhook, hAccess:
				c := hook
				if secret == hAccess {
					c = oc
				}
				for _, m := range []string{"envelope", "html"} {
					mode.Store(m)
					err := c.Call(context.Background(), readMethod, nil, nil)
					if err == nil {
						t.Fatal("no error")
					}
					mustNotLeakDeep(t, form+" in the "+m+" answer", err)
					var ae *APIError
					if errors.As(err, &ae) {
						mustNotLeakDeep(t, form+" in APIError.Body", string(ae.Body))
						mustNotLeakDeep(t, form+" in APIError.Description", ae.Description)
					}
				}
			default:
				// the OAuth server echoes the refresh token or the client secret
				c := must(NewClient(expired.URL+"/rest/", WithInsecureHTTP(), WithLimiter(Unlimited()), WithLogger(jsonLog),
					WithOAuth(OAuth{Token: Token{Access: hAccess, Refresh: hRefresh},
						Refresh: RefreshWith("app.1", hClientSecret, WithTokenURL(oauthSrv.URL))})))
				err := c.Call(context.Background(), readMethod, nil, nil)
				var re *RefreshError
				if !errors.As(err, &re) {
					t.Fatalf("want a *RefreshError, got %T", err)
				}
				mustNotLeakDeep(t, form+" from the OAuth server", err)
				mustNotLeakDeep(t, form+" from the OAuth server, RefreshError.Err", re.Err)
			}
		}
	}
	// a token split between the code and the description
	split := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.WriteHeader(400)
		// 7 bytes in each: less than the scrubber's runs, 14 together
		fmt.Fprintf(w, `{"error":"E_%s","error_description":%q}`, hWebhook[:7], hWebhook[7:14])
	}))
	defer split.Close()
	err := must(NewClient(split.URL+"/rest/1/"+hWebhook+"/", WithInsecureHTTP(), WithLimiter(Unlimited()))).Call(context.Background(), readMethod, nil, nil)
	if err == nil {
		t.Fatal("no error")
	}
	mustNotLeakDeep(t, "a token split between the code and the description", err)
	var ae *APIError
	if !errors.As(err, &ae) {
		t.Fatalf("want an *APIError, got %T", err)
	}
	// read together, as a reader would past the ": " between them
	mustNotLeakDeep(t, "the code and the description read together", ae.Code+ae.Description)

	if l := deepLeak(logs.String()); l != "" {
		t.Errorf("the log lines leak %s", l)
	}
	if !utf8.ValidString(logs.String()) {
		t.Error("the log lines are not valid UTF-8")
	}
}

// jsonRaw writes s as the inside of a JSON string the way a careless PHP
// script does: quotes and backslashes escaped, every other byte, invalid
// UTF-8 included, as it is.
func jsonRaw(s string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`, "\t", `\t`).Replace(s)
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

// TestSecretEncodings: gob, like JSON and text, encodes a Secret as
// "***", alone and in the package's structs; every fmt verb but %p and
// %w, and fmt's reports of a bad call (extra, missing, bad index), print
// it as "***".
func TestSecretEncodings(t *testing.T) {
	s := Secret(hAccess)
	tok := Token{Access: Secret(hAccess), Refresh: Secret(hRefresh)}
	type holder struct {
		S Secret
		T Token
		O OAuth
	}
	for name, v := range map[string]any{
		"Secret": s, "Token": tok, "*Token": &tok, "OAuth": OAuth{Token: tok},
		"holder": holder{S: Secret(hClientSecret), T: tok, O: OAuth{Token: tok}},
	} {
		var b bytes.Buffer
		if err := gob.NewEncoder(&b).Encode(v); err != nil {
			t.Fatalf("%s: gob: %v", name, err)
		}
		if l := leak(b.String()); l != "" {
			t.Errorf("%s: gob writes %s", name, l)
		}
	}
	// a round trip decodes, to the redacted form
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(holder{S: s, T: tok}); err != nil {
		t.Fatal(err)
	}
	var back holder
	if err := gob.NewDecoder(&b).Decode(&back); err != nil {
		t.Fatalf("gob round trip: %v", err)
	}
	if back.S != redacted || back.T.Access != redacted {
		t.Fatal("gob decoded another value than the redacted form")
	}
	format := func(f string, a ...any) string { return fmt.Sprintf(f, a...) } // not vetted: bad calls on purpose
	for _, f := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%c", "%U", "%e", "%t", "%08.3q", "%-20s", "%!", "%z"} {
		for name, v := range map[string]any{"Secret": s, "Token": tok, "[]Secret": []Secret{s}, "map": map[Secret]Secret{s: s}, "holder": holder{S: s, T: tok}} {
			if l := leak(format(f, v)); l != "" {
				t.Errorf("%s of a %s leaks %s", f, name, l)
			}
		}
	}
	bad := []string{"%s", "%d %d", "%[3]v", "%*d", "%.*d"} // formats vet would refuse as constants
	for _, out := range []string{format(bad[0], 1, s), format(bad[1], s), format(bad[2], s), format(bad[3], s, 1), format(bad[4], s, 1)} {
		if l := leak(out); l != "" {
			t.Errorf("fmt's report of a bad call leaks %s", l)
		}
	}
}

// TestListWalksReportWhatTheyCannotWalk: portals whose list answers
// contradict themselves. A walk yields every row once or ends with an
// error naming the contradiction; it never ends early with nil.
func TestListWalksReportWhatTheyCannotWalk(t *testing.T) {
	list := &Method{Name: "crm.deal.list", Read: true, List: &ListSpec{ID: "ID", Filter: "filter", Order: "order"}}
	type row = struct{ ID Int }
	const n = 237
	all := &listPortal{n: n}
	honestNext := func(s, e int) string {
		if e < n {
			return fmt.Sprintf(`,"next":%d,"total":%d`, e, n)
		}
		return fmt.Sprintf(`,"total":%d`, n)
	}
	cases := []struct {
		name   string
		byID   bool
		p      *listPortal
		want   int // rows, when the walk must complete
		target any // the error the walk must end with instead (a pointer to a pointer to its type)
	}{
		{name: "ByID: a row below the cursor comes late", byID: true, target: new(*OrderError),
			// page 1 omits id 10 (a replica that lags); page 2 starts with it
			p: &listPortal{n: n, serve: func(f map[string]any, _ int) []int {
				ids := all.span(gt(f), 50)
				if gt(f) == 0 {
					return slices.DeleteFunc(ids, func(id int) bool { return id == 10 })
				}
				if gt(f) == 50 {
					return append([]int{10}, ids...)
				}
				return ids
			}}},
		{name: "ByID: a total smaller than the page", byID: true, want: n,
			p: &listPortal{n: n, serve: func(f map[string]any, _ int) []int { return all.span(gt(f), 50) },
				extra: func(int, int) string { return `,"total":10` }}},
		{name: "All: next skips rows", target: new(*GapError),
			p: &listPortal{n: n, serve: func(_ map[string]any, s int) []int { return all.span(s, 50) },
				extra: func(s, e int) string {
					if e < n {
						return fmt.Sprintf(`,"next":%d,"total":%d`, s+60, n)
					}
					return ""
				}}},
		{name: "All: pages short of rows the caller may not see, next as usual", want: n - 24,
			// rows whose id ends in 7 are dropped after paging, as a
			// portal drops rows its permissions hide; next is start+50
			// and the total counts the rows the caller sees
			p: &listPortal{n: n, serve: func(_ map[string]any, s int) []int {
				return slices.DeleteFunc(all.span(s, 50), func(id int) bool { return id%10 == 7 })
			}, extra: func(s, e int) string {
				if s+50 < n {
					return fmt.Sprintf(`,"next":%d,"total":%d`, s+50, n-24)
				}
				return fmt.Sprintf(`,"total":%d`, n-24)
			}}},
		{name: "All: rows without an id on every page", want: n + 2,
			p: &listPortal{n: n, serve: func(_ map[string]any, s int) []int { return all.span(s, 50) }, extra: honestNext,
				idless: []map[string]any{{"TITLE": "no id 1"}, {"TITLE": "no id 2"}}}},
		{name: "All: more rows than the total", target: new(*OverrunError),
			p: &listPortal{n: 1 << 30, serve: func(_ map[string]any, s int) []int { return (&listPortal{n: 1 << 30}).span(s, 50) },
				extra: func(s, e int) string { return fmt.Sprintf(`,"next":%d,"total":120`, e) }}},
		{name: "All: a total smaller than the page", want: n,
			p: &listPortal{n: n, serve: func(_ map[string]any, s int) []int { return all.span(s, 50) },
				extra: func(s, e int) string {
					if e < n {
						return fmt.Sprintf(`,"next":%d,"total":10`, e)
					}
					return `,"total":10`
				}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(tc.p.handler))
			defer srv.Close()
			c := must(NewClient(srv.URL+"/rest/1/"+hWebhook+"/", WithInsecureHTTP(), WithLimiter(Unlimited()), WithLogger(testLogger())))
			seq := All[row](context.Background(), c, list, nil)
			if tc.byID {
				seq = ByID[row](context.Background(), c, list, nil)
			}
			var ids []int
			seen := map[string]int{}
			var err error
			for r, e := range seq {
				if e != nil {
					err = e
					break
				}
				ids = append(ids, int(r.ID))
				seen[fmt.Sprint(r.ID)]++
			}
			record(err)
			idless := seen["0"]
			delete(seen, "0")
			for id, k := range seen {
				if k > 1 {
					t.Fatalf("row %s came %d times", id, k)
				}
			}
			if idless > len(tc.p.idless) {
				t.Fatalf("%d rows without an id yielded, %d served", idless, len(tc.p.idless))
			}
			if tc.target != nil {
				if err == nil || !errors.As(err, tc.target) {
					t.Fatalf("%d rows, then %v; want a %T", len(ids), err, tc.target)
				}
				return
			}
			if err != nil || len(ids) != tc.want {
				t.Fatalf("%d of %d rows, then %v (%d calls)", len(ids), tc.want, err, tc.p.calls.Load())
			}
		})
	}
}

// TestAllKeepsBoundedMemory: All over a list that never ends keeps the
// memory of a couple of pages, not of every row it yielded.
func TestAllKeepsBoundedMemory(t *testing.T) {
	list := &Method{Name: "crm.deal.list", Read: true, List: &ListSpec{ID: "ID", Filter: "filter", Order: "order"}}
	endless := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		var in struct{ Start int }
		_ = json.NewDecoder(r.Body).Decode(&in)
		var b strings.Builder
		b.WriteString(`{"result":[`)
		for i := range 50 {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"ID":"%d"}`, in.Start+i+1)
		}
		fmt.Fprintf(&b, `],"next":%d,"time":{}}`, in.Start+50)
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(b.String())), Request: r}, nil
	})}
	c := must(NewClient("http://portal.example/rest/1/"+hWebhook+"/", WithInsecureHTTP(), WithLimiter(Unlimited()), WithHTTPClient(endless)))
	heap := func() uint64 {
		var m runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	const rows = 400_000
	var before, after uint64
	k := 0
	for _, err := range All[struct{ ID Int }](context.Background(), c, list, nil) {
		if err != nil {
			t.Fatal(err)
		}
		k++
		switch k {
		case 100:
			before = heap()
		case rows:
			after = heap()
		}
		if k == rows {
			break
		}
	}
	if grew := int64(after) - int64(before); grew > 2<<20 {
		t.Fatalf("the walk's memory grew by %d KB over %d rows", grew>>10, rows)
	}
}

// TestMalformedAnswerChainHoldsNoSecret: a portal whose answer is not even
// HTTP (a header line with the token and a control character) makes
// net/http fail with the token in its error; no error of the chain the
// caller gets, unwrapped one by one and printed with any verb, holds it.
func TestMalformedAnswerChainHoldsNoSecret(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				_, _ = bufio.NewReader(conn).ReadString('\n')
				fmt.Fprintf(conn, "HTTP/1.1 200 OK\r\nLocation: http://x/%s\x7f\r\nX-%s\r\n\r\n", hWebhook, hWebhook)
			}()
		}
	}()
	c := must(NewClient("http://"+ln.Addr().String()+"/rest/1/"+hWebhook+"/", WithInsecureHTTP(), WithLimiter(Unlimited()), WithLogger(testLogger())))
	err = c.Call(context.Background(), &Method{Name: "x.y.add"}, nil, nil)
	if err == nil {
		t.Fatal("no error")
	}
	var walk func(err error, depth int)
	walk = func(err error, depth int) {
		if err == nil || depth > 10 {
			return
		}
		mustNotLeak(t, fmt.Sprintf("error %d of the chain (%T)", depth, err), err)
		switch u := err.(type) {
		case interface{ Unwrap() error }:
			walk(u.Unwrap(), depth+1)
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				walk(e, depth+1)
			}
		}
	}
	walk(err, 0)
}
