package parser

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// BenchmarkLongTable reads a page whose parameter table has n rows: the
// time per row must not grow with n (it did, as n², when each row was
// checked against every row before it for a duplicate name). Compare the
// ns/row of the sizes.
func BenchmarkLongTable(b *testing.B) {
	for _, n := range []int{5000, 20000} {
		var page strings.Builder
		page.WriteString("# Метод demo.long.get\n\n## Параметры метода\n\n#|\n|| **Название**\n`тип` | **Описание** ||\n")
		for i := range n {
			fmt.Fprintf(&page, "|| **F%d**\n[`string`](../data-types.md) | Поле %d ||\n", i, i)
		}
		page.WriteString("|#\n")
		fsys := fstest.MapFS{"api-reference/demo/demo-long-get.md": &fstest.MapFile{Data: []byte(page.String())}}
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := Parse(fsys, Options{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/row")
		})
	}
}
