package params

import (
	"runtime"
	"testing"
)

// allocated runs f and returns the bytes it allocated, garbage included.
func allocated(f func()) int64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return int64(after.TotalAlloc - before.TotalAlloc)
}

// The budget bounds what a decode may hold; what it allocates in all,
// garbage included, stays within a few times that, for any input.
const allocFactor = 4

// FuzzDecodeBudget: for any form or JSON body, decoding allocates in
// proportion to the budget it was given and never panics.
func FuzzDecodeBudget(f *testing.F) {
	f.Add("id=7&fields[TITLE]=x&fields[PHONE][0][VALUE]=1", true)
	f.Add("a[][][][][][][][][][][][][][][][][][][][]=1&a[][][][][][][][][][][][][][][]=2", true)
	f.Add("a[x][y]=1&a[x][z]=2&a[]=3&a[5]=4&a[]=5", true)
	f.Add(`{"id":7,"fields":{"TITLE":"x","PHONE":[{"VALUE":"1"}]}}`, false)
	f.Add(`{"a":[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]],"b":[{},{},{},{}]}`, false)
	f.Add(`{"id":7}]]]`, false)
	f.Fuzz(func(t *testing.T, body string, form bool) {
		const budget = 64 << 10
		b := NewBudget(budget)
		var err error
		n := allocated(func() {
			if form {
				_, err = DecodeQuery(body, b)
			} else {
				_, err = DecodeJSONObject([]byte(body), b)
			}
		})
		if limit := allocFactor*int64(budget) + 8*int64(len(body)) + 64<<10; n > limit {
			t.Fatalf("decoding %d bytes allocated %d (budget %d, err %v)", len(body), n, budget, err)
		}
	})
}
