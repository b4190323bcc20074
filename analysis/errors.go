package analysis

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/b24gen/b24gen/b24/protocol"
	"github.com/b24gen/b24gen/internal/support/naming"
	"github.com/b24gen/b24gen/model"
)

// ErrorCode is a documented error code of a package. Codes that differ only
// in case are one code, since the portal compares them without case. An
// error the docs give without a code but with a message is one too, matched
// by its message (ByMessage): messages that differ only in case,
// punctuation or Markdown are one (protocol.MessageKey).
type ErrorCode struct {
	// Code is the code as the first page to document it spells it; "" for
	// an error matched by message.
	Code string
	// ByMessage marks an error without a code: its constant is a
	// b24.ErrorMessage of Message, named after the message.
	ByMessage bool
	// Const is the name of its constant ("ErrMethodNotFound").
	Const string
	// Status, Description and System are the first page's.
	Status      int
	Description string
	System      bool
	// Message is the first page's, as plain text (see plainText).
	Message string
	// Fix is how the first page says to avoid the error, "" when it does
	// not say.
	Fix string
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
	// ByMessage marks an error without a code, matched by Message.
	ByMessage bool
	Status    int
	// Message is the first row's, as plain text (see plainText).
	Message string
	Checks  []model.ErrorCheck
}

// errorCodes collects the codes a package's methods document, and the
// errors without a code that have a message, and names their constants
// (see nameErrorCodes).
func errorCodes(methods []*Method, idents *scope) []*ErrorCode {
	var codes []*ErrorCode
	byKey := map[string]*ErrorCode{}
	owners := map[*ErrorCode]Owner{}
	for _, m := range methods {
		for _, e := range m.Model.Errors {
			key, ok := errorKey(e)
			if !ok {
				continue
			}
			if c, ok := byKey[key]; ok {
				if !slices.Contains(c.Methods, m.Model.Name) {
					c.Methods = append(c.Methods, m.Model.Name)
				}
				continue
			}
			c := &ErrorCode{Code: e.Code, ByMessage: e.Code == "", Status: e.Status, Message: plainText(e.Message), Description: e.Description, Fix: e.Fix, System: e.System, Methods: []string{m.Model.Name}}
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

// key is the code's errorKey.
func (c *ErrorCode) key() string {
	if c.ByMessage {
		return "message " + protocol.MessageKey(c.Message)
	}
	return strings.ToLower(c.Code)
}

// errorKey tells a package's errors apart: by code, case ignored, or, for
// an error without a code, by its message (protocol.MessageKey). An error
// with neither has no key: nothing could match it.
func errorKey(e model.Error) (string, bool) {
	if e.Code != "" {
		return strings.ToLower(e.Code), true
	}
	if e.System {
		return "", false
	}
	if k := protocol.MessageKey(plainText(e.Message)); k != "" {
		return "message " + k, true
	}
	return "", false
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
	base := baseErrorConsts(codes)
	byName := map[string][]*ErrorCode{}
	for _, c := range codes {
		byName[base[c]] = append(byName[base[c]], c)
	}
	assigned := map[string]bool{}
	var rest []*ErrorCode
	for _, c := range codes {
		name := base[c]
		group := byName[name]
		if slices.MinFunc(group, preferErrorCode) != c || idents.taken(name) {
			rest = append(rest, c)
			continue
		}
		c.Const = name
		assigned[name] = true
	}
	slices.SortFunc(rest, func(a, b *ErrorCode) int {
		if d := strings.Compare(a.Code, b.Code); d != 0 {
			return d
		}
		return strings.Compare(a.Message, b.Message)
	})
	for _, c := range rest {
		name := base[c]
		for _, choice := range errorConstChoices(c, name, len(byName[name]) > 1) {
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

// messageConstWords is how many words of a message name its constant
// ("Не задан обязательный параметр "from" для метода "calendar.event.add""
// → ErrNeZadanObiazatelnyiParametrFromDliaMetodaCalendar); messages that
// share them take messageConstMore words more at a time until their names
// differ or hold every word.
const (
	messageConstWords = 8
	messageConstMore  = 2
)

// baseErrorConsts gives each code the name it asks for: errorConst of its
// code or, for an error matched by message, of the first words of its
// message, as many as set it apart from the package's other messages. The
// result does not depend on the order of the codes.
func baseErrorConsts(codes []*ErrorCode) map[*ErrorCode]string {
	base := map[*ErrorCode]string{}
	words := map[*ErrorCode]int{}
	var messages []*ErrorCode
	for _, c := range codes {
		if !c.ByMessage {
			base[c] = errorConst(c.Code)
			continue
		}
		words[c] = messageConstWords
		messages = append(messages, c)
	}
	for {
		byName := map[string][]*ErrorCode{}
		for _, c := range messages {
			base[c] = messageConst(c.Message, words[c])
			byName[base[c]] = append(byName[base[c]], c)
		}
		more := false
		for _, c := range messages {
			if len(byName[base[c]]) > 1 && words[c] < len(naming.Words(c.Message)) {
				words[c] += messageConstMore
				more = true
			}
		}
		if !more {
			return base
		}
	}
}

// messageConst names the constant of an error matched by message: "Err"
// and the first n words of the message.
func messageConst(message string, n int) string {
	words := naming.Words(message)
	return naming.Ident("err "+strings.Join(words[:min(n, len(words))], " "), naming.Exported)
}

// preferErrorCode orders the codes that share a name by their claim to
// it, the strongest first.
func preferErrorCode(a, b *ErrorCode) int {
	rank := func(c *ErrorCode) int {
		r := 0
		if c.ByMessage {
			// a code keeps its name before a message
			r += 4
		}
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
	if d := strings.Compare(a.Code, b.Code); d != 0 {
		return d
	}
	return strings.Compare(a.Message, b.Message)
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

// errorConstChoices are the names a code may take when its name is not
// free, in order: the name with "ERROR_" kept ("ERROR_NOT_FOUND" →
// ErrErrorNotFound). Then, for a code that another code of the package
// shares its name with (shared), the name after the part of the method
// names that all the methods documenting it share (a code only
// crm.requisite.link.get documents: ErrRequisiteLinkNotFound), and, for a
// code that is a sentence, the name and "Text" ("Access denied" →
// ErrAccessDeniedText). Then the name and "Code", which is first for a
// code whose name another declaration of the package has. An error
// matched by message takes the name and "Message" ("Access denied." when
// ACCESS_DENIED has ErrAccessDenied: ErrAccessDeniedMessage), then that
// after its methods' part. Numbers come last, for a code none of these is
// free for: the whole API has none.
func errorConstChoices(c *ErrorCode, name string, shared bool) []string {
	if c.ByMessage {
		out := []string{name + "Message"}
		if scope := methodsScope(c.Methods); scope != "" {
			out = append(out, naming.Ident("err "+scope+" "+strings.TrimPrefix(name, "Err")+" message", naming.Exported))
		}
		return out
	}
	words := naming.Words(c.Code)
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

// methodErrors are the codes a method documents, and its errors without
// a code that have a message, system errors left out, with the constants
// of their package (by errorKey).
func methodErrors(errs []model.Error, constants map[string]string) []MethodError {
	var out []MethodError
	index := map[string]int{}
	for _, e := range errs {
		if e.System {
			continue
		}
		key, ok := errorKey(e)
		if !ok {
			continue
		}
		if i, ok := index[key]; ok {
			out[i].Checks = append(slices.Clip(out[i].Checks), e.Checks...)
			continue
		}
		index[key] = len(out)
		out = append(out, MethodError{Code: e.Code, Const: constants[key], ByMessage: e.Code == "", Status: e.Status, Message: plainText(e.Message), Checks: e.Checks})
	}
	return out
}

// PlainText is a message of the docs as the portal sends it, without the
// Markdown of the page (see plainText): what the analysis keeps of the
// messages, for the emitters that read them from the model.
func PlainText(message string) string { return plainText(message) }

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
