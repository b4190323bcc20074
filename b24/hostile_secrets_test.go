package b24

// Secrets a hostile portal, proxy or OAuth server echoes, and values
// printed every way: none may carry a credential.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/gob"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"
)

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
