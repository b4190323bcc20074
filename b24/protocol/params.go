package protocol

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/b24gen/b24gen/b24/internal/ascii"
)

// How a portal reads the parameters of a request decoded into maps and
// lists (numbers as json.Number). The generated server checks requests by
// these rules, and the analysis checks the docs' request examples by the
// same ones.

// Param finds a parameter by name, ignoring the case of ASCII letters as
// the portal does for most methods: its name, or else, of two spellings
// sent at once (ID and Id), the first in byte order, the same on every
// call. It returns the key found.
func Param(obj map[string]any, name string) (string, any, bool) {
	if v, ok := obj[name]; ok {
		return name, v, true
	}
	found := ""
	for k := range obj {
		if ascii.EqualFold(k, name) && (found == "" || k < found) {
			found = k
		}
	}
	if found == "" {
		return "", nil, false
	}
	return found, obj[found], true
}

// List reads a list parameter: a list, a PHP array keyed by integers (an
// object: {"0":…,"2":…} after unset() or array_filter(), select[0]=ID&
// select[2]=TITLE in a form), its values in the order of their keys' values
// (a decoded object keeps no other), no element for PHP's empty values ""
// and false or for null, or a single value as a list of one.
func List(v any) ([]any, bool) {
	switch t := v.(type) {
	case nil:
		return []any{}, true
	case bool:
		if !t {
			return []any{}, true
		}
	case []any:
		return t, true
	case map[string]any:
		keys := make([]string, 0, len(t))
		for k := range t {
			if !IsArrayKey(k) {
				return nil, false
			}
			keys = append(keys, k)
		}
		// a decoded object keeps no order: the keys' own is the one PHP
		// gives an array built by index
		slices.SortFunc(keys, compareArrayKeys)
		out := make([]any, len(keys))
		for i, k := range keys {
			out[i] = t[k]
		}
		return out, true
	case string:
		if t == "" {
			return []any{}, true
		}
	}
	return []any{v}, true
}

// Keyed reads an object keyed by IDs or codes: an object, a list as the
// PHP array it is (keyed 0…n-1), none for PHP's empty values "" and false
// or for null.
func Keyed(v any) (map[string]any, bool) {
	switch t := v.(type) {
	case bool:
		return map[string]any{}, !t
	case map[string]any:
		return t, true
	case []any:
		obj := make(map[string]any, len(t))
		for i, e := range t {
			obj[strconv.Itoa(i)] = e
		}
		return obj, true
	case string:
		return map[string]any{}, t == ""
	case nil:
		return map[string]any{}, true
	}
	return nil, false
}

// compareArrayKeys orders two PHP array keys (IsArrayKey) by their value,
// without reading them as numbers: a key may be beyond int64.
func compareArrayKeys(a, b string) int {
	an, bn := strings.HasPrefix(a, "-"), strings.HasPrefix(b, "-")
	if an != bn {
		if an {
			return -1
		}
		return 1
	}
	// digits without leading zeros: the longer is the larger
	c := cmp.Or(cmp.Compare(len(a), len(b)), strings.Compare(a, b))
	if an {
		return -c
	}
	return c
}
