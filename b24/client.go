// Package b24 is the runtime shared by the code b24gen generates: the HTTP
// client that calls a Bitrix24 portal, the error type and codes, the
// tolerant JSON types and the PHP bracket query codec. Generated packages
// hold the typed methods; this package holds everything that does not
// depend on a method.
package b24

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// DefaultUserAgent is sent when no other user agent is set.
const DefaultUserAgent = "b24gen-client/1"

// maxAnswerBytes bounds the size of an answer the client reads.
const maxAnswerBytes = 64 << 20

// Client calls the REST methods of one portal, with one set of
// credentials. It waits for the portal's rate limit, tracks the operating
// time of methods, retries what the error code says is safe to retry, and
// refreshes OAuth tokens. It is safe for concurrent use.
//
// It never puts a secret in an error, a log line or its own printed form:
// every error and log text it builds from a server's answer or from the
// request URL goes through a scrubber that knows the client's secrets
// (the webhook token, the access and refresh tokens, earlier ones too, and
// the client secret of RefreshWith) and replaces them, raw, clipped,
// percent-encoded (once, twice or byte by byte), JSON- or HTML-escaped,
// as HTML entities, in base64 or hex, case-changed or reversed, with
// "[REDACTED]"; a text in which a secret is still readable once
// whitespace and invisible characters are dropped and escapes decoded (an
// echo split across lines, or interleaved with zero-width characters) is
// replaced as a whole by "[REDACTED: the answer quoted a credential]".
// Those texts are valid UTF-8. The client prints
// as b24.Client(URL with the token masked) under every fmt verb, slog
// handler and encoding/json, and so do structs that hold it.
type Client struct {
	// All the state is behind a pointer: fmt prints a pointer held in a
	// field as an address, so even a struct holding a Client in an
	// unexported field (as generated packages do), printed with a verb
	// its Format does not reach, shows no token.
	*clientState
}

type clientState struct {
	base      *url.URL // ends with "/"; for webhooks it holds the token
	baseV3    string   // the same under /rest/api/, for REST 3.0 methods
	redacted  string   // base with the token masked, for logs and errors
	scrub     *scrubber
	auth      *tokens // OAuth tokens; nil for webhooks
	hc        *http.Client
	uaHeader  []string
	log       *slog.Logger
	limiter   *Limiter
	retry     RetryPolicy
	operating *operating
	urls      sync.Map // *Method → its URL, built once
}

type config struct {
	hc        *http.Client
	ua        string
	oauth     *OAuth
	allowHTTP bool
	log       *slog.Logger
	limiter   *Limiter
	retry     RetryPolicy
	budget    time.Duration
}

// Option configures a Client.
type Option func(*config)

// WithHTTPClient sets the HTTP client, for timeouts, proxies and
// transports (an http.RoundTripper goes in its Transport).
func WithHTTPClient(hc *http.Client) Option { return func(c *config) { c.hc = hc } }

// WithUserAgent sets the User-Agent header.
func WithUserAgent(ua string) Option { return func(c *config) { c.ua = ua } }

// WithInsecureHTTP allows a plain-HTTP endpoint. Portals require HTTPS;
// this is for tests against a local server.
func WithInsecureHTTP() Option { return func(c *config) { c.allowHTTP = true } }

// WithLogger sets the logger for call traces (debug level) and for waits
// and retries (info level). Log lines never carry tokens.
func WithLogger(l *slog.Logger) Option { return func(c *config) { c.log = l } }

// WithLimiter sets the rate limiter, to share one between clients or to
// set another rate (NewLimiter(250, 5) for Enterprise plans). By default
// all clients of a portal in the process share one of 50 burst, 2 per
// second.
func WithLimiter(l *Limiter) Option { return func(c *config) { c.limiter = l } }

// WithRetry sets the retry policy.
func WithRetry(p RetryPolicy) Option { return func(c *config) { c.retry = p } }

// WithOperatingBudget sets the operating time a method may use per
// 10-minute window (default 480 s); the client holds calls of a method
// that has used 90% of it until the window resets, or that the portal
// blocked with OPERATION_TIME_LIMIT until it lifts the block: never longer
// than 10 minutes from the answer, whatever reset time the portal gives,
// and not at all when the call's deadline comes sooner (the call fails at
// once instead).
func WithOperatingBudget(d time.Duration) Option { return func(c *config) { c.budget = d } }

// RetryPolicy says how often and how patiently a call is repeated. Which
// failures are repeated is decided by the error code, not the status:
// QUERY_LIMIT_EXCEEDED (the call did not run) always, OPERATION_TIME_LIMIT
// after the method's window resets, network errors and 5xx answers only
// for methods that only read or calls marked Idempotent; OVERLOAD_LIMIT
// and every other code never.
type RetryPolicy struct {
	// MaxAttempts counts the first attempt too (default 5).
	MaxAttempts int
	// BaseDelay and MaxDelay bound the jittered exponential backoff
	// (default 500 ms and 10 s).
	BaseDelay time.Duration
	MaxDelay  time.Duration
}

func (p RetryPolicy) withDefaults() RetryPolicy {
	if p.MaxAttempts <= 0 {
		p.MaxAttempts = 5
	}
	if p.BaseDelay <= 0 {
		p.BaseDelay = 500 * time.Millisecond
	}
	if p.MaxDelay <= 0 {
		p.MaxDelay = 10 * time.Second
	}
	return p
}

// backoff returns the delay before attempt n+1: full jitter over an
// exponentially growing ceiling.
func (p RetryPolicy) backoff(n int) time.Duration {
	ceiling := p.BaseDelay << min(n-1, 20)
	if ceiling <= 0 || ceiling > p.MaxDelay {
		ceiling = p.MaxDelay
	}
	return time.Duration(rand.Int64N(int64(ceiling) + 1))
}

// NewClient returns a client for an incoming webhook URL
// (https://portal.bitrix24.com/rest/1/abcdef123456/) or, with WithOAuth or
// WithOAuthToken, for a portal's REST URL (https://portal.bitrix24.com/rest/).
func NewClient(endpoint string, opts ...Option) (*Client, error) {
	cfg := config{hc: http.DefaultClient, ua: DefaultUserAgent, budget: DefaultOperatingBudget}
	for _, o := range opts {
		o(&cfg)
	}
	u, err := url.Parse(strings.TrimSpace(endpoint))
	if err != nil {
		return nil, fmt.Errorf("b24: endpoint is not a URL")
	}
	switch {
	case u.Scheme == "https":
	case u.Scheme == "http" && cfg.allowHTTP:
	case u.Scheme == "http":
		return nil, fmt.Errorf("b24: endpoint must use https (WithInsecureHTTP allows http for tests)")
	default:
		return nil, fmt.Errorf("b24: endpoint must be an https URL")
	}
	if u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("b24: endpoint must be a plain https://host/rest/… URL without credentials, query or fragment")
	}
	segs := strings.Split(strings.Trim(u.Path, "/"), "/")
	c := &Client{&clientState{hc: cfg.hc, uaHeader: []string{cfg.ua}, log: cfg.log, limiter: cfg.limiter,
		retry: cfg.retry.withDefaults(), operating: newOperating(cfg.budget), scrub: &scrubber{}}}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	if cfg.oauth != nil {
		if cfg.oauth.Token.Access == "" {
			return nil, fmt.Errorf("b24: empty OAuth access token")
		}
		if len(segs) == 1 && segs[0] == "" {
			segs = []string{"rest"}
		}
		if len(segs) != 1 || segs[0] != "rest" {
			return nil, fmt.Errorf("b24: OAuth endpoint must be https://host/rest/")
		}
		c.base = &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/rest/"}
		c.redacted = c.base.String()
		c.scrub.add(false, cfg.oauth.Token.Access.Reveal(), cfg.oauth.Token.Refresh.Reveal())
		c.auth = &tokens{tok: cfg.oauth.Token, refresh: cfg.oauth.Refresh, onRefresh: cfg.oauth.OnRefresh, scrub: c.scrub, log: c.log}
	} else {
		if len(segs) != 3 || segs[0] != "rest" || !isDigits(segs[1]) || segs[2] == "" {
			return nil, fmt.Errorf("b24: webhook URL must look like https://host/rest/{user id}/{token}/")
		}
		c.scrub.add(true, segs[2])
		c.base = &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/rest/" + segs[1] + "/" + segs[2] + "/"}
		c.redacted = (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/rest/" + segs[1] + "/"}).String() + "***/"
	}
	c.baseV3 = strings.Replace(c.base.String(), "/rest/", "/rest/api/", 1)
	if c.limiter == nil {
		c.limiter = limiterFor(u.Host)
	}
	// A portal that moved answers with a redirect; following it would send
	// the token to wherever the Location header points. Surface it instead.
	hc := *c.hc
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	c.hc = &hc
	return c, nil
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// String describes the client without its secret.
func (c Client) String() string {
	if c.clientState == nil {
		return "b24.Client(<nil>)"
	}
	return "b24.Client(" + c.redacted + ")"
}

// Format prints the client without its secret, whatever the verb, so
// that not even %+v of a struct holding a client shows the token. The
// methods that print have value receivers so that a Client and a
// *Client, and structs embedding either, print the same.
func (c Client) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, c.String()) }

// GoString implements fmt.GoStringer, for the same reason.
func (c Client) GoString() string { return c.String() }

// LogValue implements slog.LogValuer: a client logs as its String.
func (c Client) LogValue() slog.Value { return slog.StringValue(c.String()) }

// MarshalJSON encodes the client as its String, never its fields.
func (c Client) MarshalJSON() ([]byte, error) { return json.Marshal(c.String()) }

// MarshalText implements encoding.TextMarshaler, for the same reason.
func (c Client) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// CallOption configures one call.
type CallOption func(*callConfig)

type callConfig struct {
	timeout    time.Duration
	idempotent bool
	requestID  string
}

// Timeout bounds the call, retries and waits included.
func Timeout(d time.Duration) CallOption { return func(c *callConfig) { c.timeout = d } }

// Idempotent marks a call as safe to repeat after a network error or a
// 5xx answer, which is otherwise done only for methods that only read.
func Idempotent() CallOption { return func(c *callConfig) { c.idempotent = true } }

// RequestID sets the X-Request-ID header of the call and the RequestID of
// its errors.
func RequestID(id string) CallOption { return func(c *callConfig) { c.requestID = id } }

// Call calls a method with params (a struct or map encoded as JSON; nil for
// none) and decodes its result into out (nil to discard it).
func (c *Client) Call(ctx context.Context, m *Method, params any, out any, opts ...CallOption) error {
	a, err := c.Do(ctx, m, params, opts...)
	if err != nil {
		return err
	}
	if a.File != nil && out != nil {
		return fmt.Errorf("b24: %s answers with a file: call it with Download", m.Name)
	}
	if apiErr := resultError(m.Name, a.Result); apiErr != nil {
		return c.scrub.err(apiErr)
	}
	if out == nil || len(a.Result) == 0 {
		return nil
	}
	if err := decodeResult(a.Result, out); err != nil {
		// the decoders quote what they could not read, which may be an echo
		return fmt.Errorf("b24: %s: decode result: %w", m.Name, c.scrub.err(err))
	}
	return nil
}

// Exec calls a method whose answer carries nothing (crm.item.delete
// answers [], documentgenerator.role.delete null), as Call does, and
// reads no result: any says the call succeeded, except false, with which
// the classic API says it did not (ERROR_UNEXPECTED_ANSWER), and a file.
func (c *Client) Exec(ctx context.Context, m *Method, params any, opts ...CallOption) error {
	a, err := c.Do(ctx, m, params, opts...)
	if err != nil {
		return err
	}
	switch {
	case a.File != nil:
		return unexpectedAnswer(m, "the portal answered with a file where the method answers nothing")
	case string(bytes.TrimSpace(a.Result)) == "false":
		return unexpectedAnswer(m, "the portal answered false: the call did not succeed")
	}
	if apiErr := resultError(m.Name, a.Result); apiErr != nil {
		return c.scrub.err(apiErr)
	}
	return nil
}

// unexpectedAnswer is the error of a successful answer that is not what
// the method answers.
func unexpectedAnswer(m *Method, description string) *APIError {
	return &APIError{Method: m.Name, Status: http.StatusOK, Code: string(ErrUnexpectedAnswer), Description: description}
}

// Do calls a method and returns the whole answer, waiting for the rate
// limit and retrying as the RetryPolicy says.
func (c *Client) Do(ctx context.Context, m *Method, params any, opts ...CallOption) (*Answer, error) {
	var cc callConfig
	for _, o := range opts {
		o(&cc)
	}
	if cc.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, cc.timeout)
		defer cancel()
	}
	payload, err := encodeParams(params)
	if err != nil {
		return nil, fmt.Errorf("b24: %s: encode parameters: %w", m.Name, err)
	}
	renewals := 0
	for attempt := 1; ; attempt++ {
		if c.auth != nil {
			// a refresh that failed for good, or that is backing off: the
			// token is known to be expired, so nothing goes on the wire
			if rerr, cause := c.auth.held(); rerr != nil {
				return nil, c.scrub.err(&RefreshError{Method: m.Name, Err: rerr, Cause: cause})
			}
		}
		if err := c.limiter.Wait(ctx); err != nil {
			return nil, &TransportError{Method: m.Name, Err: err}
		}
		if err := c.operating.wait(ctx, m.Name); err != nil {
			return nil, &TransportError{Method: m.Name, Err: err}
		}
		token, gen := c.token()
		ans, err := c.send(ctx, m, cc, withAuth(payload, token))
		if err == nil {
			c.operating.record(m.Name, ans.Time)
			if c.auth != nil {
				c.auth.confirm(gen)
			}
			return ans, nil
		}
		if ctx.Err() != nil {
			return nil, &TransportError{Method: m.Name, Err: ctx.Err()}
		}
		var ae *APIError
		isAPI := errors.As(err, &ae)
		switch {
		case isAPI && strings.EqualFold(ae.Code, string(ErrExpiredToken)) && c.auth != nil:
			// renew refreshes, or says why not: a refresh that failed, or
			// a pair the portal refused right after its refresh
			rerr := errRefused
			if renewals < 3 {
				rerr = c.auth.renew(ctx, gen, err)
			}
			if rerr != nil {
				return nil, c.scrub.err(&RefreshError{Method: m.Name, Err: rerr, Cause: err})
			}
			renewals++
			c.log.LogAttrs(ctx, slog.LevelInfo, "b24: access token refreshed", slog.String("method", m.Name))
			attempt-- // the refresh is not the call's fault
			continue
		case attempt >= c.retry.MaxAttempts:
			return nil, err
		case isAPI && strings.EqualFold(ae.Code, string(ErrQueryLimitExceeded)):
			d := c.retry.backoff(attempt)
			c.log.LogAttrs(ctx, slog.LevelInfo, "b24: rate limited, retrying", slog.String("method", m.Name), slog.Int("attempt", attempt), slog.Duration("delay", d))
			if serr := sleep(ctx, d); serr != nil {
				return nil, err
			}
		case isAPI && strings.EqualFold(ae.Code, string(ErrOperationTimeLimit)):
			reset := c.operating.block(m.Name)
			c.log.LogAttrs(ctx, slog.LevelInfo, "b24: operating time used up, waiting for the reset", slog.String("method", m.Name), slog.Time("reset", reset))
			if serr := sleep(ctx, time.Until(reset)); serr != nil {
				return nil, err
			}
		case c.retryable(m, cc, err):
			d := c.retry.backoff(attempt)
			c.log.LogAttrs(ctx, slog.LevelInfo, "b24: call failed, retrying", slog.String("method", m.Name), slog.Int("attempt", attempt), slog.Duration("delay", d), slog.String("error", c.scrub.String(err.Error())))
			if serr := sleep(ctx, d); serr != nil {
				return nil, err
			}
		default:
			return nil, err
		}
	}
}

// retryable says whether a failure other than a rate limit may be
// repeated: a network error or a 5xx answer without a code, for a method
// that only reads or a call marked idempotent. A write that may have run
// is never sent twice.
func (c *Client) retryable(m *Method, cc callConfig, err error) bool {
	if !m.Read && !cc.idempotent {
		return false
	}
	var tooLarge answerTooLarge
	if errors.As(err, &tooLarge) {
		return false // it would be as large again
	}
	var te *TransportError
	if errors.As(err, &te) {
		return true
	}
	var ae *APIError
	if errors.As(err, &ae) {
		return ae.Status >= 500 && (ae.Code == "" || strings.EqualFold(ae.Code, string(ErrInternalServerError)) || strings.EqualFold(ae.Code, string(ErrUnexpectedAnswer)))
	}
	return false
}

// token returns the access token to send, "" for webhooks.
func (c *Client) token() (Secret, int) {
	if c.auth == nil {
		return "", 0
	}
	return c.auth.current()
}

// send makes one HTTP call. Its errors are scrubbed of the client's
// secrets, whether they quote the request URL (net/http's do) or the
// server's answer.
func (c *Client) send(ctx context.Context, m *Method, cc callConfig, body []byte) (*Answer, error) {
	ans, err := c.sendRaw(ctx, m, cc, body)
	return ans, c.scrub.err(err)
}

func (c *Client) sendRaw(ctx context.Context, m *Method, cc callConfig, body []byte) (*Answer, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.endpoint(m), bytes.NewReader(body))
	if err != nil {
		return nil, &TransportError{Method: m.Name, Err: c.redact(err)}
	}
	// The value slices are shared by every request: their length equals
	// their capacity, so a middleware that adds a value copies them.
	req.Header["Content-Type"] = jsonMedia
	req.Header["Accept"] = jsonMedia
	if m.File {
		// the file's own type, or a JSON error
		req.Header["Accept"] = anyMedia
	}
	req.Header["User-Agent"] = c.uaHeader
	if cc.requestID != "" {
		req.Header.Set("X-Request-ID", cc.requestID)
	}
	start := time.Now()
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, &TransportError{Method: m.Name, Err: c.redact(err)}
	}
	defer resp.Body.Close()
	data, err := readAnswer(resp)
	if err != nil {
		return nil, &TransportError{Method: m.Name, Err: c.redact(err)}
	}
	c.log.LogAttrs(ctx, slog.LevelDebug, "b24 call",
		slog.String("method", m.Name), slog.Int("status", resp.StatusCode), slog.Duration("elapsed", time.Since(start)))
	if resp.StatusCode >= 300 && resp.StatusCode < 400 {
		return nil, &APIError{Method: m.Name, Status: resp.StatusCode, RequestID: cc.requestID,
			Description: "the portal answered with a redirect to " + redirectHost(resp) + "; not followed, so that the token stays with the portal it belongs to"}
	}
	var ans *Answer
	if m.File && resp.StatusCode >= 200 && resp.StatusCode < 300 {
		ans, err = fileAnswer(m.Name, resp, data)
		if err == nil && ans.File != nil {
			// the file's name and type are printed and logged; its
			// content is the caller's data, left as it is
			ans.File.Name, ans.File.ContentType = c.scrub.String(ans.File.Name), c.scrub.String(ans.File.ContentType)
		}
	} else {
		ans, err = decodeAnswer(m.Name, resp.StatusCode, data)
	}
	var ae *APIError
	if errors.As(err, &ae) {
		ae.RequestID = cc.requestID
	}
	return ans, err
}

// endpoint is the URL of a method.
func (c *Client) endpoint(m *Method) string {
	if u, ok := c.urls.Load(m); ok {
		return u.(string)
	}
	u := c.base.String() + m.Name
	if m.API == APIv3 {
		u = c.baseV3 + m.Name
	}
	c.urls.Store(m, u)
	return u
}

var (
	jsonMedia = []string{"application/json"}
	anyMedia  = []string{"*/*"}
)

func redirectHost(resp *http.Response) string {
	if u, err := resp.Location(); err == nil {
		return u.Scheme + "://" + u.Host
	}
	return "an unknown location"
}

// encodeParams encodes the parameters as a JSON object.
func encodeParams(params any) ([]byte, error) {
	if params == nil {
		return []byte("{}"), nil
	}
	b, err := json.Marshal(params)
	if err != nil {
		return nil, err
	}
	if string(b) == "null" {
		return []byte("{}"), nil
	}
	if len(b) == 0 || b[0] != '{' {
		return nil, errors.New("parameters must encode as a JSON object")
	}
	return b, nil
}

// withAuth adds the OAuth access token to a JSON object as "auth".
func withAuth(body []byte, token Secret) []byte {
	if token == "" {
		return body
	}
	tok, _ := json.Marshal(token.Reveal())
	out := make([]byte, 0, len(body)+len(tok)+10)
	out = append(out, body[:len(body)-1]...)
	if len(bytes.TrimSpace(body[1:len(body)-1])) > 0 {
		out = append(out, ',')
	}
	out = append(out, `"auth":`...)
	out = append(out, tok...)
	return append(out, '}')
}

// TransportError is a failure to reach the portal or to read its answer,
// or a call its context ended.
type TransportError struct {
	Method string
	Err    error
}

func (e *TransportError) Error() string { return "bitrix24: " + e.Method + ": " + e.Err.Error() }
func (e *TransportError) Unwrap() error { return e.Err }

// RefreshError is a call that failed because its expired access token
// could not be refreshed. An invalid_grant refresh token is final: every
// later call fails at once with a RefreshError of it, without a request,
// until Client.SetToken; after any other failure calls fail at once the
// same way until the refresh backoff has passed (see WithOAuth).
type RefreshError struct {
	Method string
	// Err is the refresh's error; Cause the call's expired_token.
	Err, Cause error
}

func (e *RefreshError) Error() string {
	return "bitrix24: " + e.Method + ": the access token expired and could not be refreshed: " + e.Err.Error()
}

// Unwrap returns both errors, for errors.Is(err, ErrInvalidGrant) and
// errors.Is(err, ErrExpiredToken).
func (e *RefreshError) Unwrap() []error { return []error{e.Err, e.Cause} }

// redact replaces the endpoint (which holds the webhook token) in errors
// of net/http, which quote the request URL, with its masked form; the
// scrubber then removes any other copy of a secret.
func (c *Client) redact(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		ue.URL = c.redacted
	}
	return err
}

// SetToken replaces the OAuth token pair, as after the user authorised
// the application again. It is the way out of a refresh that failed with
// invalid_grant, after which the client refreshes no more and fails every
// call at once with that *RefreshError (a refresh token the OAuth server
// refused stays refused: asking again would only hammer it); it also ends
// the backoff after a transient refresh failure. The old tokens stay
// known to the scrubber. OnRefresh is not called for the pair given here.
func (c *Client) SetToken(tok Token) error {
	if c.auth == nil {
		return errors.New("b24: SetToken: the client is not an OAuth client")
	}
	if tok.Access == "" {
		return errors.New("b24: SetToken: empty access token")
	}
	c.scrub.add(false, tok.Access.Reveal(), tok.Refresh.Reveal())
	c.auth.set(tok)
	return nil
}
