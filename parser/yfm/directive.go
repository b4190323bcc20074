package yfm

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// containerDirectives are the directives with a body closed by `{% endX %}`.
var containerDirectives = map[string]bool{"note": true, "cut": true, "list": true, "if": true}

// directiveParser reads `{% … %}` lines: includes become Include leaves,
// note/cut/list/if open a Directive container that holds everything up to
// its end line, and any other directive line becomes a stray Include node so
// that the page parser can report it instead of losing it.
type directiveParser struct{}

func (directiveParser) Trigger() []byte { return []byte{'{'} }

func (directiveParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 {
		return nil, parser.NoChildren
	}
	keyword, args, ok := parseDirective(line[pos:])
	if !ok {
		return nil, parser.NoChildren
	}
	reader.AdvanceToEOL()
	switch {
	case keyword == "include":
		n := &Include{Name: keyword, Start: seg}
		n.NoTitle, n.Title, n.Path = parseIncludeArgs(args)
		return n, parser.NoChildren
	case containerDirectives[keyword]:
		d := &Directive{Name: keyword, Args: args, Start: seg, indent: pos}
		// Count this directive in a directly enclosing directive of the same
		// name, so that the outer one does not take the inner end line.
		for p := parent; p != nil; p = p.Parent() {
			pd, ok := p.(*Directive)
			if !ok {
				break
			}
			if pd.Name == keyword {
				pd.nested++
				break
			}
		}
		return d, parser.HasChildren
	default:
		return &Include{Name: keyword, Start: seg}, parser.NoChildren
	}
}

func (directiveParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	d, ok := node.(*Directive)
	if !ok {
		return parser.Close
	}
	line, _ := reader.PeekLine()
	if line == nil {
		return parser.Close
	}
	j, w := skipSpace(line, 0)
	if keyword, _, ok := parseDirective(line[j:]); ok && keyword == "end"+d.Name && w <= d.indent+3 {
		if d.nested > 0 {
			return parser.Continue | parser.HasChildren
		}
		d.Closed = true
		reader.AdvanceToEOL()
		return parser.Close
	}
	return parser.Continue | parser.HasChildren
}

func (directiveParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	d, ok := node.(*Directive)
	if !ok {
		return
	}
	for p := d.Parent(); p != nil; p = p.Parent() {
		pd, ok := p.(*Directive)
		if !ok {
			break
		}
		if pd.Name == d.Name {
			if pd.nested > 0 {
				pd.nested--
			}
			break
		}
	}
}

func (directiveParser) CanInterruptParagraph() bool { return true }
func (directiveParser) CanAcceptIndentedLine() bool { return false }

// parseDirective reads `{% keyword args %}` (also `{%- … -%}`) at the start
// of b. Text after the closing `%}` is ignored.
func parseDirective(b []byte) (keyword, args string, ok bool) {
	if !bytes.HasPrefix(b, []byte("{%")) {
		return "", "", false
	}
	end := bytes.Index(b[2:], []byte("%}"))
	if end < 0 {
		return "", "", false
	}
	end += 2
	inner := strings.TrimSpace(strings.Trim(string(b[2:end]), "-"))
	keyword, args, _ = strings.Cut(inner, " ")
	if keyword == "" {
		return "", "", false
	}
	return keyword, strings.TrimSpace(args), true
}

// parseIncludeArgs reads `[notitle] [title](path)`.
func parseIncludeArgs(args string) (notitle bool, title, path string) {
	if rest, ok := strings.CutPrefix(args, "notitle"); ok {
		notitle = true
		args = strings.TrimSpace(rest)
	}
	open := strings.IndexByte(args, '[')
	mid := strings.LastIndex(args, "](")
	if open < 0 || mid < open {
		return notitle, "", strings.TrimSpace(args)
	}
	title = args[open+1 : mid]
	path = args[mid+2:]
	if i := strings.LastIndexByte(path, ')'); i >= 0 {
		path = path[:i]
	}
	return notitle, title, strings.TrimSpace(path)
}

// Title returns the quoted title of a note or cut (`{% note warning "T" %}`,
// `{% cut "T" %}`) and the words before it (the note type).
func (n *Directive) Title() (kind, title string) {
	args := n.Args
	q := strings.IndexAny(args, `"'`)
	if q < 0 {
		return strings.TrimSpace(args), ""
	}
	kind = strings.TrimSpace(args[:q])
	rest := args[q+1:]
	if e := strings.IndexByte(rest, args[q]); e >= 0 {
		rest = rest[:e]
	}
	return kind, rest
}
