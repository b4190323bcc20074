package params

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

var kept any

// liveHeap is the heap that decode's result holds once garbage is gone.
func liveHeap(decode func() any) int64 {
	var before, after runtime.MemStats
	kept = nil
	runtime.GC()
	runtime.ReadMemStats(&before)
	kept = decode()
	runtime.GC()
	runtime.ReadMemStats(&after)
	return int64(after.HeapAlloc) - int64(before.HeapAlloc)
}

func repeat(prefix, unit, suffix string, n int) string {
	return prefix + strings.Repeat(unit, n) + suffix
}

// TestCostModel: what the budget charges for a shape is not less than
// what decoding it really holds (within a quarter), so that a budget of N
// bytes bounds the heap a decode can take near N.
func TestCostModel(t *testing.T) {
	if testing.Short() {
		t.Skip("measures the heap")
	}
	jsonShapes := map[string]string{
		"empty lists":     repeat(`{"a":[`, `[],`, `[]]}`, 100000),
		"lists of one":    repeat(`{"a":[`, `[1],`, `[]]}`, 100000),
		"empty objects":   repeat(`{"a":[`, `{},`, `{}]}`, 100000),
		"objects of one":  repeat(`{"a":[`, `{"a":1},`, `{}]}`, 100000),
		"objects of nine": repeat(`{"a":[`, `{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9},`, `{}]}`, 20000),
		"small numbers":   repeat(`{"a":[`, `1,`, `1]}`, 200000),
		"empty strings":   repeat(`{"a":[`, `"",`, `1]}`, 200000),
		"booleans":        repeat(`{"a":[`, `true,`, `1]}`, 200000),
		"deep lists":      repeat(`{"a":[`, strings.Repeat("[", 60)+strings.Repeat("]", 60)+",", `1]}`, 2000),
		"deep objects":    repeat(`{"a":[`, strings.Repeat(`{"a":`, 60)+"1"+strings.Repeat("}", 60)+",", `1]}`, 2000),
		"a deal's fields": repeat(`{"fields":{"PHONE":[`, `{"VALUE":"+7 999 123-45-67","VALUE_TYPE":"WORK"},`, `{}]}}`, 20000),
	}
	for name, body := range jsonShapes {
		t.Run("JSON "+name, func(t *testing.T) {
			checkCharge(t, body, func(b *Budget) (any, error) { return DecodeJSONObject([]byte(body), b) })
		})
	}
	formShapes := map[string]string{
		"deep keys":      formKeys(2000, func(i int) string { return fmt.Sprintf("k%d%s=1", i, strings.Repeat("[]", 60)) }),
		"wide list":      formKeys(9000, func(int) string { return "a[]=1" }),
		"list of pairs":  formKeys(4000, func(i int) string { return fmt.Sprintf("f[PHONE][%d][VALUE]=1&f[PHONE][%d][TYPE]=W", i/2, i/2) }),
		"flat":           formKeys(9900, func(i int) string { return fmt.Sprintf("k%d=v", i) }),
		"objects of one": formKeys(9000, func(i int) string { return fmt.Sprintf("a[k%d][x]=1", i) }),
	}
	for name, body := range formShapes {
		t.Run("form "+name, func(t *testing.T) {
			checkCharge(t, body, func(b *Budget) (any, error) { return DecodeQuery(body, b) })
		})
	}
}

// checkCharge decodes body and fails if what the tree holds is more than
// a quarter above what the budget charged for it.
func checkCharge(t *testing.T, body string, decode func(*Budget) (any, error)) {
	t.Helper()
	b := NewBudget(1 << 40)
	live := liveHeap(func() any {
		v, err := decode(b)
		if err != nil {
			t.Fatal(err)
		}
		return v
	})
	charged := 1<<40 - b.Left()
	t.Logf("%d bytes: charged %d (%.1f×), holds %d (%.1f×)", len(body), charged, float64(charged)/float64(len(body)), live, float64(live)/float64(len(body)))
	if float64(live) > 1.25*float64(charged) {
		t.Errorf("decoding holds %d bytes, the budget charged %d", live, charged)
	}
}

func formKeys(n int, key func(int) string) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = key(i)
	}
	return strings.Join(parts, "&")
}
