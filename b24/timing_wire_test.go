package b24_test

import (
	"context"
	"testing"

	"github.com/b24gen/b24gen/b24"
)

// TestTimingFromAPortal: a plain net/http peer answers with the envelope's
// time as portals write it (numbers, numbers as text) and with members
// that do not read: the client reads what it can, member by member, and
// the answer stays an answer.
func TestTimingFromAPortal(t *testing.T) {
	for _, tc := range []struct {
		name, time string
		want       b24.Timing
	}{
		{"as documented", `{"start":1775064046,"finish":1775064046.935469,"duration":0.935,"processing":0,"date_start":"2026-04-01T20:20:46+03:00","date_finish":"2026-04-01T20:20:47+03:00","operating_reset_at":1775064646,"operating":0.5}`,
			b24.Timing{Start: 1775064046, Finish: 1775064046.935469, Duration: 0.935, DateStart: "2026-04-01T20:20:46+03:00", DateFinish: "2026-04-01T20:20:47+03:00", OperatingResetAt: 1775064646, Operating: 0.5}},
		{"numbers as text", `{"start":"12.5","operating":"3","operating_reset_at":"99"}`, b24.Timing{Start: 12.5, Operating: 3, OperatingResetAt: 99}},
		{"members that do not read", `{"start":{},"finish":[1],"operating":"x","duration":2,"date_start":{"a":1}}`, b24.Timing{Duration: 2}},
		{"escaped keys", `{"\u006fperating":2,"d\u0075ration":1}`, b24.Timing{Operating: 2, Duration: 1}},
		{"no time", `null`, b24.Timing{}},
		{"not an object", `"soon"`, b24.Timing{}},
	} {
		c := answering(t, `{"result":true,"time":`+tc.time+`}`)
		a, err := c.Do(context.Background(), &b24.Method{Name: "x.y"}, nil)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if a.Time != tc.want {
			t.Errorf("%s: time %+v, want %+v", tc.name, a.Time, tc.want)
		}
	}
}
