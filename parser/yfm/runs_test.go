package yfm

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/b24gen/b24gen/internal/support/testdocs"
)

// runSeeds are pages whose code blocks and tables the runs must read as
// goldmark does, line by line: in tabs, nested lists and directives,
// with blank lines, tabs, dedented and unclosed bodies, fences and tags
// in the body.
var runSeeds = []string{
	"```js\na\n  b\n\nc\n```\n",
	"  ```js\n a\n   b\n    c\n\n  ```\nafter\n",
	"{% list tabs %}\n\n- JS\n\n    ```js\n    a\n      b\n\n    c\n    ```\n\n- PHP\n\n    ```php\n    x\n    ```\n\n{% endlist %}\n",
	"- a\n\n  ```\n  one\n\n\n  two\n  ```\n- b\n",
	"- a\n  ```\n  one\n\n- b\n",
	"- a\n  ```\n  one\n two\n  ```\n",
	"- a\n  - b\n\n    ```json\n    {\n      \"x\": 1\n    }\n    ```\n",
	"1. a\n\n   ```\n   x\n   ```\n",
	"{% note %}\n```\na\n{% endnote %}\nb\n```\n",
	"{% cut \"x\" %}\n\n```\na\n  {% endcut %}\n```\n\n{% endcut %}\n",
	"```\na\n\tb\n\t\tc\n```\n",
	"- a\n\n\t```\n\tx\n\ty\n\t```\n",
	"```\r\na\r\n\r\n   \r\nb\r\n```\r\n",
	"~~~\na\n```\nb\n~~~\n",
	"````\na\n```\nb\n````\n",
	"```\na\n    ```\nb\n```\n",
	"```\na\nb",
	"```\na\n\n\n",
	"> ```\n> a\n> b\n> ```\n",
	"- > ```\n  > a\n  > b\n",
	"```\na\n   \n    \nb\n```\n",
	"- a\n\n      ```\n      x\n        y\n    z\n      ```\n",
	"   ```\n  a\n b\nc\n      d\n   ```\n",
	"#|\n|| ```\na\n``` | b ||\n|#\n",
	"- t\n\n  #|\n  || a |\n\n    - x\n\n      ```bash\n      fm: [\n        {\n          \"v\": 1\n        }\n      ]\n      ```\n  ||\n  |#\n",
	"- a\n\n  ```\n  x\n\n  # heading?\n  ```\n",
	"```\n{\n}\n```\n",
	"- ```\n  a\n  b\n  ```\n",
	"-\n  ```\n  a\n  ```\n",
	"```\na\n\v\nb\n```\n",
	"#|\n|| a | b ||\n|| c\n\nd | e ||\n|#\nafter\n",
	"- x\n\n  #|\n  || a | b ||\n\n  || c |\n\n  d ||\n  |#\n\n  y\n",
	"- x\n\n  #|\n  || a | b ||\n || c | d ||\n  |#\n",
	"- x\n\n  #|\n  || a | b ||\n\n\n- y\n",
	"{% list tabs %}\n\n- A\n\n  #|\n  || a | b\n  {% note %}\n  n\n  {% endnote %}\n  ||\n  |#\n\n{% endlist %}\n",
	"{% cut \"c\" %}\n#|\n|| a |\n{% endcut %}\n||\n|#\n",
	"#|\n|| a | ```\ncode\n|#\n```\n ||\n|#\n",
	"#|\n|| a |\n#|\n|| b | c ||\n|#\n||\n|#\n",
	"#|\n|| a |\tb ||\n\t|| c | d ||\n|#\n",
	"#|\n|| a | b ||\n|#",
	"#|\n|| a | b ||\n\n\n",
	"> #|\n> || a | b ||\n> |#\n",
	"1. x\n\n   #|\n   || a | b ||\n     || c | d ||\n   |#\n",
	"- x\n  #|\n  || a |\n\n  - y\n\n    ```\n    z\n    ```\n  ||\n  |#\n",
}

// TestRuns requires the trees of the seeds to be goldmark's.
func TestRuns(t *testing.T) {
	md, slow := New(), slowMarkdown()
	for _, page := range runSeeds {
		if got, want := canonPage(md, page), canonPage(slow, page); got != want {
			t.Errorf("page %q\nwith runs:\n%s\nline by line:\n%s", page, got, want)
		}
	}
}

// FuzzRuns requires the tree of every page read with runs to be the
// tree read line by line.
func FuzzRuns(f *testing.F) {
	for _, s := range runSeeds {
		f.Add(s)
	}
	md, slow := New(), slowMarkdown()
	f.Fuzz(func(t *testing.T, page string) {
		if got, want := canonPage(md, page), canonPage(slow, page); got != want {
			t.Fatalf("page %q\nwith runs:\n%s\nline by line:\n%s", page, got, want)
		}
	})
}

// TestFenceTakesRuns checks that a code block takes the plain lines of
// its body at once, up to the last non-blank one, and leaves the reader where
// goldmark's Continue would after that line.
func TestFenceTakesRuns(t *testing.T) {
	src := []byte("    ```\n    a\n      b\n\n    c\n\n    ```\n")
	item := ast.NewListItem(4)
	ast.NewList('-').AppendChild(nil, item)
	node := ast.NewFencedCodeBlock(nil)
	item.AppendChild(item, node)
	f := &fenceState{node: node, char: '`', indent: 0, runIndent: runIndent(item)}
	r := text.NewReader(src)
	r.AdvanceToEOL() // goldmark's Continue is done with the fence line
	f.takeRun(node, r)
	var got []string
	for i := range node.Lines().Len() {
		seg := node.Lines().At(i)
		got = append(got, string(seg.Value(src)))
	}
	if want := []string{"a\n", "  b\n", "\n", "c\n"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("lines %q, want %q", got, want)
	}
	line, seg := r.Position()
	if line != 4 || seg.Start != strings.Index(string(src), "c\n")+1 {
		t.Errorf("reader at line %d, offset %d; want the end of line 4", line, seg.Start)
	}
}

// TestRunsCorpus compares the tree of every page of the docs' API
// reference (B24_DOCS, B24_DOCS_EN) read with runs and line by line.
func TestRunsCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("reads both docs trees")
	}
	md, slow := New(), slowMarkdown()
	eachCorpusPage(t, func(t *testing.T) func(path string, src []byte) {
		return func(path string, src []byte) {
			if got, want := canonPage(md, string(src)), canonPage(slow, string(src)); got != want {
				t.Errorf("%s: the trees read with runs and line by line differ", path)
			}
		}
	})
}

// eachCorpusPage runs a subtest for each docs tree (B24_DOCS, B24_DOCS_EN)
// that hands every page of its API reference, in walk order, to the
// function start returns for it.
func eachCorpusPage(t *testing.T, start func(t *testing.T) func(path string, src []byte)) {
	for _, tree := range []struct {
		lang string
		dir  func(testing.TB) string
	}{{"ru", testdocs.Russian}, {"en", testdocs.English}} {
		t.Run(tree.lang, func(t *testing.T) {
			root := filepath.Join(tree.dir(t), "api-reference")
			page := start(t)
			pages := 0
			err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
					return err
				}
				src, err := os.ReadFile(path)
				if err != nil {
					return err
				}
				pages++
				page(path, src)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if pages == 0 {
				t.Fatal("no pages")
			}
		})
	}
}

// TestRunsLinear: a run that ends in blank lines before a line it cannot
// take leaves those blank lines to goldmark, one Continue each; each of
// those must not look through the rest of them again, or a block of n
// blank lines costs n² (a hostile page of a hundred thousand would take
// minutes).
func TestRunsLinear(t *testing.T) {
	const n = 2000
	blanks := strings.Repeat("\n", n)
	for name, page := range map[string]string{
		"code":  "```\na\n" + blanks + "\tb\n```\n",
		"table": "#|\n|| a |\n" + blanks + "\tb ||\n|#\n",
	} {
		examined := 0
		pc := parser.NewContext()
		pc.Set(runLinesKey, &examined)
		New().Parser().Parse(text.NewReader([]byte(page)), parser.WithContext(pc))
		if examined > 3*n {
			t.Errorf("%s: the runs looked at %d lines of a block of %d", name, examined, n+3)
		}
	}
}
