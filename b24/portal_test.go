package b24

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// The secrets the tests use. TestMain scans every error and log line the
// tests record for them.
const (
	testWebhookToken = "whk-5ecret-0001"
	testAccessToken  = "acc-5ecret-0002"
	testRefreshToken = "ref-5ecret-0003"
	testNewAccess    = "acc-5ecret-0004"
	testNewRefresh   = "ref-5ecret-0005"
	testClientSecret = "cli-5ecret-0006"
)

var secrets = []string{testWebhookToken, testAccessToken, testRefreshToken, testNewAccess, testNewRefresh, testClientSecret}

// seen collects every error message and log line the tests produce.
var seen struct {
	sync.Mutex
	lines []string
}

func record(err error) {
	if err == nil {
		return
	}
	seen.Lock()
	seen.lines = append(seen.lines, err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err))
	seen.Unlock()
}

// logSink is a slog handler writing into seen.
type logSink struct{}

func (logSink) Write(p []byte) (int, error) {
	seen.Lock()
	seen.lines = append(seen.lines, string(p))
	seen.Unlock()
	return len(p), nil
}

func testLogger() *slog.Logger {
	return slog.New(slog.NewJSONHandler(logSink{}, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// call is what the fake portal saw of one request.
type call struct {
	Method string
	Path   string
	Body   map[string]any
	Raw    []byte
	Header http.Header
	At     time.Time
}

// fakePortal is a programmable portal: a handler per method, the calls it
// saw, and faults to inject.
type fakePortal struct {
	t        testing.TB
	srv      *httptest.Server
	mu       sync.Mutex
	calls    []call
	handlers map[string]func(c call, n int) (status int, body string)
	counts   map[string]int
}

func newFakePortal(t testing.TB) *fakePortal {
	p := &fakePortal{t: t, handlers: map[string]func(call, int) (int, string){}, counts: map[string]int{}}
	p.srv = httptest.NewServer(http.HandlerFunc(p.serve))
	t.Cleanup(p.srv.Close)
	return p
}

func (p *fakePortal) on(method string, h func(c call, n int) (int, string)) {
	p.mu.Lock()
	p.handlers[method] = h
	p.mu.Unlock()
}

func (p *fakePortal) serve(w http.ResponseWriter, r *http.Request) {
	raw, _ := io.ReadAll(r.Body)
	c := call{Path: r.URL.Path, Raw: raw, Header: r.Header.Clone(), At: time.Now()}
	_ = json.Unmarshal(raw, &c.Body)
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	c.Method = parts[len(parts)-1]
	p.mu.Lock()
	p.calls = append(p.calls, c)
	p.counts[c.Method]++
	n := p.counts[c.Method]
	h := p.handlers[c.Method]
	p.mu.Unlock()
	if h == nil {
		w.WriteHeader(404)
		io.WriteString(w, `{"error":"ERROR_METHOD_NOT_FOUND","error_description":"Method not found!"}`)
		return
	}
	status, body := h(c, n)
	if status < 0 {
		// drop the connection without answering
		hj, ok := w.(http.Hijacker)
		if ok {
			conn, _, _ := hj.Hijack()
			conn.Close()
		}
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	io.WriteString(w, body)
}

func (p *fakePortal) seen(method string) []call {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []call
	for _, c := range p.calls {
		if c.Method == method {
			out = append(out, c)
		}
	}
	return out
}

// ok answers a result with the time object.
func ok(result string) (int, string) {
	return 200, `{"result":` + result + `,"time":{"start":1,"finish":1,"duration":0,"processing":0,"date_start":"2024-09-03T14:10:18+02:00","date_finish":"2024-09-03T14:10:18+02:00"}}`
}

func apiErr(status int, code string) (int, string) {
	return status, `{"error":"` + code + `","error_description":"` + code + ` description"}`
}

// webhook returns a webhook client of the fake portal with quick retries
// and no rate limit unless opts say otherwise.
func (p *fakePortal) webhook(t testing.TB, opts ...Option) *Client {
	t.Helper()
	base := []Option{WithInsecureHTTP(), WithLimiter(Unlimited()), WithLogger(testLogger()),
		WithRetry(RetryPolicy{MaxAttempts: 5, BaseDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond})}
	c, err := NewClient(p.srv.URL+"/rest/1/"+testWebhookToken+"/", append(base, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// listener that accepts and closes, for refused and dropped connections.
func closedAddr(t testing.TB) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}
