package b24_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/b24gen/b24gen/b24"
)

// downloadMethod answers with a file, as catalog.product.download does.
var downloadMethod = &b24.Method{Name: "demo.file.download", Read: true, File: true}

// TestDownloadFromAPortal: a plain net/http peer answers a file method the
// ways a portal may — the file with its headers, an error envelope with an
// error status or with 200, a JSON file, a JSON result where a file was
// expected — and Client.Download reads each as what it is.
func TestDownloadFromAPortal(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00binary\xff")
	for _, tc := range []struct {
		name        string
		status      int
		ctype, disp string
		body        []byte
		want        *b24.Download
		wantCode    b24.ErrorCode
	}{
		{name: "file", status: 200, ctype: "image/png", disp: `attachment; filename*=UTF-8''%D1%84%D0%BE%D1%82%D0%BE.png`, body: png,
			want: &b24.Download{Name: "фото.png", ContentType: "image/png", Content: png}},
		{name: "plain name", status: 200, ctype: "application/octet-stream", disp: `attachment; filename="price list.xlsx"`, body: []byte("xlsx"),
			want: &b24.Download{Name: "price list.xlsx", ContentType: "application/octet-stream", Content: []byte("xlsx")}},
		{name: "name with directories", status: 200, ctype: "text/plain", disp: `attachment; filename="../../etc/passwd"`, body: []byte("x"),
			want: &b24.Download{Name: "passwd", ContentType: "text/plain", Content: []byte("x")}},
		{name: "name with a line break", status: 200, ctype: "text/plain", disp: `attachment; filename*=UTF-8''a%0D%0Ab.txt`, body: []byte("x"),
			want: &b24.Download{ContentType: "text/plain", Content: []byte("x")}},
		{name: "name on a drive", status: 200, ctype: "text/plain", disp: `attachment; filename="C:.."`, body: []byte("x"),
			want: &b24.Download{ContentType: "text/plain", Content: []byte("x")}},
		{name: "a device name", status: 200, ctype: "text/plain", disp: `attachment; filename="con.txt"`, body: []byte("x"),
			want: &b24.Download{ContentType: "text/plain", Content: []byte("x")}},
		{name: "no disposition", status: 200, ctype: "text/csv", body: []byte("a;b\n"),
			want: &b24.Download{ContentType: "text/csv", Content: []byte("a;b\n")}},
		{name: "a JSON file", status: 200, ctype: "application/json", disp: `attachment; filename="data.json"`, body: []byte(`{"a":1}`),
			want: &b24.Download{Name: "data.json", ContentType: "application/json", Content: []byte(`{"a":1}`)}},
		{name: "error with its status", status: 400, ctype: "application/json", body: []byte(`{"error":"0","error_description":"The specified property does not exist"}`), wantCode: "0"},
		{name: "error with 200", status: 200, ctype: "application/json; charset=utf-8", body: []byte(`{"error":"ACCESS_DENIED","error_description":"Access denied"}`), wantCode: b24.ErrAccessDenied},
		{name: "error after a byte order mark", status: 200, ctype: "application/json", body: []byte("\ufeff" + `{"error":"ACCESS_DENIED","error_description":"Access denied"}`), wantCode: b24.ErrAccessDenied},
		{name: "error sent as a file type", status: 200, ctype: "application/octet-stream", body: []byte(`{"error":"ACCESS_DENIED","error_description":"Access denied"}`), wantCode: b24.ErrAccessDenied},
		{name: "error sent as HTML", status: 200, ctype: "text/html", body: []byte(` {"error":"ACCESS_DENIED","error_description":"Access denied"}`), wantCode: b24.ErrAccessDenied},
		{name: "a JSON file like an error, as an attachment", status: 200, ctype: "application/json", disp: `attachment; filename="log.json"`, body: []byte(`{"error":"x","lines":[]}`),
			want: &b24.Download{Name: "log.json", ContentType: "application/json", Content: []byte(`{"error":"x","lines":[]}`)}},
		{name: "a result, not a file", status: 200, ctype: "application/json", body: []byte(`{"result":true,"time":{"start":1}}`), wantCode: b24.ErrUnexpectedAnswer},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var accept, path string
			var params map[string]any
			portal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				accept, path = r.Header.Get("Accept"), r.URL.Path
				json.NewDecoder(r.Body).Decode(&params)
				w.Header().Set("Content-Type", tc.ctype)
				if tc.disp != "" {
					w.Header().Set("Content-Disposition", tc.disp)
				}
				w.WriteHeader(tc.status)
				w.Write(tc.body)
			}))
			defer portal.Close()
			c, err := b24.NewClient(portal.URL+"/rest/1/tok/", b24.WithInsecureHTTP())
			if err != nil {
				t.Fatal(err)
			}
			got, err := c.Download(context.Background(), downloadMethod, map[string]any{"fields": map[string]any{"fileId": 7}})
			if path != "/rest/1/tok/demo.file.download" || accept != "*/*" || params["fields"] == nil {
				t.Errorf("sent %s, Accept %q, params %v", path, accept, params)
			}
			if tc.wantCode != "" {
				var ae *b24.APIError
				if !errors.As(err, &ae) || ae.Code != string(tc.wantCode) {
					t.Fatalf("got %v, %v; want an APIError %s", got, err, tc.wantCode)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Name != tc.want.Name || got.ContentType != tc.want.ContentType || string(got.Content) != string(tc.want.Content) {
				t.Errorf("got %v %q, want %v %q", got, got.Content, tc.want, tc.want.Content)
			}
		})
	}
}

// TestDownloadRetriedAndNotCalled: a read file method is retried after a
// 503 as any read method is, and Call refuses to decode a file into a
// result.
func TestDownloadRetriedAndNotCalled(t *testing.T) {
	var calls atomic.Int32
	portal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			io.WriteString(w, "<html>busy</html>")
			return
		}
		w.Header().Set("Content-Type", "application/pdf")
		io.WriteString(w, "%PDF-1.7")
	}))
	defer portal.Close()
	c, err := b24.NewClient(portal.URL+"/rest/1/tok/", b24.WithInsecureHTTP(), b24.WithRetry(b24.RetryPolicy{MaxAttempts: 3, BaseDelay: 1}))
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.Download(context.Background(), downloadMethod, nil)
	if err != nil || string(got.Content) != "%PDF-1.7" || calls.Load() != 2 {
		t.Fatalf("got %v, %v after %d calls", got, err, calls.Load())
	}
	var out any
	if err := c.Call(context.Background(), downloadMethod, nil, &out); err == nil || !strings.Contains(err.Error(), "Download") {
		t.Errorf("Call of a file method: %v", err)
	}
}

// TestOversizeAnswerNotRetried: an answer over the 64 MiB the client reads
// is not a passing failure; a plain peer streams 65 MiB without a length,
// and the read method is not asked again.
func TestOversizeAnswerNotRetried(t *testing.T) {
	var calls atomic.Int32
	chunk := make([]byte, 1<<20)
	portal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.Header().Set("Content-Type", "application/octet-stream")
		for range 65 {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	}))
	defer portal.Close()
	c, err := b24.NewClient(portal.URL+"/rest/1/tok/", b24.WithInsecureHTTP(), b24.WithRetry(b24.RetryPolicy{MaxAttempts: 5, BaseDelay: 1}))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Download(context.Background(), downloadMethod, nil)
	var te *b24.TransportError
	if !errors.As(err, &te) || calls.Load() != 1 {
		t.Fatalf("got %v after %d calls; want one call and a transport error", err, calls.Load())
	}
}

// TestDownloadPrintsNoSecret: a portal echoes the webhook token in the
// file's name and media type; printing the Download with any verb shows
// neither the token nor the content.
func TestDownloadPrintsNoSecret(t *testing.T) {
	const token = "s3cr3tt0k3nabcd1q"
	portal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/x-"+token)
		w.Header().Set("Content-Disposition", `attachment; filename="`+token+`.txt"`)
		io.WriteString(w, "content")
	}))
	defer portal.Close()
	c, err := b24.NewClient(portal.URL+"/rest/1/"+token+"/", b24.WithInsecureHTTP())
	if err != nil {
		t.Fatal(err)
	}
	d, err := c.Download(context.Background(), downloadMethod, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
		if s := fmt.Sprintf(verb, d); strings.Contains(s, token) || strings.Contains(s, "content") {
			t.Errorf("%s prints %s", verb, s)
		}
	}
	if string(d.Content) != "content" {
		t.Errorf("content %q", d.Content)
	}
}
