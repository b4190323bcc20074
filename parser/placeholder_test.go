package parser

import (
	"bytes"
	"encoding/json"
	"testing"
)

// placeholderByTokens is hasPlaceholderString with the strings read by
// json.Decoder.Token: the reference for the in-place reading.
func placeholderByTokens(b []byte) bool {
	if !mayHavePlaceholder(b) {
		return false
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	var r placeholderReader
	for {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		s, ok := tok.(string)
		if !ok {
			r.other()
			continue
		}
		if decided, placeholder := r.str(s); decided {
			return placeholder
		}
	}
}

var placeholderSeeds = []string{
	`{"ID": "**put_id_here**"}`,
	`{"auth": "**token**", "id": 1}`,
	`["auth", "**x**"]`,
	`{"auth": 1, "x": "**y**"}`,
	`{"a": "\u003cID\u003e"}`,
	`{"a": "<ID>"}`,
	`{"a": "<two words>"}`,
	`{"a": "your_invoice_id"}`,
	`{"a": "your invoice"}`,
	`{"a": "\"**x**\""}`,
	`{"**": "**"}`,
	`[true, "auth", false, "**x**", null, -1.5e3, "<a>"]`,
	`"**only**"`,
	`{"a": {"auth": {"b": "**c**"}}}`,
	` { "a" : [ "auth" , "**x**" ] } `,
	`{"a\\": "<b>"}`,
}

func TestPlaceholderString(t *testing.T) {
	for _, s := range placeholderSeeds {
		if got, want := hasPlaceholderString([]byte(s)), placeholderByTokens([]byte(s)); got != want {
			t.Errorf("%s: %v, the tokens say %v", s, got, want)
		}
	}
}

func FuzzPlaceholderString(f *testing.F) {
	for _, s := range placeholderSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !json.Valid([]byte(s)) {
			return
		}
		if got, want := hasPlaceholderString([]byte(s)), placeholderByTokens([]byte(s)); got != want {
			t.Fatalf("%s: %v, the tokens say %v", s, got, want)
		}
	})
}
