package apidiff

import (
	"fmt"
	"io"
	"strings"
)

// WriteMarkdown writes the report as a changelog a person reads in a pull
// request: a summary (the counts), the breaking changes one a line, the
// cross-cutting changes, then the details of every entry.
func (r *Report) WriteMarkdown(w io.Writer, oldName, newName string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# API changes: %s → %s\n\n", oldName, newName)
	fmt.Fprintf(&b, "**%d breaking** (Go %d, OpenAPI %d) · %d added · %d removed · %d renamed · %d changed · %d cross-cutting\n",
		r.Breaking, r.BreakingGo, r.BreakingOpenAPI, len(r.Added), len(r.Removed), len(r.Renamed), len(r.Changed), len(r.CrossCutting))
	if len(r.Added)+len(r.Removed)+len(r.Renamed)+len(r.Changed)+len(r.CrossCutting) == 0 {
		b.WriteString("\nNo change to the API.\n")
	}
	r.writeBreaking(&b)
	if len(r.CrossCutting) > 0 {
		b.WriteString("\n## Cross-cutting changes\n\nA change of an include many pages share, given once rather than in each method it reaches.\n\n")
		for _, x := range r.CrossCutting {
			fmt.Fprintf(&b, "- %s: %s%s (reaches %s)\n", x.Subject, marks(x.Breaks), oneLine(x.Text), plural(x.Reaches, "method"))
		}
	}
	if len(r.Removed) > 0 {
		b.WriteString("\n## Removed (breaking)\n\n")
		for _, e := range r.Removed {
			fmt.Fprintf(&b, "- %s%s\n", name(e), title(e))
		}
	}
	var breaking, other []Entry
	for _, e := range r.Changed {
		if e.Breaking {
			breaking = append(breaking, e)
		} else {
			other = append(other, e)
		}
	}
	writeChanged(&b, "Changed, breaking", breaking)
	if len(r.Renamed) > 0 {
		b.WriteString("\n## Renamed\n\nThe portal compares method names without case, so calls keep working; the generated Go names follow the new spelling unless an override keeps them.\n\n")
		for _, e := range r.Renamed {
			fmt.Fprintf(&b, "- `%s` → `%s`", e.From, e.Method)
			if e.Kind == "method" {
				fmt.Fprintf(&b, " (keep the Go name: `overrides: {%s: {name: …}}` in b24gen.yaml)", e.Method)
			}
			b.WriteString("\n")
		}
	}
	if len(r.Added) > 0 {
		b.WriteString("\n## Added\n\n")
		for _, e := range r.Added {
			fmt.Fprintf(&b, "- %s%s\n", name(e), title(e))
		}
	}
	writeChanged(&b, "Changed", other)
	_, err := io.WriteString(w, b.String())
	return err
}

// writeBreaking lists the breaking changes, one a line. oasdiff's findings
// on an entry that the model already finds breaking mostly say the same
// again: they are left to the details.
func (r *Report) writeBreaking(b *strings.Builder) {
	var lines []string
	for _, list := range [][]Entry{r.Removed, r.Renamed, r.Changed} {
		for _, e := range list {
			byModel := false
			for _, c := range e.Changes {
				byModel = byModel || c.Breaking && c.Source == "model"
			}
			for _, c := range e.Changes {
				if c.Breaking && (c.Source == "model" || !byModel) {
					lines = append(lines, fmt.Sprintf("- %s: %s%s\n", name(e), marks(c.Breaks), oneLine(c.Text)))
				}
			}
		}
	}
	for _, x := range r.CrossCutting {
		if x.Breaking {
			lines = append(lines, fmt.Sprintf("- %s: %s%s (reaches %s)\n", x.Subject, marks(x.Breaks), oneLine(x.Text), plural(x.Reaches, "method")))
		}
	}
	if len(lines) == 0 {
		return
	}
	b.WriteString("\n## Breaking changes\n\n")
	for _, l := range lines {
		b.WriteString(l)
	}
}

func writeChanged(b *strings.Builder, heading string, entries []Entry) {
	if len(entries) == 0 {
		return
	}
	fmt.Fprintf(b, "\n## %s\n", heading)
	for _, e := range entries {
		fmt.Fprintf(b, "\n### %s\n\n", name(e))
		for _, c := range e.Changes {
			fmt.Fprintf(b, "- %s%s\n", marks(c.Breaks), oneLine(c.Text))
		}
	}
}

// marks says what a change breaks: "**breaks Go, OpenAPI**: ".
func marks(breaks []string) string {
	if len(breaks) == 0 {
		return ""
	}
	names := make([]string, len(breaks))
	for i, w := range breaks {
		names[i] = map[string]string{BreaksGo: "Go", BreaksOpenAPI: "OpenAPI"}[w]
	}
	return "**breaks " + strings.Join(names, ", ") + "**: "
}

// plural writes a count with thousands separated: "1,234 methods".
func plural(n int, noun string) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if n != 1 {
		noun += "s"
	}
	return s + " " + noun
}

func name(e Entry) string {
	switch {
	case e.Kind == "event":
		return "event `" + e.Method + "`"
	case e.API != "":
		// its REST 2 namesake may stay as it was
		return "`" + e.Method + "` (REST 3.0)"
	}
	return "`" + e.Method + "`"
}

func title(e Entry) string {
	if e.Title == "" {
		return ""
	}
	return " — " + oneLine(e.Title)
}

// oneLine keeps a text on one Markdown line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
