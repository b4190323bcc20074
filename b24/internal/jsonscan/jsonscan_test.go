package jsonscan

import (
	"reflect"
	"testing"
)

func TestMembers(t *testing.T) {
	type member struct {
		Key, Value string
		Escaped    bool
	}
	collect := func(in string, stopAfter int) []member {
		var out []member
		Members([]byte(in), func(k, v []byte, esc bool) bool {
			out = append(out, member{string(k), string(v), esc})
			return len(out) != stopAfter
		})
		return out
	}
	in := ` { "a" : 1 , "b{,}" : "x,\"}{:" , "\u00e9":[ "]", {"x":"}"} ] ,"c":{ } } `
	want := []member{{`"a"`, "1", false}, {`"b{,}"`, `"x,\"}{:"`, false}, {`"\u00e9"`, `[ "]", {"x":"}"} ]`, true}, {`"c"`, "{ }", false}}
	if got := collect(in, 0); !reflect.DeepEqual(got, want) {
		t.Fatalf("%+v", got)
	}
	if got := collect(in, 2); len(got) != 2 {
		t.Fatalf("stopping after two: %+v", got)
	}
	for _, in := range []string{`{}`, `[1,2]`, `"x"`, ``, `{`} {
		if got := collect(in, 0); len(got) != 0 {
			t.Errorf("%q: %+v", in, got)
		}
	}
}
