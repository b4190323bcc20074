package b24

import (
	"encoding/json"
	"testing"
)

func TestLocalizedJSON(t *testing.T) {
	for _, tc := range []struct{ in, out string }{
		{`"Сумма"`, `"Сумма"`},
		{`{"ru":"Сумма","en":"Amount"}`, `{"en":"Amount","ru":"Сумма"}`},
		{`{"ru":7}`, `{"ru":"7"}`},
		{`12`, `"12"`},
		{`[]`, `""`}, {`""`, `""`}, {`null`, `""`}, {`{}`, `""`},
	} {
		var l Localized
		if err := json.Unmarshal([]byte(tc.in), &l); err != nil {
			t.Errorf("%s: %v", tc.in, err)
			continue
		}
		if got, _ := json.Marshal(l); string(got) != tc.out {
			t.Errorf("%s: read back as %s, want %s", tc.in, got, tc.out)
		}
	}
	for _, in := range []string{`["a"]`, `{"ru":{"a":1}}`, `{"ru":["a"]}`} {
		var l Localized
		if err := json.Unmarshal([]byte(in), &l); err == nil {
			t.Errorf("%s: read as %+v", in, l)
		}
	}
	var req struct {
		Label Localized `json:"label,omitzero"`
	}
	if b, _ := json.Marshal(req); string(b) != `{}` {
		t.Errorf("an empty Localized is sent: %s", b)
	}
}
