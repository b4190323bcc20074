package b24server

import (
	"context"
	"runtime"
	"strings"
	"testing"
)

// FuzzBatchReferences: whatever a batch's commands reference, serving it
// allocates in proportion to its size and the body limit, never more.
func FuzzBatchReferences(f *testing.F) {
	f.Add("id=1&fields[TITLE]=$result[a]", 3)
	f.Add("id=$result[a][0]&fields[TITLE]=$result[a]$result[a]$result[a]", 40)
	f.Add("id=1&fields[TITLE]=x&select[]=$result[a]&select[]=$result[b]", 10)
	f.Add("id=$result_time[a][start]&fields[TITLE]=$result_error[z]", 2)
	const limit = 1 << 20
	m := NewMux(WithMaxBodyBytes(limit))
	big := strings.Repeat("y", 32<<10)
	Handle(m, thing, func(_ context.Context, r *thingReq) (any, error) {
		return []string{big, r.Fields.Title}, nil
	})
	f.Fuzz(func(t *testing.T, query string, copies int) {
		copies = max(1, min(copies, 50))
		var b strings.Builder
		b.WriteString(`{"halt":0,"cmd":{"a":"test.thing.add?id=1&fields[TITLE]=x"`)
		for i := range copies {
			b.WriteString(`,"c`)
			b.WriteByte(byte('a' + i%26))
			b.WriteString(`":`)
			b.WriteString(jsonQuote(query))
		}
		b.WriteString("}}")
		body := b.String()
		if len(body) > limit {
			return
		}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		w := serve(m, "application/json", "/rest/1/tok/batch", body)
		runtime.ReadMemStats(&after)
		if w.Code >= 500 {
			t.Fatalf("status %d: %.300s", w.Code, w.Body.String())
		}
		// the references may substitute the body limit in all, each
		// byte of it decoded, encoded and answered a few times over
		if n, most := int64(after.TotalAlloc-before.TotalAlloc), int64(16*len(body))+12*limit+(4<<20); n > most {
			t.Fatalf("a %d byte batch allocated %d bytes", len(body), n)
		}
	})
}

func jsonQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20:
			b.WriteString(`\u00`)
			b.WriteByte("0123456789abcdef"[r>>4])
			b.WriteByte("0123456789abcdef"[r&15])
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
