package b24fake_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/b24gen/b24gen/b24"
	"github.com/b24gen/b24gen/b24/b24fake"
	"github.com/b24gen/b24gen/generated"
	"github.com/b24gen/b24gen/generated/biconnector"
	"github.com/b24gen/b24gen/generated/fixture"
)

// portal serves every generated method and returns a fixture client and a
// biconnector client of it.
func portal(t *testing.T) (*b24fake.Portal, *fixture.Client, *biconnector.Client) {
	t.Helper()
	p := b24fake.New()
	generated.RegisterFakes(p)
	srv := httptest.NewServer(p)
	t.Cleanup(srv.Close)
	rt, err := b24.NewClient(srv.URL+"/rest/1/secret-token/", b24.WithInsecureHTTP(), b24.WithLimiter(b24.Unlimited()),
		b24.WithRetry(b24.RetryPolicy{BaseDelay: time.Millisecond, MaxDelay: 2 * time.Millisecond}))
	if err != nil {
		t.Fatal(err)
	}
	return p, fixture.New(rt), biconnector.New(rt)
}

func TestExamplesAnswer(t *testing.T) {
	p, fx, bi := portal(t)
	ctx := context.Background()
	ok, err := bi.SourceDelete(ctx, &biconnector.SourceDeleteRequest{ID: 4})
	if err != nil || !ok {
		t.Fatalf("source.delete: %v %v", ok, err)
	}
	rec, err := fx.NestedGet(ctx, &fixture.NestedGetRequest{ID: b24.Some[b24.Int](42)})
	if err != nil || rec.ID != 42 || rec.Title != "Первая запись" || string(rec.Extra["UF_CRM_1"]) == "" {
		t.Fatalf("nested.get: %+v %v", rec, err)
	}
	// the documented check: a missing id answers VALIDATION_ID_NOT_PROVIDED
	_, err = bi.SourceDelete(ctx, &biconnector.SourceDeleteRequest{})
	if err != nil {
		t.Fatalf("id 0 is sent and valid: %v", err)
	}
	var ae *b24.APIError
	err = bi.Runtime().Call(ctx, &b24.Method{Name: "biconnector.source.delete"}, map[string]any{}, nil)
	if !errors.Is(err, biconnector.ErrValidationIDNotProvided) || !errors.As(err, &ae) || ae.Status != 200 {
		t.Fatalf("missing id: %v", err)
	}
	err = bi.Runtime().Call(ctx, &b24.Method{Name: "crm.deal.get"}, nil, nil)
	if !errors.Is(err, b24.ErrMethodNotFound) || !errors.As(err, &ae) || ae.Status != 404 {
		t.Fatalf("unknown method: %v", err)
	}
	calls := p.Calls("biconnector.source.delete")
	if len(calls) != 2 || calls[0].Params["id"] == nil {
		t.Fatalf("calls %+v", calls)
	}
	// the refused call is kept apart, with the answer it got
	refused := p.Refused("biconnector.source.delete")
	if len(refused) != 1 || !errors.Is(refused[0].Err, biconnector.ErrValidationIDNotProvided) || refused[0].Credentials.UserID != "1" || len(p.Refused()) != 1 {
		t.Fatalf("refused %+v", refused)
	}
	if strings.Contains(calls[0].Credentials.String(), "secret-token") || calls[0].Credentials.UserID != "1" {
		t.Fatalf("credentials %v", calls[0].Credentials)
	}
}

func TestScriptsAndFailures(t *testing.T) {
	p, fx, bi := portal(t)
	ctx := context.Background()
	p.On("fixture.nested.get", func(_ context.Context, c *b24fake.Call) (any, error) {
		var req fixture.NestedGetRequest
		if err := c.Decode(&req); err != nil {
			return nil, err
		}
		if req.ID.Value == 404 {
			return nil, fixture.ErrNotFound
		}
		return map[string]any{"ID": req.ID.Value, "TITLE": "scripted"}, nil
	})
	rec, err := fx.NestedGet(ctx, &fixture.NestedGetRequest{ID: b24.Some[b24.Int](7)})
	if err != nil || rec.ID != 7 || rec.Title != "scripted" {
		t.Fatalf("%+v %v", rec, err)
	}
	_, err = fx.NestedGet(ctx, &fixture.NestedGetRequest{ID: b24.Some[b24.Int](404)})
	var ae *b24.APIError
	if !errors.Is(err, fixture.ErrNotFound) || !errors.As(err, &ae) || ae.Status != 400 || ae.Description != "Record not found" {
		t.Fatalf("documented error: %v", err)
	}
	// two injected rate limits: the client retries the write and succeeds
	p.Fail("biconnector.source.delete", b24.ErrQueryLimitExceeded, 2)
	if ok, err := bi.SourceDelete(ctx, &biconnector.SourceDeleteRequest{ID: 1}); err != nil || !ok {
		t.Fatalf("%v %v", ok, err)
	}
	if n := len(p.Calls("biconnector.source.delete")); n != 3 {
		t.Fatalf("%d calls, want 3", n)
	}
	// OVERLOAD_LIMIT is not retried
	p.Fail("biconnector.source.delete", b24.ErrOverloadLimit, 0)
	if _, err := bi.SourceDelete(ctx, &biconnector.SourceDeleteRequest{ID: 1}); !errors.Is(err, b24.ErrOverloadLimit) {
		t.Fatal(err)
	}
	// a refused call, which Reset forgets too
	if err := bi.Runtime().Call(ctx, &b24.Method{Name: "biconnector.source.delete"}, map[string]any{}, nil); err == nil || len(p.Refused()) != 1 {
		t.Fatalf("refused: %v %d", err, len(p.Refused()))
	}
	p.Reset()
	if ok, err := bi.SourceDelete(ctx, &biconnector.SourceDeleteRequest{ID: 1}); err != nil || !ok || len(p.Calls()) != 1 || len(p.Refused()) != 0 {
		t.Fatalf("after Reset: %v %v %d %d", ok, err, len(p.Calls()), len(p.Refused()))
	}
	defer func() {
		if recover() == nil {
			t.Error("scripting a method the portal does not have must panic")
		}
	}()
	p.On("crm.deal.get", nil)
}

// TestPagingAndBatch: a scripted list pages with total and next, the
// generated iterators walk it, and a batch of typed calls runs on the
// portal.
func TestPagingAndBatch(t *testing.T) {
	p, fx, _ := portal(t)
	ctx := context.Background()
	// the documented example: two rows, total 2
	page, err := fx.ItemList(ctx, &fixture.ItemListRequest{EntityTypeID: 2})
	if err != nil || len(page.Items) != 2 || page.Items[1].Title != "Второй" {
		t.Fatalf("%+v %v", page, err)
	}
	const n = 120
	p.On("fixture.item.list", func(ctx context.Context, c *b24fake.Call) (any, error) {
		var req struct {
			Start  b24.Int                    `json:"start"`
			Filter map[string]json.RawMessage `json:"filter"`
		}
		if err := c.Decode(&req); err != nil {
			return nil, err
		}
		from := int(req.Start)
		if gt, ok := req.Filter[">id"]; ok {
			var last int
			_ = json.Unmarshal(gt, &last)
			from = last
		}
		if req.Start >= 0 {
			b24fake.SetTotal(ctx, n)
		}
		var items []map[string]any
		for i := max(from, 0); i < min(max(from, 0)+50, n); i++ {
			items = append(items, map[string]any{"id": i + 1, "title": "row"})
		}
		return map[string]any{"items": items}, nil
	})
	count := 0
	for item, err := range fx.ItemListAll(ctx, &fixture.ItemListRequest{EntityTypeID: 2}) {
		if err != nil {
			t.Fatal(err)
		}
		count++
		if int(item.ID) != count {
			t.Fatalf("row %d has id %d", count, item.ID)
		}
	}
	byID := 0
	for _, err := range fx.ItemListByID(ctx, &fixture.ItemListRequest{EntityTypeID: 2}) {
		if err != nil {
			t.Fatal(err)
		}
		byID++
	}
	if count != n || byID != n {
		t.Fatalf("All read %d rows, ByID %d, want %d", count, byID, n)
	}
	// All: one call that finds nothing, then three pages told apart by
	// total; ByID (start=-1, no total): three pages and the empty one
	// that alone says the walk is over.
	if got := len(p.Calls("fixture.item.list")); got != 1+3+4 {
		t.Fatalf("%d list calls, want 8", got)
	}

	b := &b24.Batch{}
	p.Fail("fixture.item.list", fixture.ErrInvalidFilter, 1)
	get := fixture.BatchNestedGet(b, "get", &fixture.NestedGetRequest{ID: b24.Some[b24.Int](42)})
	list := fixture.BatchItemList(b, "list", &fixture.ItemListRequest{EntityTypeID: 2})
	err = fx.Runtime().RunBatch(ctx, b)
	var be *b24.BatchError
	if !errors.As(err, &be) || len(be.Failed) != 1 || !errors.Is(be.Failed["list"], fixture.ErrInvalidFilter) {
		t.Fatalf("batch: %v", err)
	}
	if rec, err := get.Result(); err != nil || rec.ID != 42 {
		t.Fatalf("batch get: %+v %v", rec, err)
	}
	if _, err := list.Result(); !errors.Is(err, fixture.ErrInvalidFilter) {
		t.Fatalf("batch list: %v", err)
	}
}

func TestRateLimit(t *testing.T) {
	p := b24fake.New()
	generated.RegisterFakes(p)
	p.SetRateLimit(3, 0.001)
	srv := httptest.NewServer(p)
	defer srv.Close()
	var statuses []int
	for range 5 {
		resp, err := http.Post(srv.URL+"/rest/1/t/biconnector.source.delete", "application/json", strings.NewReader(`{"id":1}`))
		if err != nil {
			t.Fatal(err)
		}
		var env struct{ Error string }
		_ = json.NewDecoder(resp.Body).Decode(&env)
		resp.Body.Close()
		statuses = append(statuses, resp.StatusCode)
		if resp.StatusCode == 503 && env.Error != "QUERY_LIMIT_EXCEEDED" {
			t.Fatalf("503 with %q", env.Error)
		}
	}
	if got := statuses; got[2] != 200 || got[3] != 503 || got[4] != 503 {
		t.Fatalf("statuses %v", got)
	}
}

// TestCallLog: the portal remembers the latest calls only.
func TestCallLog(t *testing.T) {
	p, _, bi := portal(t)
	p.SetCallLog(3)
	for i := range 5 {
		if _, err := bi.SourceDelete(context.Background(), &biconnector.SourceDeleteRequest{ID: b24.Int(i + 1)}); err != nil {
			t.Fatal(err)
		}
	}
	calls := p.Calls()
	if len(calls) != 3 {
		t.Fatalf("%d calls remembered, want 3", len(calls))
	}
	for i, c := range calls {
		if fmt.Sprint(c.Params["id"]) != fmt.Sprint(i+3) {
			t.Fatalf("call %d has id %v, want %d", i, c.Params["id"], i+3)
		}
	}
}
