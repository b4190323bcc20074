package b24_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/b24gen/b24gen/b24"
	"github.com/b24gen/b24gen/generated/fixture"
)

// TestKeyedObjectsReachAPortal: a parameter the docs describe as an
// associative array of objects is a map in the generated request; a plain
// net/http peer receives it keyed as given, each value with its members,
// as crm.activity.configurable.add's layout blocks must arrive.
func TestKeyedObjectsReachAPortal(t *testing.T) {
	var sent struct {
		Blocks map[string]map[string]string `json:"blocks"`
	}
	portal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if err := json.Unmarshal(body, &sent); err != nil {
			t.Errorf("%v: %s", err, body)
		}
		io.WriteString(w, `{"result":42,"time":{"start":1,"finish":1,"duration":0}}`)
	}))
	defer portal.Close()
	c, err := fixture.NewClient(portal.URL+"/rest/1/tok/", b24.WithInsecureHTTP())
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.NestedAdd(context.Background(), &fixture.NestedAddRequest{
		Fields: fixture.NestedAddRequestFields{Title: "t"},
		Blocks: b24.Map[fixture.NestedAddRequestBlocks]{
			"head": {Type: "text", Value: b24.Some("a")},
			"7":    {Type: "link"},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(sent.Blocks) != 2 || sent.Blocks["head"]["type"] != "text" || sent.Blocks["head"]["value"] != "a" || sent.Blocks["7"]["type"] != "link" {
		t.Errorf("the portal got blocks %v", sent.Blocks)
	}
}
