package b24

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"strconv"
	"strings"
)

// ListSpec says how a list method pages, as its documentation shows:
// where its rows are and which parameters filter and order them.
type ListSpec struct {
	// Rows is the member of the result that holds the rows ("items" for
	// crm.item.list, "tasks" for tasks.task.list); "" when the result is
	// the list itself.
	Rows string
	// ID is the rows' id member ("ID", or "id" for crm.item.list); "" when
	// the docs do not give one.
	ID string
	// Key is the id's name in the filter and the order when it differs
	// from ID (tasks.task.list answers "id" but filters by "ID").
	Key string
	// Filter and Order are the names of the filter and order parameters;
	// "" when the method has none.
	Filter string
	Order  string
}

// PageSize is the number of rows a list call answers with.
const PageSize = 50

// StallError ends a walk over a list whose portal does not advance: it
// answered the same page again, or a next page that is not further on.
type StallError struct {
	Method string
	At     int64
}

func (e *StallError) Error() string {
	return fmt.Sprintf("bitrix24: %s: the list does not advance past %d; stopped instead of reading the same rows again", e.Method, e.At)
}

// All returns an iterator over every row of a list method, page by page:
// start=0, then the "next" each answer gives, until an answer gives none.
// It stops with an error at the first failed call, and with a
// *StallError when the portal ignores the cursor.
func All[T any](ctx context.Context, c *Client, m *Method, params any, opts ...CallOption) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		if m.List == nil {
			yield(zero, fmt.Errorf("b24: %s is not a list method", m.Name))
			return
		}
		obj, err := paramsObject(params)
		if err != nil {
			yield(zero, fmt.Errorf("b24: %s: %w", m.Name, err))
			return
		}
		start := int64(0)
		var previous []byte
		for {
			obj["start"] = json.RawMessage(strconv.FormatInt(start, 10))
			ans, raws, err := page(ctx, c, m, obj, opts)
			if err != nil {
				yield(zero, err)
				return
			}
			key := pageKey(raws)
			if previous != nil && bytes.Equal(key, previous) {
				yield(zero, &StallError{Method: m.Name, At: start})
				return
			}
			previous = key
			if !yieldRows(m, raws, yield) {
				return
			}
			if !ans.HasNext || len(raws) == 0 {
				return
			}
			if ans.Next <= start {
				yield(zero, &StallError{Method: m.Name, At: start})
				return
			}
			start = ans.Next
		}
	}
}

// ByID returns an iterator over every row of a list method in order of
// id, walking by the ids themselves (filter ">ID" greater than the last id
// seen, order ID ascending, start=-1 so that the portal does not count the
// rows): much faster than All for large exports, and stable while rows
// are added. The method must document a filter, an order and the rows' id.
func ByID[T any](ctx context.Context, c *Client, m *Method, params any, opts ...CallOption) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		spec := m.List
		if spec == nil || spec.ID == "" || spec.Filter == "" || spec.Order == "" {
			yield(zero, fmt.Errorf("b24: %s cannot be walked by id: its docs give no filter, order or row id", m.Name))
			return
		}
		obj, err := paramsObject(params)
		if err != nil {
			yield(zero, fmt.Errorf("b24: %s: %w", m.Name, err))
			return
		}
		filter := map[string]json.RawMessage{}
		if raw, ok := obj[spec.Filter]; ok && !isEmptyJSON(bytes.TrimSpace(raw)) && string(raw) != "null" {
			if err := json.Unmarshal(raw, &filter); err != nil {
				yield(zero, fmt.Errorf("b24: %s: the filter must be an object: %w", m.Name, err))
				return
			}
		}
		key := spec.Key
		if key == "" {
			key = spec.ID
		}
		order, _ := json.Marshal(map[string]string{key: "ASC"})
		obj[spec.Order] = order
		obj["start"] = json.RawMessage("-1")
		last := int64(-1)
		for {
			if last >= 0 {
				filter[">"+key] = json.RawMessage(strconv.FormatInt(last, 10))
			}
			fb, _ := json.Marshal(filter)
			obj[spec.Filter] = fb
			_, raws, err := page(ctx, c, m, obj, opts)
			if err != nil {
				yield(zero, err)
				return
			}
			if len(raws) == 0 {
				return
			}
			top := last
			for _, raw := range raws {
				id, err := rowID(raw, spec.ID)
				if err != nil {
					yield(zero, fmt.Errorf("b24: %s: %w", m.Name, err))
					return
				}
				top = max(top, id)
			}
			if !yieldRows(m, raws, yield) {
				return
			}
			if top <= last {
				yield(zero, &StallError{Method: m.Name, At: last})
				return
			}
			last = top
			if len(raws) < PageSize {
				return
			}
		}
	}
}

// page calls a list method for one page and returns its rows.
func page(ctx context.Context, c *Client, m *Method, params map[string]json.RawMessage, opts []CallOption) (*Answer, []json.RawMessage, error) {
	ans, err := c.Do(ctx, m, params, opts...)
	if err != nil {
		return nil, nil, err
	}
	raws, err := rowsOf(ans.Result, m.List.Rows)
	if err != nil {
		return nil, nil, fmt.Errorf("b24: %s: %w", m.Name, err)
	}
	return ans, raws, nil
}

// yieldRows decodes the rows of a page and yields them; false means the
// walk is over, because the caller stopped or a row did not decode.
func yieldRows[T any](m *Method, raws []json.RawMessage, yield func(T, error) bool) bool {
	for _, raw := range raws {
		var row T
		if err := json.Unmarshal(raw, &row); err != nil {
			var zero T
			yield(zero, fmt.Errorf("b24: %s: decode row: %w", m.Name, err))
			return false
		}
		if !yield(row, nil) {
			return false
		}
	}
	return true
}

// paramsObject encodes the parameters as a JSON object whose members can
// be replaced.
func paramsObject(params any) (map[string]json.RawMessage, error) {
	js, err := encodeParams(params)
	if err != nil {
		return nil, err
	}
	obj := map[string]json.RawMessage{}
	if err := json.Unmarshal(js, &obj); err != nil {
		return nil, err
	}
	return obj, nil
}

// rowsOf returns the rows of a list answer's result.
func rowsOf(result json.RawMessage, member string) ([]json.RawMessage, error) {
	raw := result
	if member != "" {
		t := bytes.TrimSpace(result)
		if isEmptyJSON(t) {
			return nil, nil
		}
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(result, &obj); err != nil {
			return nil, fmt.Errorf("the result is not an object with %q: %w", member, err)
		}
		raw = obj[member]
	}
	var rows List[json.RawMessage]
	if len(raw) == 0 {
		return nil, nil
	}
	if err := json.Unmarshal(raw, &rows); err != nil {
		return nil, fmt.Errorf("the rows are not a list: %w", err)
	}
	return rows, nil
}

// rowID reads the id of a row.
func rowID(raw json.RawMessage, name string) (int64, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return 0, fmt.Errorf("a row is not an object: %w", err)
	}
	v, ok := obj[name]
	if !ok {
		for k, val := range obj {
			if strings.EqualFold(k, name) {
				v, ok = val, true
				break
			}
		}
	}
	if !ok {
		return 0, fmt.Errorf("a row has no %s", name)
	}
	var id Int
	if err := json.Unmarshal(v, &id); err != nil {
		return 0, fmt.Errorf("the %s of a row: %w", name, err)
	}
	return int64(id), nil
}

// pageKey identifies a page by its rows, to notice the same page twice.
func pageKey(rows []json.RawMessage) []byte {
	var b bytes.Buffer
	for _, r := range rows {
		b.Write(r)
		b.WriteByte(0)
	}
	return b.Bytes()
}
