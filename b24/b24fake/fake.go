// Package b24fake is a fake Bitrix24 portal for tests and local
// development. Generated packages register their methods on a Portal with
// RegisterFake: each method then checks its parameters against the docs, as
// a generated server does, and answers with the response example of its
// page. Tests script single methods with On, inject failures with Fail,
// limit the request rate with SetRateLimit and read what the portal saw
// with Calls.
package b24fake

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/b24gen/b24gen/b24"
	"github.com/b24gen/b24gen/b24/b24server"
	"github.com/b24gen/b24gen/b24/internal/ascii"
	"github.com/b24gen/b24gen/b24/internal/params"
)

// Func answers a call of a scripted method: a result encoded as JSON, or
// an error (a b24.ErrorCode, b24.ErrorMessage or *b24.APIError chooses the
// answer; a b24.ErrorMessage is answered as the docs show an error without
// a code: an empty "error" and the message).
type Func func(ctx context.Context, c *Call) (any, error)

// Call is a call the portal served, or refused: one request, or one
// command of a batch.
type Call struct {
	Method string
	// Params are the parameters after the documented checks, in their
	// documented types (for a refused call, as it sent them, partly read).
	Params map[string]any
	// Credentials are what the call presented; their String hides the
	// token.
	Credentials b24server.Credentials
	At          time.Time
	// Err is the error a refused call was answered with: the code its
	// page documents for the parameter check it failed. It is nil for the
	// calls the portal served.
	Err error

	// ctx is the call's context while a script serves it (never in the
	// call log, which would keep the request's body with it).
	ctx context.Context
}

// Decode decodes the parameters into a typed request; in a script, an
// order's members keep the order the call sent them (b24server.DecodeCall).
func (c *Call) Decode(v any) error {
	if c.ctx != nil {
		return b24server.DecodeCall(c.ctx, c.Params, v)
	}
	return b24server.DecodeParams(c.Params, v)
}

// Portal is a fake portal. It is an http.Handler serving /rest/ as a
// generated server does, and is safe for concurrent use.
type Portal struct {
	mux *b24server.Mux

	mu      sync.Mutex
	methods map[string]*method // by API and lower-case name
	calls   callLog
	refused callLog
	limiter *bucket
}

// DefaultCallLog is how many of the latest calls a portal remembers, and
// DefaultCallLogBytes how much memory their parameters may hold (as
// estimated by the server's decoding budget), so that a long-running fake
// does not grow without bound however large its calls are. Each holds
// for the served and for the refused calls apart.
const (
	DefaultCallLog      = 10_000
	DefaultCallLogBytes = 64 << 20
)

type method struct {
	spec    *b24.Method
	example json.RawMessage // the result to answer with
	total   *int            // the example's total, for list methods
	script  Func
	fails   []failure
}

type failure struct {
	err   error
	times int // 0: every call
}

// New returns a portal without methods; opts configure its server
// (credentials, body limit, logger).
func New(opts ...b24server.Option) *Portal {
	p := &Portal{methods: map[string]*method{}, calls: newCallLog(), refused: newCallLog()}
	p.mux = b24server.NewMux(append(slices.Clone(opts), b24server.WithRefused(p.refuse))...)
	return p
}

// refuse records a call the documented checks refused.
func (p *Portal) refuse(ctx context.Context, spec *b24.Method, params map[string]any, err error) {
	call := Call{Method: spec.Name, Params: params, At: time.Now(), Err: err}
	call.Credentials, _ = b24server.CredentialsFrom(ctx)
	p.mu.Lock()
	p.refused.add(call)
	p.mu.Unlock()
}

func key(api, name string) string { return api + "/" + ascii.Lower(name) }

// Register adds a method that answers with example, the response example
// of its page (the whole answer, {"result": …, "total": …, "time": …}). An
// example that is empty, answers an error, or does not decode into the
// method's result type is replaced by the zero value of that type, so that
// the generated client can always read the answer. A method that answers
// with a file (spec.File) answers with FakeFile.
func (p *Portal) Register(spec *b24.Method, example string) {
	m := &method{spec: spec, example: defaultResult(spec)}
	var env struct {
		Result json.RawMessage `json:"result"`
		Total  *int            `json:"total"`
	}
	if json.Unmarshal([]byte(example), &env) == nil && len(env.Result) > 0 && decodes(spec, env.Result) {
		var compact bytes.Buffer
		if json.Compact(&compact, env.Result) == nil {
			m.example, m.total = compact.Bytes(), env.Total
		}
	}
	p.mu.Lock()
	p.methods[key(spec.API, spec.Name)] = m
	p.mu.Unlock()
	b24server.HandleFunc(p.mux, spec, func(ctx context.Context, params map[string]any) (any, error) {
		return p.serve(ctx, m, params)
	})
}

// defaultResult is the zero value of a method's result type, encoded.
func defaultResult(spec *b24.Method) json.RawMessage {
	if spec.NewResult == nil {
		return json.RawMessage("null")
	}
	b, err := json.Marshal(spec.NewResult())
	if err != nil {
		return json.RawMessage("null")
	}
	return b
}

func decodes(spec *b24.Method, result json.RawMessage) bool {
	if spec.NewResult == nil {
		return true
	}
	return json.Unmarshal(result, spec.NewResult()) == nil
}

// serve answers one call of a registered method.
func (p *Portal) serve(ctx context.Context, m *method, params map[string]any) (any, error) {
	call := Call{Method: m.spec.Name, Params: params, At: time.Now()}
	call.Credentials, _ = b24server.CredentialsFrom(ctx)
	p.mu.Lock()
	p.calls.add(call)
	script := m.script
	var fail error
	if len(m.fails) > 0 {
		f := &m.fails[0]
		fail = f.err
		if f.times > 0 {
			if f.times--; f.times == 0 {
				m.fails = m.fails[1:]
			}
		}
	}
	p.mu.Unlock()
	switch {
	case fail != nil:
		return nil, fail
	case script != nil:
		call.ctx = ctx
		return script(ctx, &call)
	}
	if m.spec.File {
		return FakeFile(m.spec), nil
	}
	if m.total != nil {
		b24server.SetTotal(ctx, *m.total)
	}
	return b24server.JSON(m.example), nil
}

// FakeFile is the file a method that answers with one answers unless a
// script says otherwise: a short text naming the method.
func FakeFile(spec *b24.Method) *b24.Download {
	return &b24.Download{Name: "file.txt", ContentType: "text/plain; charset=utf-8", Content: []byte("b24fake: a file of " + spec.Name + "\n")}
}

// SetTotal tells the portal, from a script of a list method, how many rows
// the call's filter matches in all; the answer then carries total and next
// as a portal's does (see b24server.SetTotal).
func SetTotal(ctx context.Context, total int) { b24server.SetTotal(ctx, total) }

// On scripts a method: fn answers its calls instead of the example. The
// method must be registered.
func (p *Portal) On(methodName string, fn Func) {
	p.withMethod(methodName, func(m *method) { m.script = fn })
}

// Fail makes the next times calls of a method fail with err (every call
// when times is 0), before any script or example. Failures queue in the
// order they were added.
func (p *Portal) Fail(methodName string, err error, times int) {
	p.withMethod(methodName, func(m *method) { m.fails = append(m.fails, failure{err, times}) })
}

// withMethod runs f on every registered method of that name (classic and
// REST 3.0), and panics when there is none: a test that scripts a method
// the portal does not have is wrong.
func (p *Portal) withMethod(name string, f func(*method)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	found := false
	for _, api := range []string{"", b24.APIv3} {
		if m, ok := p.methods[key(api, name)]; ok {
			f(m)
			found = true
		}
	}
	if !found {
		panic("b24fake: no method " + name + " is registered")
	}
}

// Calls returns the calls the portal served, in order, at most the latest
// DefaultCallLog (see SetCallLog); with a method name, only the calls of
// that method.
func (p *Portal) Calls(methodName ...string) []Call {
	return p.logged(&p.calls, methodName)
}

// Refused returns the calls the portal refused because their parameters
// failed the documented checks, each with the error it answered, in order
// and as many as Calls keeps; with a method name, only those of that
// method. They never reached a script or the example.
func (p *Portal) Refused(methodName ...string) []Call {
	return p.logged(&p.refused, methodName)
}

func (p *Portal) logged(log *callLog, methodName []string) []Call {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []Call
	for _, c := range log.all() {
		if len(methodName) == 0 || ascii.EqualFold(c.Method, methodName[0]) {
			out = append(out, c)
		}
	}
	return out
}

// SetCallLog sets how many of the latest calls, and of the latest refused
// calls, the portal remembers.
func (p *Portal) SetCallLog(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.calls.resize(n, p.calls.maxBytes)
	p.refused.resize(n, p.refused.maxBytes)
}

// SetCallLogBytes sets how much memory the parameters of the calls, and
// of the refused calls, the portal remembers may hold.
func (p *Portal) SetCallLogBytes(n int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.calls.resize(p.calls.max, n)
	p.refused.resize(p.refused.max, n)
}

// Reset forgets the calls, scripts, failures and rate limit.
func (p *Portal) Reset() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.calls = callLog{max: p.calls.max, maxBytes: p.calls.maxBytes}
	p.refused = callLog{max: p.refused.max, maxBytes: p.refused.maxBytes}
	p.limiter = nil
	for _, m := range p.methods {
		m.script, m.fails = nil, nil
	}
}

// Methods returns the registered methods.
func (p *Portal) Methods() []*b24.Method {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make([]*b24.Method, 0, len(p.methods))
	for _, m := range p.methods {
		out = append(out, m.spec)
	}
	return out
}

// SetRateLimit makes the portal answer QUERY_LIMIT_EXCEEDED (503) to the
// requests beyond its leaky bucket, as a portal does: burst requests at
// once, then rate a second (50 and 2 on most plans). A batch is one
// request. rate 0 removes the limit.
func (p *Portal) SetRateLimit(burst int, rate float64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if rate <= 0 {
		p.limiter = nil
		return
	}
	p.limiter = &bucket{burst: float64(burst), rate: rate, level: 0}
}

// ServeHTTP serves the REST API.
func (p *Portal) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	limited := p.limiter != nil && !p.limiter.take(time.Now())
	p.mu.Unlock()
	if limited {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write(queryLimitAnswer)
		return
	}
	p.mux.ServeHTTP(w, r)
}

var queryLimitAnswer = mustJSON(map[string]string{"error": string(b24.ErrQueryLimitExceeded), "error_description": "Too many requests"})

func mustJSON(v any) []byte {
	var b bytes.Buffer
	if err := json.NewEncoder(&b).Encode(v); err != nil {
		panic(err)
	}
	return bytes.TrimSpace(b.Bytes())
}

// callLog is a ring of the latest calls.
type callLog struct {
	max      int   // calls
	maxBytes int64 // the estimated memory of their parameters
	calls    []Call
	sizes    []int64
	head     int // the oldest call kept
	bytes    int64
}

func newCallLog() callLog { return callLog{max: DefaultCallLog, maxBytes: DefaultCallLogBytes} }

// add keeps c and forgets the oldest calls beyond the limits; the latest
// call is kept whatever its size.
func (l *callLog) add(c Call) {
	size := params.Size(c.Params)
	l.calls, l.sizes = append(l.calls, c), append(l.sizes, size)
	l.bytes += size
	for n := len(l.calls) - l.head; n > l.max || (l.bytes > l.maxBytes && n > 1); n-- {
		l.bytes -= l.sizes[l.head]
		l.calls[l.head] = Call{}
		l.head++
	}
	if l.head > len(l.calls)/2 {
		// compact once half is forgotten: amortised O(1) per call
		l.calls = append([]Call(nil), l.calls[l.head:]...)
		l.sizes = append([]int64(nil), l.sizes[l.head:]...)
		l.head = 0
	}
}

// resize keeps the latest calls within n calls and maxBytes.
func (l *callLog) resize(n int, maxBytes int64) {
	calls := l.all()
	*l = callLog{max: max(n, 1), maxBytes: max(maxBytes, 1)}
	for _, c := range calls {
		l.add(c)
	}
}

// all returns the calls, oldest first.
func (l *callLog) all() []Call {
	return append([]Call(nil), l.calls[l.head:]...)
}

// bucket is the portal's leaky bucket: each request adds one, the level
// drains at rate a second, and a request that would overflow burst is
// refused without adding.
type bucket struct {
	burst, rate, level float64
	last               time.Time
}

func (b *bucket) take(now time.Time) bool {
	if !b.last.IsZero() {
		b.level = max(0, b.level-now.Sub(b.last).Seconds()*b.rate)
	}
	b.last = now
	if b.level+1 > b.burst {
		return false
	}
	b.level++
	return true
}
