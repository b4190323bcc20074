// Package lint checks a documentation tree for what b24gen cannot place:
// the parser's diagnostics, request examples that use parameters the page
// does not document, and examples the generated types would not accept
// (replayed against the model with the generated code's decoding rules).
// Its report is written for the docs' maintainers: per page, with file and
// line, and counts at the end.
package lint

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/b24gen/b24gen/analysis"
	"github.com/b24gen/b24gen/internal/feature/replay"
	"github.com/b24gen/b24gen/model"
	"github.com/b24gen/b24gen/parser"
)

// Codes of the checks lint adds to the parser's.
const (
	CodeUndocumentedParam = "example-undocumented-param"
	CodeReplayRequest     = "example-request-rejected"
	CodeReplayResponse    = "example-response-rejected"
	CodeResultUntyped     = "result-untyped"
	CodeResultByAnalogy   = "result-by-analogy"
	CodeMemberUntyped     = "member-untyped"
)

// explanations say what each diagnostic code means, for the summary.
var explanations = map[string]string{
	parser.CodeIncludeMissing:        "an {% include %} whose file does not exist",
	parser.CodeStrayDirective:        "a {% %} line without its opening directive, or an unknown one",
	parser.CodeTableMalformed:        "a table that is not closed, or text outside its rows",
	parser.CodeUntypedRow:            "a parameter or field row without a type",
	parser.CodeUnnamedRow:            "a table row without a name",
	parser.CodeErrorWithoutCode:      "an error row with an empty code cell",
	parser.CodeExampleInvalid:        "a JSON example that does not parse",
	parser.CodeExampleDuplicateKey:   "a JSON example with a key twice in one object (readers keep the last value)",
	parser.CodeLinkUnresolved:        "a link to an anchor no heading has",
	parser.CodeTypeUnresolved:        "a type no data-types page, linked page or heading defines",
	parser.CodeDuplicateRow:          "a field documented twice in one table",
	parser.CodeEventWithoutData:      "an event, among several on a page, without a table of its data",
	parser.CodeUnreadable:            "a page that cannot be read",
	parser.CodeTypeContradictsValues: "a row whose type cannot hold the values it lists (read as a string of them, as portals send them)",
	CodeUndocumentedParam:            "a request example with a parameter the table does not list",
	CodeReplayRequest:                "a request example the documented parameters reject",
	CodeReplayResponse:               "a response example the documented result type rejects",
	CodeResultUntyped:                "a result neither the page's table nor its examples type: the Go code keeps it as raw JSON",
	CodeResultByAnalogy:              "a result no example shows, typed as the namespace's methods like it answer in theirs",
	CodeMemberUntyped:                "members neither the page's tables nor its examples type: the Go code keeps them as raw JSON",
}

// Replay counts the examples replayed and accepted.
type Replay struct {
	Requests          int `json:"requests"`
	RequestsAccepted  int `json:"requests_accepted"`
	Responses         int `json:"responses"`
	ResponsesAccepted int `json:"responses_accepted"`
}

// Report is the result of a lint run.
type Report struct {
	Pages       []parser.Page       `json:"-"`
	Methods     int                 `json:"methods"`
	Diagnostics []parser.Diagnostic `json:"diagnostics"`
	Replay      Replay              `json:"replay"`
}

// Run lints what the parser read.
func Run(res *parser.Result) *Report {
	r := &Report{Pages: res.Pages, Methods: len(res.API.Methods), Diagnostics: slices.Clone(res.Diagnostics)}
	a := analysis.Analyze(&res.API, analysis.Options{})
	generated := map[*model.Method]*analysis.Method{}
	for _, m := range a.Methods {
		generated[m.Model] = m
	}
	for i := range res.API.Methods {
		r.checkMethod(&res.API.Methods[i], generated[&res.API.Methods[i]])
	}
	r.checkTypes(a)
	slices.SortStableFunc(r.Diagnostics, func(a, b parser.Diagnostic) int {
		if c := strings.Compare(a.File, b.File); c != 0 {
			return c
		}
		return a.Line - b.Line
	})
	return r
}

func (r *Report) add(m *model.Method, line int, code, msg string) {
	r.Diagnostics = append(r.Diagnostics, parser.Diagnostic{File: m.File, Line: line, Severity: parser.Warning, Code: code, Message: msg, Method: m.Name})
}

// checkMethod replays a method's examples against its documented types;
// am is its analysis, whose types the generated code has (nil for a page
// that documents a method again).
func (r *Report) checkMethod(m *model.Method, am *analysis.Method) {
	for _, ex := range m.Examples {
		if ex.Template {
			continue // placeholders, not values: nothing to replay
		}
		switch ex.Kind {
		case model.ExampleRequest:
			r.Replay.Requests++
			var params map[string]json.RawMessage
			if json.Unmarshal(ex.JSON, &params) == nil {
				for _, k := range sortedKeys(params) {
					if k != "auth" && !documented(m.Params, k) {
						r.add(m, ex.Line, CodeUndocumentedParam, fmt.Sprintf("the %s request example uses %q, which the parameters table does not list", exampleName(ex), k))
					}
				}
			}
			if err := replay.ModelRequest(m, ex.JSON); err != nil {
				r.add(m, ex.Line, CodeReplayRequest, fmt.Sprintf("the %s request example is rejected: %v%s", exampleName(ex), err, acceptedNote(am, ex)))
				continue
			}
			r.Replay.RequestsAccepted++
		case model.ExampleResponse:
			r.Replay.Responses++
			if err := replay.ModelResponse(m, ex.JSON); err != nil {
				r.add(m, ex.Line, CodeReplayResponse, fmt.Sprintf("the response example does not fit the documented result: %v%s", err, acceptedNote(am, ex)))
				continue
			}
			r.Replay.ResponsesAccepted++
		}
	}
}

func exampleName(ex model.Example) string {
	if ex.Title != "" {
		return ex.Title
	}
	return "JSON"
}

func documented(fs []model.Field, name string) bool {
	for _, f := range fs {
		if strings.EqualFold(f.Name, name) || strings.HasPrefix(strings.ToLower(f.Name), strings.ToLower(name)+".") {
			return true
		}
	}
	return false
}

func sortedKeys(m map[string]json.RawMessage) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Counts returns the number of diagnostics per code.
func (r *Report) Counts() map[string]int {
	c := map[string]int{}
	for _, d := range r.Diagnostics {
		c[d.Code]++
	}
	return c
}

// PageKinds returns the number of pages per kind.
func (r *Report) PageKinds() map[parser.PageKind]int {
	c := map[parser.PageKind]int{}
	for _, p := range r.Pages {
		c[p.Kind]++
	}
	return c
}

// kindOrder is the order kinds are listed in.
var kindOrder = []parser.PageKind{parser.PageMethod, parser.PageEvent, parser.PagePlacement, parser.PageJSSDK, parser.PageTypes, parser.PageOverview, parser.PageFragment, parser.PageOther}

// WriteText writes the report for people: the diagnostics per page, then
// the counts.
func (r *Report) WriteText(w io.Writer, root string) {
	file := ""
	for _, d := range r.Diagnostics {
		if d.File != file {
			if file != "" {
				fmt.Fprintln(w)
			}
			file = d.File
			if d.Method != "" {
				fmt.Fprintf(w, "%s (%s)\n", joinRoot(root, d.File), d.Method)
			} else {
				fmt.Fprintln(w, joinRoot(root, d.File))
			}
		}
		fmt.Fprintf(w, "  %s:%d: %s [%s]\n", joinRoot(root, d.File), d.Line, d.Message, d.Code)
	}
	if file != "" {
		fmt.Fprintln(w)
	}
	kinds := r.PageKinds()
	var parts []string
	for _, k := range kindOrder {
		if kinds[k] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", kinds[k], k))
		}
	}
	fmt.Fprintf(w, "Pages: %d (%s); %d methods read.\n", len(r.Pages), strings.Join(parts, ", "), r.Methods)
	pages := map[string]bool{}
	for _, d := range r.Diagnostics {
		pages[d.File] = true
	}
	fmt.Fprintf(w, "Diagnostics: %d on %d pages.\n", len(r.Diagnostics), len(pages))
	counts := r.Counts()
	codes := make([]string, 0, len(counts))
	for c := range counts {
		codes = append(codes, c)
	}
	slices.SortFunc(codes, func(a, b string) int {
		if counts[a] != counts[b] {
			return counts[b] - counts[a]
		}
		return strings.Compare(a, b)
	})
	for _, c := range codes {
		fmt.Fprintf(w, "  %6d  %-28s %s\n", counts[c], c, explanations[c])
	}
	fmt.Fprintf(w, "Examples replayed against the documented types: requests %s, responses %s.\n",
		rate(r.Replay.RequestsAccepted, r.Replay.Requests), rate(r.Replay.ResponsesAccepted, r.Replay.Responses))
}

func rate(ok, total int) string {
	if total == 0 {
		return "0/0"
	}
	return fmt.Sprintf("%d/%d accepted (%.1f%%)", ok, total, 100*float64(ok)/float64(total))
}

func joinRoot(root, file string) string {
	if root == "" || root == "." {
		return file
	}
	return strings.TrimSuffix(root, "/") + "/" + file
}

// jsonReport is the JSON form of the report.
type jsonReport struct {
	Diagnostics []parser.Diagnostic `json:"diagnostics"`
	Summary     jsonSummary         `json:"summary"`
}

type jsonSummary struct {
	Pages       map[parser.PageKind]int `json:"pages"`
	Methods     int                     `json:"methods"`
	Diagnostics map[string]int          `json:"diagnostics"`
	Replay      Replay                  `json:"replay"`
}

// WriteJSON writes the report as JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	diags := r.Diagnostics
	if diags == nil {
		diags = []parser.Diagnostic{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(jsonReport{Diagnostics: diags, Summary: jsonSummary{Pages: r.PageKinds(), Methods: r.Methods, Diagnostics: r.Counts(), Replay: r.Replay}})
}
