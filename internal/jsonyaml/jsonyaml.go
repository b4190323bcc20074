// Package jsonyaml turns JSON documents into YAML without losing the key
// order, so that a YAML file says the same thing as its JSON twin, in the
// same order.
package jsonyaml

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

// chunkDepth is how deep the document is split into pieces encoded one at
// a time: yaml.v3's emitter keeps every event of a document until it ends,
// so a document of tens of megabytes (the OpenAPI document of the whole
// API) is encoded mapping entry by mapping entry, two levels down.
const chunkDepth = 2

// FromJSON converts a JSON document to YAML. The JSON is read into yaml.v3
// nodes that keep the order of the keys and the types JSON gave (a string
// that reads as a number or a boolean stays a quoted string), and encoded
// as ordinary block YAML. The top levels of the document are streamed:
// only one entry of them is held as nodes at a time.
func FromJSON(js []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(js))
	dec.UseNumber()
	p := &pieces{}
	tok, err := dec.Token()
	if err != nil {
		return nil, fmt.Errorf("jsonyaml: %w", err)
	}
	if err := p.stream(dec, tok, "", 0); err != nil {
		return nil, fmt.Errorf("jsonyaml: %w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("jsonyaml: trailing data after the document")
	}
	if err := p.flush(); err != nil {
		return nil, fmt.Errorf("jsonyaml: %w", err)
	}
	return p.out.Bytes(), nil
}

// pieces encodes the pieces of a document a window at a time, the pieces
// of a window in parallel, and writes them in order.
type pieces struct {
	out    bytes.Buffer
	window []piece
}

type piece struct {
	node   *yaml.Node
	indent string
	header bool
}

// windowSize bounds the pieces held as nodes at once.
const windowSize = 512

func (p *pieces) add(n *yaml.Node, indent string, header bool) error {
	p.window = append(p.window, piece{n, indent, header})
	if len(p.window) >= windowSize {
		return p.flush()
	}
	return nil
}

func (p *pieces) flush() error {
	bufs := make([]bytes.Buffer, len(p.window))
	errs := make([]error, len(p.window))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), len(p.window)) {
		wg.Go(func() {
			for i := range next {
				pc := p.window[i]
				errs[i] = encodePiece(&bufs[i], pc.node, pc.indent, pc.header)
			}
		})
	}
	for i := range p.window {
		next <- i
	}
	close(next)
	wg.Wait()
	for i := range bufs {
		if errs[i] != nil {
			return errs[i]
		}
		p.out.Write(bufs[i].Bytes())
	}
	p.window = p.window[:0]
	return nil
}

// stream adds the pieces of the value that starts with tok. Objects of the
// top levels become a piece per entry; everything else is read into nodes
// and is one piece.
func (p *pieces) stream(dec *json.Decoder, tok json.Token, indent string, depth int) error {
	if d, ok := tok.(json.Delim); !ok || d != '{' || depth >= chunkDepth || !dec.More() {
		n, err := readValue(dec, tok)
		if err != nil {
			return err
		}
		return p.add(n, indent, false)
	}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return err
		}
		key := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k.(string)}
		vt, err := dec.Token()
		if err != nil {
			return err
		}
		if d, ok := vt.(json.Delim); ok && d == '{' && dec.More() {
			// "key:" and the entries of its object one level deeper
			header := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: []*yaml.Node{key, {Kind: yaml.ScalarNode, Tag: "!!null", Value: ""}}}
			if err := p.add(header, indent, true); err != nil {
				return err
			}
			if err := p.stream(dec, vt, indent+"  ", depth+1); err != nil {
				return err
			}
			continue
		}
		v, err := readValue(dec, vt)
		if err != nil {
			return err
		}
		if err := p.add(&yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: []*yaml.Node{key, v}}, indent, false); err != nil {
			return err
		}
	}
	_, err := dec.Token() // }
	return err
}

// readValue reads the JSON value that starts with tok into a node.
func readValue(dec *json.Decoder, tok json.Token) (*yaml.Node, error) {
	switch v := tok.(type) {
	case json.Delim:
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		if v == '[' {
			n.Kind, n.Tag = yaml.SequenceNode, "!!seq"
		}
		for dec.More() {
			if n.Kind == yaml.MappingNode {
				k, err := dec.Token()
				if err != nil {
					return nil, err
				}
				n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k.(string)})
			}
			t, err := dec.Token()
			if err != nil {
				return nil, err
			}
			child, err := readValue(dec, t)
			if err != nil {
				return nil, err
			}
			n.Content = append(n.Content, child)
		}
		if _, err := dec.Token(); err != nil {
			return nil, err
		}
		if len(n.Content) == 0 {
			n.Style = yaml.FlowStyle
		}
		return n, nil
	case string:
		n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v}
		if strings.Contains(v, "\n") {
			n.Style = yaml.LiteralStyle
		}
		return n, nil
	case json.Number:
		tag := "!!int"
		if strings.ContainsAny(v.String(), ".eE") {
			tag = "!!float"
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: v.String()}, nil
	case bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: fmt.Sprint(v)}, nil
	case nil:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}, nil
	}
	return nil, fmt.Errorf("unexpected token %v", tok)
}

// encodePiece encodes one node as its own document and writes it indented.
// header says the node is a "key:" line whose value follows as further
// pieces.
func encodePiece(w *bytes.Buffer, n *yaml.Node, indent string, header bool) error {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(n); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	out := buf.Bytes()
	if header {
		// "key: null" → "key:"
		out = bytes.TrimSuffix(bytes.TrimRight(out, "\n"), []byte(" null"))
		out = append(out, '\n')
	}
	for _, line := range bytes.SplitAfter(out, []byte("\n")) {
		if len(line) == 0 {
			continue
		}
		if len(line) > 1 || line[0] != '\n' {
			w.WriteString(indent)
		}
		w.Write(line)
	}
	return nil
}
