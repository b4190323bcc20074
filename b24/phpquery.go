package b24

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/b24gen/b24gen/b24/internal/params"
)

// PHP's bracket syntax for nested parameters in query strings and form
// bodies (`fields[TITLE]=x&ids[]=1`) is how Bitrix24 reads form-encoded
// calls and the commands of a batch. The functions below translate between
// it and JSON values.

// Limits that keep hostile input from exhausting the decoder; they match
// PHP's defaults (max_input_nesting_level, max_input_vars) in spirit.
const (
	MaxQueryDepth = params.MaxDepth
	MaxQueryVars  = params.MaxVars
)

// ErrQueryTooDeep, ErrQueryTooLarge and ErrQueryTooComplex report input
// beyond the limits: nesting, the number of values, the memory its tree
// would take.
var (
	ErrQueryTooDeep    = params.ErrTooDeep
	ErrQueryTooLarge   = params.ErrTooLarge
	ErrQueryTooComplex = params.ErrTooComplex
)

// EncodeQuery encodes a JSON object as a PHP bracket query string, keeping
// the order of its keys (some methods read their parameters in order).
// Booleans encode as 1 and 0, as PHP's http_build_query does; null, empty
// arrays and empty objects as an empty value, so that the key still
// reaches the method (omitting it would mean "leave unchanged").
func EncodeQuery(obj []byte) (string, error) {
	dec := json.NewDecoder(bytes.NewReader(obj))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return "", fmt.Errorf("b24: encode query: %w", err)
	}
	if tok == nil {
		return "", nil
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return "", fmt.Errorf("b24: encode query: parameters must be a JSON object")
	}
	var b strings.Builder
	if err := encodeMembers(dec, &b, "", true, 0); err != nil {
		return "", fmt.Errorf("b24: encode query: %w", err)
	}
	return b.String(), nil
}

// encodeMembers encodes the members of an object or array whose opening
// delimiter has been read, under prefix. Array members get their index as
// key, as in PHP.
func encodeMembers(dec *json.Decoder, b *strings.Builder, prefix string, object bool, depth int) error {
	if depth > MaxQueryDepth {
		return ErrQueryTooDeep
	}
	for index := 0; dec.More(); index++ {
		key := strconv.Itoa(index)
		if object {
			tok, err := dec.Token()
			if err != nil {
				return err
			}
			key, _ = tok.(string)
			if !phpKey(key, prefix == "") {
				return fmt.Errorf("the key %q cannot be written in PHP's bracket syntax, which would read it as another", key)
			}
		}
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		name := url.QueryEscape(key)
		if prefix != "" {
			name = prefix + "%5B" + name + "%5D"
		}
		if err := encodeValue(dec, b, name, tok, depth); err != nil {
			return err
		}
	}
	_, err := dec.Token() // the closing delimiter
	return err
}

// phpKey reports whether PHP reads key back as written: not empty, no
// "]" (which ends a bracketed key early), no "[" at the top level (which
// starts one).
func phpKey(key string, top bool) bool {
	return key != "" && !strings.Contains(key, "]") && !(top && strings.Contains(key, "["))
}

func encodeValue(dec *json.Decoder, b *strings.Builder, name string, tok json.Token, depth int) error {
	switch v := tok.(type) {
	case json.Delim:
		mark := b.Len()
		if err := encodeMembers(dec, b, name, v == '{', depth+1); err != nil {
			return err
		}
		if b.Len() == mark {
			writePair(b, name, "")
		}
	case string:
		writePair(b, name, v)
	case json.Number:
		writePair(b, name, v.String())
	case bool:
		if v {
			writePair(b, name, "1")
		} else {
			writePair(b, name, "0")
		}
	case nil:
		writePair(b, name, "")
	}
	return nil
}

func writePair(b *strings.Builder, name, value string) {
	if b.Len() > 0 {
		b.WriteByte('&')
	}
	b.WriteString(name)
	b.WriteByte('=')
	b.WriteString(url.QueryEscape(value))
}

// DecodeQuery decodes a PHP bracket query string into a JSON-like value:
// map[string]any for objects, []any for PHP arrays whose keys are 0…n-1 in
// order, and strings for values. The tree may cost at most 8 times the
// query's size above 1 MiB of memory; a shape that would cost more is
// refused.
func DecodeQuery(q string) (map[string]any, error) {
	return params.DecodeQuery(q, params.For(len(q)))
}

// DecodeValues decodes already-split form values (url.Values keeps the
// order of repeated keys only), for multipart forms, within the same
// budget as DecodeQuery.
func DecodeValues(keys []string, values []string) (map[string]any, error) {
	size := 0
	for i := range keys {
		size += len(keys[i]) + len(values[i])
	}
	return params.DecodeValues(keys, values, params.For(size))
}
