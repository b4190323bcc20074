package parser

// This file owns the name cell of a field row: the name, the required
// mark after it, and the types written under it.

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/b24gen/b24gen/parser/yfm"
)

// nameCellInfo is what the first cell of a field row says.
type nameCellInfo struct {
	name     string
	required bool
	types    []typeRef
}

// nameCell reads "**name***\n[`type`](…)": the name in bold or in a code span,
// the required mark ("*" after the name, inside the bold, or as ^*^), and the
// type after the line break.
func (s *source) nameCell(cell *yfm.TableCell) nameCellInfo {
	var info nameCellInfo
	para := firstInlineBlock(cell)
	if para == nil {
		return info
	}
	var nameNode ast.Node
	for n := para.FirstChild(); n != nil; n = n.NextSibling() {
		if t, ok := n.(*ast.Text); ok && len(bytes.TrimSpace(t.Segment.Value(s.src))) == 0 {
			continue
		}
		nameNode = n
		break
	}
	if nameNode == nil {
		return info
	}
	raw := strings.TrimSpace(strings.Trim(s.nodeText(nameNode), "`"))
	if strings.HasSuffix(raw, "^*^") {
		info.required = true
		raw = strings.TrimSuffix(raw, "^*^")
	}
	if strings.HasSuffix(raw, "*") {
		info.required = true
		raw = strings.TrimSuffix(raw, "*")
	}
	info.name = strings.TrimSpace(strings.Trim(raw, "`"))
	// the mark right after the name: "**id***" leaves "*" as text,
	// "**id**^*^" a Sup
	switch next := nameNode.NextSibling().(type) {
	case *ast.Text:
		if bytes.HasPrefix(bytes.TrimSpace(next.Segment.Value(s.src)), []byte("*")) {
			info.required = true
		}
	case *yfm.Sup:
		if s.inlineText(next) == "*" {
			info.required = true
		}
	}
	// UF_*: a wildcard for dynamic names (user fields), whose star belongs
	// to the name
	if strings.HasSuffix(info.name, "_") {
		info.name += "*"
		info.required = false
	}
	// the types: the code spans after the name, usually inside links
	info.types = s.typeRefs(para, nameNode)
	return info
}

// typeRefs returns the types written in n after the node from (nil: all of
// n): every code span, with the destination of the link it is in.
func (s *source) typeRefs(n ast.Node, from ast.Node) []typeRef {
	w := typeRefWalk{s: s, from: from, started: from == nil}
	if from != nil {
		n = from.Parent()
	}
	w.walk(n, nil)
	return w.refs
}

// typeRefWalk collects the code spans of typeRefs.
type typeRefWalk struct {
	s       *source
	from    ast.Node
	started bool // from has been passed
	refs    []typeRef
}

func (w *typeRefWalk) walk(n ast.Node, dest []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if !w.started {
			w.started = c == w.from
			continue
		}
		switch v := c.(type) {
		case *ast.CodeSpan:
			w.refs = append(w.refs, typeRef{expr: w.s.codeSpanText(v), dest: string(dest)})
		case *ast.Link:
			w.walk(v, v.Destination)
		default:
			w.walk(c, dest)
		}
	}
}

// firstInlineBlock returns the first paragraph or text block of a cell.
func firstInlineBlock(cell ast.Node) ast.Node {
	for c := cell.FirstChild(); c != nil; c = c.NextSibling() {
		switch c.(type) {
		case *ast.Paragraph, *ast.TextBlock:
			return c
		}
	}
	return nil
}
