package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/b24gen/b24gen/b24"
	"github.com/b24gen/b24gen/b24/b24server"
	"github.com/b24gen/b24gen/generated/biconnector"
)

const (
	webhookUser  = "1"
	webhookToken = "s3cr3t-webhook-token"
	oauthToken   = "s3cr3t-access-token"
)

// testAuth accepts the test webhook and the test OAuth token, comparing in
// constant time.
func testAuth(ctx context.Context, c b24server.Credentials) error {
	if c.Kind == b24server.OAuth && c.Token == oauthToken {
		return nil
	}
	return b24server.StaticWebhook(webhookUser, webhookToken)(ctx, c)
}

func newTestServer(t *testing.T, ids, busy []int64) (*sources, *httptest.Server) {
	t.Helper()
	s := newSources(ids, busy)
	srv := httptest.NewServer(newHandler(s, testAuth))
	t.Cleanup(srv.Close)
	return s, srv
}

func webhookClient(t *testing.T, srv *httptest.Server) *biconnector.Client {
	t.Helper()
	c, err := biconnector.NewClient(srv.URL+"/rest/"+webhookUser+"/"+webhookToken+"/", b24.WithInsecureHTTP())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestClientDeletesThroughGeneratedServer(t *testing.T) {
	store, srv := newTestServer(t, []int64{1, 2, 3, 4}, []int64{9})
	c := webhookClient(t, srv)
	ctx := context.Background()

	ok, err := c.SourceDelete(ctx, &biconnector.SourceDeleteRequest{ID: 4})
	if err != nil || !ok {
		t.Fatalf("delete 4: %v, %v", ok, err)
	}
	if store.has(4) {
		t.Fatal("source 4 still exists")
	}

	tests := []struct {
		id   b24.Int
		code b24.ErrorCode
	}{
		{id: 4, code: biconnector.ErrSourceNotFound},
		{id: 77, code: biconnector.ErrSourceNotFound},
		{id: -1, code: biconnector.ErrValidationInvalidIDFormat},
		{id: 0, code: biconnector.ErrValidationInvalidIDFormat},
		{id: 9, code: biconnector.ErrBxError},
	}
	for _, tt := range tests {
		_, err := c.SourceDelete(ctx, &biconnector.SourceDeleteRequest{ID: tt.id})
		if !errors.Is(err, tt.code) {
			t.Errorf("delete %d: got %v, want %s", tt.id, err, tt.code)
			continue
		}
		var ae *b24.APIError
		if !errors.As(err, &ae) || ae.Status != http.StatusOK || ae.Method != "biconnector.source.delete" || ae.Description == "" {
			t.Errorf("delete %d: APIError %+v: want the documented status 200, the method and a description", tt.id, ae)
		}
		if strings.Contains(err.Error(), webhookToken) {
			t.Errorf("the error leaks the webhook token: %v", err)
		}
	}
	// codes match whatever their case
	_, err = c.SourceDelete(ctx, &biconnector.SourceDeleteRequest{ID: 77})
	if !errors.Is(err, b24.ErrorCode("source_not_found")) {
		t.Errorf("errors.Is must ignore case: %v", err)
	}
}

// call posts a raw request and returns the status and decoded body.
func call(t *testing.T, method, target, contentType, body string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(method, target, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("%s %s: answer is not JSON: %s", method, target, b)
	}
	return resp.StatusCode, out
}

func TestWireShapes(t *testing.T) {
	_, srv := newTestServer(t, []int64{1, 2, 3, 4, 5, 6, 7, 8}, nil)
	hook := srv.URL + "/rest/" + webhookUser + "/" + webhookToken + "/"
	oauth := srv.URL + "/rest/"
	const jsonCT = "application/json"
	const formCT = "application/x-www-form-urlencoded"
	tests := []struct {
		name         string
		method       string
		url          string
		ct, body     string
		status       int
		result       any
		code         string
		wantTimeKeys bool
	}{
		{"webhook JSON", "POST", hook + "biconnector.source.delete?bx24_request_id=abc", jsonCT, `{"id":1}`, 200, true, "", true},
		{"webhook .json suffix", "POST", hook + "biconnector.source.delete.json", jsonCT, `{"id":2}`, 200, true, "", true},
		{"quoted integer", "POST", hook + "biconnector.source.delete", jsonCT, `{"id":"3"}`, 200, true, "", true},
		{"form body", "POST", hook + "biconnector.source.delete", formCT, `id=4`, 200, true, "", true},
		{"query string", "GET", hook + "biconnector.source.delete?id=5", "", ``, 200, true, "", true},
		{"no content type", "POST", hook + "biconnector.source.delete", "", `{"id":6}`, 200, true, "", true},
		{"OAuth auth in body", "POST", oauth + "biconnector.source.delete", jsonCT, `{"id":7,"auth":"` + oauthToken + `"}`, 200, true, "", true},
		{"OAuth auth in query", "POST", oauth + "biconnector.source.delete.json?auth=" + oauthToken, formCT, `id=8`, 200, true, "", true},
		{"method names ignore case", "POST", hook + "BICONNECTOR.SOURCE.DELETE", jsonCT, `{"id":1}`, 200, nil, "SOURCE_NOT_FOUND", false},
		{"missing id", "POST", hook + "biconnector.source.delete", jsonCT, `{}`, 200, nil, "VALIDATION_ID_NOT_PROVIDED", false},
		{"null id", "POST", hook + "biconnector.source.delete", jsonCT, `{"id":null}`, 200, nil, "VALIDATION_ID_NOT_PROVIDED", false},
		{"id not a number", "POST", hook + "biconnector.source.delete", jsonCT, `{"id":"abc"}`, 200, nil, "VALIDATION_INVALID_ID_FORMAT", false},
		{"id fractional", "POST", hook + "biconnector.source.delete", jsonCT, `{"id":1.5}`, 200, nil, "VALIDATION_INVALID_ID_FORMAT", false},
		{"id object", "POST", hook + "biconnector.source.delete", jsonCT, `{"id":{"x":1}}`, 200, nil, "VALIDATION_INVALID_ID_FORMAT", false},
		{"id boolean", "POST", hook + "biconnector.source.delete", jsonCT, `{"id":true}`, 200, nil, "VALIDATION_INVALID_ID_FORMAT", false},
		{"malformed JSON", "POST", hook + "biconnector.source.delete", jsonCT, `{"id":`, 400, nil, "INVALID_REQUEST", false},
		{"JSON array body", "POST", hook + "biconnector.source.delete", jsonCT, `[1]`, 400, nil, "INVALID_REQUEST", false},
		{"unknown method", "POST", hook + "biconnector.source.explode", jsonCT, `{}`, 404, nil, "ERROR_METHOD_NOT_FOUND", false},
		{"wrong webhook token", "POST", srv.URL + "/rest/1/wrong/biconnector.source.delete", jsonCT, `{"id":1}`, 401, nil, "NO_AUTH_FOUND", false},
		{"no credentials", "POST", oauth + "biconnector.source.delete", jsonCT, `{"id":1}`, 401, nil, "NO_AUTH_FOUND", false},
		{"wrong access token", "POST", oauth + "biconnector.source.delete", jsonCT, `{"id":1,"auth":"nope"}`, 401, nil, "NO_AUTH_FOUND", false},
		{"not a REST path", "POST", srv.URL + "/elsewhere", jsonCT, `{}`, 404, nil, "NOT_FOUND", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := call(t, tt.method, tt.url, tt.ct, tt.body)
			if status != tt.status {
				t.Fatalf("status %d, want %d: %v", status, tt.status, body)
			}
			if tt.code != "" {
				if body["error"] != tt.code || body["error_description"] == "" {
					t.Fatalf("answer %v, want error %s with a description", body, tt.code)
				}
				return
			}
			if body["result"] != tt.result {
				t.Fatalf("answer %v, want result %v", body, tt.result)
			}
			timing, ok := body["time"].(map[string]any)
			if !ok {
				t.Fatalf("a success answer needs a time object: %v", body)
			}
			for _, k := range []string{"start", "finish", "duration", "processing", "date_start", "date_finish"} {
				if _, ok := timing[k]; !ok {
					t.Errorf("time lacks %s: %v", k, timing)
				}
			}
		})
	}
}

func TestBatch(t *testing.T) {
	_, srv := newTestServer(t, []int64{1, 2}, []int64{9})
	c := webhookClient(t, srv)
	var b b24.Batch
	first := biconnector.BatchSourceDelete(&b, "first", &biconnector.SourceDeleteRequest{ID: 1})
	missing := biconnector.BatchSourceDelete(&b, "missing", &biconnector.SourceDeleteRequest{ID: 99})
	busy := biconnector.BatchSourceDelete(&b, "busy", &biconnector.SourceDeleteRequest{ID: 9})
	second := biconnector.BatchSourceDelete(&b, "second", &biconnector.SourceDeleteRequest{ID: 2})
	err := c.Runtime().RunBatch(context.Background(), &b)
	var be *b24.BatchError
	if !errors.As(err, &be) || len(be.Failed) != 2 {
		t.Fatalf("want a BatchError naming two commands, got %v", err)
	}
	if !errors.Is(be.Failed["missing"], biconnector.ErrSourceNotFound) || !errors.Is(be.Failed["busy"], biconnector.ErrBxError) {
		t.Fatalf("failed commands: %v", be.Failed)
	}
	for name, call := range map[string]*b24.BatchCall[b24.Bool]{"first": first, "second": second} {
		if v, err := call.Result(); err != nil || !bool(v) {
			t.Errorf("%s: %v, %v", name, v, err)
		}
	}
	if _, err := missing.Result(); !errors.Is(err, biconnector.ErrSourceNotFound) {
		t.Errorf("missing: %v", err)
	}
	if _, err := busy.Result(); !errors.Is(err, biconnector.ErrBxError) {
		t.Errorf("busy: %v", err)
	}
}

func TestBatchHaltAndWireShape(t *testing.T) {
	_, srv := newTestServer(t, []int64{1, 2, 3}, nil)
	hook := srv.URL + "/rest/" + webhookUser + "/" + webhookToken + "/batch"
	// halt stops at the first failure; cmd as a list keeps list answers
	status, body := call(t, "POST", hook, "application/json",
		`{"halt":1,"cmd":["biconnector.source.delete?id=1","biconnector.source.delete?id=50","biconnector.source.delete?id=2"]}`)
	if status != 200 {
		t.Fatalf("status %d: %v", status, body)
	}
	res := body["result"].(map[string]any)
	if got, _ := json.Marshal(res["result"]); string(got) != `[true]` {
		t.Errorf("result %s, want [true]", got)
	}
	errs, _ := res["result_error"].(map[string]any)
	if e, _ := errs["1"].(map[string]any); e["error"] != "SOURCE_NOT_FOUND" {
		t.Errorf("result_error %v", res["result_error"])
	}
	for _, k := range []string{"result_total", "result_next", "result_time"} {
		if _, ok := res[k]; !ok {
			t.Errorf("batch answer lacks %s", k)
		}
	}
	// form-encoded, double-encoded commands, keyed; id 3 survives the halt above
	form := url.Values{}
	form.Set("cmd[a]", "biconnector.source.delete?"+url.Values{"id": {"3"}}.Encode())
	form.Set("cmd[b]", "biconnector.source.delete?id=$result[a]")
	status, body = call(t, "POST", hook, "application/x-www-form-urlencoded", form.Encode())
	if status != 200 {
		t.Fatalf("status %d: %v", status, body)
	}
	res = body["result"].(map[string]any)
	if r, _ := res["result"].(map[string]any); r["a"] != true {
		t.Errorf("form batch: %v", res)
	}
	// $result[a] is true, which is no id: the page's own validation code
	if e, _ := res["result_error"].(map[string]any)["b"].(map[string]any); e["error"] != "VALIDATION_INVALID_ID_FORMAT" {
		t.Errorf("reference to an earlier result: %v", res["result_error"])
	}
}

func TestBatchLimits(t *testing.T) {
	_, srv := newTestServer(t, []int64{1}, nil)
	hook := srv.URL + "/rest/" + webhookUser + "/" + webhookToken + "/batch"
	cmds := make([]string, 51)
	for i := range cmds {
		cmds[i] = "biconnector.source.explode"
	}
	cmds[49] = "batch?cmd[x]=biconnector.source.delete"
	js, _ := json.Marshal(map[string]any{"cmd": cmds})
	status, body := call(t, "POST", hook, "application/json", string(js))
	if status != 200 {
		t.Fatalf("status %d: %v", status, body)
	}
	// every command failed, so result_error is a list, as PHP sends it
	errs, ok := body["result"].(map[string]any)["result_error"].([]any)
	if !ok || len(errs) != 51 {
		t.Fatalf("result_error: %v", body["result"])
	}
	if e := errs[50].(map[string]any); e["error"] != "ERROR_BATCH_LENGTH_EXCEEDED" {
		t.Errorf("the 51st command: %v", e)
	}
	if e := errs[0].(map[string]any); e["error"] != "ERROR_METHOD_NOT_FOUND" {
		t.Errorf("an unknown method in a batch: %v", e)
	}
	if e := errs[49].(map[string]any); e["error"] != "ERROR_BATCH_METHOD_NOT_ALLOWED" {
		t.Errorf("a nested batch: %v", e)
	}
	// the client refuses more than 50 commands before sending anything
	var b b24.Batch
	for i := range 51 {
		biconnector.BatchSourceDelete(&b, "k"+string(rune('a'+i%26))+string(rune('a'+i/26)), &biconnector.SourceDeleteRequest{ID: 1})
	}
	if err := webhookClient(t, srv).Runtime().RunBatch(context.Background(), &b); err == nil || !strings.Contains(err.Error(), "limit of 50") {
		t.Fatalf("51 commands: %v", err)
	}
}

func TestOAuthClient(t *testing.T) {
	_, srv := newTestServer(t, []int64{5}, nil)
	c, err := biconnector.NewClient(srv.URL+"/rest/", b24.WithOAuthToken(oauthToken), b24.WithInsecureHTTP())
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := c.SourceDelete(context.Background(), &biconnector.SourceDeleteRequest{ID: 5}); err != nil || !ok {
		t.Fatalf("%v %v", ok, err)
	}
	bad, _ := biconnector.NewClient(srv.URL+"/rest/", b24.WithOAuthToken("expired"), b24.WithInsecureHTTP())
	_, err = bad.SourceDelete(context.Background(), &biconnector.SourceDeleteRequest{ID: 5})
	var ae *b24.APIError
	if !errors.Is(err, b24.ErrNoAuthFound) || !errors.As(err, &ae) || ae.Status != 401 {
		t.Fatalf("a wrong token: %v", err)
	}
	if strings.Contains(err.Error(), "expired") && strings.Contains(err.Error(), "auth") {
		t.Fatalf("the error quotes the token: %v", err)
	}
}

func TestTransportErrorsHideTheToken(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	addr := srv.URL
	srv.Close() // nothing listens any more
	c, err := biconnector.NewClient(addr+"/rest/1/"+webhookToken+"/", b24.WithInsecureHTTP())
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.SourceDelete(context.Background(), &biconnector.SourceDeleteRequest{ID: 1})
	if err == nil {
		t.Fatal("want a transport error")
	}
	if strings.Contains(err.Error(), webhookToken) {
		t.Fatalf("the error leaks the token: %v", err)
	}
	if !strings.Contains(err.Error(), "biconnector.source.delete") {
		t.Fatalf("the error should name the method: %v", err)
	}
}
