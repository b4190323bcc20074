package apidiff

import (
	"fmt"
	"io"
	"strings"
)

// WriteMarkdown writes the report as a changelog a person reads in a pull
// request: a summary line, then breaking changes first.
func (r *Report) WriteMarkdown(w io.Writer, oldName, newName string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# API changes: %s → %s\n\n", oldName, newName)
	fmt.Fprintf(&b, "**%d breaking** · %d added · %d removed · %d renamed · %d changed\n", r.Breaking, len(r.Added), len(r.Removed), len(r.Renamed), len(r.Changed))
	if len(r.Added)+len(r.Removed)+len(r.Renamed)+len(r.Changed) == 0 {
		b.WriteString("\nNo change to the API.\n")
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

func writeChanged(b *strings.Builder, heading string, entries []Entry) {
	if len(entries) == 0 {
		return
	}
	fmt.Fprintf(b, "\n## %s\n", heading)
	for _, e := range entries {
		fmt.Fprintf(b, "\n### %s\n\n", name(e))
		for _, c := range e.Changes {
			mark := ""
			if c.Breaking {
				mark = "**breaking**: "
			}
			fmt.Fprintf(b, "- %s%s\n", mark, oneLine(c.Text))
		}
	}
}

func name(e Entry) string {
	if e.Kind == "event" {
		return "event `" + e.Method + "`"
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
