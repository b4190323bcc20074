package b24_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/b24gen/b24gen/b24"
	"github.com/b24gen/b24gen/generated/fixture"
)

// answer is what a portal sends for fixture.nested.get: quoted numbers, a
// Y/N flag, a datetime with offset, a multi-field and a user field the
// documentation does not list.
const answer = `{"result":{"ID":"42","TITLE":"Поставка","OPENED":"Y","AMOUNT":"1500.50",` +
	`"CREATED":"2024-09-03T14:10:18+02:00","PHONE":[{"VALUE":"+7 900 000-00-00","VALUE_TYPE":"WORK"}],` +
	`"UF_CRM_1":"extra"},"time":{"start":1725365418.1,"finish":1725365418.2,"duration":0.1,` +
	`"processing":0.05,"date_start":"2024-09-03T14:10:18+02:00","date_finish":"2024-09-03T14:10:18+02:00",` +
	`"operating":0.04,"operating_reset_at":1725366018}}`

// cannedTransport answers every request with answer, so that the
// benchmarks measure the clients rather than the loopback network.
type cannedTransport struct{}

func (cannedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		_, _ = io.Copy(io.Discard, r.Body)
		r.Body.Close()
	}
	return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(bytes.NewReader([]byte(answer))), Request: r}, nil
}

// plainResult is what a careful hand-written client would decode the
// answer into with encoding/json alone.
type plainResult struct {
	ID      int64             `json:"ID,string"`
	Title   string            `json:"TITLE"`
	Opened  string            `json:"OPENED"`
	Amount  float64           `json:"AMOUNT,string"`
	Created time.Time         `json:"CREATED"`
	Phone   []json.RawMessage `json:"PHONE"`
}

type plainEnvelope struct {
	Result plainResult `json:"result"`
	Error  string      `json:"error"`
	Time   struct {
		Operating float64 `json:"operating"`
	} `json:"time"`
}

type plainRequest struct {
	ID     int64    `json:"id"`
	Select []string `json:"select"`
}

// baselineCall is the hand-written net/http + encoding/json call the
// generated client is measured against: encode, POST, read, decode.
func baselineCall(ctx context.Context, hc *http.Client, url string, req plainRequest) (*plainResult, error) {
	body, err := json.Marshal(req)
	if err != nil {
		return nil, err
	}
	r, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	r.Header.Set("Content-Type", "application/json")
	resp, err := hc.Do(r)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	var env plainEnvelope
	if err := json.Unmarshal(data, &env); err != nil {
		return nil, err
	}
	return &env.Result, nil
}

func benchGenerated(b *testing.B, hc *http.Client, base string) {
	c, err := fixture.NewClient(base+"/rest/1/token/", b24.WithHTTPClient(hc), b24.WithInsecureHTTP(), b24.WithLimiter(b24.Unlimited()))
	if err != nil {
		b.Fatal(err)
	}
	req := &fixture.NestedGetRequest{ID: b24.Some[b24.Int](42), Select: []string{"ID", "TITLE"}}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		res, err := c.NestedGet(ctx, req)
		if err != nil || res.ID != 42 {
			b.Fatal(res, err)
		}
	}
}

func benchBaseline(b *testing.B, hc *http.Client, base string) {
	req := plainRequest{ID: 42, Select: []string{"ID", "TITLE"}}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		res, err := baselineCall(ctx, hc, base+"/rest/1/token/fixture.nested.get", req)
		if err != nil || res.ID != 42 {
			b.Fatal(res, err)
		}
	}
}

// BenchmarkCall compares one call of the generated client with the
// hand-written baseline: in memory (the clients' own cost) and over
// loopback HTTP (what a program sees).
func BenchmarkCall(b *testing.B) {
	mem := &http.Client{Transport: cannedTransport{}}
	b.Run("memory/generated", func(b *testing.B) { benchGenerated(b, mem, "https://portal.example") })
	b.Run("memory/baseline", func(b *testing.B) { benchBaseline(b, mem, "https://portal.example") })

	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, answer)
	}))
	defer srv.Close()
	b.Run("loopback/generated", func(b *testing.B) { benchGenerated(b, srv.Client(), srv.URL) })
	b.Run("loopback/baseline", func(b *testing.B) { benchBaseline(b, srv.Client(), srv.URL) })
}

// BenchmarkDecode compares decoding a result into the generated tolerant
// types with decoding it into plain encoding/json types.
func BenchmarkDecode(b *testing.B) {
	var env struct {
		Result json.RawMessage `json:"result"`
	}
	if err := json.Unmarshal([]byte(answer), &env); err != nil {
		b.Fatal(err)
	}
	b.Run("tolerant", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var v fixture.NestedGetResult
			if err := json.Unmarshal(env.Result, &v); err != nil || v.ID != 42 {
				b.Fatal(v, err)
			}
		}
	})
	b.Run("plain", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var v plainResult
			if err := json.Unmarshal(env.Result, &v); err != nil || v.ID != 42 {
				b.Fatal(v, err)
			}
		}
	})
}
