package analysis

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

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
	// Status, Description and System are the first page's.
	Status      int
	Description string
	System      bool
	// Message is the first page's, as plain text (see plainText).
	Message string
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
	// Message is the first row's, as plain text (see plainText).
	Message string
	Checks  []model.ErrorCheck
}

// errorCodes collects the codes a package's methods document and names
// their constants (see nameErrorCodes).
func errorCodes(methods []*Method, idents *scope) []*ErrorCode {
	var codes []*ErrorCode
	byKey := map[string]*ErrorCode{}
	owners := map[*ErrorCode]Owner{}
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
			c := &ErrorCode{Code: e.Code, Status: e.Status, Message: plainText(e.Message), Description: e.Description, System: e.System, Methods: []string{m.Model.Name}}
			byKey[key] = c
			owners[c] = m.Owner()
			codes = append(codes, c)
		}
	}
	nameErrorCodes(codes, idents)
	for _, c := range codes {
		idents.declare(c.Const, owners[c])
	}
	slices.SortFunc(codes, func(a, b *ErrorCode) int { return strings.Compare(a.Const, b.Const) })
	return codes
}

// nameErrorCodes gives each code its constant: errorConst of the code
// ("ERROR_NOT_FOUND" → ErrNotFound), unless another code of the package
// needs that name too or idents already has it. Codes that differ only in
// case are one code already; the codes that still share a name differ in
// spelling ("NOT_FOUND" and "ERROR_NOT_FOUND", "ACCESS_DENIED" and "Access
// denied"), and the portal sends each as it is, so each needs a constant.
// Of those, one keeps the name, in this order of preference: a system
// error (it then has the name the runtime and every other package give
// it), a code the name spells without leaving out "ERROR_", the code
// with the fewest spaces and punctuation (oddChars), the first in byte
// order. The others take the first name of errorConstChoices that is
// free, in byte order of their codes. The result does not depend on the
// order in which pages document the codes.
func nameErrorCodes(codes []*ErrorCode, idents *scope) {
	byName := map[string][]*ErrorCode{}
	for _, c := range codes {
		name := errorConst(c.Code)
		byName[name] = append(byName[name], c)
	}
	assigned := map[string]bool{}
	var rest []*ErrorCode
	for _, c := range codes {
		name := errorConst(c.Code)
		group := byName[name]
		if slices.MinFunc(group, preferErrorCode) != c || idents.taken(name) {
			rest = append(rest, c)
			continue
		}
		c.Const = name
		assigned[name] = true
	}
	slices.SortFunc(rest, func(a, b *ErrorCode) int { return strings.Compare(a.Code, b.Code) })
	for _, c := range rest {
		name := errorConst(c.Code)
		for _, choice := range errorConstChoices(c, len(byName[name]) > 1) {
			if !idents.taken(choice) && !assigned[choice] {
				c.Const = choice
				break
			}
		}
		for n := 2; c.Const == ""; n++ {
			if choice := naming.Ident(fmt.Sprintf("%s %d", name, n), naming.Exported); !idents.taken(choice) && !assigned[choice] {
				c.Const = choice
			}
		}
		assigned[c.Const] = true
	}
}

// preferErrorCode orders the codes that share a name by their claim to
// it, the strongest first.
func preferErrorCode(a, b *ErrorCode) int {
	rank := func(c *ErrorCode) int {
		r := 0
		if !c.System {
			r += 2
		}
		if words := naming.Words(c.Code); len(words) > 1 && words[0] == "error" {
			r++
		}
		return r
	}
	if d := rank(a) - rank(b); d != 0 {
		return d
	}
	if d := oddChars(a.Code) - oddChars(b.Code); d != 0 {
		return d
	}
	return strings.Compare(a.Code, b.Code)
}

// oddChars counts the characters of a code that are not letters, digits
// or underscores: spaces and punctuation.
func oddChars(code string) int {
	n := 0
	for _, r := range code {
		if r != '_' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

// errorConstChoices are the names a code may take when its errorConst is
// not free, in order: the name with "ERROR_" kept ("ERROR_NOT_FOUND" →
// ErrErrorNotFound). Then, for a code that another code of the package
// shares its name with (shared), the name after the part of the method
// names that all the methods documenting it share (a code only
// crm.requisite.link.get documents: ErrRequisiteLinkNotFound), and, for a
// code that is a sentence, the name and "Text" ("Access denied" →
// ErrAccessDeniedText). Then the name and "Code", which is first for a
// code whose name another declaration of the package has. Numbers come
// last, for a code none of these is free for: the whole API has none.
func errorConstChoices(c *ErrorCode, shared bool) []string {
	words := naming.Words(c.Code)
	name := errorConst(c.Code)
	var out []string
	if len(words) > 1 && words[0] == "error" {
		out = append(out, naming.Ident("err "+strings.Join(words, " "), naming.Exported))
	}
	if shared {
		if scope := methodsScope(c.Methods); scope != "" {
			out = append(out, naming.Ident("err "+scope+" "+strings.Join(trimError(words), " "), naming.Exported))
		}
		if strings.ContainsFunc(c.Code, unicode.IsSpace) {
			out = append(out, name+"Text")
		}
	}
	return append(out, name+"Code")
}

// methodsScope is the part of the method names that the methods share,
// after the namespace and before the action ("crm.requisite.link.get" and
// "crm.requisite.link.unregister" → "requisite link"); "" when they share
// none.
func methodsScope(methods []string) string {
	var common []string
	for i, m := range methods {
		segs := strings.Split(afterNamespace(m), ".")
		segs = segs[:len(segs)-1]
		if i == 0 {
			common = segs
			continue
		}
		n := 0
		for n < len(common) && n < len(segs) && strings.EqualFold(common[n], segs[n]) {
			n++
		}
		common = common[:n]
	}
	return strings.Join(common, " ")
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
		out = append(out, MethodError{Code: e.Code, Const: constants[key], Status: e.Status, Message: plainText(e.Message), Checks: e.Checks})
	}
	return out
}

// errorConst names the constant of an error code: "Err" and the code, less
// a leading "ERROR_" ("ERROR_METHOD_NOT_FOUND" → ErrMethodNotFound).
func errorConst(code string) string {
	return naming.Ident("err "+strings.Join(trimError(naming.Words(code)), " "), naming.Exported)
}

// trimError leaves out a leading "error" word, unless it is the only one.
func trimError(words []string) []string {
	if len(words) > 1 && words[0] == "error" {
		return words[1:]
	}
	return words
}
