package b24server

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"

	"github.com/b24gen/b24gen/b24"
)

type rowsReq struct {
	Start b24.Opt[b24.Int] `json:"start"`
}

// TestListPaging: a list method's answer carries total and a numeric
// next while rows remain, as a portal's does, in single calls and in
// batch; start=-1 asks for no count.
func TestListPaging(t *testing.T) {
	spec := &b24.Method{Name: "test.row.list", Read: true, List: &b24.ListSpec{ID: "ID"},
		Params: []b24.Param{{Name: "start", Type: b24.TypeInteger}}}
	m := NewMux()
	Handle(m, spec, func(ctx context.Context, r *rowsReq) ([]map[string]int, error) {
		start := int(r.Start.Value)
		if start < 0 {
			start = 0
		} else {
			SetTotal(ctx, 120)
		}
		var rows []map[string]int
		for i := start; i < min(start+50, 120); i++ {
			rows = append(rows, map[string]int{"ID": i + 1})
		}
		return rows, nil
	})
	srv := httptest.NewServer(m)
	defer srv.Close()
	url := srv.URL + "/rest/1/tok/test.row.list.json"
	for _, tt := range []struct {
		body        string
		total, next any
	}{
		{`{}`, 120.0, 50.0},
		{`{"start":50}`, 120.0, 100.0},
		{`{"start":"100"}`, 120.0, nil},
		{`{"start":-1}`, nil, nil},
	} {
		_, body := post(t, url, tt.body)
		if body["total"] != tt.total || body["next"] != tt.next {
			t.Errorf("%s: total %v next %v, want %v %v", tt.body, body["total"], body["next"], tt.total, tt.next)
		}
		tm, _ := body["time"].(map[string]any)
		for _, k := range []string{"start", "finish", "duration", "processing", "date_start", "date_finish", "operating", "operating_reset_at"} {
			if _, ok := tm[k]; !ok {
				t.Errorf("%s: time has no %s: %v", tt.body, k, tm)
			}
		}
	}
	_, body := post(t, srv.URL+"/rest/1/tok/batch", `{"halt":0,"cmd":{"a":"test.row.list?start=0","b":"test.row.list?start=100"}}`)
	res, _ := body["result"].(map[string]any)
	got := fmt.Sprint(res["result_total"], res["result_next"])
	if got != "map[a:120 b:120] map[a:50]" {
		t.Errorf("batch totals and nexts: %s (%v)", got, body)
	}
}
