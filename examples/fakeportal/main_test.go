package main

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"github.com/b24gen/b24gen/b24"
	"github.com/b24gen/b24gen/generated/biconnector"
	"github.com/b24gen/b24gen/generated/fixture"
)

// TestServesGeneratedMethods starts the command, calls it with the
// generated clients and stops it.
func TestServesGeneratedMethods(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan int, 1)
	var stderr bytes.Buffer
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-webhook-user", "1", "-webhook-token", "tok"}, &stderr, ready)
	}()
	var addr string
	select {
	case addr = <-ready:
	case code := <-done:
		t.Fatalf("exited %d: %s", code, stderr.String())
	}
	opts := []b24.Option{b24.WithInsecureHTTP(), b24.WithLimiter(b24.Unlimited())}
	bi, err := biconnector.NewClient("http://"+addr+"/rest/1/tok/", opts...)
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := bi.SourceDelete(ctx, &biconnector.SourceDeleteRequest{ID: 4}); err != nil || !ok {
		t.Fatalf("%v %v", ok, err)
	}
	fx, _ := fixture.NewClient("http://"+addr+"/rest/1/tok/", opts...)
	if page, err := fx.ItemList(ctx, &fixture.ItemListRequest{EntityTypeID: 2}); err != nil || len(page.Items) != 2 {
		t.Fatalf("%+v %v", page, err)
	}
	wrong, _ := biconnector.NewClient("http://"+addr+"/rest/1/other/", opts...)
	if _, err := wrong.SourceDelete(ctx, &biconnector.SourceDeleteRequest{ID: 4}); !errors.Is(err, b24.ErrNoAuthFound) {
		t.Fatalf("a wrong token: %v", err)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("did not stop")
	}
	if bytes.Contains(stderr.Bytes(), []byte("tok/")) {
		t.Fatalf("the log shows the token: %s", stderr.String())
	}
}
