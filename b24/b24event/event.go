// Package b24event receives the events a Bitrix24 portal sends to the
// handlers an application binds (event.bind): form-encoded POSTs with the
// event's code, its data, the time it left the portal's queue and an auth
// block. A Handler verifies the application token of each event in
// constant time, answers 200 at once and hands the typed event to the
// function the generated code registered for it.
package b24event

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/b24gen/b24gen/b24"
	"github.com/b24gen/b24gen/b24/internal/ascii"
)

// Spec describes an event to the runtime. Generated packages declare one
// per documented event.
type Spec struct {
	// Name is the event's code as the docs spell it (onCrmDealAdd); the
	// portal sends it upper-cased, and it is matched without case.
	Name  string
	Scope string
	// Example is the documented example payload, as JSON; "" when the page
	// has none.
	Example string
	// NewData returns a new value of the type the event's data decodes
	// into, for code that handles events generically.
	NewData func() any
}

// Auth is the auth member of an event: the portal that sent it and the
// application's credentials there. The tokens are Secrets: they never
// print, log or encode.
type Auth struct {
	AccessToken      b24.Secret `json:"access_token"`
	ExpiresIn        b24.Int    `json:"expires_in"`
	Scope            b24.String `json:"scope"`
	Domain           b24.String `json:"domain"`
	ServerEndpoint   b24.String `json:"server_endpoint"`
	Status           b24.String `json:"status"`
	ClientEndpoint   b24.String `json:"client_endpoint"`
	MemberID         b24.String `json:"member_id"`
	RefreshToken     b24.Secret `json:"refresh_token"`
	ApplicationToken b24.Secret `json:"application_token"`
}

// Event is an event with its data decoded into D.
type Event[D any] struct {
	// Name is the event's code as sent ("ONCRMDEALADD").
	Name string
	// HandlerID is the id of the handler binding; 0 when not sent.
	HandlerID int64
	Data      D
	// Sent is when the event left the portal's queue (ts).
	Sent time.Time
	Auth Auth
	// Params is the whole POST as a parameter tree, for members the docs
	// do not describe. The tokens of its auth member are b24.Secrets, as
	// in Auth.
	Params map[string]any
}

// Install is the name of the event an application receives when it is
// installed: the first time it learns its application token.
const Install = "ONAPPINSTALL"

// TokenSource returns the application token a portal (by member_id) was
// given at install time. known is false for a portal the application does
// not know yet; an error fails the event with 500, so that it shows in the
// portal's log.
type TokenSource func(ctx context.Context, memberID string) (token b24.Secret, known bool, err error)

// StaticToken accepts events carrying one application token, for a single
// portal or an outgoing webhook (whose token the webhook settings show).
func StaticToken(token string) TokenSource {
	return func(context.Context, string) (b24.Secret, bool, error) { return b24.Secret(token), true, nil }
}

// Handler receives events. It is an http.Handler and is safe for
// concurrent use once its events are registered.
type Handler struct {
	tokens  TokenSource
	routes  map[string]*route
	log     *slog.Logger
	maxBody int64
	other   func(ctx context.Context, e *Event[json.RawMessage]) error
}

type route struct {
	spec     *Spec
	dispatch func(ctx context.Context, name string, params map[string]any) (run func() error, err error)
}

// Option configures a Handler.
type Option func(*Handler)

// WithLogger sets the logger for events that fail after they were
// acknowledged. Tokens never reach it.
func WithLogger(l *slog.Logger) Option { return func(h *Handler) { h.log = l } }

// WithMaxBodyBytes limits the size of an event's body (default 1 MiB).
func WithMaxBodyBytes(n int64) Option { return func(h *Handler) { h.maxBody = n } }

// WithOther sets the function that receives verified events no handler
// is registered for; without one they are acknowledged and dropped.
func WithOther(fn func(ctx context.Context, e *Event[json.RawMessage]) error) Option {
	return func(h *Handler) { h.other = fn }
}

// DefaultMaxBodyBytes is the default limit on the size of an event.
const DefaultMaxBodyBytes = 1 << 20

// NewHandler returns a handler that accepts the events whose application
// token tokens confirms. The install event of a portal tokens does not know
// is accepted, so that its handler can store the token it brings.
func NewHandler(tokens TokenSource, opts ...Option) *Handler {
	h := &Handler{tokens: tokens, routes: map[string]*route{}, log: slog.New(slog.DiscardHandler), maxBody: DefaultMaxBodyBytes}
	for _, o := range opts {
		o(h)
	}
	return h
}

// Handle registers fn for the event spec describes. The event's data is
// decoded into D with the runtime's tolerant types.
func Handle[D any](h *Handler, spec *Spec, fn func(context.Context, *Event[D]) error) {
	h.routes[ascii.Lower(spec.Name)] = &route{spec: spec, dispatch: func(ctx context.Context, name string, params map[string]any) (func() error, error) {
		e, err := Decode[D](params)
		if err != nil {
			return nil, err
		}
		return func() error { return fn(ctx, e) }, nil
	}}
}

// Specs returns the registered events, for binding them (event.bind).
func (h *Handler) Specs() []*Spec {
	out := make([]*Spec, 0, len(h.routes))
	for _, r := range h.routes {
		out = append(out, r.spec)
	}
	return out
}

// wire is the JSON form of an event.
type wire[D any] struct {
	Event     string  `json:"event"`
	HandlerID b24.Int `json:"event_handler_id"`
	Data      D       `json:"data"`
	TS        b24.Int `json:"ts"`
	Auth      Auth    `json:"auth"`
}

// Decode decodes an event from its parameter tree (a decoded form or JSON
// body).
//
// The envelope's members are read by their exact keys, as the receiver
// checked them: encoding/json matches names without case, Unicode's
// folding included, so that a second spelling ("application_to\u212Aen",
// with a Kelvin sign) would otherwise replace the token that was checked
// with one the sender chose.
func Decode[D any](params map[string]any) (*Event[D], error) {
	exact := map[string]any{}
	for _, k := range []string{"event", "event_handler_id", "data", "ts"} {
		if v, ok := params[k]; ok {
			exact[k] = v
		}
	}
	if auth, ok := params["auth"].(map[string]any); ok {
		members := map[string]any{}
		for _, k := range authKeys {
			if v, ok := auth[k]; ok {
				members[k] = v
			}
		}
		exact["auth"] = members
	}
	js, err := json.Marshal(exact)
	if err != nil {
		return nil, err
	}
	var w wire[D]
	if err := json.Unmarshal(js, &w); err != nil {
		return nil, err
	}
	e := &Event[D]{Name: w.Event, HandlerID: int64(w.HandlerID), Data: w.Data, Auth: w.Auth, Params: redactAuth(params)}
	if w.TS != 0 {
		e.Sent = time.Unix(int64(w.TS), 0)
	}
	return e, nil
}

// authKeys are the members of Auth, as the portal spells them.
var authKeys = []string{"access_token", "expires_in", "scope", "domain", "server_endpoint", "status",
	"client_endpoint", "member_id", "refresh_token", "application_token"}

// ServeHTTP receives one event: it reads the form (or JSON) body, checks
// the application token, answers 200 and then runs the event's function
// with a context that outlives the request.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		writeError(w, http.StatusMethodNotAllowed, "events are POSTed")
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.maxBody))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			writeError(w, http.StatusRequestEntityTooLarge, "event too large")
			return
		}
		writeError(w, http.StatusBadRequest, "malformed event: the body cannot be read")
		return
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	isJSON := ct == "application/json"
	// The event's code and token are found without decoding the rest, so
	// that an event without the right token costs nothing but its bytes.
	head := peekHead(body, isJSON)
	if head.event == "" {
		writeError(w, http.StatusBadRequest, "malformed event: no event code")
		return
	}
	name := head.event
	ctx := r.Context()
	if status, msg := h.verify(ctx, head); status != http.StatusOK {
		writeError(w, status, msg)
		return
	}
	params, err := decodeBody(body, isJSON)
	if err != nil {
		status := http.StatusBadRequest
		if errors.Is(err, b24.ErrQueryTooComplex) {
			status = http.StatusRequestEntityTooLarge
		}
		writeError(w, status, "malformed event: "+strings.TrimPrefix(err.Error(), "b24: "))
		return
	}
	run, err := h.dispatch(context.WithoutCancel(ctx), name, params)
	if err != nil {
		// the decoder's words name Go types; the log has them
		h.log.LogAttrs(ctx, slog.LevelInfo, "b24event: an event does not decode", slog.String("event", name), slog.String("error", err.Error()))
		writeError(w, http.StatusBadRequest, "malformed event: its members do not have the documented types")
		return
	}
	// Acknowledge before the work: the portal does not wait for it, and a
	// slow handler gets called less often.
	w.Header().Set("Content-Length", "0")
	w.WriteHeader(http.StatusOK)
	if f, ok := w.(http.Flusher); ok {
		f.Flush()
	}
	if run == nil {
		return
	}
	defer func() {
		if p := recover(); p != nil {
			h.log.LogAttrs(ctx, slog.LevelError, "b24event: the handler panicked", slog.String("event", name), slog.String("panic", fmt.Sprint(p)))
		}
	}()
	if err := run(); err != nil {
		h.log.LogAttrs(ctx, slog.LevelError, "b24event: the handler failed", slog.String("event", name), slog.String("error", err.Error()))
	}
}

// writeError answers a refused event with an error envelope, as the REST
// API answers: the portal logs what it gets back.
func writeError(w http.ResponseWriter, status int, desc string) {
	code := "INVALID_REQUEST"
	switch status {
	case http.StatusUnauthorized:
		code = "NO_AUTH_FOUND"
	case http.StatusMethodNotAllowed:
		code = "METHOD_NOT_ALLOWED"
	case http.StatusInternalServerError:
		code = "INTERNAL_SERVER_ERROR"
	}
	b, _ := json.Marshal(struct {
		Error            string `json:"error"`
		ErrorDescription string `json:"error_description"`
	}{code, desc})
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// verify checks the application token of an event.
func (h *Handler) verify(ctx context.Context, head eventHead) (int, string) {
	want, known, err := h.tokens(ctx, head.memberID)
	switch {
	case err != nil:
		h.log.LogAttrs(ctx, slog.LevelError, "b24event: the token source failed", slog.String("event", head.event), slog.String("error", err.Error()))
		return http.StatusInternalServerError, "the application token cannot be checked"
	case !known && ascii.EqualFold(head.event, Install) && head.token != "":
		return http.StatusOK, ""
	case !known || head.token == "" || want == "":
		return http.StatusUnauthorized, "unknown portal or no application token"
	case subtle.ConstantTimeCompare([]byte(head.token), []byte(want.Reveal())) != 1:
		return http.StatusUnauthorized, "wrong application token"
	}
	return http.StatusOK, ""
}

// dispatch decodes the event for its route and returns the function to
// run, nil when nothing handles the event.
func (h *Handler) dispatch(ctx context.Context, name string, params map[string]any) (func() error, error) {
	if rt, ok := h.routes[ascii.Lower(name)]; ok {
		return rt.dispatch(ctx, name, params)
	}
	if h.other == nil {
		return nil, nil
	}
	e, err := Decode[json.RawMessage](params)
	if err != nil {
		return nil, err
	}
	return func() error { return h.other(ctx, e) }, nil
}
