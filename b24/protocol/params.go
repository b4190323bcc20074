package protocol

import (
	"strconv"

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

// List reads a list parameter: a list, a PHP array with the keys 0…n-1 (an
// object), no element for "", or a single value as a list of one.
func List(v any) ([]any, bool) {
	switch t := v.(type) {
	case []any:
		return t, true
	case map[string]any:
		out := make([]any, 0, len(t))
		for i := range len(t) {
			e, ok := t[strconv.Itoa(i)]
			if !ok {
				return nil, false
			}
			out = append(out, e)
		}
		return out, true
	case string:
		if t == "" {
			return []any{}, true
		}
	}
	return []any{v}, true
}
