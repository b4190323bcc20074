package model

import (
	"testing"

	"github.com/b24gen/b24gen/b24/protocol"
)

// TestBaseTable: the table has one row per base type, in protocol's order,
// and no spelling names two types.
func TestBaseTable(t *testing.T) {
	if len(bases) != len(protocol.Types) {
		t.Fatalf("%d rows for %d base types", len(bases), len(protocol.Types))
	}
	seen := map[string]Base{}
	for i, row := range bases {
		if row.Base != protocol.Types[i] {
			t.Errorf("row %d is %s, want %s", i, row.Base, protocol.Types[i])
		}
		if row.RuntimeConst == "" {
			t.Errorf("%s has no runtime constant", row.Base)
		}
		for _, s := range append([]string{string(row.Base)}, row.Spellings...) {
			if other, dup := seen[s]; dup {
				t.Errorf("%q spells %s and %s", s, other, row.Base)
			}
			seen[s] = row.Base
			if got, ok := BaseNamed(s); !ok || got != row.Base {
				t.Errorf("BaseNamed(%q) = %q, %v", s, got, ok)
			}
		}
	}
}
