package b24server

import (
	"context"
	"encoding/json"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/b24gen/b24gen/b24"
	"github.com/b24gen/b24gen/b24/internal/ascii"
	"github.com/b24gen/b24gen/b24/internal/jsonscan"
)

// The parameters of a call are decoded into maps, which do not keep the
// order of an object's members; for an order (b24.Order) that order is the
// sort's precedence. The request's raw body and query go with the call's
// context, and the orders of a typed request are put back in the order
// their members were sent.

// rawRequest is the body and query string of a call, as sent: a JSON or
// PHP form body, or the names of a multipart form's values in order.
type rawRequest struct {
	body  []byte
	form  bool
	names []string
	query string
}

type rawRequestKey struct{}

// orderField is a b24.Order member of a request type: its index and its
// parameter's name.
type orderField struct {
	index int
	name  string
}

// orderFields returns the b24.Order members of a request type, found once
// when a method is registered rather than on every call.
func orderFields(t reflect.Type) []orderField {
	if t.Kind() != reflect.Struct {
		return nil
	}
	var out []orderField
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if f.Type == reflect.TypeFor[b24.Order]() && f.IsExported() && name != "" && name != "-" {
			out = append(out, orderField{index: i, name: name})
		}
	}
	return out
}

// keepPrecedence reorders the orders of a request (a struct value whose
// fields are orders) as the call sent them. The call may spell the
// parameter more than once (twice in a JSON body, in other cases, in the
// query string and the body); the keys are taken from the last spelling,
// the body's before the query's, whose keys are the ones decoded.
func keepPrecedence(ctx context.Context, req reflect.Value, orders []orderField) {
	raw, ok := ctx.Value(rawRequestKey{}).(rawRequest)
	if !ok {
		return
	}
	for _, f := range orders {
		order := req.Field(f.index).Interface().(b24.Order)
		if len(order) < 2 {
			continue
		}
		var spellings [][]string // in increasing preference
		spellings = append(spellings, formOrders(splitQuery(raw.query), f.name, true)...)
		switch {
		case raw.names != nil:
			spellings = append(spellings, formOrders(raw.names, f.name, true)...)
		case raw.form:
			spellings = append(spellings, formOrders(splitQuery(string(raw.body)), f.name, true)...)
		default:
			spellings = append(spellings, jsonOrders(raw.body, f.name, true)...)
		}
		for _, keys := range slices.Backward(spellings) {
			if sameKeys(order, keys) {
				sortAs(order, keys)
				break
			}
		}
	}
}

// sameKeys reports whether keys, without repeats, are the fields of o.
func sameKeys(o b24.Order, keys []string) bool {
	if len(keys) != len(o) {
		return false
	}
	fields := make(map[string]bool, len(o))
	for _, k := range o {
		fields[k.Field] = true
	}
	for _, k := range keys {
		if !fields[k] {
			return false
		}
	}
	return true
}

// sortAs orders the keys of o as they come in keys.
func sortAs(o b24.Order, keys []string) {
	at := make(map[string]int, len(keys))
	for i, k := range keys {
		at[k] = i
	}
	slices.SortStableFunc(o, func(a, b b24.OrderBy) int { return at[a.Field] - at[b.Field] })
}

// jsonOrders returns the keys of each object member of a JSON body named
// param (in any case, with fold), in the order they were sent, in the
// order of the members.
func jsonOrders(body []byte, param string, fold bool) [][]string {
	var out [][]string
	jsonscan.Members(body, func(key, value []byte, escaped bool) bool {
		if !sameName(keyText(key, escaped), param, fold) {
			return true
		}
		keys := []string{}
		seen := map[string]bool{}
		jsonscan.Members(value, func(k, _ []byte, escaped bool) bool {
			if k := keyText(k, escaped); !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
			return true
		})
		out = append(out, keys)
		return true
	})
	return out
}

// formOrders returns, for each spelling of param (in any case, with
// fold) among the names of a PHP form (param[key]=…), the keys in the
// order they were sent, in the order of the spellings' first use.
func formOrders(names []string, param string, fold bool) [][]string {
	var spellings []string
	keys := map[string][]string{}
	seen := map[string]bool{}
	for _, n := range names {
		open := strings.IndexByte(n, '[')
		end := strings.IndexByte(n, ']')
		if open <= 0 || end <= open+1 {
			continue
		}
		spelling, key := n[:open], validText(n[open+1:end])
		if !sameName(spelling, param, fold) {
			continue
		}
		if _, ok := keys[spelling]; !ok {
			spellings = append(spellings, spelling)
		}
		if !seen[spelling+"["+key] {
			seen[spelling+"["+key] = true
			keys[spelling] = append(keys[spelling], key)
		}
	}
	out := make([][]string, 0, len(spellings))
	for _, s := range spellings {
		out = append(out, keys[s])
	}
	return out
}

// splitQuery returns the names of a PHP query string's values, unescaped,
// in order.
func splitQuery(q string) []string {
	var names []string
	for part := range strings.SplitSeq(q, "&") {
		k, _, _ := strings.Cut(part, "=")
		if k, err := url.QueryUnescape(k); err == nil && k != "" {
			names = append(names, k)
		}
	}
	return names
}

// sameName reports whether a parameter's name is param: exactly, or with
// fold in any case of its ASCII letters.
func sameName(name, param string, fold bool) bool {
	return name == param || fold && ascii.EqualFold(name, param)
}

// memberOrder returns the keys of the object member param (exactly so
// named) of a JSON body, or of a PHP form (param[key]=…), in the order
// they were sent, from its last occurrence; nil when the body does not
// send it.
func memberOrder(body []byte, form bool, param string) []string {
	var orders [][]string
	if form {
		orders = formOrders(splitQuery(string(body)), param, false)
	} else {
		orders = jsonOrders(body, param, false)
	}
	if len(orders) == 0 {
		return nil
	}
	return orders[len(orders)-1]
}

// keyText returns the text of a JSON key as written (quoted), as
// encoding/json decodes it.
func keyText(key []byte, escaped bool) string {
	if !escaped && utf8.Valid(key) {
		return string(key[1 : len(key)-1])
	}
	var s string
	if json.Unmarshal(key, &s) != nil {
		return ""
	}
	return s
}

// validText returns s with each byte that is not part of valid UTF-8
// replaced by U+FFFD, as encoding/json does when the parameters are
// decoded into a request.
func validText(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}
