package b24

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Token is an OAuth 2.0 token pair of an application on a portal.
type Token struct {
	Access  Secret
	Refresh Secret
	// Expires is when the access token expires; zero when unknown.
	Expires time.Time
}

// RefreshFunc exchanges a refresh token for a new token pair. A refresh
// token that can no longer be used answers ErrInvalidGrant.
type RefreshFunc func(ctx context.Context, refresh Secret) (Token, error)

// OAuth configures an OAuth client.
type OAuth struct {
	// Token is the current token pair.
	Token Token
	// Refresh renews the pair when the portal answers expired_token
	// (RefreshWith makes one for Bitrix24's OAuth server). Without it an
	// expired token is an error.
	Refresh RefreshFunc
	// OnRefresh receives every new pair, for the application to store:
	// the old refresh token no longer works.
	OnRefresh func(Token)
}

// WithOAuth makes the client an OAuth client: the endpoint is the portal's
// REST URL (https://portal.bitrix24.com/rest/), every call carries the
// access token as the "auth" parameter, and an expired token is refreshed
// once, for all the calls waiting on it, and the calls repeated.
func WithOAuth(o OAuth) Option {
	return func(c *config) { c.oauth = &o }
}

// WithOAuthToken makes the client an OAuth client with an access token it
// cannot refresh.
func WithOAuthToken(accessToken string) Option {
	return WithOAuth(OAuth{Token: Token{Access: Secret(accessToken)}})
}

// refreshTimeout bounds a refresh, which runs on behalf of every caller
// waiting on it and so does not end with the one that started it.
const refreshTimeout = 30 * time.Second

// tokens holds the current token pair and refreshes it for everyone.
type tokens struct {
	mu        sync.Mutex
	tok       Token
	gen       int // counts refreshes
	inflight  *refreshCall
	refresh   RefreshFunc
	onRefresh func(Token)
}

type refreshCall struct {
	done chan struct{}
	err  error
}

// current returns the access token and its generation.
func (t *tokens) current() (Secret, int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.tok.Access, t.gen
}

// renew refreshes the pair unless it was refreshed since generation gen.
// Concurrent callers share one refresh.
func (t *tokens) renew(ctx context.Context, gen int) error {
	t.mu.Lock()
	if t.gen > gen {
		t.mu.Unlock()
		return nil
	}
	if t.refresh == nil {
		t.mu.Unlock()
		return errNoRefresh
	}
	if c := t.inflight; c != nil {
		t.mu.Unlock()
		select {
		case <-c.done:
			return c.err
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	c := &refreshCall{done: make(chan struct{})}
	t.inflight = c
	old := t.tok.Refresh
	t.mu.Unlock()

	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), refreshTimeout)
	tok, err := t.refresh(rctx, old)
	cancel()
	if err == nil && tok.Access == "" {
		err = errors.New("b24: the refresh gave no access token")
	}

	t.mu.Lock()
	if err == nil {
		if tok.Refresh == "" {
			tok.Refresh = old
		}
		t.tok = tok
		t.gen++
	}
	c.err = err
	t.inflight = nil
	close(c.done)
	t.mu.Unlock()
	if err == nil && t.onRefresh != nil {
		t.onRefresh(tok)
	}
	return err
}

var errNoRefresh = errors.New("b24: the access token expired and the client has no refresh function")

// OAuthServer is the token endpoint of Bitrix24's OAuth server.
const OAuthServer = "https://oauth.bitrix.info/oauth/token/"

// RefreshOption configures RefreshWith.
type RefreshOption func(*refresher)

// WithTokenURL sets the token endpoint (default OAuthServer).
func WithTokenURL(u string) RefreshOption { return func(r *refresher) { r.url = u } }

// WithRefreshHTTPClient sets the HTTP client of the refresh calls.
func WithRefreshHTTPClient(hc *http.Client) RefreshOption { return func(r *refresher) { r.hc = hc } }

type refresher struct {
	url          string
	hc           *http.Client
	clientID     string
	clientSecret Secret
}

// RefreshWith returns a RefreshFunc that asks Bitrix24's OAuth server for
// a new pair with the application's id and secret. The secrets go in the
// POST body, never in a URL.
func RefreshWith(clientID string, clientSecret Secret, opts ...RefreshOption) RefreshFunc {
	r := &refresher{url: OAuthServer, hc: http.DefaultClient, clientID: clientID, clientSecret: clientSecret}
	for _, o := range opts {
		o(r)
	}
	return r.refresh
}

func (r *refresher) refresh(ctx context.Context, refresh Secret) (Token, error) {
	form := url.Values{
		"grant_type":    {"refresh_token"},
		"client_id":     {r.clientID},
		"client_secret": {r.clientSecret.Reveal()},
		"refresh_token": {refresh.Reveal()},
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, r.url, strings.NewReader(form.Encode()))
	if err != nil {
		return Token{}, fmt.Errorf("b24: refresh: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	resp, err := r.hc.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			ue.URL = "oauth token endpoint"
		}
		return Token{}, &TransportError{Method: "oauth refresh", Err: err}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return Token{}, &TransportError{Method: "oauth refresh", Err: err}
	}
	var ans struct {
		AccessToken      string          `json:"access_token"`
		RefreshToken     string          `json:"refresh_token"`
		ExpiresIn        Int             `json:"expires_in"`
		Error            json.RawMessage `json:"error"`
		ErrorDescription string          `json:"error_description"`
	}
	if err := json.Unmarshal(body, &ans); err != nil {
		return Token{}, &APIError{Method: "oauth refresh", Status: resp.StatusCode, Description: "the OAuth server's answer is not JSON"}
	}
	if code := codeString(ans.Error); code != "" {
		return Token{}, &APIError{Method: "oauth refresh", Status: resp.StatusCode, Code: code, Description: ans.ErrorDescription}
	}
	tok := Token{Access: Secret(ans.AccessToken), Refresh: Secret(ans.RefreshToken)}
	if ans.ExpiresIn > 0 {
		tok.Expires = time.Now().Add(time.Duration(ans.ExpiresIn) * time.Second)
	}
	return tok, nil
}
