package parser

// This file owns the examples of a method page: the request bodies of
// its cURL tabs, its JSON answers and errors, and what they settle about
// the shape of its fields.

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/b24gen/b24gen/b24/protocol"
	"github.com/b24gen/b24gen/model"
	"github.com/b24gen/b24gen/parser/yfm"
)

// readExamples reads the JSON examples: request bodies from the cURL tabs of
// the examples section, success answers from the response section and
// error answers from the error section.
func (p *page) readExamples(m *model.Method) {
	m.Examples = []model.Example{}
	for _, s := range p.sections {
		for _, b := range s.blocks {
			if b.include != "" {
				continue
			}
			switch s.role {
			case roleExamples:
				p.requestExamples(b.src, b.node, m)
			case roleResponse, roleReturns:
				p.jsonExamples(b.src, b.node, model.ExampleResponse, m)
			case roleErrors:
				p.jsonExamples(b.src, b.node, model.ExampleError, m)
			}
		}
	}
}

// codeBlocks calls fn for every fenced code block under n, with the title
// of the tab it is in (the first paragraph of its list item). Tables and
// build conditionals are not looked into.
func codeBlocks(src *source, n ast.Node, tab string, fn func(cb *ast.FencedCodeBlock, tab string)) {
	switch v := n.(type) {
	case *ast.FencedCodeBlock:
		fn(v, tab)
		return
	case *ast.ListItem:
		if para := firstInlineBlock(v); para != nil {
			tab = src.inlineText(para)
		}
	case *yfm.Table:
		return
	case *yfm.Directive:
		if v.Name == "if" {
			return
		}
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		codeBlocks(src, c, tab, fn)
	}
}

// requestExamples reads the request bodies of the cURL tabs under n.
func (p *page) requestExamples(src *source, n ast.Node, m *model.Method) {
	codeBlocks(src, n, "", func(cb *ast.FencedCodeBlock, tab string) {
		if !lexicon.curlTab.in(fold(tab)) || !isShellFence(src.fenceInfo(cb)) {
			return
		}
		if body, expanded, ok := curlBody(src.rawLines(cb)); ok {
			p.addExample(src, shownExample{line: src.nodeLine(cb), kind: model.ExampleRequest, title: tab, body: body, template: expanded}, m)
		}
	})
}

// jsonExamples reads the JSON code blocks under n.
func (p *page) jsonExamples(src *source, n ast.Node, kind model.ExampleKind, m *model.Method) {
	codeBlocks(src, n, "", func(cb *ast.FencedCodeBlock, _ string) {
		info := src.fenceInfo(cb)
		code := bytes.TrimSpace(src.rawLines(cb))
		if info != "json" && !(info == "" && len(code) > 0 && (code[0] == '{' || code[0] == '[')) {
			return
		}
		p.addExample(src, shownExample{line: src.nodeLine(cb), kind: kind, body: code}, m)
	})
}

// shownExample is an example as a page shows it, before it is read.
type shownExample struct {
	line  int
	kind  model.ExampleKind
	title string
	body  []byte
	// template says the shell snippet substitutes variables into it.
	template bool
}

// addExample records an example, read leniently when it is not valid JSON
// as written.
func (p *page) addExample(src *source, ex shownExample, m *model.Method) {
	line, kind := ex.line, ex.kind
	var buf bytes.Buffer
	var r repairs
	if json.Compact(&buf, ex.body) == nil {
		// valid as written (Compact checks as it goes): as repairJSON
		// returns it, without a second pass
		r.placeholder = hasPlaceholderString(ex.body)
	} else {
		fixed, repaired, err := repairJSON(ex.body)
		if err != nil {
			p.warn(src, line, CodeExampleInvalid, "%s example is not valid JSON: %v", kind, err)
			return
		}
		r, buf = repaired, bytes.Buffer{}
		if err := json.Compact(&buf, fixed); err != nil {
			p.warn(src, line, CodeExampleInvalid, "%s example is not valid JSON: %v", kind, err)
			return
		}
	}
	out := buf.Bytes()
	if key, ok := duplicateKey(out); ok {
		p.warn(src, line, CodeExampleDuplicateKey, "%s example gives the key %q twice in one object; JSON readers keep the last value, and so does the model", kind, key)
		if last, err := lastValueWins(out); err == nil {
			out, r.changed = last, true
		}
	}
	if kind == model.ExampleResponse {
		if wrapped, ok := wrapResult(out); ok {
			out, r.changed = wrapped, true
		}
	}
	m.Examples = append(m.Examples, model.Example{Kind: kind, Title: ex.title, JSON: out, Line: line,
		Repaired: r.changed, Template: ex.template || r.placeholder})
}

// wrapResult puts back the envelope of a response example that shows only
// the result (an array, or an object with neither "result" nor "error"):
// its members go under "result", except time, total and next.
func wrapResult(b []byte) ([]byte, bool) {
	if len(b) > 0 && b[0] == '[' {
		return append(append([]byte(`{"result":`), b...), '}'), true
	}
	if bytes.HasPrefix(b, []byte(`{"result":`)) || bytes.HasPrefix(b, []byte(`{"error":`)) {
		// most answers: the envelope is there (b is compact)
		return nil, false
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(b, &obj) != nil {
		return nil, false
	}
	if _, ok := obj["result"]; ok {
		return nil, false
	}
	if _, ok := obj["error"]; ok {
		return nil, false
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.Token()
	var result, envelope bytes.Buffer
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, false
		}
		key := tok.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, false
		}
		dst := &result
		if protocol.IsEnvelope(key) {
			dst = &envelope
		}
		if dst.Len() > 0 {
			dst.WriteByte(',')
		}
		kb, _ := json.Marshal(key)
		dst.Write(kb)
		dst.WriteByte(':')
		dst.Write(v)
	}
	out := []byte(`{"result":{` + result.String() + `}`)
	if envelope.Len() > 0 {
		out = append(append(out, ','), envelope.Bytes()...)
	}
	return append(out, '}'), true
}

func isShellFence(info string) bool {
	switch info {
	case "bash", "sh", "shell", "curl", "http", "console", "":
		return true
	}
	return false
}

// curlBody returns the data argument of the curl command in a shell
// snippet (-d, --data, --data-raw, --data-binary, --json), and whether the
// shell expands variables into it.
func curlBody(script []byte) (body []byte, expanded, ok bool) {
	words := shellWords(script)
	for i, w := range words {
		switch {
		case w.text == "-d" || w.text == "--data" || w.text == "--data-raw" || w.text == "--data-binary" || w.text == "--json":
			if i+1 < len(words) {
				return []byte(words[i+1].text), words[i+1].expanded, true
			}
		case strings.HasPrefix(w.text, "--data=") || strings.HasPrefix(w.text, "--data-raw=") || strings.HasPrefix(w.text, "--json="):
			_, v, _ := strings.Cut(w.text, "=")
			return []byte(v), w.expanded, true
		}
	}
	return nil, false, false
}

// shellWord is a word of a shell command; expanded says that it contains
// a variable or command substitution outside single quotes.
type shellWord struct {
	text     string
	expanded bool
}

// shellWords splits a shell script into words the way a POSIX shell does
// for the parts examples use: quotes, backslash escapes, line
// continuations and comments. Expansions ($VAR, $(…)) are kept as written,
// since the example shows a template, not a value.
func shellWords(script []byte) []shellWord {
	var words []shellWord
	var cur strings.Builder
	inWord, expanded := false, false
	flush := func() {
		if inWord {
			words = append(words, shellWord{cur.String(), expanded})
			cur.Reset()
			inWord, expanded = false, false
		}
	}
	s := script
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
				continue
			}
			if i+1 < len(s) {
				cur.WriteByte(s[i+1])
				i++
				inWord = true
			}
		case c == '\'':
			inWord = true
			end := bytes.IndexByte(s[i+1:], '\'')
			if end < 0 {
				cur.Write(s[i+1:])
				i = len(s)
				continue
			}
			cur.Write(s[i+1 : i+1+end])
			i += end + 1
		case c == '"':
			inWord = true
			i++
			for ; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("\"\\$`\n", s[i+1]) >= 0 {
					if s[i+1] != '\n' {
						cur.WriteByte(s[i+1])
					}
					i++
					continue
				}
				if s[i] == '$' {
					expanded = true
				}
				cur.WriteByte(s[i])
			}
		case c == '#' && !inWord:
			for i < len(s) && s[i] != '\n' {
				i++
			}
			flush()
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			flush()
		default:
			if c == '$' {
				expanded = true
			}
			inWord = true
			cur.WriteByte(c)
		}
	}
	flush()
	return words
}

// shapeFromExamples settles, from the page's own examples, what a PHP
// "array" with documented members is: an associative array (an object) or
// a list of such objects. Without an example a parameter is taken for an
// object and a returned field for a list.
func shapeFromExamples(m *model.Method) {
	for _, ex := range m.Examples {
		// decoded only when it has fields to settle
		var result *model.Field
		switch ex.Kind {
		case model.ExampleRequest:
			if len(m.Params) == 0 {
				continue
			}
		case model.ExampleResponse:
			if result = model.FindField(m.Returns, "result"); result == nil {
				continue
			}
		default:
			continue
		}
		var v any
		if json.Unmarshal(ex.JSON, &v) != nil {
			continue
		}
		switch ex.Kind {
		case model.ExampleRequest:
			shapeFields(m.Params, v)
		case model.ExampleResponse:
			if obj, ok := v.(map[string]any); ok {
				shapeAnswer(result, obj["result"])
			}
		}
	}
}

func shapeFields(fs []model.Field, v any) {
	obj, ok := v.(map[string]any)
	if !ok {
		return
	}
	for i := range fs {
		if val, ok := obj[fs[i].Name]; ok {
			shapeField(&fs[i], val)
		}
	}
}

func shapeField(f *model.Field, v any) {
	if f.Type == "array" && len(f.Fields) > 0 {
		switch v.(type) {
		case []any:
			f.Array = true
		case map[string]any:
			f.Array = false
		}
	}
	if len(f.Fields) == 0 {
		return
	}
	if list, ok := v.([]any); ok && f.Array {
		for _, e := range list {
			shapeFields(f.Fields, e)
		}
		return
	}
	shapeFields(f.Fields, v)
}

// shapeAnswer settles the shape of returned fields from a response
// example: a documented object the portal sends as a list of such objects
// is a list (the docs describe the element).
func shapeAnswer(f *model.Field, v any) {
	shapeField(f, v)
	if len(f.Fields) == 0 {
		// an object the docs do not describe, sent as a list of objects
		if list, ok := v.([]any); ok && !f.Array && f.Base == "object" && len(list) > 0 {
			if _, isObj := list[0].(map[string]any); isObj {
				f.Array = true
			}
		}
		return
	}
	if list, ok := v.([]any); ok && !f.Array && len(list) > 0 {
		if _, isObj := list[0].(map[string]any); isObj {
			f.Array = true
		}
	}
	var elems []any
	if list, ok := v.([]any); ok {
		elems = list
	} else {
		elems = []any{v}
	}
	for _, e := range elems {
		obj, ok := e.(map[string]any)
		if !ok {
			continue
		}
		for i := range f.Fields {
			if val, ok := obj[f.Fields[i].Name]; ok {
				shapeAnswer(&f.Fields[i], val)
			}
		}
	}
}
