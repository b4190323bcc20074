package golang

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/b24gen/b24gen/analysis"
	"github.com/b24gen/b24gen/model"
)

// TestOriginIsDocumented: what the Go code types from a page's examples
// rather than its tables says so in its doc comments — an inferred result
// type, a widened member and result, a parameter the examples leave out.
func TestOriginIsDocumented(t *testing.T) {
	required := model.Field{Name: "id", Type: "integer", Base: "integer", Required: model.Required}
	api := &model.API{Methods: []model.Method{
		{
			Name: "shop.badge.get", File: "api-reference/shop/badge-get.md", Line: 1,
			Params:  []model.Field{required, {Name: "mode", Type: "integer", Base: "integer"}},
			Returns: []model.Field{{Name: "result", Type: "object", Base: "object"}},
			Examples: []model.Example{
				{Kind: model.ExampleRequest, JSON: json.RawMessage(`{"mode":"fast"}`)},
				{Kind: model.ExampleResponse, JSON: json.RawMessage(`{"result":{"ID":5,"TITLE":"Late"}}`)},
			},
		},
		{
			Name: "shop.badge.delete", File: "api-reference/shop/badge-delete.md", Line: 1,
			Returns:  []model.Field{{Name: "result", Type: "boolean", Base: "boolean"}},
			Examples: []model.Example{{Kind: model.ExampleResponse, JSON: json.RawMessage(`{"result":13}`)}},
		},
	}}
	api.Normalize()
	a, err := analysis.Build(api, analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := string(archive(t, renderAll(t, a)))
	for _, want := range []string{
		"// BadgeGetResult is the result of shop.badge.get.\n//\n// The page documents no members of it: they are inferred from the page's examples",
		"// The page does not document the result's type: it is inferred from the page's examples.\nfunc (c *Client) BadgeGet(",
		"// The page's examples answer results its documented type does not read: the result is typed as they\n// show.\nfunc (c *Client) BadgeDelete(ctx context.Context, req *BadgeDeleteRequest, opts ...b24.CallOption) (int64, error)",
		"// The page documents it as required, but its request examples leave it out: it is optional.\n\tID b24.Opt[b24.Int]",
		"// Documented type: integer.\n\t//\n\t// The page's examples send values its documented type does not read: it is typed as they show.\n\tMode  b24.Opt[string]",
		"{Name: \"mode\", Type: b24.TypeString}",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the output lacks %q", want)
		}
	}
	if t.Failed() {
		t.Log(text)
	}
}
