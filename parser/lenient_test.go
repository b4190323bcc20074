package parser

import "testing"

func TestRepairJSON(t *testing.T) {
	tests := []struct {
		in, want    string
		placeholder bool
	}{
		{`{"a":1,}`, `{"a":1}`, false},
		{"{\n  \"a\": 1, // one\n  \"b\": [1, 2, ...]\n}", "{\n  \"a\": 1, \n  \"b\": [1, 2 ]\n}", false},
		{`{"a":1, ..., "b":2}`, `{"a":1,  "b":2}`, false},
		{`{"a": /* x */ 1}`, `{"a":  1}`, false},
		{`{id: 4, 'name': 'O\'Brien'}`, `{"id": 4, "name": "O'Brien"}`, false},
		{`{"attachId":**put_attach_id**}`, `{"attachId":"**put_attach_id**"}`, true},
		{`{"id":$ID,"d":$(date +%F)}`, `{"id":"$ID","d":"$(date +%F)"}`, true},
		{`{"a":"…"}`, `{"a":"…"}`, false},
		{`[…]`, `[]`, false},
	}
	for _, tt := range tests {
		got, r, err := repairJSON([]byte(tt.in))
		if err != nil {
			t.Errorf("%s: %v", tt.in, err)
			continue
		}
		if string(got) != tt.want || r.placeholder != tt.placeholder {
			t.Errorf("repairJSON(%s) = %s (placeholder %v), want %s (%v)", tt.in, got, r.placeholder, tt.want, tt.placeholder)
		}
	}
	for _, bad := range []string{`{"a":`, `{"a" 1}`, `{"a":"x`} {
		if _, _, err := repairJSON([]byte(bad)); err == nil {
			t.Errorf("%s: repaired", bad)
		}
	}
}
