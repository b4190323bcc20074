package b24

import (
	"encoding/json"
	"testing"
	"time"
)

func TestTolerantDecoding(t *testing.T) {
	type rec struct {
		ID   Int      `json:"ID"`
		Sum  Float    `json:"SUM"`
		On   Bool     `json:"ON"`
		Flag Flag     `json:"FLAG"`
		Day  Date     `json:"DAY"`
		At   DateTime `json:"AT"`
	}
	tests := []struct {
		in   string
		want rec
	}{
		{`{"ID":12,"SUM":1.5,"ON":true,"FLAG":"Y","DAY":"2024-09-03","AT":"2024-09-03T14:10:18+02:00"}`,
			rec{12, 1.5, true, Yes, Date{time.Date(2024, 9, 3, 0, 0, 0, 0, time.UTC)}, DateTime{time.Date(2024, 9, 3, 14, 10, 18, 0, time.FixedZone("", 7200))}}},
		{`{"ID":"12","SUM":"1.5","ON":"Y","FLAG":true,"DAY":"","AT":""}`, rec{ID: 12, Sum: 1.5, On: true, Flag: Yes}},
		{`{"ID":"","SUM":null,"ON":"N","FLAG":false,"DAY":null,"AT":null}`, rec{Flag: No}},
		{`{"ID":12.0,"ON":0,"FLAG":"M"}`, rec{ID: 12, Flag: "M"}},
		{`{"ID":[],"ON":"1"}`, rec{On: true}},
	}
	for _, tt := range tests {
		var got rec
		if err := json.Unmarshal([]byte(tt.in), &got); err != nil {
			t.Errorf("%s: %v", tt.in, err)
			continue
		}
		if got.ID != tt.want.ID || got.Sum != tt.want.Sum || got.On != tt.want.On || got.Flag != tt.want.Flag ||
			!got.Day.Equal(tt.want.Day.Time) || !got.At.Equal(tt.want.At.Time) {
			t.Errorf("%s: got %+v want %+v", tt.in, got, tt.want)
		}
	}
	// NaN and infinities are no numbers a portal sends (PHP's json_encode
	// refuses them), and encoding/json could not write them back
	for _, bad := range []string{`{"ID":"x"}`, `{"ID":1.5}`, `{"ID":{}}`, `{"ON":"maybe"}`, `{"DAY":"soon"}`,
		`{"SUM":"NaN"}`, `{"SUM":"nan"}`, `{"SUM":"Inf"}`, `{"SUM":"-Infinity"}`, `{"SUM":"+INF"}`, `{"SUM":"1e400"}`} {
		var got rec
		if err := json.Unmarshal([]byte(bad), &got); err == nil {
			t.Errorf("%s: accepted", bad)
		}
	}
}

func TestOptEncoding(t *testing.T) {
	type req struct {
		A Opt[Int]    `json:"a,omitzero"`
		B Opt[string] `json:"b,omitzero"`
		C Opt[Bool]   `json:"c,omitzero"`
		D Opt[Int]    `json:"d,omitzero"`
		L []string    `json:"l,omitzero"`
	}
	b, err := json.Marshal(req{A: Some[Int](0), B: Some(""), C: Some[Bool](false), L: []string{}})
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"a":0,"b":"","c":false,"l":[]}` {
		t.Fatalf("set zero values must be sent, unset ones left out: %s", b)
	}
	var back req
	if err := json.Unmarshal([]byte(`{"a":"5","d":null}`), &back); err != nil {
		t.Fatal(err)
	}
	if v, ok := back.A.Get(); !ok || v != 5 || back.D.Set {
		t.Fatalf("%+v", back)
	}
}

// TestDateTimeRoundTrip: a date and time encodes as what decodes to the
// same instant, fractions of a second included.
func TestDateTimeRoundTrip(t *testing.T) {
	for _, in := range []string{`"2024-09-03 14:10:18.5"`, `"2024-09-03T14:10:18.123456789+03:00"`, `"03.09.2024 14:10:18"`, `"0000-00-00 00:00:00"`} {
		var d, again DateTime
		if err := json.Unmarshal([]byte(in), &d); err != nil {
			t.Errorf("%s: %v", in, err)
			continue
		}
		b, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &again); err != nil || !again.Equal(d.Time) {
			t.Errorf("%s: encoded %s, read back %v (%v), want %v", in, b, again, err, d)
		}
	}
}
