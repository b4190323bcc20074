package openapi

import (
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/b24gen/b24gen/analysis"
	"github.com/b24gen/b24gen/model"
)

// eventURL is the runtime expression of the URL events are POSTed to: the
// handler the application gave event.bind.
const eventURL = "{$request.body#/handler}"

// addEvents describes the events as OpenAPI 3.0 callbacks, one per event
// (a form POST to the handler's URL, its payload schema and example): the
// callbacks of event.bind when the document has it, since binding is what
// makes the portal call them, else named callbacks in
// components/callbacks. They are written where they are used, not
// referenced: ogen reads a callback's $ref as a path item and refuses the
// document.
func (b *builder) addEvents(events *analysis.EventPackage) {
	callbacks := openapi3.Callbacks{}
	for _, ae := range events.Events {
		e := ae.Model
		name := SchemaName(e.Name)
		payload := b.objectSchema(e.Fields, true, true)
		payload.Description = "The POST the handler of " + e.Name + " receives, form-encoded with PHP brackets (data[FIELDS][ID]=…)."
		b.doc.Components.Schemas[name+"Event"] = openapi3.NewSchemaRef("", payload)
		mt := &openapi3.MediaType{Schema: b.ref(name + "Event")}
		b.addExamples(mt, &model.Method{Name: e.Name, File: e.File, Examples: e.Examples}, model.ExampleEvent, nil)
		op := openapi3.NewOperation()
		op.OperationID = e.Name
		op.Summary = e.Name
		if e.Title != "" {
			op.Summary = e.Title
		}
		op.Description = eventDescription(e)
		op.Deprecated = e.Deprecated
		op.RequestBody = &openapi3.RequestBodyRef{Value: openapi3.NewRequestBody().WithRequired(true).
			WithContent(openapi3.Content{"application/x-www-form-urlencoded": mt})}
		responses := openapi3.NewResponses()
		responses.Set("200", &openapi3.ResponseRef{Value: openapi3.NewResponse().WithDescription(
			"The handler received the event. The portal does not send it again, whatever the answer.")})
		op.Responses = responses
		callbacks[e.Name] = &openapi3.CallbackRef{Value: openapi3.NewCallback(
			openapi3.WithCallback(eventURL, &openapi3.PathItem{Post: op}))}
	}
	if len(callbacks) == 0 {
		return
	}
	if bind := b.doc.Paths.Value("/event.bind"); bind != nil && bind.Post != nil {
		bind.Post.Callbacks = callbacks
		return
	}
	b.doc.Components.Callbacks = callbacks
}

func eventDescription(e *model.Event) string {
	var b strings.Builder
	if e.Summary != "" {
		b.WriteString(e.Summary + "\n\n")
	}
	if e.Scope != "" {
		fmt.Fprintf(&b, "Scope: %s.\n\n", e.Scope)
	}
	if e.Permissions != "" {
		fmt.Fprintf(&b, "Who can subscribe: %s.\n\n", e.Permissions)
	}
	fmt.Fprintf(&b, "Documented in %s.", e.File)
	return b.String()
}
