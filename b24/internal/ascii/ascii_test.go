package ascii

import "testing"

func TestFold(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"BATCH", "batch", true},
		{"Crm.Deal.List", "crm.deal.list", true},
		{"BİCONNECTOR", "biconnector", false},
		{"ſource", "source", false},
		{"\u212Aelvin", "kelvin", false},
		{"abc", "abcd", false},
		{"", "", true},
	} {
		if got := EqualFold(tc.a, tc.b); got != tc.want {
			t.Errorf("EqualFold(%q, %q) = %v", tc.a, tc.b, got)
		}
		if got := Lower(tc.a) == Lower(tc.b); got != tc.want {
			t.Errorf("Lower(%q) == Lower(%q) is %v", tc.a, tc.b, got)
		}
	}
	if got := Lower("BİG"); got != "bİg" {
		t.Errorf("Lower(BİG) = %q", got)
	}
}
