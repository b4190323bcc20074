package b24server_test

import (
	"context"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/b24gen/b24gen/b24"
	"github.com/b24gen/b24gen/b24/b24fake"
	"github.com/b24gen/b24gen/generated/fixture"
)

// fileServer implements fixture.file.download with a file whose name and
// media type need care on the wire.
type fileServer struct {
	fixture.UnimplementedServer
	ctype string
}

func (s fileServer) FileDownload(_ context.Context, req *fixture.FileDownloadRequest) (*b24.Download, error) {
	if req.Fields.FileID != 7 {
		return nil, fixture.ErrFileNotFound
	}
	return &b24.Download{Name: "../прайс; 2026.xlsx", ContentType: s.ctype, Content: []byte("PK\x03\x04\x00binary")}, nil
}

// TestWireFileAnswer: a plain net/http client calls a generated server
// whose implementation answers a file: it gets the bytes, the media type
// and the name as a portal sends them; an error as the JSON envelope; and
// a batch that calls the method gets ERROR_BATCH_METHOD_NOT_ALLOWED for
// that command, while the implementation never runs.
func TestWireFileAnswer(t *testing.T) {
	for _, ctype := range []string{"application/vnd.ms-excel", "bad\r\nX-Injected: 1", ""} {
		srv := httptest.NewServer(fixture.NewHandler(fileServer{ctype: ctype}))
		resp, err := http.Post(srv.URL+"/rest/1/tok/fixture.file.download", "application/json", strings.NewReader(`{"fields":{"fileId":7}}`))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		wantType := ctype
		if ctype != "application/vnd.ms-excel" {
			wantType = "application/octet-stream"
		}
		_, params, _ := mime.ParseMediaType(resp.Header.Get("Content-Disposition"))
		if resp.StatusCode != 200 || string(body) != "PK\x03\x04\x00binary" || resp.Header.Get("Content-Type") != wantType ||
			params["filename"] != "прайс; 2026.xlsx" || resp.Header.Get("X-Injected") != "" {
			t.Errorf("%q: %d %q %v %q", ctype, resp.StatusCode, body, resp.Header, params["filename"])
		}

		resp, err = http.Post(srv.URL+"/rest/1/tok/fixture.file.download", "application/json", strings.NewReader(`{"fields":{"fileId":8}}`))
		if err != nil {
			t.Fatal(err)
		}
		var env struct{ Error string }
		json.NewDecoder(resp.Body).Decode(&env)
		resp.Body.Close()
		if resp.StatusCode != 400 || env.Error != "FILE_NOT_FOUND" {
			t.Errorf("error answer: %d %+v", resp.StatusCode, env)
		}
		srv.Close()
	}

	called := false
	srv := httptest.NewServer(fixture.NewHandler(batchProbe{called: &called}))
	defer srv.Close()
	resp, err := http.Post(srv.URL+"/rest/1/tok/batch", "application/json",
		strings.NewReader(`{"halt":0,"cmd":{"f":"fixture.file.download?fields[fileId]=7"}}`))
	if err != nil {
		t.Fatal(err)
	}
	var batch struct {
		Result struct {
			ResultError map[string]struct{ Error string } `json:"result_error"`
		}
	}
	json.NewDecoder(resp.Body).Decode(&batch)
	resp.Body.Close()
	if batch.Result.ResultError["f"].Error != string(b24.ErrBatchMethodNotAllowed) || called {
		t.Errorf("batch: %+v, implementation called: %v", batch, called)
	}
}

type batchProbe struct {
	fixture.UnimplementedServer
	called *bool
}

func (p batchProbe) FileDownload(context.Context, *fixture.FileDownloadRequest) (*b24.Download, error) {
	*p.called = true
	return &b24.Download{}, nil
}

// TestFakeFileThroughGeneratedClient: the generated client downloads the
// fake portal's file, and a script's own file.
func TestFakeFileThroughGeneratedClient(t *testing.T) {
	p := b24fake.New()
	fixture.RegisterFake(p)
	srv := httptest.NewServer(p)
	defer srv.Close()
	c, err := fixture.NewClient(srv.URL+"/rest/1/tok/", b24.WithInsecureHTTP())
	if err != nil {
		t.Fatal(err)
	}
	req := &fixture.FileDownloadRequest{Fields: fixture.FileDownloadRequestFields{FileID: 7}}
	got, err := c.FileDownload(context.Background(), req)
	if err != nil || string(got.Content) != "b24fake: a file of fixture.file.download\n" || got.Name != "file.txt" {
		t.Fatalf("fake file: %v, %v", got, err)
	}
	p.On("fixture.file.download", func(context.Context, *b24fake.Call) (any, error) {
		return &b24.Download{Name: "a.pdf", ContentType: "application/pdf", Content: []byte("%PDF")}, nil
	})
	got, err = c.FileDownload(context.Background(), req)
	if err != nil || got.Name != "a.pdf" || got.ContentType != "application/pdf" || string(got.Content) != "%PDF" {
		t.Fatalf("scripted file: %v, %v", got, err)
	}
}
