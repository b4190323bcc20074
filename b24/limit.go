package b24

import (
	"context"
	"strings"
	"sync"
	"time"
)

// The request rate limit of a portal: a leaky bucket per portal, 50
// requests of burst draining at 2 per second (Enterprise plans: 250 and 5).
const (
	DefaultBurst = 50
	DefaultRate  = 2.0
)

// Limiter is a client-side leaky bucket: it lets a burst through, then
// calls at its rate. One Limiter per portal is shared by every client of
// that portal in the process unless a client is given its own; share one
// explicitly between processes' worth of clients with WithLimiter.
type Limiter struct {
	mu       sync.Mutex
	burst    float64
	rate     float64 // tokens per second
	tokens   float64
	last     time.Time
	now      func() time.Time
	unlimits bool
}

// NewLimiter returns a bucket of burst calls refilled at rate per second.
func NewLimiter(burst int, rate float64) *Limiter {
	if burst < 1 {
		burst = 1
	}
	return &Limiter{burst: float64(burst), rate: rate, tokens: float64(burst), now: time.Now}
}

// Unlimited returns a limiter that never waits, for tests and servers that
// enforce nothing.
func Unlimited() *Limiter { return &Limiter{unlimits: true, now: time.Now} }

// Wait takes one call from the bucket, waiting for it as long as ctx
// allows. A wait that would outlast ctx's deadline fails at once.
func (l *Limiter) Wait(ctx context.Context) error {
	if l == nil || l.unlimits {
		return ctx.Err()
	}
	for {
		l.mu.Lock()
		now := l.now()
		if !l.last.IsZero() {
			l.tokens = min(l.burst, l.tokens+now.Sub(l.last).Seconds()*l.rate)
		}
		l.last = now
		if l.tokens >= 1 {
			l.tokens--
			l.mu.Unlock()
			return nil
		}
		wait := time.Duration((1 - l.tokens) / l.rate * float64(time.Second))
		l.mu.Unlock()
		if err := sleep(ctx, wait); err != nil {
			return err
		}
	}
}

// sleep waits for d or until ctx is done; a wait past ctx's deadline fails
// at once with context.DeadlineExceeded.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < d {
		return context.DeadlineExceeded
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// portalLimiters holds the default limiter of each portal.
var portalLimiters sync.Map // host → *Limiter

// limiterFor returns the shared default limiter of a portal.
func limiterFor(host string) *Limiter {
	host = strings.ToLower(host)
	if l, ok := portalLimiters.Load(host); ok {
		return l.(*Limiter)
	}
	l, _ := portalLimiters.LoadOrStore(host, NewLimiter(DefaultBurst, DefaultRate))
	return l.(*Limiter)
}

// DefaultOperatingBudget is the operating time a method may use per
// window (10 minutes) before the portal blocks it with
// OPERATION_TIME_LIMIT.
const DefaultOperatingBudget = 480 * time.Second

// operatingWindow is the window the budget is counted over, and so the
// longest a method can be blocked: the client never waits longer for a
// reset than this, whatever the reset time an answer gives.
const operatingWindow = 10 * time.Minute

// operatingSlack is the share of the budget at which the client starts to
// hold calls back until the window resets.
const operatingSlack = 0.9

// operating tracks the operating time of each method from the "time"
// object of its answers (operating, operating_reset_at), and holds calls
// of a method that is about to exhaust its budget until the window resets,
// instead of letting the portal block it.
type operating struct {
	mu      sync.Mutex
	budget  time.Duration
	methods map[string]operatingState
	now     func() time.Time
}

type operatingState struct {
	used    time.Duration
	resetAt time.Time
	blocked bool
}

func newOperating(budget time.Duration) *operating {
	return &operating{budget: budget, methods: map[string]operatingState{}, now: time.Now}
}

// record notes the operating time an answer reports.
func (o *operating) record(method string, t Timing) {
	if o == nil || t.OperatingResetAt == 0 {
		return
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	now := o.now()
	// the reset is the portal's word: a reset past the window (a clock
	// off by hours, or a year 3000) holds the method for the window only
	resetAt := time.Unix(int64(t.OperatingResetAt), 0)
	if limit := now.Add(operatingWindow); resetAt.After(limit) {
		resetAt = limit
	}
	// and an operating time past the window (1e300 s) is the window
	used := min(max(float64(t.Operating), 0), operatingWindow.Seconds())
	o.methods[strings.ToLower(method)] = operatingState{
		used:    time.Duration(used * float64(time.Second)),
		resetAt: resetAt,
	}
}

// block notes that the portal answered OPERATION_TIME_LIMIT: the method is
// blocked until the window resets (10 minutes when no answer said when),
// and never longer than the window from now.
func (o *operating) block(method string) time.Time {
	o.mu.Lock()
	defer o.mu.Unlock()
	key := strings.ToLower(method)
	st := o.methods[key]
	now := o.now()
	if st.resetAt.Before(now) || st.resetAt.After(now.Add(operatingWindow)) {
		st.resetAt = now.Add(operatingWindow)
	}
	st.blocked = true
	o.methods[key] = st
	return st.resetAt
}

// wait holds a call of method while its budget is (nearly) used up and
// the window has not reset.
func (o *operating) wait(ctx context.Context, method string) error {
	if o == nil {
		return nil
	}
	o.mu.Lock()
	st, ok := o.methods[strings.ToLower(method)]
	now := o.now()
	o.mu.Unlock()
	if !ok || !now.Before(st.resetAt) {
		return nil
	}
	if !st.blocked && float64(st.used) < operatingSlack*float64(o.budget) {
		return nil
	}
	return sleep(ctx, st.resetAt.Sub(now))
}
