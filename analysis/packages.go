package analysis

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/b24gen/b24gen/internal/support/naming"
	"github.com/b24gen/b24gen/model"
)

// Package is the Go package of one namespace's methods of one REST API.
type Package struct {
	// Name is the package name: the namespace as an identifier, or the
	// name Options.Packages gives it, with "v3" after it for REST 3.0.
	Name string
	// Namespace is the methods' first name segment, lower-cased.
	Namespace string
	// API is "" for the classic REST API, model.APIv3 for REST 3.0.
	API string
	// Methods are the package's methods, in the model's order.
	Methods []*Method
	// Errors are the error codes the methods document, system errors
	// included, one per code (case ignored), by constant name.
	Errors []*ErrorCode
}

// Method is the analysis of one method.
type Method struct {
	// Model is the method's page.
	Model *model.Method
	// Package is the name of the Go package the method goes to.
	Package string
	// GoName is the name of its client function ("SourceDelete").
	GoName string
	// Descriptor is the variable describing it to the runtime
	// ("methodSourceDelete").
	Descriptor string
	// Batch is its batch helper ("BatchSourceDelete").
	Batch string
	// Example is the constant holding its response example, for the fake
	// portal ("exampleSourceDelete").
	Example string
	// File is the Go file it goes to, without ".go": its name's second
	// segment ("source"), or the package's name for short names.
	File string
	// Request is the type of its parameters.
	Request *Type
	// Result is how its result is typed.
	Result Result
	// ReadOnly is set when the method only reads, so that calls are safe
	// to repeat.
	ReadOnly bool
	// Paging is how the method pages; nil for a method that does not.
	Paging *Paging
	// AllIterator and ByIDIterator name the Client methods that walk the
	// rows of a list method, page by page and by id; "" when there is none.
	AllIterator, ByIDIterator string
	// Errors are the codes the method documents, system errors left out,
	// one per code (case ignored), in the page's order.
	Errors []MethodError
	// ResponseExample is the response example the fake portal answers
	// with: the first that is not a template; nil when there is none.
	ResponseExample *model.Example
	// Enums are the enum types the method is the first to use, declared
	// in its file after its types, in the order of its members.
	Enums []*EnumType
	// Alternatives are the groups of parameters of which a call gives at
	// least one, in the model's order, with their Go names.
	Alternatives []Alternative
}

// Owner is what the method's declarations are attributed to in clashes.
func (m *Method) Owner() Owner {
	return Owner{Name: m.Model.Name, File: m.Model.File, Line: m.Model.Line}
}

// packageAPIIdents are the package-level identifiers every generated
// package declares.
var packageAPIIdents = []string{"Client", "NewClient", "New", "Server", "UnimplementedServer", "Register", "NewHandler", "Errors", "Methods", "RegisterFake"}

// clientMethods are the methods of Client besides the generated ones.
var clientMethods = []string{"Runtime"}

// reservedFiles are the fixed files of every package; a method group with
// the same name gets a suffix.
var reservedFiles = []string{"doc", "client", "server", "errors", "fake"}

// Namespace returns the namespace of a method: its name's first segment,
// lower-cased (method names are case-insensitive).
func Namespace(method string) string {
	ns, _, _ := strings.Cut(method, ".")
	return strings.ToLower(ns)
}

// PackageName returns the Go package of a method's namespace.
func PackageName(m *model.Method, opts Options) string {
	name := naming.Ident(Namespace(m.Name), naming.Package)
	if renamed, ok := opts.Packages[Namespace(m.Name)]; ok {
		name = renamed
	}
	if m.API == model.APIv3 {
		name += "v3"
	}
	return name
}

// RootPackage names the package that gathers the generated ones, after the
// last element of its import path.
func RootPackage(importPath string) string {
	return naming.Ident(path.Base(importPath), naming.Package)
}

// goName returns the Go name opts give a method or an event.
func (o Options) goName(name string) (string, bool) {
	if n, ok := o.Names[name]; ok {
		return n, true
	}
	// the portal ignores case, so does the configuration; the smallest
	// matching key wins, whatever the map's order
	var match string
	found := false
	for k := range o.Names {
		if strings.EqualFold(k, name) && (!found || k < match) {
			match, found = k, true
		}
	}
	return o.Names[match], found
}

// planPackages groups the methods into packages and names them. A method
// documented twice (two pages, names that differ only in case) is
// generated once, from the first page in the model's order.
func planPackages(api *model.API, opts Options) ([]*Package, []*Method, []Duplicate) {
	byName := map[string]*Package{}
	kept := map[string]*model.Method{}
	var methods []*Method
	var dups []Duplicate
	for i := range api.Methods {
		mm := &api.Methods[i]
		key := strings.ToLower(mm.Name) + "@" + mm.API
		if first, dup := kept[key]; dup {
			dups = append(dups, Duplicate{Page: mm, Kept: first})
			continue
		}
		kept[key] = mm
		name := PackageName(mm, opts)
		p, ok := byName[name]
		if !ok {
			p = &Package{Name: name, Namespace: Namespace(mm.Name), API: mm.API}
			byName[name] = p
		}
		m := &Method{Model: mm, Package: name, File: methodFile(mm.Name, name), GoName: methodGoName(mm.Name, opts)}
		p.Methods = append(p.Methods, m)
		methods = append(methods, m)
	}
	pkgs := make([]*Package, 0, len(byName))
	for _, p := range byName {
		pkgs = append(pkgs, p)
	}
	slices.SortFunc(pkgs, func(a, b *Package) int { return strings.Compare(a.Name, b.Name) })
	return pkgs, methods, dups
}

// afterNamespace is a method's name without its namespace.
func afterNamespace(name string) string {
	if _, rest, ok := strings.Cut(name, "."); ok {
		return rest
	}
	return name
}

// methodFile names the file of a method after its name's second segment;
// methods of one or two segments go to the file named after the package.
func methodFile(name, pkg string) string {
	rest := afterNamespace(name)
	if !strings.Contains(name, ".") || !strings.Contains(rest, ".") {
		return fileName(pkg)
	}
	group, _, _ := strings.Cut(rest, ".")
	return fileName(naming.Ident(group, naming.Package))
}

// fileName keeps a group file from taking a fixed file's name or being
// read as a test file.
func fileName(group string) string {
	if slices.Contains(reservedFiles, group) || strings.HasSuffix(group, "_test") {
		return group + "_methods"
	}
	return group
}

// methodGoName is the Go name of a method: its name after the namespace,
// or the one the options give.
func methodGoName(name string, opts Options) string {
	if n, ok := opts.goName(name); ok {
		return n
	}
	return naming.Ident(afterNamespace(name), naming.Exported)
}

// analyze gives the package's methods their names, types, paging and
// errors, and returns the clashes among its names.
func (p *Package) analyze() []Clash {
	p.disambiguate()
	idents := newScope(p.Name, "")
	for _, id := range packageAPIIdents {
		idents.declare(id, Owner{Name: packageAPI})
	}
	for _, m := range p.Methods {
		m.nameDeclarations()
		for _, id := range []string{m.Descriptor, m.Batch, m.Example} {
			idents.declare(id, m.Owner())
		}
		idents.declareType(m.Request, m.Owner())
	}
	// Error constants are numbered past the names above, not refused.
	p.Errors = errorCodes(p.Methods, idents)
	constants := map[string]string{}
	for _, c := range p.Errors {
		constants[c.key()] = c.Const
	}
	descriptors := descriptorConvention(p.Methods)
	for _, m := range p.Methods {
		m.analyze(idents, constants, descriptors)
	}
	conventions := scalarConventions(p.Methods)
	for _, m := range p.Methods {
		m.resultByConvention(conventions)
	}
	// Enum types and their constants come last: they take names nothing
	// else needs.
	var enums enumPlanner
	for _, m := range p.Methods {
		enums.collect(m.Request, m.Owner(), &m.Enums)
		enums.collect(m.Result.Type, m.Owner(), &m.Enums)
	}
	enums.name(idents)
	client := newScope(p.Name, "Client")
	for _, id := range clientMethods {
		client.declare(id, Owner{Name: packageAPI})
	}
	for _, m := range p.Methods {
		client.declare(m.GoName, m.Owner())
	}
	// An iterator whose name a method already has is left out: the method
	// keeps its name.
	for _, m := range p.Methods {
		m.nameIterators(client)
	}
	return append(idents.clashes, client.clashes...)
}

// disambiguate gives distinct Go names to methods whose names map to the
// same identifier (imbot.v2.bot.register and imbot.v2.botRegister would
// both be V2BotRegister): the second and later, in name order, get a
// number. Methods that do not collide keep their names whatever else the
// package holds.
func (p *Package) disambiguate() {
	byIdent := map[string][]*Method{}
	var idents []string
	for _, m := range p.Methods {
		if _, seen := byIdent[m.GoName]; !seen {
			idents = append(idents, m.GoName)
		}
		byIdent[m.GoName] = append(byIdent[m.GoName], m)
	}
	for _, id := range idents {
		ms := byIdent[id]
		slices.SortStableFunc(ms, func(a, b *Method) int { return strings.Compare(a.Model.Name, b.Model.Name) })
		for i, m := range ms[1:] {
			m.GoName = naming.Ident(fmt.Sprintf("%s %d", id, i+2), naming.Exported)
		}
	}
}

// nameDeclarations names the package-level declarations of a method after
// its Go name.
func (m *Method) nameDeclarations() {
	m.Descriptor = naming.Ident("method "+m.GoName, naming.Unexported)
	name := naming.Ident(m.GoName+" request", naming.Exported)
	m.Request = &Type{Name: name, Keys: keysVar(name), Role: RoleRequest, Owner: m.Model.Name, Fields: m.Model.Params}
	m.Batch = "Batch" + m.GoName
	m.Example = naming.Ident("example "+m.GoName, naming.Unexported)
}

// analyze works out a method's types, result, paging, errors and
// whether it only reads; descriptors says whether its package's
// descriptor methods answer field descriptors (descriptorConvention).
func (m *Method) analyze(idents *scope, constants map[string]string, descriptors bool) {
	mm := m.Model
	m.ReadOnly = IsRead(mm.Name)
	m.ResponseExample = firstExample(mm.Examples, model.ExampleResponse)
	types := typeNamer{idents: idents, owner: m.Owner(), method: mm.Name}
	fields, p := paramsOf(mm)
	m.Request.Fields = fields
	m.Request.Members = types.membersFrom(m.Request, p)
	m.Alternatives = alternativesOf(mm, m.Request)
	if mm.AnswersFile {
		m.Result = Result{Shape: ShapeFile}
	} else if answersDescriptors(mm) {
		m.Result = descriptorResult(mm.ResultField())
	} else if key, ok := answersWrappedDescriptors(mm); ok {
		m.Result = types.wrappedDescriptorResult(m.resultTypeName(), key, mm.ResultField())
	} else if descriptors && answersDescriptorsByConvention(mm) {
		m.Result = descriptorResult(mm.ResultField())
		m.Result.Origin = Conventional
	} else if f, rp := resultOf(mm); !m.ReadOnly && rp.untypedReason() != "" && emptyAnswer(mm) != "" {
		// a method that changes something and shows no value (crm.item.delete
		// answers []); a reading method's [] is an empty list
		m.Result = Result{Shape: ShapeEmpty, Field: f, Empty: emptyAnswer(mm)}
	} else {
		m.Result = types.resultFrom(m.resultTypeName(), f, rp)
	}
	m.Paging = pagingOf(mm, m.Result)
	m.Errors = methodErrors(mm.Errors, constants)
}

// resultTypeName names the type of an object result after the request's.
func (m *Method) resultTypeName() string {
	return naming.Ident(strings.TrimSuffix(m.Request.Name, "Request")+" result", naming.Exported)
}

// nameIterators names the iterators of a list method whose rows are
// known: over every row, and, when it can, by id.
func (m *Method) nameIterators(client *scope) {
	if m.Paging == nil || m.Paging.Row == RowUnknown {
		return
	}
	name := func(suffix string) string {
		id := m.GoName + suffix
		if client.taken(id) {
			return ""
		}
		client.declare(id, m.Owner())
		return id
	}
	m.AllIterator = name("All")
	if m.Paging.ByID() {
		m.ByIDIterator = name("ByID")
	}
}

// firstExample returns the first example of a kind that is not a
// template.
func firstExample(examples []model.Example, kind model.ExampleKind) *model.Example {
	for i := range examples {
		if e := &examples[i]; e.Kind == kind && !e.Template {
			return e
		}
	}
	return nil
}
