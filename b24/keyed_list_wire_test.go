package b24_test

import (
	"testing"
)

// TestListKeyedByIDFromAPortal: PHP encodes an array whose keys are not
// 0…n-1 (keyed by ID, or filtered) as an object, {"37":{…},"38":{…}}. A
// plain net/http peer answers fixture.item.list so: the generated client
// reads every element, in the order sent, and none is lost in Extra; an
// object whose keys are not all such numbers is one element, as before.
func TestListKeyedByIDFromAPortal(t *testing.T) {
	for _, tc := range []struct {
		name, items string
		want        []int64
	}{
		{"keyed by ID", `{"37":{"id":"37","title":"a"},"38":{"id":38,"title":"b"}}`, []int64{37, 38}},
		{"in the portal's order", `{"9":{"id":9},"2":{"id":2},"5":{"id":5}}`, []int64{9, 2, 5}},
		{"0…n-1 out of order", `{"1":{"id":11},"0":{"id":10}}`, []int64{11, 10}},
		{"filtered", `{"0":{"id":1},"2":{"id":3}}`, []int64{1, 3}},
		{"one element, not keyed", `{"id":4,"title":"d"}`, []int64{4}},
		{"keys that are no PHP integers", `{"07":{"id":1},"8":{"id":2}}`, []int64{0}},
		// JSON may escape any character of a key: the key is what it
		// decodes to
		// beyond PHP_INT_MAX a key is a string to PHP: no list
		{"a key beyond PHP's integers", `{"9223372036854775808":{"id":1},"1":{"id":2}}`, []int64{0}},
		{"keys with escaped digits", `{"\u0033\u0037":{"id":37},"3\u0038":{"id":38}}`, []int64{37, 38}},
	} {
		res, err := itemsAnswered(t, tc.items)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		var got []int64
		for _, it := range res.Items {
			got = append(got, int64(it.ID))
		}
		if len(got) != len(tc.want) {
			t.Errorf("%s: ids %v, want %v", tc.name, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%s: ids %v, want %v", tc.name, got, tc.want)
				break
			}
		}
	}
}
