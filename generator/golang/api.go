package golang

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/b24gen/b24gen/analysis"
)

// GoAPI is what the generated Go code declares for a method or an event,
// as Go source: b24gen diff compares two of them to tell which changes of
// the docs break code that uses the generated packages.
type GoAPI struct {
	// Package is the name of the generated package that declares it.
	Package string
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
	// GoPaths are the members' Go names by the same paths
	// ("Fields.Title"): two fields the docs name apart may be one Go
	// member (ITEM_ID, ITEM-ID), and a field may lose its Go name to
	// another (TITLE's Title, taken by a new title row).
	GoPaths map[string]string
	// Iterators are the names of a method's iterators (ItemListAll,
	// ItemListByID).
	Iterators []string
	// Enums are the enum types it is the first to use, and their
	// constants, as Go source by name ("type Status string",
	// "Status = \"A\"").
	Enums map[string]string
}

// MethodAPI describes the Go declarations of a method.
func MethodAPI(m *analysis.Method) GoAPI {
	api := newGoAPI(m.Package, m.GoName, m.Enums)
	if sig := resultOf(m.Result).sig; sig != nil {
		api.Result = fmt.Sprintf("%#v", sig)
	}
	api.addMembers("", "", m.Request, 0)
	api.addMembers("result.", "Result.", m.Result.Type, 0)
	for _, it := range []string{m.AllIterator, m.ByIDIterator} {
		if it != "" {
			api.Iterators = append(api.Iterators, it)
		}
	}
	return api
}

func newGoAPI(pkg, name string, enums []*analysis.EnumType) GoAPI {
	api := GoAPI{Package: pkg, Name: name, Members: map[string]string{}, GoPaths: map[string]string{}, Enums: map[string]string{}}
	for _, e := range enums {
		api.Enums[e.Name] = fmt.Sprintf("%#v", jen.Type().Id(e.Name).Add(enumBase(e)))
		for _, v := range e.Values {
			api.Enums[v.Const] = fmt.Sprintf("%#v", jen.Id(e.Name).Op("=").Add(enumLit(e, v)))
		}
	}
	return api
}

// EventAPI describes the Go declarations of an event of the package pkg.
func EventAPI(pkg string, e *analysis.Event) GoAPI {
	api := newGoAPI(pkg, e.GoName, e.Enums)
	if e.DataType == nil {
		api.Result = fmt.Sprintf("%#v", eventDataType(e))
		return api
	}
	api.Result = "struct"
	prefix := ""
	if e.DataField != nil {
		prefix = e.DataField.Name + "."
	}
	api.addMembers(prefix, "", e.DataType, 0)
	return api
}

// maxAPIDepth bounds the members described, as deep as any docs nest.
const maxAPIDepth = 16

func (api *GoAPI) addMembers(prefix, goPrefix string, t *analysis.Type, depth int) {
	if t == nil || depth > maxAPIDepth {
		return
	}
	for _, mem := range t.Members {
		if mem.Kept != analysis.NotKept {
			continue
		}
		path, goPath := prefix+mem.Field.Name, goPrefix+mem.Name
		typ, _ := structMemberType(mem, t.Role)
		api.Members[path] = fmt.Sprintf("%#v", typ)
		api.GoPaths[path] = goPath
		api.addMembers(path+".", goPath+".", mem.Type, depth+1)
	}
}
