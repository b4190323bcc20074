package b24event

import (
	"encoding/json"
	"net/url"
	"strings"

	"github.com/b24gen/b24gen/b24"
	"github.com/b24gen/b24gen/b24/internal/ascii"
	"github.com/b24gen/b24gen/b24/internal/jsonscan"
	"github.com/b24gen/b24gen/b24/internal/params"
)

// eventHead is what verifying an event needs: its code, the portal's
// member id and the application token, read from the body without
// decoding the rest.
type eventHead struct {
	event, memberID, token string
}

// peekHead finds the head of an event in its body; of a member given
// twice, the last, as decoding would keep.
func peekHead(body []byte, isJSON bool) eventHead {
	var h eventHead
	if isJSON {
		jsonscan.Members(body, func(key, value []byte, escaped bool) bool {
			switch jsonKey(key, escaped) {
			case "event":
				h.event = jsonString(value)
			case "auth":
				h.memberID, h.token = "", ""
				jsonscan.Members(value, func(key, value []byte, escaped bool) bool {
					switch jsonKey(key, escaped) {
					case "member_id":
						h.memberID = jsonString(value)
					case "application_token":
						h.token = jsonString(value)
					}
					return true
				})
			}
			return true
		})
		return h
	}
	for part := range strings.SplitSeq(string(body), "&") {
		rawKey, rawValue, _ := strings.Cut(part, "=")
		var field *string
		switch formKey(rawKey) {
		case "event":
			field = &h.event
		case "auth[member_id]":
			field = &h.memberID
		case "auth[application_token]":
			field = &h.token
		default:
			continue
		}
		if v, err := url.QueryUnescape(rawValue); err == nil {
			*field = v
		}
	}
	return h
}

// formKey unescapes a form key that may be one of the head's; any other
// is returned as it is.
func formKey(raw string) string {
	if len(raw) > 3*len("auth[application_token]") || !strings.ContainsAny(raw, "%+") {
		return raw
	}
	k, err := url.QueryUnescape(raw)
	if err != nil {
		return raw
	}
	return k
}

func jsonKey(key []byte, escaped bool) string {
	if !escaped {
		return string(key[1 : len(key)-1])
	}
	var k string
	_ = json.Unmarshal(key, &k)
	return k
}

// jsonString reads a JSON string, or a scalar as the text a form would
// carry; anything else is "".
func jsonString(value []byte) string {
	if len(value) > 0 && value[0] == '"' {
		var s string
		if json.Unmarshal(value, &s) == nil {
			return s
		}
		return ""
	}
	if len(value) > 0 && (value[0] == '-' || value[0] >= '0' && value[0] <= '9') {
		return string(value)
	}
	return ""
}

// decodeBody decodes an event's body, a form or JSON, within the memory
// budget the server's bodies have. JSON scalars become the strings a form
// would carry, so that both encodings decode alike.
func decodeBody(body []byte, isJSON bool) (map[string]any, error) {
	budget := params.For(len(body))
	if !isJSON {
		return params.DecodeQuery(string(body), budget)
	}
	tree, err := params.DecodeJSONObject(body, budget)
	if err != nil {
		return nil, err
	}
	for k, v := range tree {
		tree[k] = formValue(v)
	}
	return tree, nil
}

// formValue is a JSON value as a PHP form would carry it: scalars as
// text (true as 1, false as 0, null and empty arrays as empty text).
func formValue(v any) any {
	switch t := v.(type) {
	case map[string]any:
		if len(t) == 0 {
			return ""
		}
		for k, e := range t {
			t[k] = formValue(e)
		}
		return t
	case []any:
		if len(t) == 0 {
			return ""
		}
		for i, e := range t {
			t[i] = formValue(e)
		}
		return t
	case json.Number:
		return t.String()
	case bool:
		if t {
			return "1"
		}
		return "0"
	case nil:
		return ""
	}
	return v
}

// secretKeys are the members of an event's auth that hold credentials.
var secretKeys = []string{"access_token", "refresh_token", "application_token"}

// redactAuth returns params with the tokens of its auth member as
// b24.Secrets, which print, log and encode as "***". params is not
// changed: a copy of its top level and auth member is made.
func redactAuth(params map[string]any) map[string]any {
	auth, ok := params["auth"].(map[string]any)
	if !ok {
		return params
	}
	out := make(map[string]any, len(params))
	for k, v := range params {
		out[k] = v
	}
	safe := make(map[string]any, len(auth))
	for k, v := range auth {
		safe[k] = v
		for _, sk := range secretKeys {
			if s, isText := v.(string); isText && ascii.EqualFold(k, sk) {
				safe[k] = b24.Secret(s)
			}
		}
	}
	out["auth"] = safe
	return out
}
