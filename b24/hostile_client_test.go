package b24

// Tests from the outside: every server here is a plain httptest server
// written in the test, playing a hostile or broken portal, OAuth server or
// proxy, and counting what reached the wire.

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
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
	calls atomic.Int32
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
