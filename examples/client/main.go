// Command client deletes a BI connector source through the client b24gen
// generated from the documentation of biconnector.source.delete.
//
//	B24_WEBHOOK_URL=https://portal.bitrix24.com/rest/1/token/ go run ./examples/client -id 4
//
// Against the local example server, allow plain HTTP:
//
//	B24_WEBHOOK_URL=http://127.0.0.1:8080/rest/1/token/ go run ./examples/client -id 4 -insecure
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/b24gen/b24gen/b24"
	"github.com/b24gen/b24gen/generated/biconnector"
)

func main() {
	os.Exit(run(os.Args[1:], os.Getenv("B24_WEBHOOK_URL"), os.Stdout, os.Stderr))
}

func run(args []string, webhook string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("client", flag.ContinueOnError)
	fs.SetOutput(stderr)
	id := fs.Int64("id", 0, "id of the source to delete")
	insecure := fs.Bool("insecure", false, "allow a plain-HTTP webhook URL (local test servers)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if webhook == "" {
		fmt.Fprintln(stderr, "client: set B24_WEBHOOK_URL to an incoming webhook URL")
		return 2
	}
	var opts []b24.Option
	if *insecure {
		opts = append(opts, b24.WithInsecureHTTP())
	}
	c, err := biconnector.NewClient(webhook, opts...)
	if err != nil {
		fmt.Fprintln(stderr, "client:", err)
		return 2
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	ok, err := c.SourceDelete(ctx, &biconnector.SourceDeleteRequest{ID: b24.Int(*id)})
	switch {
	case errors.Is(err, biconnector.ErrSourceNotFound):
		fmt.Fprintf(stderr, "client: source %d does not exist\n", *id)
		return 1
	case errors.Is(err, biconnector.ErrValidationInvalidIDFormat):
		fmt.Fprintf(stderr, "client: %d is not a valid source id\n", *id)
		return 1
	case err != nil:
		fmt.Fprintln(stderr, "client:", err)
		return 1
	}
	fmt.Fprintf(stdout, "source %d deleted: %v\n", *id, ok)
	return 0
}
