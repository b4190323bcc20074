package b24

// List walks against portals whose pages repeat, skip, reorder or never
// end.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
)

// listPortal serves rows with ids 1…n through a hostile list method.
type listPortal struct {
	n     int
	page  int                                     // rows per page
	serve func(f map[string]any, start int) []int // the ids to answer
	extra func(start, end int) string             // more members of the answer
	// rows without an id, added to every page
	idless []map[string]any
	calls  atomic.Int32
}

func (p *listPortal) handler(w http.ResponseWriter, r *http.Request) {
	if p.calls.Add(1) > 500 {
		w.WriteHeader(400) // a code the client does not retry
		io.WriteString(w, `{"error":"TOO_MANY_PAGES","error_description":"the walk does not end"}`)
		return
	}
	var in map[string]any
	_ = json.NewDecoder(r.Body).Decode(&in)
	f, _ := in["filter"].(map[string]any)
	start, _ := in["start"].(float64)
	ids := p.serve(f, int(start))
	rows := make([]map[string]any, 0, len(ids))
	for _, id := range ids {
		rows = append(rows, map[string]any{"ID": fmt.Sprint(id)})
	}
	rows = append(rows, p.idless...)
	js, _ := json.Marshal(rows)
	more := ""
	if p.extra != nil {
		more = p.extra(int(start), int(start)+len(ids))
	}
	fmt.Fprintf(w, `{"result":%s%s,"time":{}}`, js, more)
}

// span returns the ids from+1…from+k, at most up to n.
func (p *listPortal) span(from, k int) []int {
	var out []int
	for id := from + 1; id <= min(from+k, p.n); id++ {
		out = append(out, id)
	}
	return out
}

func gt(f map[string]any) int {
	v, _ := f[">ID"].(float64)
	return int(v)
}

// walk runs an iterator to its end and reports the ids, whether one came
// twice and the error that ended it.
func walk(seq func(func(struct{ ID Int }, error) bool)) (ids []int, twice bool, err error) {
	seenIDs := map[int]bool{}
	for row, e := range seq {
		if e != nil {
			return ids, twice, e
		}
		if seenIDs[int(row.ID)] {
			twice = true
		}
		seenIDs[int(row.ID)] = true
		ids = append(ids, int(row.ID))
	}
	return ids, twice, nil
}

// TestListWalksNeverRepeatNorEndEarly: list methods against portals that
// ignore the >ID filter, page by 20, read >ID as >=ID, ignore the order,
// omit next or overlap pages.
func TestListWalksNeverRepeatNorEndEarly(t *testing.T) {
	list := &Method{Name: "crm.deal.list", Read: true, List: &ListSpec{ID: "ID", Filter: "filter", Order: "order"}}
	type row = struct{ ID Int }
	cases := []struct {
		name  string
		p     *listPortal
		byID  bool
		want  int  // rows, when the walk must complete
		stall bool // the walk must end with an error instead
	}{
		{name: "ByID: the portal ignores >ID", byID: true, stall: true,
			p: &listPortal{n: 120, serve: func(f map[string]any, _ int) []int { return (&listPortal{n: 120}).span(0, 50) }}},
		{name: "ByID: pages of 20", byID: true, want: 1000,
			p: &listPortal{n: 1000, serve: func(f map[string]any, _ int) []int { return (&listPortal{n: 1000}).span(gt(f), 20) }}},
		{name: "ByID: >ID read as >=ID", byID: true, want: 120,
			p: &listPortal{n: 120, serve: func(f map[string]any, _ int) []int {
				if _, ok := f[">ID"]; !ok {
					return (&listPortal{n: 120}).span(0, 50)
				}
				return (&listPortal{n: 120}).span(gt(f)-1, 50)
			}}},
		{name: "ByID: order ignored (descending)", byID: true, stall: true,
			p: &listPortal{n: 120, serve: func(f map[string]any, _ int) []int {
				var out []int
				for id := 120; id > gt(f) && len(out) < 50; id-- {
					out = append(out, id)
				}
				return out
			}}},
		{name: "All: pages of 20 with next", want: 1000,
			p: &listPortal{n: 1000,
				serve: func(_ map[string]any, s int) []int { return (&listPortal{n: 1000}).span(s, 20) },
				extra: func(s, e int) string {
					if e < 1000 {
						return fmt.Sprintf(`,"next":%d,"total":1000`, e)
					}
					return `,"total":1000`
				}}},
		{name: "All: next missing, total says more", want: 120,
			p: &listPortal{n: 120,
				serve: func(_ map[string]any, s int) []int { return (&listPortal{n: 120}).span(s, 50) },
				extra: func(int, int) string { return `,"total":120` }}},
		{name: "All: the portal ignores start", stall: true,
			p: &listPortal{n: 120,
				serve: func(_ map[string]any, s int) []int { return (&listPortal{n: 120}).span(0, 50) },
				extra: func(s, e int) string { return fmt.Sprintf(`,"next":%d,"total":120`, s+50) }}},
		{name: "All: overlapping pages (next short of the page)", want: 120,
			p: &listPortal{n: 120,
				serve: func(_ map[string]any, s int) []int { return (&listPortal{n: 120}).span(s, 50) },
				extra: func(s, e int) string {
					if e < 120 {
						return fmt.Sprintf(`,"next":%d,"total":120`, s+40)
					}
					return `,"total":120`
				}}},
		{name: "All: pages that come back in a cycle", stall: true,
			p: &listPortal{n: 120,
				serve: func(_ map[string]any, s int) []int { return (&listPortal{n: 120}).span((s/50)%2*50, 50) },
				extra: func(s, e int) string { return fmt.Sprintf(`,"next":%d,"total":100000`, s+50) }}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(tc.p.handler))
			defer srv.Close()
			c := must(NewClient(srv.URL+"/rest/1/"+hWebhook+"/", WithInsecureHTTP(), WithLimiter(Unlimited()), WithLogger(testLogger())))
			seq := All[row](context.Background(), c, list, nil)
			if tc.byID {
				seq = ByID[row](context.Background(), c, list, nil)
			}
			ids, twice, err := walk(seq)
			record(err)
			if twice {
				t.Fatalf("a row came twice (%d rows yielded, %d calls)", len(ids), tc.p.calls.Load())
			}
			if tc.stall {
				if err == nil {
					t.Fatalf("the walk ended without an error after %d rows", len(ids))
				}
				return
			}
			if err != nil || len(ids) != tc.want {
				t.Fatalf("%d of %d rows, then %v (%d calls)", len(ids), tc.want, err, tc.p.calls.Load())
			}
		})
	}
}

// TestListWalksReportWhatTheyCannotWalk: portals whose list answers
// contradict themselves. A walk yields every row once or ends with an
// error naming the contradiction; it never ends early with nil.
func TestListWalksReportWhatTheyCannotWalk(t *testing.T) {
	list := &Method{Name: "crm.deal.list", Read: true, List: &ListSpec{ID: "ID", Filter: "filter", Order: "order"}}
	type row = struct{ ID Int }
	const n = 237
	all := &listPortal{n: n}
	honestNext := func(s, e int) string {
		if e < n {
			return fmt.Sprintf(`,"next":%d,"total":%d`, e, n)
		}
		return fmt.Sprintf(`,"total":%d`, n)
	}
	cases := []struct {
		name   string
		byID   bool
		p      *listPortal
		want   int // rows, when the walk must complete
		target any // the error the walk must end with instead (a pointer to a pointer to its type)
	}{
		{name: "ByID: a row below the cursor comes late", byID: true, target: new(*OrderError),
			// page 1 omits id 10 (a replica that lags); page 2 starts with it
			p: &listPortal{n: n, serve: func(f map[string]any, _ int) []int {
				ids := all.span(gt(f), 50)
				if gt(f) == 0 {
					return slices.DeleteFunc(ids, func(id int) bool { return id == 10 })
				}
				if gt(f) == 50 {
					return append([]int{10}, ids...)
				}
				return ids
			}}},
		{name: "ByID: a total smaller than the page", byID: true, want: n,
			p: &listPortal{n: n, serve: func(f map[string]any, _ int) []int { return all.span(gt(f), 50) },
				extra: func(int, int) string { return `,"total":10` }}},
		{name: "All: next skips rows", target: new(*GapError),
			p: &listPortal{n: n, serve: func(_ map[string]any, s int) []int { return all.span(s, 50) },
				extra: func(s, e int) string {
					if e < n {
						return fmt.Sprintf(`,"next":%d,"total":%d`, s+60, n)
					}
					return ""
				}}},
		{name: "All: pages short of rows the caller may not see, next as usual", want: n - 24,
			// rows whose id ends in 7 are dropped after paging, as a
			// portal drops rows its permissions hide; next is start+50
			// and the total counts the rows the caller sees
			p: &listPortal{n: n, serve: func(_ map[string]any, s int) []int {
				return slices.DeleteFunc(all.span(s, 50), func(id int) bool { return id%10 == 7 })
			}, extra: func(s, e int) string {
				if s+50 < n {
					return fmt.Sprintf(`,"next":%d,"total":%d`, s+50, n-24)
				}
				return fmt.Sprintf(`,"total":%d`, n-24)
			}}},
		{name: "All: rows without an id on every page", want: n + 2,
			p: &listPortal{n: n, serve: func(_ map[string]any, s int) []int { return all.span(s, 50) }, extra: honestNext,
				idless: []map[string]any{{"TITLE": "no id 1"}, {"TITLE": "no id 2"}}}},
		{name: "All: more rows than the total", target: new(*OverrunError),
			p: &listPortal{n: 1 << 30, serve: func(_ map[string]any, s int) []int { return (&listPortal{n: 1 << 30}).span(s, 50) },
				extra: func(s, e int) string { return fmt.Sprintf(`,"next":%d,"total":120`, e) }}},
		{name: "All: a total smaller than the page", want: n,
			p: &listPortal{n: n, serve: func(_ map[string]any, s int) []int { return all.span(s, 50) },
				extra: func(s, e int) string {
					if e < n {
						return fmt.Sprintf(`,"next":%d,"total":10`, e)
					}
					return `,"total":10`
				}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(tc.p.handler))
			defer srv.Close()
			c := must(NewClient(srv.URL+"/rest/1/"+hWebhook+"/", WithInsecureHTTP(), WithLimiter(Unlimited()), WithLogger(testLogger())))
			seq := All[row](context.Background(), c, list, nil)
			if tc.byID {
				seq = ByID[row](context.Background(), c, list, nil)
			}
			var ids []int
			seen := map[string]int{}
			var err error
			for r, e := range seq {
				if e != nil {
					err = e
					break
				}
				ids = append(ids, int(r.ID))
				seen[fmt.Sprint(r.ID)]++
			}
			record(err)
			idless := seen["0"]
			delete(seen, "0")
			for id, k := range seen {
				if k > 1 {
					t.Fatalf("row %s came %d times", id, k)
				}
			}
			if idless > len(tc.p.idless) {
				t.Fatalf("%d rows without an id yielded, %d served", idless, len(tc.p.idless))
			}
			if tc.target != nil {
				if err == nil || !errors.As(err, tc.target) {
					t.Fatalf("%d rows, then %v; want a %T", len(ids), err, tc.target)
				}
				return
			}
			if err != nil || len(ids) != tc.want {
				t.Fatalf("%d of %d rows, then %v (%d calls)", len(ids), tc.want, err, tc.p.calls.Load())
			}
		})
	}
}

// TestAllKeepsBoundedMemory: All over a list that never ends keeps the
// memory of a couple of pages, not of every row it yielded.
func TestAllKeepsBoundedMemory(t *testing.T) {
	list := &Method{Name: "crm.deal.list", Read: true, List: &ListSpec{ID: "ID", Filter: "filter", Order: "order"}}
	endless := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		var in struct{ Start int }
		_ = json.NewDecoder(r.Body).Decode(&in)
		var b strings.Builder
		b.WriteString(`{"result":[`)
		for i := range 50 {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"ID":"%d"}`, in.Start+i+1)
		}
		fmt.Fprintf(&b, `],"next":%d,"time":{}}`, in.Start+50)
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(b.String())), Request: r}, nil
	})}
	c := must(NewClient("http://portal.example/rest/1/"+hWebhook+"/", WithInsecureHTTP(), WithLimiter(Unlimited()), WithHTTPClient(endless)))
	heap := func() uint64 {
		var m runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	const rows = 400_000
	var before, after uint64
	k := 0
	for _, err := range All[struct{ ID Int }](context.Background(), c, list, nil) {
		if err != nil {
			t.Fatal(err)
		}
		k++
		switch k {
		case 100:
			before = heap()
		case rows:
			after = heap()
		}
		if k == rows {
			break
		}
	}
	if grew := int64(after) - int64(before); grew > 2<<20 {
		t.Fatalf("the walk's memory grew by %d KB over %d rows", grew>>10, rows)
	}
}
