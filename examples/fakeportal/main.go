// Command fakeportal serves every generated method as a fake Bitrix24
// portal: each call is checked against the method's documented parameters
// and answered with the response example of its page. Point a client, an
// SDK or an integration test at it instead of a live portal:
//
//	go run ./examples/fakeportal -addr 127.0.0.1:8081
//	curl -X POST -d '{"id":4}' http://127.0.0.1:8081/rest/1/token/biconnector.source.delete
//
// It serves what generated/ holds: the methods of specs/ after make
// generate, the whole API after
// go run ./cmd/b24gen generate -docs ../b24-rest-docs -out generated.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"

	"github.com/b24gen/b24gen/b24/b24fake"
	"github.com/b24gen/b24gen/b24/b24server"
	"github.com/b24gen/b24gen/generated"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stderr, nil))
}

// run serves until ctx ends; ready, when set, receives the address it
// listens on.
func run(ctx context.Context, args []string, stderr io.Writer, ready chan<- string) int {
	fs := flag.NewFlagSet("fakeportal", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8081", "address to listen on")
	user := fs.String("webhook-user", "", "accept only this webhook user id (with -webhook-token)")
	token := fs.String("webhook-token", "", "accept only this webhook token (with -webhook-user)")
	burst := fs.Int("burst", 0, "answer QUERY_LIMIT_EXCEEDED beyond a leaky bucket of this many requests (with -rate)")
	rate := fs.Float64("rate", 0, "requests per second the bucket drains (with -burst)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	opts := []b24server.Option{b24server.WithLogger(log)}
	if *user != "" || *token != "" {
		opts = append(opts, b24server.WithAuth(b24server.StaticWebhook(*user, *token)))
	}
	portal := b24fake.New(opts...)
	generated.RegisterFakes(portal)
	if *rate > 0 {
		portal.SetRateLimit(*burst, *rate)
	}
	l, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(stderr, "fakeportal:", err)
		return 1
	}
	log.Info("fake portal serving", "addr", l.Addr().String(), "methods", len(generated.Methods))
	if ready != nil {
		ready <- l.Addr().String()
	}
	if err := b24server.Serve(ctx, b24server.NewHTTPServer(*addr, portal), l); err != nil {
		fmt.Fprintln(stderr, "fakeportal:", err)
		return 1
	}
	return 0
}
