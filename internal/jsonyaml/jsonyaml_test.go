package jsonyaml

import (
	"encoding/json"
	"testing"

	"gopkg.in/yaml.v3"
)

func TestFromJSONKeepsOrderAndValues(t *testing.T) {
	in := `{"z":1,"a":{"s":"true","n":"12","t":true,"e":[],"o":{},"m":"line1\nline2","u":"Привет"}}`
	out, err := FromJSON([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	want := "z: 1\na:\n  s: \"true\"\n  n: \"12\"\n  t: true\n  e: []\n  o: {}\n  m: |-\n    line1\n    line2\n  u: Привет\n"
	if string(out) != want {
		t.Fatalf("got\n%s\nwant\n%s", out, want)
	}
	var back any
	if err := yaml.Unmarshal(out, &back); err != nil {
		t.Fatal(err)
	}
	var orig any
	_ = json.Unmarshal([]byte(in), &orig)
	bj, _ := json.Marshal(back)
	oj, _ := json.Marshal(orig)
	if string(bj) != string(oj) {
		t.Fatalf("round trip changed the value:\n%s\n%s", bj, oj)
	}
}

func TestFromJSONRejectsGarbage(t *testing.T) {
	if _, err := FromJSON([]byte("{")); err == nil {
		t.Fatal("want an error")
	}
}
