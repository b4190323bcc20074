package parser

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/yuin/goldmark/ast"

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
		if !strings.Contains(strings.ToLower(tab), "curl") || !isShellFence(src.fenceInfo(cb)) {
			return
		}
		if body, ok := curlBody(src.rawLines(cb)); ok {
			p.addExample(src, src.nodeLine(cb), model.ExampleRequest, tab, body, m)
		}
	})
}

// jsonExamples reads the JSON code blocks under n.
func (p *page) jsonExamples(src *source, n ast.Node, kind string, m *model.Method) {
	codeBlocks(src, n, "", func(cb *ast.FencedCodeBlock, _ string) {
		info := src.fenceInfo(cb)
		code := bytes.TrimSpace(src.rawLines(cb))
		if info != "json" && !(info == "" && len(code) > 0 && (code[0] == '{' || code[0] == '[')) {
			return
		}
		p.addExample(src, src.nodeLine(cb), kind, "", code, m)
	})
}

func (p *page) addExample(src *source, line int, kind, title string, body []byte, m *model.Method) {
	var buf bytes.Buffer
	if err := json.Compact(&buf, body); err != nil {
		p.warn(src, line, CodeExampleInvalid, "%s example is not valid JSON: %v", kind, err)
		return
	}
	m.Examples = append(m.Examples, model.Example{Kind: kind, Title: title, JSON: buf.Bytes(), Line: line})
}

func isShellFence(info string) bool {
	switch info {
	case "bash", "sh", "shell", "curl", "http", "console", "":
		return true
	}
	return false
}

// curlBody returns the data argument of the curl command in a shell
// snippet (-d, --data, --data-raw, --data-binary, --json).
func curlBody(script []byte) ([]byte, bool) {
	words := shellWords(script)
	for i, w := range words {
		switch {
		case w == "-d" || w == "--data" || w == "--data-raw" || w == "--data-binary" || w == "--json":
			if i+1 < len(words) {
				return []byte(words[i+1]), true
			}
		case strings.HasPrefix(w, "--data=") || strings.HasPrefix(w, "--data-raw=") || strings.HasPrefix(w, "--json="):
			_, v, _ := strings.Cut(w, "=")
			return []byte(v), true
		}
	}
	return nil, false
}

// shellWords splits a shell script into words the way a POSIX shell does
// for the parts examples use: quotes, backslash escapes, line
// continuations and comments. Expansions ($VAR, $(…)) are kept as written,
// since the example shows a template, not a value.
func shellWords(script []byte) []string {
	var words []string
	var cur strings.Builder
	inWord := false
	flush := func() {
		if inWord {
			words = append(words, cur.String())
			cur.Reset()
			inWord = false
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
			inWord = true
			cur.WriteByte(c)
		}
	}
	flush()
	return words
}
