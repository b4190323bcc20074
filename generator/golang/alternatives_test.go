package golang

import (
	"strings"
	"testing"

	"github.com/b24gen/b24gen/analysis"
	"github.com/b24gen/b24gen/model"
)

// TestAlternatives: the descriptor of a method carries its groups of
// alternatives (an object's on its Param), and the doc comment of its
// client function names them by their Go names.
func TestAlternatives(t *testing.T) {
	str := func(name string) model.Field { return model.Field{Name: name, Type: "string", Base: "string"} }
	api := &model.API{Methods: []model.Method{{
		Name: "lists.element.get", File: "lists-element-get.md", Title: "Получить элемент",
		Params: []model.Field{str("IBLOCK_ID"), str("IBLOCK_CODE"),
			{Name: "members", Type: "object", Base: "object", Array: true, Fields: []model.Field{str("userId"), str("employeeId")}}},
		Alternatives: []model.Alternative{
			{Params: []string{"IBLOCK_ID", "IBLOCK_CODE"}},
			{Parent: []string{"members"}, Params: []string{"userId", "employeeId"}},
		},
	}}}
	api.Normalize()
	a, err := analysis.Build(api, analysis.Options{})
	if err != nil {
		t.Fatal(err)
	}
	files, _, err := Generate(a)
	if err != nil {
		t.Fatal(err)
	}
	var code string
	for _, f := range files {
		if strings.HasSuffix(f.Path, "/element.go") {
			code = string(f.Data)
		}
	}
	if code == "" {
		t.Fatalf("no element.go among %d files", len(files))
	}
	for _, want := range []string{
		"// At least one of IblockID or IblockCode must be given. At least one of UserID or EmployeeID must be given in each element of Members.\nfunc (c *Client) ElementGet(",
		"\tAlternatives: [][]string{\n\t\t{\"IBLOCK_ID\", \"IBLOCK_CODE\"},\n\t},\n",
		"\t\t\tAlternatives: [][]string{\n\t\t\t\t{\"userId\", \"employeeId\"},\n\t\t\t},\n",
	} {
		// doc lines are read as one text, wherever they wrap
		if !strings.Contains(strings.ReplaceAll(code, "\n// ", " "), want) {
			t.Errorf("the generated code lacks\n%s\n---\n%s", want, code)
		}
	}
}
