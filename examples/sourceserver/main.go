// Command sourceserver serves biconnector.source.delete from an in-memory
// store of sources, through the server b24gen generated from the method's
// documentation page. Any client that can call a Bitrix24 portal can call it:
//
//	go run ./examples/sourceserver -addr 127.0.0.1:8080 -ids 1,2,3,4
//	curl -X POST -H 'Content-Type: application/json' -d '{"id":4}' \
//	    http://127.0.0.1:8080/rest/1/token/biconnector.source.delete
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"

	"github.com/b24gen/b24gen/b24/b24server"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	ids := flag.String("ids", "1,2,3,4", "comma-separated ids of the sources that exist")
	busy := flag.String("busy", "", "comma-separated ids of sources that have datasets and cannot be deleted")
	user := flag.String("webhook-user", "", "accept only this webhook user id (with -webhook-token)")
	token := flag.String("webhook-token", "", "accept only this webhook token (with -webhook-user)")
	flag.Parse()

	list, err := parseIDs("-ids", *ids)
	if err != nil {
		fmt.Fprintln(os.Stderr, "sourceserver:", err)
		os.Exit(2)
	}
	busyList, err := parseIDs("-busy", *busy)
	if err != nil {
		fmt.Fprintln(os.Stderr, "sourceserver:", err)
		os.Exit(2)
	}
	var auth b24server.AuthFunc
	if *user != "" || *token != "" {
		auth = b24server.StaticWebhook(*user, *token)
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	srv := b24server.NewHTTPServer(*addr, newHandler(newSources(list, busyList), auth, b24server.WithLogger(log)))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	l, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "sourceserver:", err)
		os.Exit(1)
	}
	log.Info("serving biconnector.source.delete", "addr", l.Addr().String(), "sources", len(list)+len(busyList))
	if err := b24server.Serve(ctx, srv, l); err != nil {
		fmt.Fprintln(os.Stderr, "sourceserver:", err)
		os.Exit(1)
	}
}

func parseIDs(flagName, s string) ([]int64, error) {
	var ids []int64
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		id, err := strconv.ParseInt(f, 10, 64)
		if err != nil || id <= 0 {
			return nil, fmt.Errorf("%s: %q is not a positive integer", flagName, f)
		}
		ids = append(ids, id)
	}
	return ids, nil
}
