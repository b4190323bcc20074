package corpus

import (
	"testing"

	"github.com/b24gen/b24gen/analysis"
	"github.com/b24gen/b24gen/model"
	"github.com/b24gen/b24gen/parser"
)

// TestOwnErrors counts the methods that document errors of their own
// (system errors aside) in each tree: with a code, and with only a
// message (an empty code, or a table without a code column); and the
// methods whose generated descriptor carries them, with the constants
// matched by message.
func TestOwnErrors(t *testing.T) { forEach(t, ownErrors) }

func ownErrors(t *testing.T, res *parser.Result) {
	var own, coded, messageOnly, v3, v3Own int
	for _, m := range res.API.Methods {
		hasOwn, hasCode := false, false
		for _, e := range m.Errors {
			if e.System {
				continue
			}
			hasOwn = true
			if e.Code != "" {
				hasCode = true
			}
		}
		if m.API == model.APIv3 {
			v3++
		}
		if hasOwn {
			own++
			if m.API == model.APIv3 {
				v3Own++
			}
		}
		if hasCode {
			coded++
		} else if hasOwn {
			messageOnly++
		}
	}
	t.Logf("methods %d; with own errors %d (with a code %d, by message only %d); REST 3.0 %d of %d",
		len(res.API.Methods), own, coded, messageOnly, v3Own, v3)
	a := analysis.Analyze(&res.API, analysis.Options{})
	var described, messages int
	for _, m := range a.Methods {
		if len(m.Errors) > 0 {
			described++
		}
	}
	for _, p := range a.Packages {
		for _, c := range p.Errors {
			if c.ByMessage {
				messages++
			}
		}
	}
	t.Logf("generated: %d of %d methods carry errors of their own; %d constants matched by message", described, len(a.Methods), messages)
	if own < 1380 || described < 1380 {
		t.Errorf("methods with own errors %d, generated with them %d, want ≥ 1380", own, described)
	}
}
