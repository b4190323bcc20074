package params

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// ErrSyntax is a body that is not one JSON value.
var ErrSyntax = errors.New("b24: not valid JSON")

// DecodeJSONObject decodes a JSON object into a tree (numbers as
// json.Number), after checking, without decoding, that it nests no deeper
// than MaxDepth and that the tree it makes fits b. Anything after the
// object but white space is an error, as it is to a portal.
func DecodeJSONObject(data []byte, b *Budget) (map[string]any, error) {
	if err := CheckJSON(data, b); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v map[string]any
	if err := dec.Decode(&v); err != nil {
		return nil, syntaxError(err)
	}
	if rest := bytes.TrimLeft(data[dec.InputOffset():], " \t\r\n"); len(rest) > 0 {
		return nil, fmt.Errorf("%w: data after the object at byte %d", ErrSyntax, len(data)-len(rest))
	}
	if v == nil {
		return nil, fmt.Errorf("%w: null is not an object", ErrSyntax)
	}
	return v, nil
}

// syntaxError says where the JSON is broken without encoding/json's words.
func syntaxError(err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("%w: at byte %d", ErrSyntax, se.Offset)
	}
	return fmt.Errorf("%w: the body ends too soon or is not an object", ErrSyntax)
}

// CheckJSON walks data once, without allocating, and fails when it nests
// deeper than MaxDepth or when the tree encoding/json would build from it
// costs more than b holds (the cost is then spent). It does not check the
// syntax: decoding does.
func CheckJSON(data []byte, b *Budget) error {
	// stack holds, per open container, whether it is an object and how
	// many members or items it has so far.
	var stack [MaxDepth + 1]struct {
		object bool
		count  int
	}
	depth := 0
	var cost int64
	value := func() {
		// a new member or item of the innermost container
		if depth == 0 {
			return
		}
		top := &stack[depth-1]
		switch {
		case !top.object:
			cost += costItem
		case top.count == 0:
			cost += costGroup + costMember
		case top.count < groupSlots:
			cost += costMember
		default:
			// a map beyond its first group grows by doubling, and the
			// tables it leaves behind hold as much again while it is
			// built
			cost += 2 * costMember
		}
		top.count++
	}
	for i := 0; i < len(data); i++ {
		switch c := data[i]; c {
		case '"':
			start := i
			for i++; i < len(data) && data[i] != '"'; i++ {
				if data[i] == '\\' {
					i++
				}
			}
			// a key is paid for with its member; a string value is a
			// boxed header and its bytes
			if depth > 0 && stack[depth-1].object && !afterColon(data, start) {
				cost += int64(i - start)
				continue
			}
			value()
			cost += costScalar + int64(i-start)
		case '{', '[':
			value()
			if depth == MaxDepth {
				return tooDeep(MaxDepth)
			}
			stack[depth].object, stack[depth].count = c == '{', 0
			depth++
			if c == '{' {
				cost += costMap
			} else {
				cost += costSlice
			}
		case '}', ']':
			if depth > 0 {
				depth--
			}
		case 't', 'f', 'n':
			value()
			for i+1 < len(data) && data[i+1] >= 'a' && data[i+1] <= 'z' {
				i++
			}
		case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
			value()
			start := i
			for i+1 < len(data) && isNumberByte(data[i+1]) {
				i++
			}
			cost += costScalar + int64(i+1-start)
		}
	}
	return b.Spend(cost)
}

// afterColon reports whether the string starting at i is a member's value
// (a colon before it) rather than its key.
func afterColon(data []byte, i int) bool {
	for i--; i >= 0; i-- {
		switch data[i] {
		case ' ', '\t', '\r', '\n':
			continue
		case ':':
			return true
		}
		return false
	}
	return false
}

func isNumberByte(c byte) bool {
	return c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-'
}
