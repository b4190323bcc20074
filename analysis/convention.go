package analysis

import (
	"slices"
	"strings"

	"github.com/b24gen/b24gen/b24/protocol"
	"github.com/b24gen/b24gen/model"
)

// A Bitrix24 namespace builds its methods of one verb alike: crm's
// *.delete answer true, its *.add the new ID. Some pages, mostly of
// deprecated methods (crm.measure.*, crm.invoice.*), document no result
// and show no answer; their result is typed as the namespace's methods of
// the same verb answer where their pages say, when enough of them agree.

// verbOf returns the last segment of a method's name, lower-cased: the
// verb its namespace's methods share (add, delete, update).
func verbOf(name string) string {
	return strings.ToLower(name[strings.LastIndexByte(name, '.')+1:])
}

// scalarConventions returns, by verb, the scalar result most methods of a
// package answer: at least three of them, and more than half of those
// whose result is known (documented or shown, not itself by convention),
// as for descriptors (descriptorConvention). Objects are each entity's own
// and never a convention, but count among the known.
func scalarConventions(methods []*Method) map[string]*model.Field {
	type tally struct {
		known int
		votes map[model.Base]int
	}
	tallies := map[string]*tally{}
	for _, m := range methods {
		r := &m.Result
		if r.Shape == ShapeRaw || r.Origin == Conventional {
			continue
		}
		verb := verbOf(m.Model.Name)
		t := tallies[verb]
		if t == nil {
			t = &tally{votes: map[model.Base]int{}}
			tallies[verb] = t
		}
		t.known++
		if r.Shape == ShapeValue && r.Untyped == "" && conventionalBase(r.Field) {
			t.votes[r.Field.Base]++
		}
	}
	out := map[string]*model.Field{}
	for verb, t := range tallies {
		for base, n := range t.votes {
			if n >= 3 && 2*n > t.known {
				out[verb] = &model.Field{Name: "result", Type: string(base), Base: base}
			}
		}
	}
	return out
}

// resultByConvention types the result of a method whose page documents
// none and shows no answer as conventions say its verb answers.
func (m *Method) resultByConvention(conventions map[string]*model.Field) {
	mm := m.Model
	if m.Result.Shape != ShapeRaw || mm.ResultField() != nil || showsAnswer(mm) {
		return
	}
	f := conventions[verbOf(mm.Name)]
	if f == nil {
		return
	}
	m.Result = Result{Shape: ShapeValue, Field: f, Origin: Conventional}
	m.Paging = pagingOf(mm, m.Result)
}

// conventionalBase reports whether a result is a single value of a type a
// convention may carry: an ID, a flag, a code.
func conventionalBase(f *model.Field) bool {
	return !f.Array && (f.Base == protocol.Integer || f.Base == protocol.Boolean || f.Base == protocol.String)
}

// showsAnswer reports whether a page has a response example, a template
// included: what it shows, however little, is the page's own word.
func showsAnswer(m *model.Method) bool {
	return slices.ContainsFunc(m.Examples, func(e model.Example) bool { return e.Kind == model.ExampleResponse })
}
