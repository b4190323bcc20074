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
// answered a page that brings no row the walk has not already yielded, or
// a next page that is not further on.
type StallError struct {
	Method string
	At     int64
}

func (e *StallError) Error() string {
	return fmt.Sprintf("bitrix24: %s: the list does not advance past %d; stopped instead of reading the same rows again", e.Method, e.At)
}

// OrderError ends a walk by id over a list whose portal does not order the
// rows by id as asked: going on could skip rows without a word.
type OrderError struct {
	Method string
	// After is the id the walk had reached; ID the row that came out of
	// order.
	After, ID int64
}

func (e *OrderError) Error() string {
	return fmt.Sprintf("bitrix24: %s: the portal does not order the rows by id (%d after %d); stopped instead of skipping rows", e.Method, e.ID, e.After)
}

// All returns an iterator over every row of a list method, page by page:
// start=0, then the "next" each answer gives. It ends on an empty page, or
// when an answer gives no "next" and its "total" does not say there are
// more rows (then it goes on after the rows it got). It never yields a row
// twice: when the method's rows have an id, rows whose id was already
// yielded are dropped (this keeps one id per row in memory; ByID needs
// none); a page that brings no new row ends the walk with a *StallError,
// as does a "next" that is not further on. It stops with an error at the
// first failed call.
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
		var seenIDs map[int64]struct{}
		if m.List.ID != "" {
			seenIDs = map[int64]struct{}{}
		}
		skip := 0 // rows of this page an earlier page already held (no ids)
		for {
			obj["start"] = json.RawMessage(strconv.FormatInt(start, 10))
			ans, raws, err := page(ctx, c, m, obj, opts)
			if err != nil {
				yield(zero, err)
				return
			}
			if len(raws) == 0 {
				return
			}
			key := pageKey(raws)
			if previous != nil && bytes.Equal(key, previous) {
				yield(zero, &StallError{Method: m.Name, At: start})
				return
			}
			previous = key
			fresh := raws
			if seenIDs != nil {
				fresh = make([]json.RawMessage, 0, len(raws))
				for _, raw := range raws {
					if id, err := rowID(raw, m.List.ID); err == nil {
						if _, dup := seenIDs[id]; dup {
							continue
						}
						seenIDs[id] = struct{}{}
					}
					fresh = append(fresh, raw)
				}
			} else {
				fresh = raws[min(skip, len(raws)):]
			}
			if len(fresh) == 0 {
				yield(zero, &StallError{Method: m.Name, At: start})
				return
			}
			if !yieldRows(c, m, fresh, yield) {
				return
			}
			end := start + int64(len(raws))
			var next int64
			switch {
			case ans.HasNext:
				next = ans.Next
			case ans.HasTotal && end < ans.Total:
				// no "next", but the count says there is more: go on
				// after the rows we got
				next = end
			default:
				return
			}
			if next <= start {
				yield(zero, &StallError{Method: m.Name, At: start})
				return
			}
			skip = int(max(end-next, 0))
			start = next
		}
	}
}

// ByID returns an iterator over every row of a list method in order of
// id, walking by the ids themselves (filter ">ID" greater than the last id
// seen, order ID ascending, start=-1 so that the portal does not count the
// rows): much faster than All for large exports, and stable while rows
// are added. The method must document a filter, an order and the rows' id.
//
// The walk never yields a row twice and never ends early without an
// error, whatever the portal's page size: it ends on an empty page, or on
// a page that holds every row the answer's "total" counts. Rows with an
// id the walk has passed are repeats and are dropped (a portal that reads
// ">ID" as ">=ID"); a page with nothing new ends it with a *StallError (a
// portal that ignores the filter), and rows out of order with an
// *OrderError (a portal that ignores the order, where going on would skip
// rows).
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
		last, started := int64(0), false
		for {
			if started {
				filter[">"+key] = json.RawMessage(strconv.FormatInt(last, 10))
			}
			fb, _ := json.Marshal(filter)
			obj[spec.Filter] = fb
			ans, raws, err := page(ctx, c, m, obj, opts)
			if err != nil {
				yield(zero, err)
				return
			}
			if len(raws) == 0 {
				return
			}
			fresh := make([]json.RawMessage, 0, len(raws))
			top, topSet := last, started
			onlyLast := true // the page holds nothing but the last row again
			for _, raw := range raws {
				id, err := rowID(raw, spec.ID)
				if err != nil {
					yield(zero, c.scrub.err(fmt.Errorf("b24: %s: %w", m.Name, err)))
					return
				}
				onlyLast = onlyLast && started && id == last
				switch {
				case started && id <= last:
					continue // a row of an earlier page
				case topSet && id == top:
					continue // the same row twice in a page
				case topSet && id < top:
					yield(zero, &OrderError{Method: m.Name, After: top, ID: id})
					return
				}
				top, topSet = id, true
				fresh = append(fresh, raw)
			}
			if onlyLast {
				return // the end, as a portal that reads ">ID" as ">=ID" says it
			}
			if len(fresh) == 0 {
				yield(zero, &StallError{Method: m.Name, At: last})
				return
			}
			if !yieldRows(c, m, fresh, yield) {
				return
			}
			last, started = top, true
			if ans.HasTotal && ans.Total <= int64(len(raws)) {
				return // the filter's count: this page held every row left
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
		return nil, nil, c.scrub.err(fmt.Errorf("b24: %s: %w", m.Name, err))
	}
	return ans, raws, nil
}

// yieldRows decodes the rows of a page and yields them; false means the
// walk is over, because the caller stopped or a row did not decode.
func yieldRows[T any](c *Client, m *Method, raws []json.RawMessage, yield func(T, error) bool) bool {
	for _, raw := range raws {
		var row T
		if err := json.Unmarshal(raw, &row); err != nil {
			var zero T
			// the decoders quote what they could not read
			yield(zero, fmt.Errorf("b24: %s: decode row: %w", m.Name, c.scrub.err(err)))
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
