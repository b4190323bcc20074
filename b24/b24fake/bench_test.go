package b24fake_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/b24gen/b24gen/b24/b24fake"
	"github.com/b24gen/b24gen/generated"
)

// handWritten is what a careful hand-written net/http handler of
// biconnector.source.delete does for the same requests: decode the JSON
// body, check the id, answer the envelope; and for batch, decode cmd, parse
// each command's query, run it and gather the results.
func handWritten() http.Handler {
	type timing struct {
		Start            float64 `json:"start"`
		Finish           float64 `json:"finish"`
		Duration         float64 `json:"duration"`
		Processing       float64 `json:"processing"`
		DateStart        string  `json:"date_start"`
		DateFinish       string  `json:"date_finish"`
		OperatingResetAt int64   `json:"operating_reset_at"`
		Operating        float64 `json:"operating"`
	}
	now := func(start time.Time) timing {
		end := time.Now()
		d := end.Sub(start).Seconds()
		return timing{float64(start.UnixNano()) / 1e9, float64(end.UnixNano()) / 1e9, d, d,
			start.Format(time.RFC3339), end.Format(time.RFC3339), end.Add(10 * time.Minute).Unix(), d}
	}
	type errorEnvelope struct {
		Error       string `json:"error"`
		Description string `json:"error_description"`
	}
	deleteSource := func(id any) (bool, *errorEnvelope) {
		switch v := id.(type) {
		case float64:
			return v > 0, nil
		case string:
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return false, &errorEnvelope{"VALIDATION_INVALID_ID_FORMAT", "ID has to be a positive integer."}
			}
			return n > 0, nil
		case nil:
			return false, &errorEnvelope{"VALIDATION_ID_NOT_PROVIDED", "ID is missing."}
		}
		return false, &errorEnvelope{"VALIDATION_INVALID_ID_FORMAT", "ID has to be a positive integer."}
	}
	write := func(w http.ResponseWriter, v any) {
		b, _ := json.Marshal(v)
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_, _ = w.Write(b)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		var body map[string]any
		if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 8<<20)).Decode(&body); err != nil {
			w.WriteHeader(400)
			write(w, errorEnvelope{"INVALID_REQUEST", err.Error()})
			return
		}
		switch {
		case strings.HasSuffix(r.URL.Path, "/biconnector.source.delete"):
			ok, e := deleteSource(body["id"])
			if e != nil {
				write(w, e)
				return
			}
			write(w, map[string]any{"result": ok, "time": now(start)})
		case strings.HasSuffix(r.URL.Path, "/batch"):
			cmd, _ := body["cmd"].(map[string]any)
			results, errs, times := map[string]any{}, map[string]any{}, map[string]any{}
			for key, c := range cmd {
				s, _ := c.(string)
				_, query, _ := strings.Cut(s, "?")
				q, err := url.ParseQuery(query)
				if err != nil {
					errs[key] = errorEnvelope{"INVALID_REQUEST", err.Error()}
					continue
				}
				var id any
				if v := q.Get("id"); v != "" {
					id = v
				}
				cs := time.Now()
				ok, e := deleteSource(id)
				if e != nil {
					errs[key] = e
					continue
				}
				results[key], times[key] = ok, now(cs)
			}
			write(w, map[string]any{"result": map[string]any{"result": results, "result_error": errs, "result_total": []any{}, "result_next": []any{}, "result_time": times}, "time": now(start)})
		default:
			w.WriteHeader(404)
			write(w, errorEnvelope{"ERROR_METHOD_NOT_FOUND", "Method not found!"})
		}
	})
}

func fakePortal() http.Handler {
	p := b24fake.New()
	generated.RegisterFakes(p)
	return p
}

// batchBody is a batch of 50 biconnector.source.delete commands.
func batchBody() string {
	var b strings.Builder
	b.WriteString(`{"halt":0,"cmd":{`)
	for i := range 50 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"c%d":"biconnector.source.delete?id=%d"`, i, i+1)
	}
	b.WriteString("}}")
	return b.String()
}

// BenchmarkServe measures the fake portal against the hand-written
// handler over loopback HTTP, 8 concurrent clients per core: requests per
// second and the 99th percentile latency, for one call and for a batch of
// 50 commands.
func BenchmarkServe(b *testing.B) {
	for _, kind := range []struct {
		name, method, body string
	}{
		{"single", "biconnector.source.delete", `{"id":4}`},
		{"batch50", "batch", batchBody()},
	} {
		for _, server := range []struct {
			name string
			h    http.Handler
		}{
			{"fake", fakePortal()},
			{"handwritten", handWritten()},
		} {
			b.Run(kind.name+"/"+server.name, func(b *testing.B) {
				srv := httptest.NewServer(server.h)
				defer srv.Close()
				tr := &http.Transport{MaxIdleConnsPerHost: 256}
				defer tr.CloseIdleConnections()
				client := &http.Client{Transport: tr}
				target := srv.URL + "/rest/1/tok/" + kind.method
				var mu sync.Mutex
				var latencies []time.Duration
				b.SetParallelism(8)
				b.ResetTimer()
				start := time.Now()
				b.RunParallel(func(pb *testing.PB) {
					var mine []time.Duration
					for pb.Next() {
						t0 := time.Now()
						resp, err := client.Post(target, "application/json", bytes.NewReader([]byte(kind.body)))
						if err != nil {
							b.Error(err)
							return
						}
						body, _ := io.ReadAll(resp.Body)
						resp.Body.Close()
						if resp.StatusCode != 200 || !bytes.Contains(body, []byte(`"result"`)) {
							b.Errorf("%d %s", resp.StatusCode, body)
							return
						}
						mine = append(mine, time.Since(t0))
					}
					mu.Lock()
					latencies = append(latencies, mine...)
					mu.Unlock()
				})
				elapsed := time.Since(start)
				b.StopTimer()
				if len(latencies) == 0 {
					return
				}
				slices.Sort(latencies)
				b.ReportMetric(float64(len(latencies))/elapsed.Seconds(), "req/s")
				b.ReportMetric(float64(latencies[len(latencies)*99/100].Microseconds()), "p99-µs")
			})
		}
	}
}

// BenchmarkBatchInProcess is the 50-command batch of BenchmarkServe without
// the network: the servers' own cost, steadier than over loopback.
func BenchmarkBatchInProcess(b *testing.B) {
	body := batchBody()
	for _, server := range []struct {
		name string
		h    http.Handler
	}{
		{"fake", fakePortal()},
		{"handwritten", handWritten()},
	} {
		b.Run(server.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r := httptest.NewRequest(http.MethodPost, "/rest/1/tok/batch", strings.NewReader(body))
				r.Header.Set("Content-Type", "application/json")
				w := httptest.NewRecorder()
				server.h.ServeHTTP(w, r)
				if w.Code != 200 {
					b.Fatal(w.Body.String())
				}
			}
		})
	}
}
