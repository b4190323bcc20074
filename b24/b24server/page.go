package b24server

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/b24gen/b24gen/b24"
)

// callState is what an implementation tells the Mux about its answer
// besides the result.
type callState struct {
	total    int64
	hasTotal bool
}

type callStateKey struct{}

// SetTotal tells the Mux, from the implementation of a list method, how
// many rows the call's filter matches in all. The answer then carries
// "total" and, when rows remain after this page, "next": the start of the
// next page, as a portal pages. A call with start=-1 (no count) carries
// neither. A method the docs show no paging for carries "total" alone, as
// portals answer some (lists.section.get): "next" needs the rows' member.
func SetTotal(ctx context.Context, total int) {
	if s, ok := ctx.Value(callStateKey{}).(*callState); ok {
		s.total, s.hasTotal = int64(total), true
	}
}

// pageOf returns the total and the next start of a list call's answer.
func pageOf(spec *b24.Method, params map[string]any, result json.RawMessage, total int64) (*int64, *int64) {
	if spec.List == nil {
		return &total, nil
	}
	start := int64(0)
	if v, ok := params["start"]; ok {
		if n, err := strconv.ParseInt(strings.TrimSpace(scalarText(v)), 10, 64); err == nil {
			start = n
		}
	}
	if start < 0 {
		return nil, nil
	}
	rows := countRows(result, spec.List.Rows)
	if next := start + rows; rows > 0 && next < total {
		return &total, &next
	}
	return &total, nil
}

// countRows counts the rows of a list result: the result itself, or its
// member that holds them.
func countRows(result json.RawMessage, member string) int64 {
	if member != "" {
		var obj map[string]json.RawMessage
		if json.Unmarshal(result, &obj) != nil {
			return 0
		}
		result = obj[member]
	}
	var rows []json.RawMessage
	if json.Unmarshal(result, &rows) == nil {
		return int64(len(rows))
	}
	var byKey map[string]json.RawMessage
	if json.Unmarshal(result, &byKey) == nil {
		return int64(len(byKey))
	}
	return 0
}
