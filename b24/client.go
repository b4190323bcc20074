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
	"net/http"
	"net/url"
	"strings"
	"time"
)

// DefaultUserAgent is sent when no other user agent is set.
const DefaultUserAgent = "b24gen-client/1"

// maxAnswerBytes bounds the size of an answer the client reads.
const maxAnswerBytes = 64 << 20

// Client calls the REST methods of one portal, with one set of credentials.
// It is safe for concurrent use.
type Client struct {
	base     *url.URL // ends with "/"; for webhooks it holds the token
	baseV3   string   // the same under /rest/api/, for REST 3.0 methods
	redacted string   // base with the token masked, for logs and errors
	token    string   // OAuth access token; empty for webhooks
	hc       *http.Client
	ua       string
	log      *slog.Logger
}

type config struct {
	hc        *http.Client
	ua        string
	token     string
	oauth     bool
	allowHTTP bool
	log       *slog.Logger
}

// Option configures a Client.
type Option func(*config)

// WithHTTPClient sets the HTTP client, for timeouts, proxies and transports.
func WithHTTPClient(hc *http.Client) Option { return func(c *config) { c.hc = hc } }

// WithUserAgent sets the User-Agent header.
func WithUserAgent(ua string) Option { return func(c *config) { c.ua = ua } }

// WithOAuthToken makes the client an OAuth client: the endpoint is the
// portal's REST URL (https://portal.bitrix24.com/rest/) and every call
// carries the access token as the "auth" parameter.
func WithOAuthToken(accessToken string) Option {
	return func(c *config) { c.token, c.oauth = accessToken, true }
}

// WithInsecureHTTP allows a plain-HTTP endpoint. Portals require HTTPS;
// this is for tests against a local server.
func WithInsecureHTTP() Option { return func(c *config) { c.allowHTTP = true } }

// WithLogger sets the logger for call traces (debug level). Log lines never
// carry tokens.
func WithLogger(l *slog.Logger) Option { return func(c *config) { c.log = l } }

// NewClient returns a client for an incoming webhook URL
// (https://portal.bitrix24.com/rest/1/abcdef123456/) or, with
// WithOAuthToken, for a portal's REST URL (https://portal.bitrix24.com/rest/).
func NewClient(endpoint string, opts ...Option) (*Client, error) {
	cfg := config{hc: http.DefaultClient, ua: DefaultUserAgent}
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
	c := &Client{hc: cfg.hc, ua: cfg.ua, log: cfg.log, token: cfg.token}
	if cfg.oauth {
		if cfg.token == "" {
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
	} else {
		if len(segs) != 3 || segs[0] != "rest" || !isDigits(segs[1]) || segs[2] == "" {
			return nil, fmt.Errorf("b24: webhook URL must look like https://host/rest/{user id}/{token}/")
		}
		c.base = &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/rest/" + segs[1] + "/" + segs[2] + "/"}
		c.redacted = (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/rest/" + segs[1] + "/"}).String() + "***/"
	}
	c.baseV3 = strings.Replace(c.base.String(), "/rest/", "/rest/api/", 1)
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
func (c *Client) String() string { return "b24.Client(" + c.redacted + ")" }

// Answer is a decoded success answer.
type Answer struct {
	// Result is the raw "result" value.
	Result json.RawMessage
	Time   Timing
	// Total and Next are sent by list methods: the number of rows in all
	// and the start of the next page (HasNext says whether there is one).
	Total   int64
	Next    int64
	HasNext bool
}

// envelope is the JSON shape of every answer.
type envelope struct {
	Result           json.RawMessage `json:"result"`
	Time             *Timing         `json:"time"`
	Total            *Int            `json:"total"`
	Next             *Int            `json:"next"`
	Error            json.RawMessage `json:"error"`
	ErrorDescription json.RawMessage `json:"error_description"`
}

// Call calls a method with params (a struct or map encoded as JSON; nil for
// none) and decodes its result into out (nil to discard it).
func (c *Client) Call(ctx context.Context, m *Method, params any, out any) error {
	a, err := c.Do(ctx, m, params)
	if err != nil {
		return err
	}
	if out == nil || len(a.Result) == 0 {
		return nil
	}
	if err := json.Unmarshal(a.Result, out); err != nil {
		return fmt.Errorf("b24: %s: decode result: %w", m.Name, err)
	}
	return nil
}

// Do calls a method and returns the whole answer.
func (c *Client) Do(ctx context.Context, m *Method, params any) (*Answer, error) {
	body, err := c.body(params)
	if err != nil {
		return nil, fmt.Errorf("b24: %s: encode parameters: %w", m.Name, err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.endpoint(m), bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("b24: %s: %w", m.Name, c.redact(err))
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.ua)
	start := time.Now()
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, &TransportError{Method: m.Name, Err: c.redact(err)}
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswerBytes))
	if err != nil {
		return nil, &TransportError{Method: m.Name, Err: c.redact(err)}
	}
	if c.log != nil {
		c.log.LogAttrs(ctx, slog.LevelDebug, "b24 call",
			slog.String("method", m.Name), slog.Int("status", resp.StatusCode),
			slog.Duration("elapsed", time.Since(start)))
	}
	if resp.StatusCode >= 300 && resp.StatusCode < 400 {
		return nil, &APIError{Method: m.Name, Status: resp.StatusCode,
			Description: "the portal answered with a redirect to " + redirectHost(resp) + "; not followed, so that the token stays with the portal it belongs to"}
	}
	return decodeAnswer(m.Name, resp.StatusCode, data)
}

// endpoint is the URL of a method.
func (c *Client) endpoint(m *Method) string {
	if m.API == APIv3 {
		return c.baseV3 + m.Name
	}
	return c.base.String() + m.Name
}

func redirectHost(resp *http.Response) string {
	if u, err := resp.Location(); err == nil {
		return u.Scheme + "://" + u.Host
	}
	return "an unknown location"
}

// body encodes the parameters, adding the OAuth token as "auth".
func (c *Client) body(params any) ([]byte, error) {
	body := []byte("{}")
	if params != nil {
		b, err := json.Marshal(params)
		if err != nil {
			return nil, err
		}
		if len(b) == 0 || b[0] != '{' {
			return nil, errors.New("parameters must encode as a JSON object")
		}
		body = b
	}
	if c.token == "" {
		return body, nil
	}
	tok, _ := json.Marshal(c.token)
	out := make([]byte, 0, len(body)+len(tok)+10)
	out = append(out, body[:len(body)-1]...)
	if len(bytes.TrimSpace(body[1:len(body)-1])) > 0 {
		out = append(out, ',')
	}
	out = append(out, `"auth":`...)
	out = append(out, tok...)
	out = append(out, '}')
	return out, nil
}

// decodeAnswer turns a response into an Answer or an *APIError.
func decodeAnswer(method string, status int, data []byte) (*Answer, error) {
	var env envelope
	if err := json.Unmarshal(data, &env); err != nil {
		return nil, &APIError{Method: method, Status: status, Body: data,
			Description: "the answer is not a JSON object"}
	}
	if code, desc, ok := envelopeError(env); ok {
		return nil, &APIError{Method: method, Status: status, Code: code, Description: desc}
	}
	if status >= 400 || env.Result == nil {
		return nil, &APIError{Method: method, Status: status, Body: data,
			Description: "the answer has neither a result nor an error"}
	}
	a := &Answer{Result: env.Result}
	if env.Time != nil {
		a.Time = *env.Time
	}
	if env.Total != nil {
		a.Total = int64(*env.Total)
	}
	if env.Next != nil {
		a.Next, a.HasNext = int64(*env.Next), true
	}
	return a, nil
}

// envelopeError reads the error of an answer: "error" as a string or a
// number with "error_description", or the REST 3.0 shape
// {"error":{"code":…,"message":…}}.
func envelopeError(env envelope) (code, desc string, ok bool) {
	raw := bytes.TrimSpace(env.Error)
	if len(raw) == 0 || string(raw) == "null" || string(raw) == `""` || string(raw) == "false" {
		return "", "", false
	}
	if raw[0] == '{' {
		var v3 struct {
			Code    json.RawMessage `json:"code"`
			Message string          `json:"message"`
		}
		if err := json.Unmarshal(raw, &v3); err == nil {
			return codeString(v3.Code), v3.Message, true
		}
	}
	return codeString(raw), codeString(env.ErrorDescription), true
}

// TransportError is a failure to reach the portal or to read its answer.
type TransportError struct {
	Method string
	Err    error
}

func (e *TransportError) Error() string { return "bitrix24: " + e.Method + ": " + e.Err.Error() }
func (e *TransportError) Unwrap() error { return e.Err }

// redact removes the endpoint (which holds the webhook token) from errors of
// net/http, which quote the request URL.
func (c *Client) redact(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		ue.URL = c.redacted
	}
	return err
}
