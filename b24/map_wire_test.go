package b24_test

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/b24gen/b24gen/b24"
)

// TestMapFromAPortal: a plain net/http peer answers objects keyed by IDs
// ({"1":[…],"34":[…]}, as calendar.accessibility.get does) and the ways
// PHP sends an empty or a list-shaped array: b24.Map keeps every key with
// its value, reads [] and false as none, and a list as keyed 0…n-1.
func TestMapFromAPortal(t *testing.T) {
	for _, tc := range []struct {
		name, result string
		want         b24.Map[b24.List[b24.Int]]
		wantErr      bool
	}{
		{"keyed by IDs", `{"1":["5","6"],"34":[7]}`, b24.Map[b24.List[b24.Int]]{"1": {5, 6}, "34": {7}}, false},
		{"empty list", `[]`, nil, false},
		{"false", `false`, nil, false},
		{"null", `null`, nil, false},
		{"a list, keyed 0…n-1", `[["1"],["2","3"]]`, b24.Map[b24.List[b24.Int]]{"0": {1}, "1": {2, 3}}, false},
		{"a value that is no element", `{"1":[{"a":1}]}`, nil, true},
		{"a scalar", `5`, nil, true},
	} {
		c := answering(t, `{"result":`+tc.result+`,"time":{"start":1,"finish":1,"duration":0}}`)
		var got b24.Map[b24.List[b24.Int]]
		err := c.Call(context.Background(), &b24.Method{Name: "calendar.accessibility.get"}, map[string]any{}, &got)
		if (err != nil) != tc.wantErr {
			t.Errorf("%s: error %v", tc.name, err)
			continue
		}
		if tc.name == "a value that is no element" && !strings.Contains(err.Error(), `["1"][0]: `) {
			t.Errorf("%s: %v, want it to name the key and the index", tc.name, err)
		}
		if !tc.wantErr && !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
	// it encodes as the object it read
	b, err := json.Marshal(b24.Map[b24.Int]{"2": 5, "10": 6})
	if err != nil || string(b) != `{"10":6,"2":5}` {
		t.Errorf("encoded %s, %v", b, err)
	}
}
