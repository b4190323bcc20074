package b24server

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// hostileMux serves test.thing.add with an implementation that echoes.
func hostileMux() *Mux {
	m := NewMux(WithMaxBodyBytes(1 << 20))
	Handle(m, thing, func(_ context.Context, r *thingReq) (any, error) { return r.Fields.Title, nil })
	return m
}

// serve sends one request to h. The target is set on the request as a
// server would parse it, so that any path can be tried.
func serve(h http.Handler, contentType, target, body string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
	r.URL.Path, r.URL.RawQuery, _ = strings.Cut(target, "?")
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// TestHostileInputs: what a hostile or broken client sends is answered with
// an error envelope, quickly, never with a crash or a hang.
func TestHostileInputs(t *testing.T) {
	h := hostileMux()
	cmds := func(n int, cmd func(i int) string) string {
		var b strings.Builder
		b.WriteString(`{"halt":0,"cmd":{`)
		for i := range n {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `"c%d":%q`, i, cmd(i))
		}
		b.WriteString("}}")
		return b.String()
	}
	ok := func(int) string { return "test.thing.add?id=1&fields[TITLE]=x" }
	for _, tc := range []struct {
		name, contentType, body string
		status                  int
		contains                string
	}{
		{"a huge body", "application/json", `{"id":1,"pad":"` + strings.Repeat("x", 2<<20) + `"}`, 413, "INVALID_REQUEST"},
		{"deep JSON", "application/json", strings.Repeat(`{"a":`, 10000) + "1" + strings.Repeat("}", 10000), 400, "INVALID_REQUEST"},
		{"deep form", "application/x-www-form-urlencoded", "id=1&a" + strings.Repeat("[a]", 10000) + "=1", 400, "INVALID_REQUEST"},
		{"deep form key", "application/x-www-form-urlencoded", "a" + strings.Repeat("[a]", 500) + "=1", 400, "INVALID_REQUEST"},
		{"too many form values", "application/x-www-form-urlencoded", strings.Repeat("a[]=1&", 20000), 400, "INVALID_REQUEST"},
		{"invalid UTF-8 in JSON", "application/json", "{\"id\":1,\"fields\":{\"TITLE\":\"\xff\xfe\"}}", 200, `"result"`},
		{"invalid UTF-8 in a form", "application/x-www-form-urlencoded", "id=1&fields[TITLE]=%FF%FE", 200, `"result"`},
		{"a JSON array", "application/json", `[1,2,3]`, 400, "INVALID_REQUEST"},
		{"trailing data", "application/json", `{"id":1}{"id":2}`, 400, "INVALID_REQUEST"},
		{"a bad multipart body", "multipart/form-data; boundary=x", "--x\r\nbroken", 400, "INVALID_REQUEST"},
		{"51 commands", "application/json", cmds(51, ok), 200, `"c50":{"error":"ERROR_BATCH_LENGTH_EXCEEDED"`},
		{"5000 commands", "application/json", cmds(5000, ok), 200, `"c4999":{"error":"ERROR_BATCH_LENGTH_EXCEEDED"`},
		{"circular references", "application/json", cmds(2, func(i int) string {
			return fmt.Sprintf("test.thing.add?id=1&fields[TITLE]=$result[c%d]", 1-i)
		}), 200, `"c0":"$result[c1]","c1":"$result[c1]"`}, // left as written, as a portal does
		{"a self reference", "application/json", cmds(1, func(int) string { return "test.thing.add?id=$result[c0][id]&fields[TITLE]=x" }), 200, `"result_error":{"c0"`},
		{"a nested batch", "application/json", cmds(1, func(int) string { return "batch?cmd[a]=test.thing.add" }), 200, "ERROR_BATCH_METHOD_NOT_ALLOWED"},
		{"a command that is not a string", "application/json", `{"cmd":{"a":{"b":1}}}`, 400, "INVALID_REQUEST"},
		{"no cmd", "application/json", `{"halt":1}`, 400, "INVALID_ARG_VALUE"},
	} {
		start := time.Now()
		path := "/rest/1/tok/test.thing.add"
		if strings.Contains(tc.body, `"cmd"`) {
			path = "/rest/1/tok/batch"
		}
		w := serve(h, tc.contentType, path, tc.body)
		if w.Code != tc.status || !strings.Contains(w.Body.String(), tc.contains) {
			t.Errorf("%s: %d %.300s, want %d with %s", tc.name, w.Code, w.Body.String(), tc.status, tc.contains)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%s took %v", tc.name, d)
		}
	}
}

// FuzzServe: whatever the path, content type and body, the server answers
// with a Bitrix24 envelope and a status it documents, and never panics.
func FuzzServe(f *testing.F) {
	f.Add("/rest/1/tok/test.thing.add", "application/json", `{"id":1,"fields":{"TITLE":"x"}}`)
	f.Add("/rest/1/tok/test.thing.add.json", "application/x-www-form-urlencoded", "id=1&fields[TITLE]=x&fields[STAGE]=NEW")
	f.Add("/rest/test.thing.add", "application/x-www-form-urlencoded", "auth=t&id=1&fields[TITLE]=x")
	f.Add("/rest/1/tok/batch", "application/json", `{"halt":1,"cmd":{"a":"test.thing.add?id=1&fields[TITLE]=x","b":"test.thing.add?id=$result[a]"}}`)
	f.Add("/rest/1/tok/batch", "application/x-www-form-urlencoded", "cmd[a]="+url.QueryEscape("test.thing.add?id=1")+"&halt=0")
	f.Add("/rest/api/1/tok/test.thing.add", "application/json", `{"id":"x"}`)
	f.Add("/rest/1/tok/test.thing.add", "multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"id\"\r\n\r\n1\r\n--b--\r\n")
	h := hostileMux()
	f.Fuzz(func(t *testing.T, path, contentType, body string) {
		w := serve(h, contentType, path, body)
		if w.Code < 200 || w.Code >= 600 {
			t.Fatalf("status %d", w.Code)
		}
		b := w.Body.String()
		if !strings.Contains(b, `"result"`) && !strings.Contains(b, `"error"`) {
			t.Fatalf("not an envelope: %d %.200s", w.Code, b)
		}
	})
}
