// Package params decodes the parameters of a REST call — PHP bracket query
// strings and forms, JSON bodies — into trees of map[string]any, []any and
// scalars, within a memory budget: whatever its shape, a body costs memory
// in proportion to its size, and a hostile shape (thousands of keys sixty
// levels deep, lists of empty objects) is refused before it is built.
package params

import (
	"errors"
	"fmt"
)

// Limits on a decoded tree. The depth and count match PHP's defaults
// (max_input_nesting_level, max_input_vars) in spirit.
const (
	MaxDepth = 64
	MaxVars  = 10000
	// Amplification is how many times its size a body may cost once
	// decoded, above Floor, which any body may use.
	Amplification = 8
	Floor         = 1 << 20
)

var (
	// ErrTooDeep: nesting beyond MaxDepth.
	ErrTooDeep = errors.New("b24: query nested too deeply")
	// ErrTooLarge: more than MaxVars parameters.
	ErrTooLarge = errors.New("b24: query has too many parameters")
	// ErrTooComplex: the decoded tree would cost more memory than the
	// budget allows.
	ErrTooComplex = errors.New("b24: parameters too complex to decode within the memory budget")
)

// What the pieces of a decoded tree cost in memory, measured on Go's maps
// and slices (the live heap after decoding; see budget_test.go): a map
// header, its first group of eight slots, a slot, a boxed scalar's header,
// a boxed slice header, and an item of a list with the garbage its growth
// leaves behind (a list of a million nulls is otherwise cheap to charge
// and dear to hold).
const (
	costMap = 64
	// groupSlots is the number of slots of a map's first group.
	groupSlots = 8
	costGroup  = 272
	costMember = 40
	costScalar = 24
	costSlice  = 48
	costItem   = 48
	// costNode is a bracket key's level while the tree is built (its
	// ordered map) plus the map or list it becomes.
	costNode = costMap + costGroup + 128
)

// Budget is the memory a request's decoding may still take, in bytes. One
// budget serves every decode of one request (query, body, the commands
// of a batch), so that splitting a body into parts gains nothing.
type Budget struct {
	left int64
}

// NewBudget returns a budget of n bytes.
func NewBudget(n int64) *Budget { return &Budget{left: n} }

// For returns the budget for a request of size bytes: Amplification times
// its size above Floor.
func For(size int) *Budget { return NewBudget(Amplification*int64(size) + Floor) }

// Spend takes n bytes from the budget, or fails with ErrTooComplex when
// fewer are left.
func (b *Budget) Spend(n int64) error {
	if b == nil {
		return nil
	}
	if n > b.left {
		b.left = 0
		return ErrTooComplex
	}
	b.left -= n
	return nil
}

// Left is what the budget still holds.
func (b *Budget) Left() int64 { return b.left }

// tooDeep reports nesting beyond max.
func tooDeep(max int) error { return fmt.Errorf("%w: more than %d levels", ErrTooDeep, max) }

// Size estimates the memory a decoded tree holds, by the same costs the
// budget charges: for code that keeps trees (a fake portal's call log) and
// must bound what it keeps in bytes, not only in count.
func Size(v any) int64 {
	switch t := v.(type) {
	case map[string]any:
		n := int64(costMap)
		if len(t) > 0 {
			n += costGroup
		}
		for k, e := range t {
			n += 2*costMember + int64(len(k)) + Size(e)
		}
		return n
	case []any:
		n := int64(costSlice)
		for _, e := range t {
			n += costItem + Size(e)
		}
		return n
	case string:
		return costScalar + int64(len(t))
	case interface{ String() string }: // json.Number
		return costScalar + int64(len(t.String()))
	}
	return costScalar
}
