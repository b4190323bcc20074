package b24

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
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

// GapError ends a walk over a list whose portal's "next" page starts
// after the end of the page it answered and beyond a page of PageSize
// rows: going on would skip the rows in between without a word.
type GapError struct {
	Method string
	// At is the start of the page, Rows the rows it held, Next the start
	// of the next page the portal gave.
	At, Rows, Next int64
}

func (e *GapError) Error() string {
	return fmt.Sprintf("bitrix24: %s: the page at %d held %d rows but the next one starts at %d; stopped instead of skipping rows", e.Method, e.At, e.Rows, e.Next)
}

// OverrunError ends a walk over a list that yielded more rows than any
// "total" its answers gave: a list that does not end where its portal says.
type OverrunError struct {
	Method string
	// Rows is the number of rows yielded, Total the largest total given.
	Rows, Total int64
}

func (e *OverrunError) Error() string {
	return fmt.Sprintf("bitrix24: %s: the list yielded %d rows but counts %d; stopped instead of walking a list that does not end", e.Method, e.Rows, e.Total)
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
// more rows (then it goes on after the rows it got).
//
// It never yields a row twice that came on one of the last two pages:
// when the method's rows have an id, rows whose id came there are dropped,
// and rows without one are told apart by their JSON (the repeats of
// overlapping pages, or rows a portal adds to every page); a page that
// brings no new row ends the walk with a *StallError, as does a "next"
// that is not further on. It never skips rows without an error either: a
// "next" past both the page's end and start+PageSize ends it with a
// *GapError (a portal that drops rows the caller may not see answers
// fewer than PageSize rows and the usual next), and more rows
// than the largest "total" the answers gave with an *OverrunError (a
// total smaller than the page that carries it is impossible, and ignored;
// rows without an id, where the method's rows have one, are not counted).
// It stops with an error at the first failed call.
//
// Its memory is that of a couple of pages, however long the list; a walk
// over a portal that never ends (new rows on every page and a total that
// keeps up) is bounded only by ctx.
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
		var recent *rowWindow
		if m.List.ID != "" {
			recent = &rowWindow{}
		}
		skip := 0 // rows of this page an earlier page already held (no ids)
		yielded, total := int64(0), int64(-1)
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
			fresh := raws[min(skip, len(raws)):]
			counting := int64(len(fresh)) // the fresh rows a total counts
			if recent != nil {
				fresh, counting = recent.next(raws, m.List.ID)
			}
			if len(fresh) == 0 {
				yield(zero, &StallError{Method: m.Name, At: start})
				return
			}
			// a total smaller than the page that carries it is impossible
			counted := ans.HasTotal && ans.Total >= int64(len(raws))
			if counted {
				total = max(total, ans.Total)
			}
			if total >= 0 && yielded+counting > total {
				yield(zero, &OverrunError{Method: m.Name, Rows: yielded + counting, Total: total})
				return
			}
			if !yieldRows(c, m, fresh, yield) {
				return
			}
			yielded += counting
			end := start + int64(len(raws))
			var next int64
			switch {
			case ans.HasNext:
				next = ans.Next
			case counted && end < ans.Total:
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
			// A portal pages by PageSize rows and may answer fewer when it
			// drops rows the caller may not see (next is then still
			// start+PageSize); only a next beyond both skips rows.
			if next > max(end, start+PageSize) {
				yield(zero, &GapError{Method: m.Name, At: start, Rows: int64(len(raws)), Next: next})
				return
			}
			skip = int(max(end-next, 0))
			start = next
		}
	}
}

// rowWindow remembers the rows of the last two pages of a walk: their ids,
// or a hash of their JSON for rows without one.
type rowWindow struct {
	older, newer map[rowKey]struct{}
}

type rowKey struct {
	id     int64
	hash   uint64
	hashed bool // no id: hash identifies the row
}

// next returns the rows of a page that neither of the last two pages nor
// an earlier row of this one held, and how many of them have an id; it
// makes the page the newest.
func (w *rowWindow) next(raws []json.RawMessage, idName string) (fresh []json.RawMessage, withID int64) {
	page := make(map[rowKey]struct{}, len(raws))
	fresh = make([]json.RawMessage, 0, len(raws))
	var buf bytes.Buffer
	for _, raw := range raws {
		var k rowKey
		if id, err := rowID(raw, idName); err == nil {
			k.id = id
		} else {
			buf.Reset()
			h := fnv.New64a()
			if json.Compact(&buf, raw) == nil {
				h.Write(buf.Bytes())
			} else {
				h.Write(raw)
			}
			k.hash, k.hashed = h.Sum64(), true
		}
		_, inOlder := w.older[k]
		_, inNewer := w.newer[k]
		_, inPage := page[k]
		page[k] = struct{}{}
		if inOlder || inNewer || inPage {
			continue
		}
		fresh = append(fresh, raw)
		if !k.hashed {
			withID++
		}
	}
	w.older, w.newer = w.newer, page
	return fresh, withID
}

// ByID returns an iterator over every row of a list method in order of
// id, walking by the ids themselves (filter ">ID" greater than the last id
// seen, order ID ascending, start=-1 so that the portal does not count the
// rows): much faster than All for large exports, and stable while rows
// are added. The method must document a filter, an order and the rows' id.
//
// The walk never yields a row twice and never ends early without an
// error, whatever the portal's page size: it ends on an empty page, or on
// a page that holds every row the answer's "total" counts (a total smaller
// than the page that carries it is impossible, and ignored). The row with
// the last id the walk yielded, sent again, is a repeat and is dropped (a
// portal that reads ">ID" as ">=ID"); a page with nothing new ends it with
// a *StallError (a portal that ignores the filter), and a row with an id
// below the last one, or rows out of order, with an *OrderError (a portal
// that ignores the order, or whose pages disagree, where going on would
// skip rows). It keeps no memory of the rows it yielded; a walk over a
// portal that never ends is bounded only by ctx.
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
			ids := make([]int64, len(raws))
			advances := !started // the page holds a row past the last one
			for i, raw := range raws {
				id, err := rowID(raw, spec.ID)
				if err != nil {
					yield(zero, c.scrub.err(fmt.Errorf("b24: %s: %w", m.Name, err)))
					return
				}
				ids[i] = id
				advances = advances || id > last
			}
			fresh := make([]json.RawMessage, 0, len(raws))
			top, topSet := last, started
			onlyLast := true // the page holds nothing but the last row again
			for i, raw := range raws {
				id := ids[i]
				onlyLast = onlyLast && started && id == last
				switch {
				case started && id == last:
					continue // the last row again: ">ID" read as ">=ID"
				case started && id < last && advances:
					// a row the walk has passed, on a page that goes on:
					// the pages disagree, and rows may be lost
					yield(zero, &OrderError{Method: m.Name, After: last, ID: id})
					return
				case started && id < last:
					continue // a page of old rows only: a stall, below
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
			// the filter's count: this page held every row left; a count
			// smaller than the page is impossible, and ignored
			if ans.HasTotal && ans.Total == int64(len(raws)) {
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
