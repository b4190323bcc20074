package openapi

import (
	"fmt"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/b24gen/b24gen/analysis"
	"github.com/b24gen/b24gen/model"
)

// eventURL is the runtime expression of the URL events are POSTed to: the
// handler the application gave event.bind.
const eventURL = "{$request.body#/handler}"

// addEvents describes the events as OpenAPI 3.0 callbacks: one named
// callback per event in components/callbacks (a form POST to the handler's
// URL, its payload schema and example), and, when the document has
// event.bind, the callbacks of that operation, since binding is what makes
// the portal call them.
func (b *builder) addEvents(events *analysis.EventPackage) {
	var names []string
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
		if b.doc.Components.Callbacks == nil {
			b.doc.Components.Callbacks = openapi3.Callbacks{}
		}
		b.doc.Components.Callbacks[e.Name] = &openapi3.CallbackRef{Value: openapi3.NewCallback(
			openapi3.WithCallback(eventURL, &openapi3.PathItem{Post: op}))}
		names = append(names, e.Name)
	}
	bind := b.doc.Paths.Value("/event.bind")
	if bind == nil || bind.Post == nil || len(names) == 0 {
		return
	}
	slices.Sort(names)
	bind.Post.Callbacks = openapi3.Callbacks{}
	for _, n := range names {
		bind.Post.Callbacks[n] = &openapi3.CallbackRef{Ref: "#/components/callbacks/" + n, Value: b.doc.Components.Callbacks[n].Value}
	}
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
