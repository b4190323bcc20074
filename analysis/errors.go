package analysis

import (
	"fmt"
	"slices"
	"strings"

	"github.com/b24gen/b24gen/internal/support/naming"
	"github.com/b24gen/b24gen/model"
)

// ErrorCode is a documented error code of a package. Codes that differ only
// in case are one code, since the portal compares them without case.
type ErrorCode struct {
	// Code is the code as the first page to document it spells it.
	Code string
	// Const is the name of its constant ("ErrMethodNotFound").
	Const string
	// Status, Message, Description and System are the first page's.
	Status      int
	Message     string
	Description string
	System      bool
	// Methods are the methods that document the code, in the package's
	// order.
	Methods []string
}

// MethodError is an error code a method documents, for its descriptor.
// A page may list a code in several rows, for several cases: the first
// row's status and message stand, and every row's checks.
type MethodError struct {
	// Code is the code as the first row spells it; Const is the package's
	// constant for it.
	Code, Const string
	Status      int
	Message     string
	Checks      []model.ErrorCheck
}

// errorCodes collects the codes a package's methods document and names
// their constants: "Err" and the code, numbered past the names idents
// already holds and past each other.
func errorCodes(methods []*Method, idents *scope) []*ErrorCode {
	var codes []*ErrorCode
	byKey := map[string]*ErrorCode{}
	for _, m := range methods {
		for _, e := range m.Model.Errors {
			if e.Code == "" {
				continue
			}
			key := strings.ToLower(e.Code)
			if c, ok := byKey[key]; ok {
				if !slices.Contains(c.Methods, m.Model.Name) {
					c.Methods = append(c.Methods, m.Model.Name)
				}
				continue
			}
			c := &ErrorCode{Code: e.Code, Status: e.Status, Message: e.Message, Description: e.Description, System: e.System, Methods: []string{m.Model.Name}}
			c.Const = errorConst(e.Code, 0)
			for n := 2; idents.taken(c.Const); n++ {
				c.Const = errorConst(e.Code, n)
			}
			idents.declare(c.Const, m.Owner())
			byKey[key] = c
			codes = append(codes, c)
		}
	}
	slices.SortFunc(codes, func(a, b *ErrorCode) int { return strings.Compare(a.Const, b.Const) })
	return codes
}

// methodErrors are the codes a method documents, system errors and rows
// without a code left out, with the constants of their package.
func methodErrors(errs []model.Error, constants map[string]string) []MethodError {
	var out []MethodError
	index := map[string]int{}
	for _, e := range errs {
		if e.System || e.Code == "" {
			continue
		}
		key := strings.ToLower(e.Code)
		if i, ok := index[key]; ok {
			out[i].Checks = append(slices.Clip(out[i].Checks), e.Checks...)
			continue
		}
		index[key] = len(out)
		out = append(out, MethodError{Code: e.Code, Const: constants[key], Status: e.Status, Message: e.Message, Checks: e.Checks})
	}
	return out
}

// errorConst names the constant of an error code: "Err" and the code, less
// a leading "ERROR_" ("ERROR_METHOD_NOT_FOUND" → ErrMethodNotFound), with a
// number n > 0 appended to tell apart codes that would share a name.
func errorConst(code string, n int) string {
	words := naming.Words(code)
	if len(words) > 1 && words[0] == "error" {
		words = words[1:]
	}
	name := "err " + strings.Join(words, " ")
	if n > 0 {
		name += fmt.Sprintf(" %d", n)
	}
	return naming.Ident(name, naming.Exported)
}
