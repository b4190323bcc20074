package b24server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/b24gen/b24gen/b24"
	"github.com/b24gen/b24gen/b24/internal/ascii"
	"github.com/b24gen/b24gen/b24/internal/params"
)

// batchCommand is one command of a batch call.
type batchCommand struct {
	key    string
	method string
	query  string
}

// serveBatch runs the commands of a batch in order. Like a portal, it
// answers 200 with the results and errors of the commands keyed as in cmd;
// commands beyond the 50th fail with ERROR_BATCH_LENGTH_EXCEEDED and a
// nested batch with ERROR_BATCH_METHOD_NOT_ALLOWED.
//
// The commands' parameters are decoded within the request's budget, and
// the values references substitute may add up to at most the body limit:
// a command whose references would expand beyond it fails with
// ERROR_BATCH_LENGTH_EXCEEDED, as a batch whose parameters are too long.
func (m *Mux) serveBatch(ctx context.Context, w http.ResponseWriter, api string, values map[string]any, order []string, start time.Time, budget *params.Budget) {
	cmds, list, err := batchCommands(values["cmd"], order)
	if err != nil {
		m.writeError(w, nil, err)
		return
	}
	halt := truthy(values["halt"])
	results, errs, times := newOrderedMap(), newOrderedMap(), newOrderedMap()
	totals, nexts := newOrderedMap(), newOrderedMap()
	refs := &references{
		sources: map[string]*orderedMap{"$result": results, "$result_error": errs, "$result_time": times},
		budget:  params.NewBudget(m.maxBody),
	}
	for i, c := range cmds {
		if ctx.Err() != nil {
			return // the caller is gone: the rest would run for no one
		}
		cmdStart := m.now()
		if i >= b24.MaxBatchCommands {
			errs.set(c.key, errorEnvelope{Error: string(b24.ErrBatchLengthExceeded), ErrorDescription: "Max batch length exceeded"})
			continue
		}
		if ascii.EqualFold(c.method, b24.BatchMethod.Name) {
			errs.set(c.key, errorEnvelope{Error: string(b24.ErrBatchMethodNotAllowed), ErrorDescription: "Method is not allowed for batch usage"})
			if halt {
				break
			}
			continue
		}
		var rep reply
		var spec *b24.Method
		cmdParams, err := params.DecodeQuery(c.query, budget)
		switch {
		case err != nil:
			err = paramsError(fmt.Errorf("command %s: %w", c.key, err))
		case refs.substitute(cmdParams) != nil:
			err = &b24.APIError{Code: string(b24.ErrBatchLengthExceeded), Description: fmt.Sprintf("Max batch length exceeded: the references of command %s expand beyond %d bytes", c.key, m.maxBody), Status: http.StatusBadRequest}
		case m.answersFile(api, c.method):
			// a file has no place in the batch's JSON answer
			err = &b24.APIError{Code: string(b24.ErrBatchMethodNotAllowed), Description: "Method is not allowed for batch usage"}
		default:
			cmdCtx := context.WithValue(ctx, rawRequestKey{}, rawRequest{query: c.query})
			rep, spec, err = m.invoke(cmdCtx, api, c.method, cmdParams)
		}
		if err != nil {
			_, env := m.resolveError(spec, err)
			errs.set(c.key, env)
			if halt {
				break
			}
			continue
		}
		results.set(c.key, rep.result)
		if rep.total != nil {
			totals.set(c.key, *rep.total)
		}
		if rep.next != nil {
			nexts.set(c.key, *rep.next)
		}
		times.set(c.key, json.RawMessage(m.timing(cmdStart).appendJSON(make([]byte, 0, 256))))
	}
	// The members are encoded once, as they are set; the answer is put
	// together from them rather than encoded again.
	parts := []*orderedMap{results, errs, totals, nexts, times}
	size := 128
	for _, p := range parts {
		size += p.size
	}
	out := make([]byte, 0, size)
	for i, part := range []struct {
		name string
		m    *orderedMap
	}{{"result", results}, {"result_error", errs}, {"result_total", totals}, {"result_next", nexts}, {"result_time", times}} {
		if i == 0 {
			out = append(out, '{')
		} else {
			out = append(out, ',')
		}
		out = append(out, '"')
		out = append(out, part.name...)
		out = append(out, `":`...)
		out = part.m.appendJSON(out, list)
	}
	out = append(out, '}')
	m.writeResult(w, reply{result: out}, start)
}

// batchCommands reads cmd: an object of "method?query" strings, or a list
// of them. order gives the keys of an object in the order the request
// listed them (a decoded map has lost it).
func batchCommands(v any, order []string) ([]batchCommand, bool, error) {
	var cmds []batchCommand
	add := func(key string, raw any) error {
		s, ok := raw.(string)
		if !ok {
			return badRequest("batch command " + key + " must be a string \"method?params\"")
		}
		method, query, _ := strings.Cut(s, "?")
		method = strings.TrimSpace(method)
		if method == "" {
			return badRequest("batch command " + key + " names no method")
		}
		cmds = append(cmds, batchCommand{key: key, method: method, query: query})
		return nil
	}
	switch t := v.(type) {
	case []any:
		for i, raw := range t {
			if err := add(strconv.Itoa(i), raw); err != nil {
				return nil, false, err
			}
		}
		return cmds, true, nil
	case map[string]any:
		keys := make([]string, 0, len(t))
		listed := make(map[string]bool, len(t))
		for _, k := range order {
			if _, ok := t[k]; ok && !listed[k] {
				keys = append(keys, k)
				listed[k] = true
			}
		}
		var rest []string
		for k := range t {
			if !listed[k] {
				rest = append(rest, k)
			}
		}
		slices.Sort(rest)
		for _, k := range append(keys, rest...) {
			if err := add(k, t[k]); err != nil {
				return nil, false, err
			}
		}
		return cmds, false, nil
	case nil:
		return nil, false, &b24.APIError{Code: string(b24.ErrInvalidArgument), Description: "Required parameter \"cmd\" is missing", Status: http.StatusBadRequest}
	}
	return nil, false, badRequest("cmd must be an object or a list of commands")
}

// commandOrder returns the keys of cmd in the order the request gives them,
// from a JSON body or a PHP bracket query.
func commandOrder(body []byte, form bool) []string {
	return memberOrder(body, form, "cmd")
}

// references resolves "$result[key][field]…" in the parameters of a
// command against the answers of the commands before it. Each answer is
// decoded once, when first referenced; what the references substitute is
// paid for from budget, in bytes of JSON.
type references struct {
	sources map[string]*orderedMap
	decoded map[string]any // "$result/key" → the decoded answer
	budget  *params.Budget
}

// substitute replaces the references in params, or fails when their
// values would exceed the budget.
func (r *references) substitute(params map[string]any) error {
	var walk func(v any) (any, error)
	walk = func(v any) (any, error) {
		var err error
		switch t := v.(type) {
		case map[string]any:
			for k, e := range t {
				if t[k], err = walk(e); err != nil {
					return nil, err
				}
			}
			return t, nil
		case []any:
			for i, e := range t {
				if t[i], err = walk(e); err != nil {
					return nil, err
				}
			}
			return t, nil
		case string:
			return r.resolve(t)
		}
		return v, nil
	}
	for k, v := range params {
		nv, err := walk(v)
		if err != nil {
			return err
		}
		params[k] = nv
	}
	return nil
}

// resolve resolves the references in s. A string that is exactly one
// reference takes the referenced value itself; references that do not
// resolve are left as written.
func (r *references) resolve(s string) (any, error) {
	if !strings.Contains(s, "$result") {
		return s, nil
	}
	var b strings.Builder
	rest := s
	for {
		i := strings.Index(rest, "$result")
		if i < 0 {
			b.WriteString(rest)
			break
		}
		b.WriteString(rest[:i])
		ref := rest[i:]
		name := r.sourceName(ref)
		path, n := refPath(ref[len(name):])
		v, found := r.lookup(name, path)
		if !found {
			b.WriteString(ref[:len(name)+n])
			rest = ref[len(name)+n:]
			continue
		}
		whole := i == 0 && len(name)+n == len(rest) && b.Len() == 0
		text, err := r.expand(v, whole)
		if err != nil {
			return nil, err
		}
		if whole {
			return text, nil
		}
		b.WriteString(text.(string))
		rest = ref[len(name)+n:]
	}
	return b.String(), nil
}

// lookup follows a path of keys into a source's decoded answers.
func (r *references) lookup(source string, path []string) (any, bool) {
	src, ok := r.sources[source]
	if !ok || len(path) == 0 {
		return nil, false
	}
	raw, ok := src.vals[path[0]]
	if !ok {
		return nil, false
	}
	id := source + "/" + path[0]
	cur, ok := r.decoded[id]
	if !ok {
		// the answers are the server's own, valid JSON
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		if dec.Decode(&cur) != nil {
			return nil, false
		}
		if r.decoded == nil {
			r.decoded = map[string]any{}
		}
		r.decoded[id] = cur
	}
	for _, seg := range path[1:] {
		switch t := cur.(type) {
		case map[string]any:
			if cur, ok = t[seg]; !ok {
				return nil, false
			}
		case []any:
			i, err := strconv.Atoi(seg)
			if err != nil || i < 0 || i >= len(t) {
				return nil, false
			}
			cur = t[i]
		default:
			return nil, false
		}
	}
	return cur, true
}

// expand returns what a referenced value substitutes: a copy of the value
// itself when the reference is the whole parameter, else its text. Both
// are paid for from the budget by the size of their JSON.
func (r *references) expand(v any, whole bool) (any, error) {
	var js []byte
	switch t := v.(type) {
	case string:
		if err := r.budget.Spend(int64(len(t))); err != nil {
			return nil, err
		}
		return t, nil
	case json.Number:
		if err := r.budget.Spend(int64(len(t))); err != nil {
			return nil, err
		}
		if whole {
			return t, nil
		}
		return t.String(), nil
	case bool, nil:
		if whole {
			return t, nil
		}
		return scalarText(t), nil
	default:
		var err error
		if js, err = json.Marshal(t); err != nil {
			return "", nil
		}
	}
	if err := r.budget.Spend(int64(len(js))); err != nil {
		return nil, err
	}
	if !whole {
		return string(js), nil
	}
	// a fresh copy: the implementation may change what it is given
	dec := json.NewDecoder(bytes.NewReader(js))
	dec.UseNumber()
	var out any
	if dec.Decode(&out) != nil {
		return "", nil
	}
	return out, nil
}

// refPath reads "[a][b]…" and returns the segments and the length read.
// Its work is bounded: a segment is looked for in at most maxRefSegment
// bytes and a path has at most params.MaxDepth segments, so that text that
// only looks like references ("$result[" a million times) costs time in
// proportion to its length.
func refPath(s string) ([]string, int) {
	var path []string
	n := 0
	for n < len(s) && s[n] == '[' && len(path) < params.MaxDepth {
		end := strings.IndexByte(s[n:min(len(s), n+maxRefSegment)], ']')
		if end < 0 {
			break
		}
		path = append(path, s[n+1:n+end])
		n += end + 1
	}
	return path, n
}

// maxRefSegment bounds a segment of a reference path ("[key]"), brackets
// included.
const maxRefSegment = 256

// sourceName returns the source a reference starts with, the longest that
// fits ("$result_time" before "$result").
func (r *references) sourceName(ref string) string {
	best := "$result"
	for name := range r.sources {
		if len(name) > len(best) && strings.HasPrefix(ref, name) {
			best = name
		}
	}
	return best
}

// scalarText is the text of a decoded value in a longer string, as PHP
// prints it: true as 1, false and null as nothing, arrays as JSON.
func scalarText(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case json.Number:
		return t.String()
	case bool:
		if t {
			return "1"
		}
		return ""
	case nil:
		return ""
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func truthy(v any) bool {
	switch t := v.(type) {
	case bool:
		return t
	case json.Number:
		return t.String() != "0"
	case string:
		switch strings.ToLower(strings.TrimSpace(t)) {
		case "", "0", "n", "false":
			return false
		}
		return true
	}
	return false
}

// orderedMap is a JSON object that keeps the order of its keys; a batch
// answer lists the commands in the order they ran. Values are kept
// encoded.
type orderedMap struct {
	keys []string
	vals map[string]json.RawMessage
	size int // the bytes of keys and values, to size the encoding
}

func newOrderedMap() *orderedMap { return &orderedMap{vals: map[string]json.RawMessage{}} }

// set stores a value, encoding it unless it already is JSON.
func (o *orderedMap) set(k string, v any) {
	raw, ok := v.(json.RawMessage)
	if !ok || len(raw) == 0 {
		var err error
		if raw, err = json.Marshal(v); err != nil {
			raw = json.RawMessage("null")
		}
	}
	if old, ok := o.vals[k]; ok {
		o.size -= len(old)
	} else {
		o.keys = append(o.keys, k)
		o.size += len(k) + 4
	}
	o.vals[k] = raw
	o.size += len(raw)
}

// appendJSON appends the map: PHP's empty array ([]) when empty, a list
// when the commands were a list and all are present, else an object.
func (o *orderedMap) appendJSON(b []byte, list bool) []byte {
	if len(o.keys) == 0 {
		return append(b, "[]"...)
	}
	sequential := list
	for i, k := range o.keys {
		if !sequential {
			break
		}
		sequential = k == strconv.Itoa(i)
	}
	if sequential {
		b = append(b, '[')
		for i, k := range o.keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, o.vals[k]...)
		}
		return append(b, ']')
	}
	b = append(b, '{')
	for i, k := range o.keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, k)
		b = append(b, ':')
		b = append(b, o.vals[k]...)
	}
	return append(b, '}')
}

// appendString appends s as a JSON string.
func appendString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c >= 0x7f || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s)
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// answersFile says whether a method answers with a file (b24.Method.File).
func (m *Mux) answersFile(api, method string) bool {
	rt, ok := m.routes[routeKey(api, method)]
	return ok && rt.spec.File
}
