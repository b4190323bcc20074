package b24

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
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

// LogValue implements slog.LogValuer: the token pair (as "***") and
// whether there is a refresh function, where a JSON handler could not
// encode the functions at all.
func (o OAuth) LogValue() slog.Value {
	return slog.GroupValue(slog.Any("token", o.Token), slog.Bool("refresh", o.Refresh != nil), slog.Bool("on_refresh", o.OnRefresh != nil))
}

// WithOAuth makes the client an OAuth client: the endpoint is the portal's
// REST URL (https://portal.bitrix24.com/rest/), every call carries the
// access token as the "auth" parameter, and an expired token is refreshed
// once, for all the calls waiting on it, and the calls repeated.
//
// A refresh runs on its own, bounded by 30 s, so that every caller waits
// for it only as long as its own context allows, the one that started it
// included; its result is stored and handed to OnRefresh even when all of
// them have gone. A refresh that fails with invalid_grant is final: the
// client does not refresh again, and every later call fails at once, with
// no request, with that *RefreshError, until Client.SetToken gives it a new
// pair. Any other failure (network, a 5xx of the OAuth server, a
// redirect) holds further refreshes back for a second, doubling up to
// 30 s, during which calls fail at once with a *RefreshError; so a failing
// OAuth server sees one attempt per interval, however many calls are made.
//
// A portal that answers expired_token to the pair a refresh has just given
// (within a minute of the refresh, or before any call succeeded with it)
// counts as such a failure too: refreshing again at once would only get
// another pair refused, so the client holds back, as above, and refreshes
// again only once the interval has passed; the interval is reset by the
// first call that succeeds. Such a portal sees a handful of refreshes a
// minute, not one per call.
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

// The interval after a transient refresh failure during which no other
// refresh is tried; it doubles with each failure in a row.
const (
	refreshBackoffMin = time.Second
	refreshBackoffMax = 30 * time.Second
)

// refreshTrust is how long after a refresh an expired_token answer is
// taken for the portal refusing the new pair, not for the pair expiring.
const refreshTrust = time.Minute

// tokens holds the current token pair and refreshes it for everyone.
type tokens struct {
	mu        sync.Mutex
	tok       Token
	gen       int // counts the pairs the client has had
	inflight  *refreshCall
	refresh   RefreshFunc
	onRefresh func(Token)
	scrub     *scrubber
	log       *slog.Logger

	// The last refresh failed: with final set (invalid_grant) no refresh
	// is tried until set; otherwise none before retryAt.
	failed  error
	cause   error // the expired_token answer that asked for the refresh
	final   bool
	retryAt time.Time
	backoff time.Duration // reset by set and by the first call that succeeds

	// The current pair came from a refresh at refreshedAt (zero for a pair
	// the application gave); confirmed once a call succeeded with it;
	// refused holds 1 + its generation once the portal refused it and
	// the client held back, so that the next expired_token refreshes.
	refreshedAt time.Time
	confirmed   bool
	refused     int
	unconfirmed atomic.Int64 // 1 + the generation confirm waits for; 0 for none
}

// errRefused is the failure of a refresh whose new pair the portal
// answered expired_token to at once.
var errRefused = errors.New("b24: the portal refused the access token a refresh had just given (expired_token); no new refresh before the interval has passed")

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

// set replaces the pair (Client.SetToken) and forgets failed refreshes.
func (t *tokens) set(tok Token) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.tok = tok
	t.gen++
	t.failed, t.cause, t.final, t.retryAt, t.backoff = nil, nil, false, time.Time{}, 0
	t.refreshedAt, t.confirmed, t.refused = time.Time{}, false, 0
	t.unconfirmed.Store(0)
}

// confirm notes that a call succeeded with the pair of generation gen:
// the portal takes it, which ends the backoff of refreshes. It costs an
// atomic load unless a refreshed pair waits for its first success.
func (t *tokens) confirm(gen int) {
	if t.unconfirmed.Load() != int64(gen)+1 {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.gen == gen {
		t.confirmed, t.backoff = true, 0
		t.unconfirmed.Store(0)
	}
}

// refusedLocked reports whether an expired_token answer to the pair of
// generation gen is the portal refusing a pair a refresh has just given.
func (t *tokens) refusedLocked(gen int) bool {
	return gen == t.gen && !t.refreshedAt.IsZero() && t.refused != gen+1 &&
		(time.Since(t.refreshedAt) < refreshTrust || !t.confirmed)
}

// failLocked stores a transient refresh failure and backs off.
func (t *tokens) failLocked(err, cause error) {
	t.failed, t.cause = err, cause
	t.final = errors.Is(err, ErrInvalidGrant)
	t.backoff = min(max(2*t.backoff, refreshBackoffMin), refreshBackoffMax)
	t.retryAt = time.Now().Add(t.backoff)
}

// held returns the failure that stops calls without a request: a final
// refresh failure, or a transient one whose backoff has not run out.
func (t *tokens) held() (err, cause error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.heldLocked()
}

func (t *tokens) heldLocked() (err, cause error) {
	switch {
	case t.failed == nil:
		return nil, nil
	case t.final:
		return t.failed, t.cause
	case time.Now().Before(t.retryAt):
		return &heldError{until: t.retryAt, err: t.failed}, t.cause
	}
	return nil, nil
}

// heldError is a refresh not tried because the last one failed a moment
// ago.
type heldError struct {
	until time.Time
	err   error
}

func (e *heldError) Error() string {
	return fmt.Sprintf("b24: no refresh before %s, the last one failed: %v", e.until.Format(time.TimeOnly), e.err)
}
func (e *heldError) Unwrap() error { return e.err }

// renew refreshes the pair unless it was refreshed since generation gen;
// cause is the expired_token answer that asks for it. Concurrent callers
// share one refresh, and each waits for it only as long as its ctx
// allows: the refresh runs on its own goroutine.
func (t *tokens) renew(ctx context.Context, gen int, cause error) error {
	t.mu.Lock()
	if t.gen > gen {
		t.mu.Unlock()
		return nil
	}
	if err, _ := t.heldLocked(); err != nil {
		t.mu.Unlock()
		return err
	}
	if t.refresh == nil {
		t.mu.Unlock()
		return errNoRefresh
	}
	if t.inflight == nil && t.refusedLocked(gen) {
		// the portal refused the pair a refresh has just given: another
		// refresh now would only get another pair refused
		t.failLocked(errRefused, cause)
		t.refused = gen + 1
		t.mu.Unlock()
		return errRefused
	}
	c := t.inflight
	if c == nil {
		c = &refreshCall{done: make(chan struct{})}
		t.inflight = c
		go t.run(context.WithoutCancel(ctx), c, t.tok.Refresh, t.gen, cause)
	}
	t.mu.Unlock()
	select {
	case <-c.done:
		return c.err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// run makes one refresh and stores its outcome for everyone.
func (t *tokens) run(ctx context.Context, c *refreshCall, old Secret, gen int, cause error) {
	rctx, cancel := context.WithTimeout(withScrubber(ctx, t.scrub), refreshTimeout)
	tok, err := t.call(rctx, old)
	cancel()
	if err == nil && tok.Access == "" {
		err = errors.New("b24: the refresh gave no access token")
	}
	if err == nil {
		if tok.Refresh == "" {
			tok.Refresh = old
		}
		t.scrub.add(false, tok.Access.Reveal(), tok.Refresh.Reveal())
	}
	err = t.scrub.err(err)

	t.mu.Lock()
	stale := t.gen != gen // SetToken gave a pair meanwhile: it wins
	switch {
	case stale:
		err = nil // the callers repeat with the pair SetToken gave
	case err == nil:
		t.tok = tok
		t.gen++
		// the backoff stays until a call succeeds with the new pair: a
		// portal that refuses it backs the next refresh off further
		t.failed, t.cause, t.final, t.retryAt = nil, nil, false, time.Time{}
		t.refreshedAt, t.confirmed, t.refused = time.Now(), false, 0
		t.unconfirmed.Store(int64(t.gen) + 1)
	default:
		t.failLocked(err, cause)
	}
	t.mu.Unlock()
	if err == nil && !stale && t.onRefresh != nil {
		// before the waiting callers go on, so that OnRefresh calls come
		// one at a time and in order
		t.store(tok)
	}
	t.mu.Lock()
	c.err = err
	t.inflight = nil
	close(c.done)
	t.mu.Unlock()
}

// call runs the RefreshFunc; a panic in it becomes its error, as it runs
// on a goroutine no caller could recover on.
func (t *tokens) call(ctx context.Context, old Secret) (tok Token, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("b24: the refresh function panicked: %v", p)
		}
	}()
	return t.refresh(ctx, old)
}

// store hands a new pair to OnRefresh; a panic in it is logged, as no
// caller could recover it.
func (t *tokens) store(tok Token) {
	defer func() {
		if p := recover(); p != nil {
			t.log.LogAttrs(context.Background(), slog.LevelError, "b24: OnRefresh panicked; the new token pair may not be stored",
				slog.String("panic", t.scrub.String(fmt.Sprint(p))))
		}
	}()
	t.onRefresh(tok)
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
// POST body, never in a URL. Redirects are not followed (whatever the
// CheckRedirect of WithRefreshHTTPClient's client): a 307 or 308 would
// post the client secret and the refresh token to wherever the Location
// header points, and a 301 or 302 would take a pair from there. A
// redirect is a failed refresh, held back like any other (see WithOAuth).
func RefreshWith(clientID string, clientSecret Secret, opts ...RefreshOption) RefreshFunc {
	r := &refresher{url: OAuthServer, hc: http.DefaultClient, clientID: clientID, clientSecret: clientSecret}
	for _, o := range opts {
		o(r)
	}
	hc := *r.hc
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	r.hc = &hc
	return r.refresh
}

// refresh asks the OAuth server for a new pair. Its errors are scrubbed
// of the client secret and the refresh token, which a server may echo;
// called by a client, it adds them to the client's scrubber too.
func (r *refresher) refresh(ctx context.Context, refresh Secret) (Token, error) {
	sc := scrubberFrom(ctx)
	if sc == nil {
		sc = &scrubber{}
	}
	sc.add(true, r.clientSecret.Reveal())
	sc.add(false, refresh.Reveal())
	tok, err := r.exchange(ctx, refresh)
	return tok, sc.err(err)
}

func (r *refresher) exchange(ctx context.Context, refresh Secret) (Token, error) {
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
	if resp.StatusCode >= 300 && resp.StatusCode < 400 {
		return Token{}, &APIError{Method: "oauth refresh", Status: resp.StatusCode,
			Description: "the OAuth server answered with a redirect to " + redirectHost(resp) + "; not followed, so that the client secret and the refresh token stay with the server they belong to"}
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
