package golang

import (
	"fmt"

	"github.com/b24gen/b24gen/analysis"
)

// GoAPI is what the generated Go code declares for a method or an event,
// as Go source: b24gen diff compares two of them to tell which changes of
// the docs break code that uses the generated packages.
type GoAPI struct {
	// Name is the method's or event's Go name.
	Name string
	// Result is the type the method's client function returns with its
	// error, "" when it returns only an error; for an event, its data's.
	Result string
	// Members are the types of the request's members by their path
	// ("fields.TITLE") and of the result's, under "result." (the data's,
	// for an event, under its documented member's name); a field kept in
	// Extra has none.
	Members map[string]string
}

// MethodAPI describes the Go declarations of a method.
func MethodAPI(m *analysis.Method) GoAPI {
	api := GoAPI{Name: m.GoName, Members: map[string]string{}}
	if sig := resultOf(m.Result).sig; sig != nil {
		api.Result = fmt.Sprintf("%#v", sig)
	}
	addMembers(api.Members, "", m.Request, 0)
	addMembers(api.Members, "result.", m.Result.Type, 0)
	return api
}

// EventAPI describes the Go declarations of an event.
func EventAPI(e *analysis.Event) GoAPI {
	api := GoAPI{Name: e.GoName, Members: map[string]string{}}
	if e.DataType == nil {
		api.Result = fmt.Sprintf("%#v", eventDataType(e))
		return api
	}
	api.Result = "struct"
	prefix := ""
	if e.DataField != nil {
		prefix = e.DataField.Name + "."
	}
	addMembers(api.Members, prefix, e.DataType, 0)
	return api
}

// maxAPIDepth bounds the members described, as deep as any docs nest.
const maxAPIDepth = 16

func addMembers(out map[string]string, prefix string, t *analysis.Type, depth int) {
	if t == nil || depth > maxAPIDepth {
		return
	}
	for _, mem := range t.Members {
		if mem.Kept != analysis.NotKept {
			continue
		}
		path := prefix + mem.Field.Name
		typ, _ := structMemberType(mem, t.Role)
		out[path] = fmt.Sprintf("%#v", typ)
		addMembers(out, path+".", mem.Type, depth+1)
	}
}
