package b24

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// MaxBatchCommands is the most commands one batch call may carry.
const MaxBatchCommands = 50

// BatchMethod is the portal's batch method.
var BatchMethod = &Method{Name: "batch"}

// ErrNotRun is the error of a batch command that did not run because an
// earlier one failed in a halting batch.
var ErrNotRun = errors.New("bitrix24: batch command did not run")

// Batch collects calls to send in one batch request. Add calls with
// AddCall (generated packages have typed helpers, BatchDealAdd and so on),
// then run it with Client.RunBatch, or Client.RunBatches when it may hold
// more than 50 commands.
type Batch struct {
	// Halt stops the batch at the first failed command.
	Halt bool
	cmds []*batchCommand
}

type batchCommand struct {
	key       string
	method    *Method
	params    any
	overrides []override
	result    json.RawMessage
	err       error
	scrub     *scrubber // of the client that ran the command
}

// override replaces a parameter after the typed parameters are encoded,
// typically with a reference to an earlier command's result.
type override struct {
	path  []string
	value any
}

// BatchCall is the typed result of one command of a batch, available once
// the batch has run.
type BatchCall[T any] struct {
	cmd *batchCommand
}

// AddCall adds a call of m with params to the batch under key and returns
// the handle on its result. key must be unique within the batch; later
// commands can refer to this one's result with Ref(key, …).
func AddCall[T any](b *Batch, key string, m *Method, params any) *BatchCall[T] {
	cmd := &batchCommand{key: key, method: m, params: params}
	b.cmds = append(b.cmds, cmd)
	return &BatchCall[T]{cmd: cmd}
}

// Set sets a parameter of the command (a dotted path for a member:
// "fields.CONTACT_ID") to value, after the typed parameters: the way to
// pass a reference to an earlier command's result where the typed field
// wants a number.
func (c *BatchCall[T]) Set(path string, value any) *BatchCall[T] {
	c.cmd.overrides = append(c.cmd.overrides, override{strings.Split(path, "."), value})
	return c
}

// Ref refers to the result of an earlier command of the same batch, or a
// member of it: Ref("deal", "ID") is "$result[deal][ID]", which the portal
// replaces with that value before it runs the command.
func Ref(key string, path ...string) string {
	var b strings.Builder
	b.WriteString("$result[" + key + "]")
	for _, p := range path {
		b.WriteString("[" + p + "]")
	}
	return b.String()
}

// Len returns the number of commands.
func (b *Batch) Len() int { return len(b.cmds) }

// Result returns the command's result, or its error. Like every error of
// the client, the error holds none of its secrets: a result that does not
// decode is quoted in it, and the portal may have echoed one there.
func (c *BatchCall[T]) Result() (T, error) {
	var v T
	if c.cmd.err != nil {
		return v, c.cmd.scrub.err(c.cmd.err)
	}
	if c.cmd.result == nil {
		return v, ErrNotRun
	}
	if apiErr := resultError(c.cmd.method.Name, c.cmd.result); apiErr != nil {
		return v, c.cmd.scrub.err(apiErr)
	}
	if err := json.Unmarshal(c.cmd.result, &v); err != nil {
		// the decoders quote what they could not read, which may be an echo
		return v, c.cmd.scrub.err(fmt.Errorf("b24: batch %s (%s): decode result: %w", c.cmd.key, c.cmd.method.Name, err))
	}
	return v, nil
}

// BatchError reports the commands of a batch that failed; the results of
// the others are available from their BatchCall handles.
type BatchError struct {
	// Failed maps the key of each failed command to its error.
	Failed map[string]error
}

func (e *BatchError) Error() string {
	keys := make([]string, 0, len(e.Failed))
	for k := range e.Failed {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + ": " + e.Failed[k].Error()
	}
	return fmt.Sprintf("bitrix24: batch: %d command(s) failed: %s", len(keys), strings.Join(parts, "; "))
}

// Unwrap returns the commands' errors, for errors.Is and errors.As.
func (e *BatchError) Unwrap() []error {
	out := make([]error, 0, len(e.Failed))
	for _, err := range e.Failed {
		out = append(out, err)
	}
	return out
}

// Split cuts the batch into batches of at most MaxBatchCommands commands,
// in order. It refuses a command that refers to a command in another
// chunk: a reference works only within one batch call.
func (b *Batch) Split() ([]*Batch, error) {
	var out []*Batch
	for start := 0; start < len(b.cmds); start += MaxBatchCommands {
		end := min(start+MaxBatchCommands, len(b.cmds))
		chunk := &Batch{Halt: b.Halt, cmds: b.cmds[start:end]}
		inChunk := map[string]bool{}
		for _, c := range chunk.cmds {
			inChunk[c.key] = true
		}
		for _, c := range chunk.cmds {
			q, err := c.query()
			if err != nil {
				return nil, err
			}
			for _, ref := range references(q) {
				if !inChunk[ref] {
					return nil, fmt.Errorf("b24: batch command %s refers to %s, which falls in another chunk of %d commands", c.key, ref, MaxBatchCommands)
				}
			}
		}
		out = append(out, chunk)
	}
	return out, nil
}

// references returns the command keys a query refers to ($result[key]…).
func references(q string) []string {
	if u, err := url.QueryUnescape(q); err == nil {
		q = u
	}
	var keys []string
	for _, prefix := range []string{"$result[", "$result_next[", "$result_total[", "$result_error[", "$result_time["} {
		for rest := q; ; {
			i := strings.Index(rest, prefix)
			if i < 0 {
				break
			}
			rest = rest[i+len(prefix):]
			if j := strings.IndexByte(rest, ']'); j >= 0 {
				keys = append(keys, rest[:j])
				rest = rest[j:]
			}
		}
	}
	return keys
}

// query encodes the command's parameters as a PHP bracket query.
func (c *batchCommand) query() (string, error) {
	if c.params == nil && len(c.overrides) == 0 {
		return "", nil
	}
	js, err := encodeParams(c.params)
	if err != nil {
		return "", fmt.Errorf("b24: batch %s (%s): encode parameters: %w", c.key, c.method.Name, err)
	}
	if len(c.overrides) > 0 {
		var obj map[string]any
		dec := json.NewDecoder(strings.NewReader(string(js)))
		dec.UseNumber()
		if err := dec.Decode(&obj); err != nil {
			return "", err
		}
		if obj == nil {
			obj = map[string]any{}
		}
		for _, o := range c.overrides {
			setPath(obj, o.path, o.value)
		}
		if js, err = json.Marshal(obj); err != nil {
			return "", err
		}
	}
	q, err := EncodeQuery(js)
	if err != nil {
		return "", fmt.Errorf("b24: batch %s (%s): %w", c.key, c.method.Name, err)
	}
	return q, nil
}

func setPath(obj map[string]any, path []string, v any) {
	for _, p := range path[:len(path)-1] {
		next, ok := obj[p].(map[string]any)
		if !ok {
			next = map[string]any{}
			obj[p] = next
		}
		obj = next
	}
	obj[path[len(path)-1]] = v
}

// batchAnswer is the "result" of a batch answer. PHP sends an empty map as
// [], hence the raw values.
type batchAnswer struct {
	Result      json.RawMessage `json:"result"`
	ResultError json.RawMessage `json:"result_error"`
}

// RunBatch sends the batch. The error is a *BatchError when some commands
// failed, or the error of the batch call itself. A batch is never retried
// as a whole after it may have run (only a QUERY_LIMIT_EXCEEDED answer,
// which says it did not, is repeated).
func (c *Client) RunBatch(ctx context.Context, b *Batch, opts ...CallOption) error {
	// every error of the batch path quotes the portal's answer somewhere
	return c.scrub.err(c.runBatch(ctx, b, opts...))
}

func (c *Client) runBatch(ctx context.Context, b *Batch, opts ...CallOption) error {
	if len(b.cmds) == 0 {
		return nil
	}
	if len(b.cmds) > MaxBatchCommands {
		return fmt.Errorf("b24: batch of %d commands exceeds the limit of %d (Split cuts it)", len(b.cmds), MaxBatchCommands)
	}
	cmd := make(map[string]string, len(b.cmds))
	order := make([]string, 0, len(b.cmds))
	for _, bc := range b.cmds {
		if bc.key == "" || strings.ContainsAny(bc.key, "[]") {
			return fmt.Errorf("b24: batch key %q must be non-empty and free of brackets", bc.key)
		}
		if _, dup := cmd[bc.key]; dup {
			return fmt.Errorf("b24: batch key %q used twice", bc.key)
		}
		q, err := bc.query()
		if err != nil {
			return err
		}
		cmd[bc.key] = bc.method.Name + "?" + q
		order = append(order, bc.key)
		bc.scrub, bc.result, bc.err = c.scrub, nil, nil
	}
	halt := 0
	if b.Halt {
		halt = 1
	}
	var ans batchAnswer
	err := c.Call(ctx, BatchMethod, batchParams{halt: halt, order: order, cmd: cmd}, &ans, opts...)
	if err != nil {
		return err
	}
	results, err := rawMap(ans.Result)
	if err != nil {
		return fmt.Errorf("b24: batch: result: %w", err)
	}
	errs, err := rawMap(ans.ResultError)
	if err != nil {
		return fmt.Errorf("b24: batch: result_error: %w", err)
	}
	failed := map[string]error{}
	for _, bc := range b.cmds {
		if raw, ok := errs[bc.key]; ok {
			var env envelope
			_ = json.Unmarshal(raw, &env)
			code, desc, _ := envelopeError(env)
			// the command's error is the portal's text, which may echo
			bc.err = c.scrub.err(&APIError{Method: bc.method.Name, Code: code, Description: desc})
			failed[bc.key] = bc.err
			continue
		}
		if raw, ok := results[bc.key]; ok {
			bc.result = raw
			continue
		}
		bc.err = ErrNotRun
		failed[bc.key] = bc.err
	}
	if len(failed) > 0 {
		return &BatchError{Failed: failed}
	}
	return nil
}

// RunBatches splits a batch into calls of at most 50 commands (refusing
// references between them) and runs them in order. The error joins the
// failures of all of them.
func (c *Client) RunBatches(ctx context.Context, b *Batch, opts ...CallOption) error {
	chunks, err := b.Split()
	if err != nil {
		return err
	}
	failed := map[string]error{}
	for _, chunk := range chunks {
		err := c.RunBatch(ctx, chunk, opts...) // scrubbed
		var be *BatchError
		switch {
		case errors.As(err, &be):
			for k, e := range be.Failed {
				failed[k] = e
			}
		case err != nil:
			return err
		}
	}
	if len(failed) > 0 {
		return &BatchError{Failed: failed}
	}
	return nil
}

// batchParams encodes a batch call's parameters with the commands in the
// order they were added: the portal runs them in that order.
type batchParams struct {
	halt  int
	order []string
	cmd   map[string]string
}

func (p batchParams) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	b.WriteString(`{"halt":` + strconv.Itoa(p.halt) + `,"cmd":{`)
	for i, k := range p.order {
		if i > 0 {
			b.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		vb, _ := json.Marshal(p.cmd[k])
		b.Write(kb)
		b.WriteByte(':')
		b.Write(vb)
	}
	b.WriteString("}}")
	return []byte(b.String()), nil
}

// rawMap reads a JSON object of raw values; PHP's empty array ([]) and null
// read as an empty map, and a list as an object keyed 0…n-1.
func rawMap(raw json.RawMessage) (map[string]json.RawMessage, error) {
	out := map[string]json.RawMessage{}
	s := strings.TrimSpace(string(raw))
	if s == "" || s == "null" || s == "[]" {
		return out, nil
	}
	if s[0] == '[' {
		var list []json.RawMessage
		if err := json.Unmarshal(raw, &list); err != nil {
			return nil, err
		}
		for i, v := range list {
			out[strconv.Itoa(i)] = v
		}
		return out, nil
	}
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, err
	}
	return out, nil
}
