package analysis

import (
	"strings"

	"github.com/b24gen/b24gen/internal/support/naming"
	"github.com/b24gen/b24gen/model"
)

// EventsPackage is the package the events go to. Events have no namespace
// of their own in their names, and "events" and "event" are namespaces of
// methods.
const EventsPackage = "b24events"

// eventsAPIIdents are the package-level identifiers of the events package.
var eventsAPIIdents = []string{"Events", "Register"}

// EventPackage is the Go package of the events.
type EventPackage struct {
	Name string
	// Events are the events, in the model's order (name order), one per
	// name (case ignored): the first page documenting it.
	Events []*Event
}

// Event is the analysis of one event.
type Event struct {
	// Model is the event's page.
	Model *model.Event
	// GoName is the event's Go name ("OnCrmDealAdd").
	GoName string
	// Descriptor is the variable describing it to the runtime
	// ("eventOnCrmDealAdd").
	Descriptor string
	// Handle is the function registering a handler ("HandleOnCrmDealAdd").
	Handle string
	// Data is the name of the type of its data ("OnCrmDealAddData").
	Data string
	// DataField is the documented data member; nil when the page does not
	// document one and the data is read as raw JSON.
	DataField *model.Field
	// DataType is the struct Data names when the data is an object with
	// documented members; nil when Data is another name for the data
	// field's type.
	DataType *Type
	// File is the Go file it goes to, without ".go": the docs folder of
	// its page ("crm").
	File string
	// Example is the first example payload that is not a template; nil
	// when there is none.
	Example *model.Example
	// Enums are the enum types the event is the first to use, declared
	// in its file after its data types.
	Enums []*EnumType
}

// Owner is what the event's declarations are attributed to in clashes.
func (e *Event) Owner() Owner {
	return Owner{Name: e.Model.Name, File: e.Model.File, Line: e.Model.Line}
}

// analyzeEvents names the events and their data types.
func analyzeEvents(events []model.Event, opts Options) (*EventPackage, []Clash) {
	p := &EventPackage{Name: EventsPackage}
	idents := newScope(p.Name, "")
	for _, id := range eventsAPIIdents {
		idents.declare(id, Owner{Name: packageAPI})
	}
	seen := map[string]bool{}
	for i := range events {
		me := &events[i]
		key := strings.ToLower(me.Name)
		if seen[key] {
			continue
		}
		seen[key] = true
		e := newEvent(me, opts)
		for _, id := range []string{e.Descriptor, e.Handle} {
			idents.declare(id, e.Owner())
		}
		e.typeData(idents)
		p.Events = append(p.Events, e)
	}
	var enums enumPlanner
	for _, e := range p.Events {
		enums.collect(e.DataType, e.Owner(), &e.Enums)
	}
	enums.name(idents)
	return p, idents.clashes
}

// newEvent names an event's declarations.
func newEvent(me *model.Event, opts Options) *Event {
	id := naming.Ident(me.Name, naming.Exported)
	if n, ok := opts.goName(me.Name); ok {
		id = n
	}
	return &Event{
		Model: me, GoName: id,
		Descriptor: naming.Ident("event "+id, naming.Unexported),
		Handle:     "Handle" + id,
		Data:       naming.Ident(id+" data", naming.Exported),
		DataField:  eventData(me),
		File:       eventFile(me.File),
		Example:    firstExample(me.Examples, model.ExampleEvent),
	}
}

// typeData declares the type of the event's data: a struct when the data
// is an object with documented members, another name for the data's type
// otherwise.
func (e *Event) typeData(idents *scope) {
	var p *provenance
	e.DataField, p = eventDataOf(e.Model, e.DataField)
	if e.DataField == nil || !e.DataField.IsObject() {
		idents.declare(e.Data, e.Owner())
		return
	}
	types := typeNamer{idents: idents, owner: e.Owner(), method: e.Model.Name}
	e.DataType = types.declareFrom(e.Data, e.DataField.Name, e.DataField.Fields, RoleAnswer, p)
}

// eventData returns the documented data member of an event.
func eventData(e *model.Event) *model.Field {
	for i := range e.Fields {
		if strings.EqualFold(e.Fields[i].Name, "data") {
			return &e.Fields[i]
		}
	}
	return nil
}

// eventFile names the file of an event after the docs folder its page is
// in (api-reference/crm/… → crm).
func eventFile(file string) string {
	parts := strings.Split(file, "/")
	if len(parts) > 2 && parts[0] == "api-reference" {
		g := naming.Ident(parts[1], naming.Package)
		if g == "events" || g == "doc" {
			g += "_events"
		}
		return g
	}
	return "other"
}
