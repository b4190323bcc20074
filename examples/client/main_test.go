package main

import (
	"bytes"
	"context"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/b24gen/b24gen/generated/biconnector"
)

type oneSource struct {
	biconnector.UnimplementedServer
}

func (oneSource) SourceDelete(_ context.Context, req *biconnector.SourceDeleteRequest) (bool, error) {
	if req.ID != 4 {
		return false, biconnector.ErrSourceNotFound
	}
	return true, nil
}

func TestRun(t *testing.T) {
	srv := httptest.NewServer(biconnector.NewHandler(oneSource{}))
	defer srv.Close()
	hook := srv.URL + "/rest/1/secret-token/"
	var out, errOut bytes.Buffer
	if code := run([]string{"-id", "4", "-insecure"}, hook, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if out.String() != "source 4 deleted: true\n" {
		t.Fatalf("output %q", out.String())
	}
	out.Reset()
	errOut.Reset()
	if code := run([]string{"-id", "5", "-insecure"}, hook, &out, &errOut); code != 1 || !strings.Contains(errOut.String(), "does not exist") {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if code := run([]string{"-id", "4"}, hook, &out, &errOut); code != 2 || !strings.Contains(errOut.String(), "https") {
		t.Fatalf("plain HTTP without -insecure: exit %d: %s", code, errOut.String())
	}
	if code := run(nil, "", &out, &errOut); code != 2 {
		t.Fatalf("no URL: exit %d", code)
	}
	if strings.Contains(errOut.String(), "secret-token") {
		t.Fatalf("the token leaked into the output: %s", errOut.String())
	}
}
