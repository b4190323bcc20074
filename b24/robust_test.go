package b24

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestMain runs the tests, then scans every error and log line they
// recorded for the secrets they used: redaction by construction, proven.
func TestMain(m *testing.M) {
	code := m.Run()
	seen.Lock()
	lines := seen.lines
	seen.Unlock()
	for _, l := range lines {
		for _, s := range secrets {
			if strings.Contains(l, s) {
				// the report must not print the secret either
				masked := l
				for i, s := range secrets {
					masked = strings.ReplaceAll(masked, s, fmt.Sprintf("<secret #%d>", i))
				}
				fmt.Fprintf(os.Stderr, "a secret leaked into an error or log line: %q\n", masked)
				code = 1
				break
			}
		}
	}
	// A whole run must have something to scan; a run narrowed with -run
	// may not.
	if code == 0 && len(lines) < 20 && flag.Lookup("test.run").Value.String() == "" {
		fmt.Fprintf(os.Stderr, "the redaction check saw only %d lines; the tests should record their errors and logs\n", len(lines))
		code = 1
	}
	os.Exit(code)
}

var (
	readMethod  = &Method{Name: "test.thing.get", Read: true}
	writeMethod = &Method{Name: "test.thing.add"}
)

func TestRetriesDecidedByCode(t *testing.T) {
	p := newFakePortal(t)
	c := p.webhook(t)
	ctx := context.Background()

	// QUERY_LIMIT_EXCEEDED: the call did not run, so even a write is repeated
	p.on("test.thing.add", func(_ call, n int) (int, string) {
		if n <= 3 {
			return apiErr(503, "QUERY_LIMIT_EXCEEDED")
		}
		return ok(`7`)
	})
	var id Int
	if err := c.Call(ctx, writeMethod, map[string]any{"fields": map[string]any{"TITLE": "x"}}, &id); err != nil || id != 7 {
		t.Fatalf("%v %v", id, err)
	}
	if n := len(p.seen("test.thing.add")); n != 4 {
		t.Fatalf("the portal saw %d calls, want 4", n)
	}

	// OVERLOAD_LIMIT, also 503: a manual block, never repeated
	p.on("test.thing.get", func(call, int) (int, string) { return apiErr(503, "OVERLOAD_LIMIT") })
	err := c.Call(ctx, readMethod, nil, nil)
	record(err)
	if !errors.Is(err, ErrOverloadLimit) || len(p.seen("test.thing.get")) != 1 {
		t.Fatalf("OVERLOAD_LIMIT: %v, %d calls", err, len(p.seen("test.thing.get")))
	}

	// a burst longer than the policy allows ends with the code
	p2 := newFakePortal(t)
	p2.on("test.thing.add", func(call, int) (int, string) { return apiErr(503, "QUERY_LIMIT_EXCEEDED") })
	err = p2.webhook(t, WithRetry(RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond})).Call(ctx, writeMethod, nil, nil)
	record(err)
	if !errors.Is(err, ErrQueryLimitExceeded) || len(p2.seen("test.thing.add")) != 3 {
		t.Fatalf("%v, %d calls", err, len(p2.seen("test.thing.add")))
	}
}

func TestWritesAreNeverSentTwice(t *testing.T) {
	ctx := context.Background()
	for _, fault := range []struct {
		name   string
		answer func(call, int) (int, string)
	}{
		{"dropped connection", func(call, int) (int, string) { return -1, "" }},
		{"500 without a code", func(call, int) (int, string) { return 500, `<html>oops</html>` }},
		{"INTERNAL_SERVER_ERROR", func(call, int) (int, string) { return apiErr(500, "INTERNAL_SERVER_ERROR") }},
	} {
		t.Run(fault.name, func(t *testing.T) {
			p := newFakePortal(t)
			p.on("test.thing.add", fault.answer)
			p.on("test.thing.get", func(c call, n int) (int, string) {
				if n < 3 {
					return fault.answer(c, n)
				}
				return ok(`"fine"`)
			})
			c := p.webhook(t)
			err := c.Call(ctx, writeMethod, map[string]any{"x": 1}, nil)
			record(err)
			if err == nil || len(p.seen("test.thing.add")) != 1 {
				t.Fatalf("a write: %v, the portal saw %d calls, want exactly 1", err, len(p.seen("test.thing.add")))
			}
			// a read is repeated
			var s String
			if err := c.Call(ctx, readMethod, nil, &s); err != nil || s != "fine" || len(p.seen("test.thing.get")) != 3 {
				t.Fatalf("a read: %q %v after %d calls", s, err, len(p.seen("test.thing.get")))
			}
			// a write marked idempotent is repeated too
			p.on("test.thing.add", func(c call, n int) (int, string) {
				if n < 3 {
					return fault.answer(c, n)
				}
				return ok(`true`)
			})
			p.counts["test.thing.add"] = 0
			if err := c.Call(ctx, writeMethod, nil, nil, Idempotent()); err != nil {
				t.Fatalf("an idempotent write: %v", err)
			}
		})
	}
}

func TestBatchIsNeverRetriedWhole(t *testing.T) {
	p := newFakePortal(t)
	p.on("batch", func(call, int) (int, string) { return -1, "" })
	var b Batch
	AddCall[Int](&b, "a", writeMethod, map[string]any{"x": 1})
	err := p.webhook(t).RunBatch(context.Background(), &b)
	record(err)
	if err == nil || len(p.seen("batch")) != 1 {
		t.Fatalf("%v: the portal saw %d batch calls", err, len(p.seen("batch")))
	}
}

func TestDeadlinesAreHonoured(t *testing.T) {
	p := newFakePortal(t)
	release := make(chan struct{})
	defer close(release)
	p.on("test.thing.get", func(call, int) (int, string) {
		<-release
		return ok(`1`)
	})
	c := p.webhook(t)
	start := time.Now()
	err := c.Call(context.Background(), readMethod, nil, nil, Timeout(100*time.Millisecond))
	record(err)
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 2*time.Second {
		t.Fatalf("slow answer: %v after %v", err, time.Since(start))
	}

	// waiting for the rate limit ends with the context, at once when the
	// wait would outlast the deadline
	slow := p.webhook(t, WithLimiter(NewLimiter(1, 0.01)))
	p.on("test.thing.add", func(call, int) (int, string) { return ok(`1`) })
	if err := slow.Call(context.Background(), writeMethod, nil, nil); err != nil {
		t.Fatal(err)
	}
	start = time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	err = slow.Call(ctx, writeMethod, nil, nil)
	record(err)
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 100*time.Millisecond {
		t.Fatalf("rate limit wait: %v after %v", err, time.Since(start))
	}

	// backoff sleeps end with the context too
	p.on("test.thing.add", func(call, int) (int, string) { return apiErr(503, "QUERY_LIMIT_EXCEEDED") })
	patient := p.webhook(t, WithRetry(RetryPolicy{MaxAttempts: 10, BaseDelay: time.Second, MaxDelay: time.Second}))
	ctx2, cancel2 := context.WithCancel(context.Background())
	go func() { time.Sleep(50 * time.Millisecond); cancel2() }()
	start = time.Now()
	err = patient.Call(ctx2, writeMethod, nil, nil)
	record(err)
	if err == nil || time.Since(start) > time.Second {
		t.Fatalf("cancelled during backoff: %v after %v", err, time.Since(start))
	}
}

func TestOperatingTime(t *testing.T) {
	p := newFakePortal(t)
	reset := time.Now().Add(1500 * time.Millisecond).Unix()
	p.on("test.thing.get", func(_ call, n int) (int, string) {
		// the first answer reports 95% of a 1 s budget used
		return 200, fmt.Sprintf(`{"result":1,"time":{"operating":0.95,"operating_reset_at":%d}}`, reset)
	})
	c := p.webhook(t, WithOperatingBudget(time.Second))
	if err := c.Call(context.Background(), readMethod, nil, nil); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if err := c.Call(context.Background(), readMethod, nil, nil); err != nil {
		t.Fatal(err)
	}
	if time.Since(start) < 300*time.Millisecond {
		t.Fatalf("the client did not hold the call until the window reset (%v)", time.Since(start))
	}

	// OPERATION_TIME_LIMIT: wait for the reset, then repeat
	p2 := newFakePortal(t)
	p2.on("test.thing.get", func(_ call, n int) (int, string) {
		if n == 1 {
			return 200, fmt.Sprintf(`{"result":1,"time":{"operating":0.1,"operating_reset_at":%d}}`, time.Now().Add(time.Second).Unix())
		}
		if n == 2 {
			return apiErr(429, "OPERATION_TIME_LIMIT")
		}
		return ok(`2`)
	})
	c2 := p2.webhook(t)
	if err := c2.Call(context.Background(), readMethod, nil, nil); err != nil {
		t.Fatal(err)
	}
	var v Int
	if err := c2.Call(context.Background(), readMethod, nil, &v); err != nil || v != 2 {
		t.Fatalf("%v %v", v, err)
	}
	// with a deadline before the reset, the error comes back at once
	p2.on("test.thing.get", func(call, int) (int, string) { return apiErr(429, "OPERATION_TIME_LIMIT") })
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start = time.Now()
	err := c2.Call(ctx, readMethod, nil, nil)
	record(err)
	if !errors.Is(err, ErrOperationTimeLimit) || time.Since(start) > 200*time.Millisecond {
		t.Fatalf("%v after %v", err, time.Since(start))
	}
}

func TestLimiter(t *testing.T) {
	l := NewLimiter(5, 50)
	start := time.Now()
	for range 15 {
		if err := l.Wait(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	// 5 at once, then 10 at 50 per second: about 200 ms
	if d := time.Since(start); d < 150*time.Millisecond || d > 600*time.Millisecond {
		t.Fatalf("15 calls took %v", d)
	}
	// clients of one portal share the default limiter
	a, _ := NewClient("https://one.example/rest/1/x/")
	b, _ := NewClient("https://ONE.example/rest/2/y/")
	o, _ := NewClient("https://other.example/rest/1/x/")
	if a.limiter != b.limiter || a.limiter == o.limiter {
		t.Fatal("the default limiter is per portal")
	}
}

// TestOAuthRefresh: twenty callers hit an expired token at once; exactly
// one refresh happens, every call is repeated with the new token, and the
// new pair reaches the application once.
func TestOAuthRefresh(t *testing.T) {
	p := newFakePortal(t)
	var current atomic.Value
	current.Store(testAccessToken)
	p.on("test.thing.get", func(c call, _ int) (int, string) {
		if c.Body["auth"] != current.Load() {
			return apiErr(401, "expired_token")
		}
		return ok(`"` + fmt.Sprint(c.Body["n"]) + `"`)
	})
	var refreshes atomic.Int32
	oauthSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		refreshes.Add(1)
		r.ParseForm()
		if r.PostForm.Get("refresh_token") != testRefreshToken || r.PostForm.Get("client_secret") != testClientSecret {
			w.WriteHeader(400)
			fmt.Fprint(w, `{"error":"invalid_grant","error_description":"The refresh token is invalid"}`)
			return
		}
		time.Sleep(50 * time.Millisecond) // let the other callers pile up
		current.Store(testNewAccess)
		fmt.Fprintf(w, `{"access_token":%q,"refresh_token":%q,"expires_in":3600}`, testNewAccess, testNewRefresh)
	}))
	defer oauthSrv.Close()
	var stored []Token
	var mu sync.Mutex
	c, err := NewClient(p.srv.URL+"/rest/", WithInsecureHTTP(), WithLimiter(Unlimited()), WithLogger(testLogger()),
		WithOAuth(OAuth{
			Token:     Token{Access: testAccessToken, Refresh: testRefreshToken},
			Refresh:   RefreshWith("app.1", testClientSecret, WithTokenURL(oauthSrv.URL)),
			OnRefresh: func(t Token) { mu.Lock(); stored = append(stored, t); mu.Unlock() },
		}))
	if err != nil {
		t.Fatal(err)
	}
	current.Store("the portal now wants another token")
	var wg sync.WaitGroup
	errs := make([]error, 20)
	for i := range 20 {
		wg.Go(func() {
			var s String
			errs[i] = c.Call(context.Background(), readMethod, map[string]any{"n": i}, &s)
			if errs[i] == nil && s != String(fmt.Sprint(i)) {
				errs[i] = fmt.Errorf("call %d got %q", i, s)
			}
		})
	}
	// the portal expects the new token only once the refresh has run
	wg.Wait()
	for _, err := range errs {
		record(err)
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := refreshes.Load(); n != 1 {
		t.Fatalf("%d refreshes, want exactly 1", n)
	}
	if len(stored) != 1 || stored[0].Access.Reveal() != testNewAccess || stored[0].Refresh.Reveal() != testNewRefresh {
		t.Fatalf("the new pair reached the application %d times: %v", len(stored), stored)
	}
	if strings.Contains(fmt.Sprintf("%v %+v %#v %s", stored[0], stored[0], stored[0], c), testNewAccess) {
		t.Fatal("a token prints")
	}

	// invalid_grant is final: one refresh attempt, no loop
	p2 := newFakePortal(t)
	p2.on("test.thing.get", func(call, int) (int, string) { return apiErr(401, "expired_token") })
	refreshes.Store(0)
	c2, _ := NewClient(p2.srv.URL+"/rest/", WithInsecureHTTP(), WithLimiter(Unlimited()), WithLogger(testLogger()),
		WithOAuth(OAuth{Token: Token{Access: testAccessToken, Refresh: "stale"}, Refresh: RefreshWith("app.1", testClientSecret, WithTokenURL(oauthSrv.URL))}))
	err = c2.Call(context.Background(), readMethod, nil, nil)
	record(err)
	if !errors.Is(err, ErrInvalidGrant) || !errors.Is(err, ErrExpiredToken) || refreshes.Load() != 1 || len(p2.seen("test.thing.get")) != 1 {
		t.Fatalf("%v: %d refreshes, %d calls", err, refreshes.Load(), len(p2.seen("test.thing.get")))
	}
	// without a refresh function an expired token is the error
	c3, _ := NewClient(p2.srv.URL+"/rest/", WithInsecureHTTP(), WithLimiter(Unlimited()), WithOAuthToken(testAccessToken))
	err = c3.Call(context.Background(), readMethod, nil, nil)
	record(err)
	if !errors.Is(err, ErrExpiredToken) {
		t.Fatal(err)
	}
}

func TestPagination(t *testing.T) {
	p := newFakePortal(t)
	rows := make([]map[string]any, 120)
	for i := range rows {
		rows[i] = map[string]any{"ID": fmt.Sprint(i + 1), "TITLE": fmt.Sprintf("deal %d", i+1)}
	}
	page := func(start int) (int, string) {
		end := min(start+50, len(rows))
		js, _ := json.Marshal(rows[start:end])
		next := ""
		if end < len(rows) {
			next = fmt.Sprintf(`,"next":%d`, end)
		}
		return 200, fmt.Sprintf(`{"result":%s,"total":%d%s,"time":{}}`, js, len(rows), next)
	}
	list := &Method{Name: "crm.deal.list", Read: true, List: &ListSpec{ID: "ID", Filter: "filter", Order: "order"}}
	p.on("crm.deal.list", func(c call, _ int) (int, string) {
		start, _ := c.Body["start"].(float64)
		if f, ok := c.Body["filter"].(map[string]any); ok {
			if gt, ok := f[">ID"].(float64); ok {
				// keyset: the rows after the last id, without counting
				if c.Body["start"] != float64(-1) || c.Body["order"].(map[string]any)["ID"] != "ASC" {
					return apiErr(400, "BAD_KEYSET")
				}
				js, _ := json.Marshal(rows[int(gt):min(int(gt)+50, len(rows))])
				return 200, `{"result":` + string(js) + `,"time":{}}`
			}
			js, _ := json.Marshal(rows[:50])
			return 200, `{"result":` + string(js) + `,"time":{}}`
		}
		return page(int(start))
	})
	c := p.webhook(t)
	type deal struct {
		ID    Int    `json:"ID"`
		Title String `json:"TITLE"`
	}
	var got []int
	for d, err := range All[deal](context.Background(), c, list, map[string]any{"select": []string{"ID"}}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, int(d.ID))
	}
	if len(got) != 120 || got[119] != 120 || len(p.seen("crm.deal.list")) != 3 {
		t.Fatalf("%d rows in %d calls", len(got), len(p.seen("crm.deal.list")))
	}
	got = got[:0]
	before := len(p.seen("crm.deal.list"))
	for d, err := range ByID[deal](context.Background(), c, list, map[string]any{"filter": map[string]any{"STAGE_ID": "NEW"}}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, int(d.ID))
	}
	if len(got) != 120 || got[119] != 120 {
		t.Fatalf("by id: %d rows", len(got))
	}
	kept := p.seen("crm.deal.list")[before+1].Body["filter"].(map[string]any)
	if kept["STAGE_ID"] != "NEW" || kept[">ID"] != float64(50) {
		t.Fatalf("the caller's filter must be kept beside >ID: %v", kept)
	}

	// a portal that ignores the cursor: the walk stops with an error
	p.on("crm.deal.list", func(call, int) (int, string) {
		js, _ := json.Marshal(rows[:50])
		return 200, `{"result":` + string(js) + `,"next":50,"total":120,"time":{}}`
	})
	var stall *StallError
	n := 0
	for _, err := range All[deal](context.Background(), c, list, nil) {
		if err != nil {
			record(err)
			if !errors.As(err, &stall) {
				t.Fatal(err)
			}
			break
		}
		n++
	}
	if stall == nil || n != 50 {
		t.Fatalf("stall: %v after %d rows", stall, n)
	}
	stall = nil
	for _, err := range ByID[deal](context.Background(), c, list, nil) {
		if err != nil {
			record(err)
			errors.As(err, &stall)
			break
		}
	}
	if stall == nil {
		t.Fatal("a keyset walk that does not advance must stop with a StallError")
	}
}

// TestPaginationFamilies: crm.item.* rows under "items" with a lower-case
// id, tasks.task.* rows under "tasks" filtered by "ID".
func TestPaginationFamilies(t *testing.T) {
	p := newFakePortal(t)
	serve := func(member, key string) func(call, int) (int, string) {
		return func(c call, _ int) (int, string) {
			f, _ := c.Body["filter"].(map[string]any)
			last, _ := f[">"+key].(float64)
			var out []map[string]any
			for i := int(last) + 1; i <= min(int(last)+50, 75); i++ {
				out = append(out, map[string]any{"id": i})
			}
			js, _ := json.Marshal(map[string]any{member: out})
			return 200, `{"result":` + string(js) + `,"time":{}}`
		}
	}
	p.on("crm.item.list", serve("items", "id"))
	p.on("tasks.task.list", serve("tasks", "ID"))
	c := p.webhook(t)
	for _, m := range []*Method{
		{Name: "crm.item.list", Read: true, List: &ListSpec{Rows: "items", ID: "id", Filter: "filter", Order: "order"}},
		{Name: "tasks.task.list", Read: true, List: &ListSpec{Rows: "tasks", ID: "id", Key: "ID", Filter: "filter", Order: "order"}},
	} {
		n := 0
		for row, err := range ByID[json.RawMessage](context.Background(), c, m, map[string]any{"entityTypeId": 2}) {
			if err != nil {
				t.Fatalf("%s: %v", m.Name, err)
			}
			if !strings.Contains(string(row), `"id"`) {
				t.Fatalf("%s: row %s", m.Name, row)
			}
			n++
		}
		if n != 75 {
			t.Fatalf("%s: %d rows", m.Name, n)
		}
	}
}

func TestBatchBuilder(t *testing.T) {
	p := newFakePortal(t)
	p.on("batch", func(c call, _ int) (int, string) {
		cmd := c.Body["cmd"].(map[string]any)
		if !strings.Contains(c.String(), `"add":"test.thing.add?`) {
			return apiErr(400, "ORDER_LOST")
		}
		get := cmd["get"].(string)
		if !strings.Contains(get, "$result[add]") && !strings.Contains(get, "%24result%5Badd%5D") {
			return apiErr(400, "NO_REFERENCE:"+get)
		}
		return ok(`{"result":{"add":15,"get":{"ID":"15","TITLE":"x"}},"result_error":{"bad":{"error":"NOT_FOUND","error_description":"Not found"}},"result_total":[],"result_next":[],"result_time":[]}`)
	})
	c := p.webhook(t)
	var b Batch
	add := AddCall[Int](&b, "add", writeMethod, map[string]any{"fields": map[string]any{"TITLE": "x"}})
	get := AddCall[struct {
		ID    Int    `json:"ID"`
		Title String `json:"TITLE"`
	}](&b, "get", readMethod, map[string]any{"id": 0}).Set("id", Ref("add"))
	bad := AddCall[Int](&b, "bad", readMethod, nil)
	err := c.RunBatch(context.Background(), &b)
	record(err)
	var be *BatchError
	if !errors.As(err, &be) || len(be.Failed) != 1 || !errors.Is(be.Failed["bad"], ErrorCode("NOT_FOUND")) {
		t.Fatalf("partial failure: %v", err)
	}
	if v, err := add.Result(); err != nil || v != 15 {
		t.Fatalf("add: %v %v", v, err)
	}
	if v, err := get.Result(); err != nil || v.ID != 15 {
		t.Fatalf("get: %+v %v", v, err)
	}
	if _, err := bad.Result(); !errors.Is(err, ErrorCode("NOT_FOUND")) {
		t.Fatal(err)
	}

	// chunking: 120 independent calls in three batches; a reference across
	// chunks is refused
	var big Batch
	for i := range 120 {
		AddCall[Int](&big, fmt.Sprint("k", i), writeMethod, map[string]any{"i": i})
	}
	chunks, err := big.Split()
	if err != nil || len(chunks) != 3 || chunks[2].Len() != 20 {
		t.Fatalf("%d chunks: %v", len(chunks), err)
	}
	AddCall[Int](&big, "late", readMethod, nil).Set("id", Ref("k0", "ID"))
	if _, err := big.Split(); err == nil || !strings.Contains(err.Error(), "k0") {
		t.Fatalf("a chained call across chunks must be refused: %v", err)
	}
	if err := c.RunBatch(context.Background(), &big); err == nil || !strings.Contains(err.Error(), "limit of 50") {
		t.Fatalf("more than 50 commands: %v", err)
	}
}

func (c call) String() string { return string(c.Raw) }

func TestEncodingHelpers(t *testing.T) {
	b, _ := json.Marshal(File{Name: "a.txt", Content: []byte("hello")})
	if string(b) != `["a.txt","aGVsbG8="]` {
		t.Fatalf("file pair: %s", b)
	}
	var f File
	if err := json.Unmarshal(b, &f); err != nil || string(f.Content) != "hello" {
		t.Fatalf("%+v %v", f, err)
	}
	if err := json.Unmarshal([]byte(`"@icon"`), &f); err != nil || string(f.Raw) != `"@icon"` {
		t.Fatalf("other shapes are kept: %+v %v", f, err)
	}
	var d Decimal
	if err := json.Unmarshal([]byte(`"1500.10"`), &d); err != nil || d != "1500.10" {
		t.Fatal(d, err)
	}
	out, _ := json.Marshal(struct{ V Decimal }{"12345678901234567890.01"})
	if string(out) != `{"V":12345678901234567890.01}` {
		t.Fatalf("decimals keep every digit: %s", out)
	}
	if err := json.Unmarshal([]byte(`"1,5"`), &d); err == nil {
		t.Fatal("not a decimal")
	}
}
