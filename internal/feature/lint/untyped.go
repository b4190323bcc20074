package lint

import (
	"fmt"
	"strings"

	"github.com/b24gen/b24gen/analysis"
	"github.com/b24gen/b24gen/internal/feature/replay"
	"github.com/b24gen/b24gen/model"
	"github.com/b24gen/b24gen/parser"
)

// checkTypes reports what the generated Go code keeps as raw JSON because
// neither a page's tables nor its examples say what it is: a method's
// result, and the members of its parameters, its result and an event's
// data, each with why.
func (r *Report) checkTypes(a *analysis.API) {
	for _, m := range a.Methods {
		mm := m.Model
		if why := m.Result.Untyped; why != "" {
			r.add(mm, mm.Line, CodeResultUntyped, "the result is kept as raw JSON: "+why)
		}
		if m.Result.Origin == analysis.Conventional {
			r.add(mm, mm.Line, CodeResultByAnalogy, "the page shows no answer: "+analogyOf(m))
		}
		members := append(m.Request.Untyped(""), m.Result.Type.Untyped("result")...)
		if msg := untypedMessage(members); msg != "" {
			r.add(mm, mm.Line, CodeMemberUntyped, msg)
		}
	}
	if a.Events == nil {
		return
	}
	for _, e := range a.Events.Events {
		if msg := untypedMessage(e.DataType.Untyped("data")); msg != "" {
			me := e.Model
			r.Diagnostics = append(r.Diagnostics, parser.Diagnostic{File: me.File, Line: me.Line, Severity: parser.Warning, Code: CodeMemberUntyped, Message: msg, Method: me.Name})
		}
	}
}

// acceptedNote is what a report of an example the documented types reject
// adds when the generated code accepts it all the same, typed as the
// page's examples show: the table is what contradicts them.
func acceptedNote(am *analysis.Method, ex model.Example) string {
	if am == nil {
		return ""
	}
	switch ex.Kind {
	case model.ExampleRequest:
		if replay.AnalyzedRequest(am, ex.JSON) == nil {
			return "; the generated server accepts it, as the examples win over the table"
		}
	case model.ExampleResponse:
		if replay.AnalyzedResponse(am, ex.JSON) == nil {
			return "; the generated result type reads it, as the examples win over the table"
		}
	}
	return ""
}

// untypedMessage says which members are kept as raw JSON and why, the
// members of one reason together, in the order of their first member; ""
// for none.
func untypedMessage(members []analysis.UntypedMember) string {
	if len(members) == 0 {
		return ""
	}
	var reasons []string
	paths := map[string][]string{}
	for _, u := range members {
		if _, seen := paths[u.Why]; !seen {
			reasons = append(reasons, u.Why)
		}
		paths[u.Why] = append(paths[u.Why], u.Path)
	}
	parts := make([]string, len(reasons))
	for i, why := range reasons {
		parts[i] = strings.Join(paths[why], ", ") + " (" + why + ")"
	}
	noun := "members are"
	if len(members) == 1 {
		noun = "member is"
	}
	return fmt.Sprintf("%d %s kept as raw JSON: %s", len(members), noun, strings.Join(parts, "; "))
}

// analogyOf says what a result typed by convention was typed as, and why.
func analogyOf(m *analysis.Method) string {
	if m.Result.Shape == analysis.ShapeDescriptors {
		return "the result is typed as field descriptors, which most of the namespace's fields methods answer in their examples"
	}
	name := m.Model.Name
	return fmt.Sprintf("the result is typed %s, which most of the namespace's *.%s methods answer where their pages say", m.Result.Field.Base, name[strings.LastIndexByte(name, '.')+1:])
}
