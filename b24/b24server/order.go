package b24server

import (
	"context"
	"encoding/json"
	"net/url"
	"reflect"
	"slices"
	"strings"

	"github.com/b24gen/b24gen/b24"
	"github.com/b24gen/b24gen/b24/internal/ascii"
	"github.com/b24gen/b24gen/b24/internal/jsonscan"
)

// The parameters of a call are decoded into maps, which do not keep the
// order of an object's members; for an order (b24.Order) that order is the
// sort's precedence. The request's raw body and query go with the call's
// context, and the orders of a typed request are put back in the order
// their members were sent.

// rawRequest is the body and query string of a call, as sent.
type rawRequest struct {
	body  []byte
	form  bool
	query string
}

type rawRequestKey struct{}

// keepPrecedence reorders the b24.Order members of the request req points
// to as the call sent them.
func keepPrecedence(ctx context.Context, req any) {
	raw, ok := ctx.Value(rawRequestKey{}).(rawRequest)
	if !ok {
		return
	}
	v := reflect.ValueOf(req)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return
	}
	v = v.Elem()
	orderType := reflect.TypeFor[b24.Order]()
	for i := range v.NumField() {
		f := v.Type().Field(i)
		if f.Type != orderType || !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || name == "-" {
			continue
		}
		keys := memberOrder(raw.body, raw.form, name)
		if keys == nil {
			keys = memberOrder([]byte(raw.query), true, name)
		}
		sortAs(v.Field(i).Interface().(b24.Order), keys)
	}
}

// sortAs orders the keys of o as they come in keys; keys not in it go last.
func sortAs(o b24.Order, keys []string) {
	if len(keys) == 0 {
		return
	}
	at := func(field string) int {
		if i := slices.Index(keys, field); i >= 0 {
			return i
		}
		return len(keys)
	}
	slices.SortStableFunc(o, func(a, b b24.OrderBy) int { return at(a.Field) - at(b.Field) })
}

// memberOrder returns the keys of the object member param of a JSON body
// (or of a PHP form, param[key]=…) in the order they were sent; param is
// matched as the checks match it, exactly or else without regard to the
// case of ASCII letters. nil when the body does not send it.
func memberOrder(body []byte, form bool, param string) []string {
	if form {
		return formMemberOrder(string(body), param)
	}
	var exact, folded []byte
	jsonscan.Members(body, func(key, value []byte, escaped bool) bool {
		name := unquote(key, escaped)
		switch {
		case name == param && exact == nil:
			exact = value
		case ascii.EqualFold(name, param) && folded == nil:
			folded = value
		}
		return true
	})
	if exact == nil {
		exact = folded
	}
	if exact == nil {
		return nil
	}
	keys := []string{}
	jsonscan.Members(exact, func(k, _ []byte, escaped bool) bool {
		keys = append(keys, unquote(k, escaped))
		return true
	})
	return keys
}

// formMemberOrder is memberOrder for a PHP form or query string.
func formMemberOrder(q, param string) []string {
	var exact, folded []string
	for part := range strings.SplitSeq(q, "&") {
		k, _, _ := strings.Cut(part, "=")
		k, err := url.QueryUnescape(k)
		if err != nil {
			continue
		}
		open := strings.IndexByte(k, '[')
		end := strings.IndexByte(k, ']')
		if open <= 0 || end <= open+1 {
			continue
		}
		name, key := k[:open], k[open+1:end]
		switch {
		case name == param && !slices.Contains(exact, key):
			exact = append(exact, key)
		case ascii.EqualFold(name, param) && !slices.Contains(folded, key):
			folded = append(folded, key)
		}
	}
	if exact == nil {
		return folded
	}
	return exact
}

// unquote returns the text of a JSON string as written (quoted).
func unquote(key []byte, escaped bool) string {
	if !escaped {
		return string(key[1 : len(key)-1])
	}
	var s string
	if json.Unmarshal(key, &s) != nil {
		return ""
	}
	return s
}
