// Package b24server serves the Bitrix24 REST protocol: the URL shapes of
// webhooks and OAuth calls, JSON, form and query parameters with PHP
// brackets, the result and error envelopes, and batch. Generated packages
// register their typed methods on a Mux; the Mux checks each call against
// the method's documented parameters before the implementation sees it.
package b24server

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"mime"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/b24gen/b24gen/b24"
	"github.com/b24gen/b24gen/b24/internal/ascii"
	"github.com/b24gen/b24gen/b24/internal/filename"
	"github.com/b24gen/b24gen/b24/internal/params"
)

// DefaultMaxBodyBytes is the default limit on the size of a request body.
const DefaultMaxBodyBytes = 8 << 20

// CredentialKind says how a call authenticated.
type CredentialKind int

const (
	// Webhook: the user id and token are path segments.
	Webhook CredentialKind = iota + 1
	// OAuth: the access token is the "auth" parameter.
	OAuth
)

// Credentials are what a call presented. String hides the token.
type Credentials struct {
	Kind   CredentialKind
	UserID string
	Token  string
}

// String describes the credentials without the token.
func (c Credentials) String() string {
	switch c.Kind {
	case Webhook:
		return "webhook(user " + c.UserID + ")"
	case OAuth:
		return "oauth"
	}
	return "none"
}

// LogValue keeps the token out of structured logs.
func (c Credentials) LogValue() slog.Value { return slog.StringValue(c.String()) }

// Format prints the credentials as String does, for every verb: %#v and
// %x would otherwise print the token.
func (c Credentials) Format(f fmt.State, verb rune) {
	if verb == 'q' {
		_, _ = fmt.Fprintf(f, "%q", c.String())
		return
	}
	_, _ = f.Write([]byte(c.String()))
}

// GoString implements fmt.GoStringer without the token.
func (c Credentials) GoString() string { return "b24server.Credentials{" + c.String() + "}" }

// MarshalJSON encodes the credentials without the token.
func (c Credentials) MarshalJSON() ([]byte, error) { return json.Marshal(c.String()) }

type credentialsKey struct{}

// CredentialsFrom returns the credentials of the call being served.
func CredentialsFrom(ctx context.Context) (Credentials, bool) {
	c, ok := ctx.Value(credentialsKey{}).(Credentials)
	return c, ok
}

// AuthFunc checks the credentials of a call; a non-nil error refuses it
// (an *b24.APIError or b24.ErrorCode chooses the answer, anything else
// answers NO_AUTH_FOUND).
type AuthFunc func(ctx context.Context, c Credentials) error

// StaticWebhook accepts the one webhook user and token given, comparing the
// token in constant time.
func StaticWebhook(userID, token string) AuthFunc {
	return func(_ context.Context, c Credentials) error {
		if c.Kind == Webhook && c.UserID == userID && subtle.ConstantTimeCompare([]byte(c.Token), []byte(token)) == 1 {
			return nil
		}
		return b24.ErrNoAuthFound
	}
}

// Option configures a Mux.
type Option func(*Mux)

// WithAuth sets the credentials check. Without one, any credentials are
// accepted (but a call must present some, as on a portal).
func WithAuth(f AuthFunc) Option { return func(m *Mux) { m.auth = f } }

// WithValidationErrors sets how a failed parameter check is answered: the
// function returns the error to answer with, or nil for the default — the
// code the method's docs give for that parameter and problem, else
// INVALID_ARG_VALUE.
func WithValidationErrors(f func(*ValidationError) error) Option {
	return func(m *Mux) { m.mapValidation = f }
}

// WithRefused calls f for each call whose parameters fail the documented
// checks, with the error the call is then answered with: a fake portal
// keeps them for tests (b24fake.Portal.Refused). params are as the call
// sent them, partly read.
func WithRefused(f func(ctx context.Context, spec *b24.Method, params map[string]any, err error)) Option {
	return func(m *Mux) { m.refused = f }
}

// WithLogger sets the logger for failures of implementations.
func WithLogger(l *slog.Logger) Option { return func(m *Mux) { m.log = l } }

// WithMaxBodyBytes limits the size of request bodies.
func WithMaxBodyBytes(n int64) Option { return func(m *Mux) { m.maxBody = n } }

// WithClock sets the clock of the "time" envelope, for reproducible tests.
func WithClock(now func() time.Time) Option { return func(m *Mux) { m.now = now } }

// Mux routes REST calls to registered methods. It is an http.Handler.
type Mux struct {
	routes        map[string]*route
	auth          AuthFunc
	mapValidation func(*ValidationError) error
	refused       func(ctx context.Context, spec *b24.Method, params map[string]any, err error)
	log           *slog.Logger
	maxBody       int64
	now           func() time.Time
	dates         dateCache
}

type route struct {
	spec *b24.Method
	call func(ctx context.Context, params map[string]any) (any, error)
}

// NewMux returns an empty Mux.
func NewMux(opts ...Option) *Mux {
	m := &Mux{routes: map[string]*route{}, maxBody: DefaultMaxBodyBytes, now: time.Now, log: slog.New(slog.DiscardHandler)}
	for _, o := range opts {
		o(m)
	}
	return m
}

// Handle registers the implementation of a method. The parameters of a call
// are checked against spec, then decoded into a Req.
func Handle[Req, Res any](m *Mux, spec *b24.Method, fn func(context.Context, *Req) (Res, error)) {
	orders := orderFields(reflect.TypeFor[Req]())
	HandleFunc(m, spec, func(ctx context.Context, params map[string]any) (any, error) {
		var req Req
		if err := DecodeParams(params, &req); err != nil {
			// The checks against spec passed: a parameter the request
			// type reads in a way the docs do not say. Name it if the
			// decoder does, so that its documented code answers.
			verr := &ValidationError{Method: spec.Name, Problem: WrongType, Detail: err.Error()}
			var te *json.UnmarshalTypeError
			if errors.As(err, &te) {
				verr.Param = te.Field
			}
			return nil, verr
		}
		if len(orders) > 0 {
			keepPrecedence(ctx, reflect.ValueOf(&req).Elem(), orders)
		}
		return fn(ctx, &req)
	})
}

// Empty adapts the implementation of a method whose answer carries
// nothing (crm.item.delete), which returns only an error, to Handle: a
// call that succeeds answers result, the empty value the method's page
// shows ("[]", "{}" or "null"; anything else answers null).
func Empty[Req any](fn func(context.Context, *Req) error, result string) func(context.Context, *Req) (json.RawMessage, error) {
	switch result {
	case "[]", "{}", "null":
	default:
		result = "null"
	}
	answer := json.RawMessage(result)
	return func(ctx context.Context, req *Req) (json.RawMessage, error) {
		if err := fn(ctx, req); err != nil {
			return nil, err
		}
		return answer, nil
	}
}

// HandleFunc registers an implementation of a method that takes the
// parameters as decoded from the request (after the checks against spec,
// with values in their documented types): for code that serves methods
// generically, such as a fake portal or a gateway. The result is encoded
// as JSON.
func HandleFunc(m *Mux, spec *b24.Method, fn func(ctx context.Context, params map[string]any) (any, error)) {
	m.routes[routeKey(spec.API, spec.Name)] = &route{spec: spec, call: fn}
}

// DecodeParams decodes parameters as HandleFunc receives them into a typed
// request.
func DecodeParams(params map[string]any, v any) error {
	js, err := json.Marshal(params)
	if err != nil {
		return err
	}
	return json.Unmarshal(js, v)
}

// DecodeCall decodes the parameters of the call ctx belongs to into a
// typed request, as Handle does: DecodeParams, and the members of each
// b24.Order in the order the call sent them (the parameters are maps,
// which lose it).
func DecodeCall(ctx context.Context, params map[string]any, v any) error {
	if err := DecodeParams(params, v); err != nil {
		return err
	}
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer && !rv.IsNil() {
		if orders := orderFields(rv.Elem().Type()); len(orders) > 0 {
			keepPrecedence(ctx, rv.Elem(), orders)
		}
	}
	return nil
}

// routeKey keys a method by its API and name, ignoring the case of ASCII
// letters as portals do (and only theirs: see package ascii).
func routeKey(api, name string) string { return api + "/" + ascii.Lower(name) }

// ServeHTTP serves /rest/{method} (OAuth: "auth" in the body or query) and
// /rest/{user}/{token}/{method} (webhook), each with an optional ".json",
// and the same under /rest/api/ for REST 3.0 methods.
func (m *Mux) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := m.now()
	api, method, creds, ok := parsePath(r.URL.Path)
	w = &apiWriter{ResponseWriter: w, api: api}
	if !ok {
		m.writeError(w, nil, &b24.APIError{Code: "NOT_FOUND", Description: "Not a REST URL: expected /rest/{method} or /rest/{user}/{token}/{method}", Status: http.StatusNotFound})
		return
	}
	if r.Method != http.MethodPost && r.Method != http.MethodGet {
		w.Header().Set("Allow", "GET, POST")
		m.writeError(w, nil, &b24.APIError{Code: "METHOD_NOT_ALLOWED", Description: "Use POST or GET", Status: http.StatusMethodNotAllowed})
		return
	}
	ctx := r.Context()
	// A webhook's credentials are in its path: they are checked before a
	// byte of the body is read, so that a caller without them costs
	// nothing but the request line.
	if creds.Kind == Webhook {
		if err := m.checkAuth(ctx, creds); err != nil {
			m.writeRefusal(w, err)
			return
		}
	}
	if r.ContentLength > m.maxBody {
		m.writeRefusal(w, tooLarge(m.maxBody))
		return
	}
	body, err := m.readBody(w, r)
	if err != nil {
		m.writeError(w, nil, err)
		return
	}
	// An OAuth token is a parameter: it is found without decoding the
	// rest, and checked before anything else is decoded.
	if creds.Kind == 0 {
		tok, _ := body.token()
		if tok == "" {
			tok, _ = formToken(r.URL.RawQuery)
		}
		if tok == "" {
			m.writeError(w, nil, &b24.APIError{Code: string(b24.ErrNoAuthFound), Description: "Wrong authorization data", Status: http.StatusUnauthorized})
			return
		}
		creds = Credentials{Kind: OAuth, Token: tok}
		if err := m.checkAuth(ctx, creds); err != nil {
			m.writeError(w, nil, err)
			return
		}
	}
	budget := params.For(len(body.raw) + len(r.URL.RawQuery))
	values, err := decodeParams(r.URL.RawQuery, body, budget)
	if err != nil {
		m.writeError(w, nil, err)
		return
	}
	delete(values, "auth")
	ctx = context.WithValue(ctx, credentialsKey{}, creds)
	if ascii.EqualFold(method, b24.BatchMethod.Name) {
		order := commandOrder(body.raw, body.kind == formBody)
		if len(order) == 0 {
			order = commandOrder([]byte(r.URL.RawQuery), true)
		}
		m.serveBatch(ctx, w, api, values, order, start, budget)
		return
	}
	ctx = context.WithValue(ctx, rawRequestKey{}, rawRequest{body: body.raw, form: body.kind == formBody, names: body.keys, query: r.URL.RawQuery})
	rep, spec, err := m.invoke(ctx, api, method, values)
	if err != nil {
		m.writeError(w, spec, err)
		return
	}
	m.writeResult(w, rep, start)
}

// parsePath splits a REST path into the method and, for webhooks, the
// credentials. The handler may be mounted under a prefix: the path is read
// from its "/rest/" segment on.
func parsePath(p string) (api, method string, c Credentials, ok bool) {
	i := strings.Index(p, "/rest/")
	if i < 0 {
		return "", "", c, false
	}
	rest := p[i+len("/rest/"):]
	if after, isV3 := strings.CutPrefix(rest, "api/"); isV3 {
		api, rest = b24.APIv3, after
	}
	segs := strings.Split(strings.Trim(rest, "/"), "/")
	last := strings.TrimSuffix(segs[len(segs)-1], ".json")
	switch len(segs) {
	case 1:
		method = last
	case 3:
		c = Credentials{Kind: Webhook, UserID: segs[0], Token: segs[1]}
		method = last
	default:
		return api, "", c, false
	}
	if method == "" {
		return api, "", c, false
	}
	return api, method, c, true
}

func badRequest(desc string) error {
	return &b24.APIError{Code: string(b24.ErrInvalidRequest), Description: desc, Status: http.StatusBadRequest}
}

// checkAuth runs the credentials check, if any.
func (m *Mux) checkAuth(ctx context.Context, c Credentials) error {
	if m.auth == nil {
		return nil
	}
	if err := m.auth(ctx, c); err != nil {
		return authError(err)
	}
	return nil
}

func authError(err error) error {
	var ae *b24.APIError
	var code b24.ErrorCode
	switch {
	case errors.As(err, &ae):
		return ae
	case errors.As(err, &code):
		return code
	}
	return b24.ErrNoAuthFound
}

// JSON is a result that is encoded already and is answered as it is,
// without a check: the implementation vouches that it is valid, compact
// JSON (a fake portal's documented example, checked once when it was
// registered). A json.RawMessage result is checked on every answer.
type JSON []byte

// reply is the answer of one call: its encoded result and, for a list
// method whose implementation called SetTotal, the total and the start of
// the next page.
type reply struct {
	result      json.RawMessage
	total, next *int64
	// file is the answer of a method that answers with a file
	// (b24.Method.File) instead of result.
	file *b24.Download
}

// invoke checks the parameters of a call and runs the implementation,
// turning a panic into INTERNAL_SERVER_ERROR.
func (m *Mux) invoke(ctx context.Context, api, method string, params map[string]any) (rep reply, spec *b24.Method, err error) {
	rt, ok := m.routes[routeKey(api, method)]
	if !ok {
		return rep, nil, &b24.APIError{Code: string(b24.ErrMethodNotFound), Description: "Method not found!", Status: http.StatusNotFound}
	}
	spec = rt.spec
	if verr := Validate(spec, params); verr != nil {
		err := m.validationError(spec, verr)
		if m.refused != nil {
			m.refused(ctx, spec, params, err)
		}
		return rep, spec, err
	}
	state := &callState{}
	defer func() {
		if p := recover(); p != nil {
			m.log.LogAttrs(ctx, slog.LevelError, "b24server: panic in implementation", slog.String("method", spec.Name), slog.String("panic", fmt.Sprint(p)))
			rep, err = reply{}, b24.ErrInternalServerError
		}
	}()
	res, err := rt.call(context.WithValue(ctx, callStateKey{}, state), params)
	var verr *ValidationError
	if errors.As(err, &verr) {
		return rep, spec, m.validationError(spec, verr)
	}
	if err != nil {
		// the implementation's error is its code too (a typed nil, an
		// Error or Unwrap that panics): read it here, where a panic is
		// recovered, into an error of the runtime's own
		status, env := m.resolveError(spec, err)
		return rep, spec, &b24.APIError{Code: env.Error, Description: env.ErrorDescription, Status: status}
	}
	if file, ok := res.(*b24.Download); ok && file != nil {
		rep.file = file
	} else if raw, ok := res.(JSON); ok {
		rep.result = json.RawMessage(raw)
	} else if raw, ok := res.(json.RawMessage); ok && json.Valid(raw) {
		// already JSON (a gateway's answer)
		rep.result = raw
	} else if rep.result, err = json.Marshal(res); err != nil {
		m.log.LogAttrs(ctx, slog.LevelError, "b24server: the result does not encode", slog.String("method", spec.Name), slog.String("error", err.Error()))
		return reply{}, spec, b24.ErrInternalServerError
	}
	if state.hasTotal {
		rep.total, rep.next = pageOf(spec, params, rep.result, state.total)
	}
	return rep, spec, nil
}

// validationError chooses the answer to a failed check: the application's
// mapping, else the error the method documents for that parameter and
// problem (one naming the parameter before one for any parameter), else
// INVALID_ARG_VALUE.
func (m *Mux) validationError(spec *b24.Method, v *ValidationError) error {
	if m.mapValidation != nil {
		if err := m.mapValidation(v); err != nil {
			return err
		}
	}
	if info, ok := documentedFor(spec, v); ok {
		desc := info.Message
		if desc == "" {
			// the page says when the code is answered but gives no
			// text: the check's own words tell the caller what failed
			desc = v.Error()
		}
		return &b24.APIError{Code: string(info.Code), Description: desc, Status: info.Status}
	}
	return &b24.APIError{Code: string(b24.ErrInvalidArgument), Description: v.Error()}
}

// documentedFor finds the error a method documents for a failed check.
func documentedFor(spec *b24.Method, v *ValidationError) (b24.ErrorInfo, bool) {
	if len(v.OneOf) > 0 {
		return documentedForGroup(spec, v)
	}
	var anyParam *b24.ErrorInfo
	for i := range spec.Errors {
		e := &spec.Errors[i]
		for _, c := range e.Checks {
			if (v.Problem == Missing && !c.Missing) || (v.Problem != Missing && !c.Invalid) {
				continue
			}
			switch {
			case ascii.EqualFold(c.Param, v.Param):
				return *e, true
			case c.Param == "" && anyParam == nil:
				anyParam = e
			}
		}
	}
	if anyParam != nil {
		return *anyParam, true
	}
	return b24.ErrorInfo{}, false
}

// timing is the "time" member of every answer, with all its members
// present, as a portal sends them: times in seconds with microseconds.
type timing struct {
	start, end time.Time
	dateStart  string
	dateEnd    string
}

// timing returns the "time" envelope of a call that started at start. The
// operating time a portal counts per method is this call's own duration; a
// fake portal that simulates the limit sets its own.
func (m *Mux) timing(start time.Time) timing {
	end := m.now()
	return timing{start: start, end: end, dateStart: m.dates.format(start), dateEnd: m.dates.format(end)}
}

// appendJSON appends the timing as JSON. It is written by hand because
// every answer and every batch command has one: seconds with six decimals
// from integer nanoseconds, without float formatting.
func (t timing) appendJSON(b []byte) []byte {
	d := t.end.Sub(t.start)
	b = appendSeconds(append(b, `{"start":`...), t.start.UnixNano())
	b = appendSeconds(append(b, `,"finish":`...), t.end.UnixNano())
	b = appendSeconds(append(b, `,"duration":`...), int64(d))
	b = appendSeconds(append(b, `,"processing":`...), int64(d))
	b = appendString(append(b, `,"date_start":`...), t.dateStart)
	b = appendString(append(b, `,"date_finish":`...), t.dateEnd)
	b = strconv.AppendInt(append(b, `,"operating_reset_at":`...), t.end.Add(10*time.Minute).Unix(), 10)
	b = appendSeconds(append(b, `,"operating":`...), int64(d))
	return append(b, '}')
}

// appendSeconds appends nanoseconds as seconds with six decimals.
func appendSeconds(b []byte, ns int64) []byte {
	if ns < 0 {
		b = append(b, '-')
		ns = -ns
	}
	b = strconv.AppendInt(b, ns/1e9, 10)
	micro := (ns % 1e9) / 1e3
	b = append(b, '.')
	for div := int64(100000); div > 0; div /= 10 {
		b = append(b, byte('0'+micro/div%10))
	}
	return b
}

// dateCache formats times as RFC 3339 to the second, once per second: a
// batch formats two per command, mostly of the same second.
type dateCache struct {
	last atomic.Pointer[cachedDate]
}

type cachedDate struct {
	unix int64
	loc  *time.Location
	text string
}

func (c *dateCache) format(t time.Time) string {
	if d := c.last.Load(); d != nil && d.unix == t.Unix() && d.loc == t.Location() {
		return d.text
	}
	d := &cachedDate{unix: t.Unix(), loc: t.Location(), text: t.Format(time.RFC3339)}
	c.last.Store(d)
	return d.text
}

// writeResult writes a success answer. The result is already JSON: it is
// put in the envelope as it is rather than encoded again.
func (m *Mux) writeResult(w http.ResponseWriter, rep reply, start time.Time) {
	if rep.file != nil {
		writeFile(w, rep.file)
		return
	}
	b := make([]byte, 0, len(rep.result)+256)
	b = append(b, `{"result":`...)
	if len(rep.result) == 0 {
		b = append(b, "null"...)
	}
	b = append(b, rep.result...)
	if rep.next != nil {
		b = append(b, `,"next":`...)
		b = strconv.AppendInt(b, *rep.next, 10)
	}
	if rep.total != nil {
		b = append(b, `,"total":`...)
		b = strconv.AppendInt(b, *rep.total, 10)
	}
	b = append(b, `,"time":`...)
	b = m.timing(start).appendJSON(b)
	b = append(b, '}')
	writeBody(w, http.StatusOK, b)
}

type errorEnvelope struct {
	Error            string `json:"error"`
	ErrorDescription string `json:"error_description"`
}

// resolveError picks the code, description and HTTP status of an error
// answer: what the error says, else what the method documents for the code,
// else the system error table, else 400. An error without a code but with
// a message (a b24.ErrorMessage, an *b24.APIError without a code) is
// answered so, with the status the method documents for the message.
func (m *Mux) resolveError(spec *b24.Method, err error) (int, errorEnvelope) {
	var env errorEnvelope
	status := 0
	var ae *b24.APIError
	var code b24.ErrorCode
	var message b24.ErrorMessage
	switch {
	case errors.As(err, &ae):
		env.Error, env.ErrorDescription, status = ae.Code, ae.Description, ae.Status
	case errors.As(err, &code):
		env.Error = string(code)
	case errors.As(err, &message):
		env.ErrorDescription = string(message)
	default:
		m.log.LogAttrs(context.Background(), slog.LevelError, "b24server: implementation failed", slog.String("error", err.Error()))
		env.Error = string(b24.ErrInternalServerError)
	}
	if env.Error == "" && env.ErrorDescription != "" {
		// an error without a code, as the docs give some: answered with
		// an empty code, as the portal does
		if info, ok := spec.MessageInfo(env.ErrorDescription); ok && status == 0 {
			status = info.Status
		}
		if status == 0 {
			status = http.StatusBadRequest
		}
		return status, env
	}
	if env.Error == "" {
		env.Error = string(b24.ErrInternalServerError)
	}
	if info, ok := spec.ErrorInfo(env.Error); ok {
		if status == 0 {
			status = info.Status
		}
		if env.ErrorDescription == "" {
			env.ErrorDescription = info.Message
		}
	}
	if status == 0 {
		status = http.StatusBadRequest
	}
	return status, env
}

func (m *Mux) writeError(w http.ResponseWriter, spec *b24.Method, err error) {
	status, env := m.resolveError(spec, err)
	if aw, ok := w.(*apiWriter); ok && aw.api == b24.APIv3 {
		writeJSON(w, status, errorEnvelopeV3{Error: errorV3{Code: env.Error, Message: env.ErrorDescription}})
		return
	}
	writeJSON(w, status, env)
}

// errorEnvelopeV3 is the error answer of REST 3.0.
type errorEnvelopeV3 struct {
	Error errorV3 `json:"error"`
}

type errorV3 struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// apiWriter remembers which API a request was made to, so that errors are
// answered in that API's shape.
type apiWriter struct {
	http.ResponseWriter
	api string
}

// Unwrap gives http.ResponseController the writer underneath.
func (w *apiWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// writeRefusal answers a call refused before its body was read. The
// answer goes out at once and the connection is closed after it: left to
// itself, net/http reads up to 256 KiB of an unread body before it writes
// the answer, to keep the connection, and so would wait for a caller that
// never sends it.
func (m *Mux) writeRefusal(w http.ResponseWriter, err error) {
	w.Header().Set("Connection", "close")
	rc := http.NewResponseController(w)
	_ = rc.EnableFullDuplex() // not every writer can; then it answers as usual
	m.writeError(w, nil, err)
	_ = rc.Flush()
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"error":"INTERNAL_SERVER_ERROR","error_description":"Internal server error"}`)
	}
	writeBody(w, status, b)
}

func writeBody(w http.ResponseWriter, status int, b []byte) {
	h := w.Header()
	h["Content-Type"] = jsonContentType
	h["Content-Length"] = []string{strconv.Itoa(len(b))}
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

var jsonContentType = []string{"application/json; charset=utf-8"}

// writeFile answers with a file as a portal does: its bytes, its media
// type (application/octet-stream when it has none that reads as one) and
// its name as an attachment, when it is one a file can safely be given
// (its base name, see filename.Base).
func writeFile(w http.ResponseWriter, f *b24.Download) {
	h := w.Header()
	ctype := "application/octet-stream"
	if _, _, err := mime.ParseMediaType(f.ContentType); err == nil {
		ctype = f.ContentType
	}
	h.Set("Content-Type", ctype)
	h.Set("X-Content-Type-Options", "nosniff")
	disp := "attachment"
	if name := filename.Base(f.Name); name != "" {
		if d := mime.FormatMediaType("attachment", map[string]string{"filename": name}); d != "" {
			disp = d
		}
	}
	h.Set("Content-Disposition", disp)
	h["Content-Length"] = []string{strconv.Itoa(len(f.Content))}
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(f.Content)
}
