package b24

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
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
// AddCall (generated packages have typed helpers), then run it with
// Client.RunBatch.
type Batch struct {
	// Halt stops the batch at the first failed command.
	Halt bool
	cmds []*batchCommand
}

type batchCommand struct {
	key    string
	method *Method
	params any
	result json.RawMessage
	err    error
}

// BatchCall is the typed result of one command of a batch, available once
// the batch has run.
type BatchCall[T any] struct {
	cmd *batchCommand
}

// AddCall adds a call of m with params to the batch under key and returns
// the handle on its result. key must be unique within the batch; later
// commands can refer to this one's result as $result[key].
func AddCall[T any](b *Batch, key string, m *Method, params any) *BatchCall[T] {
	cmd := &batchCommand{key: key, method: m, params: params}
	b.cmds = append(b.cmds, cmd)
	return &BatchCall[T]{cmd: cmd}
}

// Len returns the number of commands.
func (b *Batch) Len() int { return len(b.cmds) }

// Result returns the command's result, or its error.
func (c *BatchCall[T]) Result() (T, error) {
	var v T
	if c.cmd.err != nil {
		return v, c.cmd.err
	}
	if c.cmd.result == nil {
		return v, ErrNotRun
	}
	if err := json.Unmarshal(c.cmd.result, &v); err != nil {
		return v, fmt.Errorf("b24: batch %s (%s): decode result: %w", c.cmd.key, c.cmd.method.Name, err)
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

// batchAnswer is the "result" of a batch answer. PHP sends an empty map as
// [], hence the raw values.
type batchAnswer struct {
	Result      json.RawMessage `json:"result"`
	ResultError json.RawMessage `json:"result_error"`
}

// RunBatch sends the batch. The error is a *BatchError when some commands
// failed, or the error of the batch call itself. A batch is sent once and
// never retried as a whole.
func (c *Client) RunBatch(ctx context.Context, b *Batch) error {
	if len(b.cmds) == 0 {
		return nil
	}
	if len(b.cmds) > MaxBatchCommands {
		return fmt.Errorf("b24: batch of %d commands exceeds the limit of %d", len(b.cmds), MaxBatchCommands)
	}
	cmd := make(map[string]string, len(b.cmds))
	for _, bc := range b.cmds {
		if bc.key == "" || strings.ContainsAny(bc.key, "[]") {
			return fmt.Errorf("b24: batch key %q must be non-empty and free of brackets", bc.key)
		}
		if _, dup := cmd[bc.key]; dup {
			return fmt.Errorf("b24: batch key %q used twice", bc.key)
		}
		q := ""
		if bc.params != nil {
			js, err := json.Marshal(bc.params)
			if err != nil {
				return fmt.Errorf("b24: batch %s (%s): encode parameters: %w", bc.key, bc.method.Name, err)
			}
			if q, err = EncodeQuery(js); err != nil {
				return fmt.Errorf("b24: batch %s (%s): %w", bc.key, bc.method.Name, err)
			}
		}
		cmd[bc.key] = bc.method.Name + "?" + q
	}
	halt := 0
	if b.Halt {
		halt = 1
	}
	var ans batchAnswer
	err := c.Call(ctx, BatchMethod, map[string]any{"halt": halt, "cmd": cmd}, &ans)
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
			bc.err = &APIError{Method: bc.method.Name, Code: code, Description: desc}
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

// rawMap reads a JSON object of raw values; PHP's empty array ([]) and null
// read as an empty map.
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
			out[fmt.Sprint(i)] = v
		}
		return out, nil
	}
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, err
	}
	return out, nil
}
