package openapi

import (
	"strings"
	"testing"

	"github.com/b24gen/b24gen/model"
)

// TestEventCallbacksInline: the events are event.bind's callbacks,
// written in the operation, not referenced ($ref callbacks make ogen
// refuse the document); a document without event.bind lists them in
// components/callbacks.
func TestEventCallbacksInline(t *testing.T) {
	str := func(name string) model.Field { return model.Field{Name: name, Type: "string", Base: "string"} }
	events := []model.Event{
		{Name: "onCrmDealAdd", File: "on-crm-deal-add.md", Fields: []model.Field{str("event")}},
		{Name: "onCrmDealUpdate", File: "on-crm-deal-update.md", Fields: []model.Field{str("event")}},
	}
	for _, withBind := range []bool{true, false} {
		api := &model.API{Events: events, Methods: []model.Method{{Name: "crm.deal.get", File: "crm-deal-get.md", Params: []model.Field{str("id")}}}}
		if withBind {
			api.Methods = append(api.Methods, model.Method{Name: "event.bind", File: "event-bind.md", Params: []model.Field{str("event"), str("handler")}})
		}
		loaded, js, _ := publish(t, api)
		if strings.Contains(string(js), "#/components/callbacks/") {
			t.Errorf("event.bind %v: a callback is referenced", withBind)
		}
		callbacks := loaded.Components.Callbacks
		if withBind {
			if len(callbacks) != 0 {
				t.Errorf("with event.bind, components/callbacks holds %d", len(callbacks))
			}
			callbacks = loaded.Paths.Value("/event.bind").Post.Callbacks
		}
		for _, e := range events {
			cb := callbacks[e.Name]
			if cb == nil || cb.Value == nil || cb.Value.Value(eventURL) == nil || cb.Value.Value(eventURL).Post.OperationID != e.Name {
				t.Errorf("event.bind %v: no callback for %s", withBind, e.Name)
			}
		}
	}
}
