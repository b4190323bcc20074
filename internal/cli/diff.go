package cli

import (
	"archive/tar"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"gopkg.in/yaml.v3"

	"github.com/b24gen/b24gen/generator/openapi"
	"github.com/b24gen/b24gen/internal/feature/apidiff"
	"github.com/b24gen/b24gen/model"
	"github.com/b24gen/b24gen/parser"
)

func runDiff(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("diff", "[-format markdown|json] [-fail-on breaking] [-git REPO] OLD NEW", stderr)
	format := fs.String("format", "markdown", "output format: markdown (a changelog) or json")
	failOn := fs.String("fail-on", "", "exit 1 when the report has changes of this kind: breaking")
	gitRepo := fs.String("git", "", "a git checkout of the docs: OLD and NEW are revisions of it")
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: b24gen diff [-format markdown|json] [-fail-on breaking] [-git REPO] OLD NEW

Reports how the API changed from OLD to NEW. Each is a docs tree, a model
file (b24gen model), an OpenAPI document, or, with -git, a revision of the
docs checkout REPO.

Flags:
`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err.Error() == "flag: help requested" {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() != 2 {
		fmt.Fprintln(stderr, "b24gen diff: want two arguments, OLD and NEW")
		fs.Usage()
		return exitUsage
	}
	if *format != "markdown" && *format != "json" {
		fmt.Fprintf(stderr, "b24gen diff: -format must be markdown or json, not %q\n", *format)
		return exitUsage
	}
	if *failOn != "" && *failOn != "breaking" {
		fmt.Fprintf(stderr, "b24gen diff: -fail-on takes breaking, not %q\n", *failOn)
		return exitUsage
	}
	var sides [2]apidiff.Side
	for i, arg := range fs.Args() {
		side, err := loadSide(arg, *gitRepo)
		if err != nil {
			fmt.Fprintln(stderr, "b24gen diff:", err)
			return exitFail
		}
		sides[i] = side
	}
	rep, err := apidiff.Compare(sides[0], sides[1])
	if err != nil {
		fmt.Fprintln(stderr, "b24gen diff:", err)
		return exitFail
	}
	if *format == "json" {
		b, err := json.MarshalIndent(rep, "", "  ")
		if err != nil {
			fmt.Fprintln(stderr, "b24gen diff:", err)
			return exitFail
		}
		_, _ = stdout.Write(append(b, '\n'))
	} else if err := rep.WriteMarkdown(stdout, fs.Arg(0), fs.Arg(1)); err != nil {
		fmt.Fprintln(stderr, "b24gen diff:", err)
		return exitFail
	}
	if *failOn == "breaking" && rep.Breaking > 0 {
		fmt.Fprintf(stderr, "b24gen diff: %d breaking changes (Go %d, OpenAPI %d)\n", rep.Breaking, rep.BreakingGo, rep.BreakingOpenAPI)
		return exitFail
	}
	return exitOK
}

// loadSide reads one side of a diff: a docs tree (or a revision of a git
// checkout of one), a model file or an OpenAPI document. A model, read or
// parsed, also gives the OpenAPI document of the classic API.
func loadSide(arg, gitRepo string) (apidiff.Side, error) {
	dir := arg
	if gitRepo != "" {
		tmp, err := checkout(gitRepo, arg)
		if err != nil {
			return apidiff.Side{}, err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	st, err := os.Stat(dir)
	if err != nil {
		return apidiff.Side{}, err
	}
	var api *model.API
	if st.IsDir() {
		res, err := parser.Parse(os.DirFS(dir), parser.Options{})
		if err != nil {
			return apidiff.Side{}, err
		}
		api = &res.API
	} else {
		data, err := os.ReadFile(dir)
		if err != nil {
			return apidiff.Side{}, err
		}
		var probe map[string]json.RawMessage
		js, err := asJSON(data)
		if err == nil {
			err = json.Unmarshal(js, &probe)
		}
		switch {
		case err != nil:
			return apidiff.Side{}, fmt.Errorf("%s: neither a docs tree, a model nor an OpenAPI document: %w", arg, err)
		case probe["openapi"] != nil:
			doc, err := openapi3.NewLoader().LoadFromData(js)
			if err != nil {
				return apidiff.Side{}, fmt.Errorf("%s: %w", arg, err)
			}
			return apidiff.Side{OpenAPI: doc}, nil
		case probe["methods"] != nil:
			api = &model.API{}
			if err := json.Unmarshal(js, api); err != nil {
				return apidiff.Side{}, fmt.Errorf("%s: %w", arg, err)
			}
			api.Normalize()
		default:
			return apidiff.Side{}, fmt.Errorf("%s: neither a model (no \"methods\") nor an OpenAPI document (no \"openapi\")", arg)
		}
	}
	doc, _, err := openapi.Generate(api, "")
	if err != nil {
		return apidiff.Side{}, err
	}
	return apidiff.Side{API: api, OpenAPI: doc}, nil
}

// asJSON returns JSON as it is and YAML converted to JSON.
func asJSON(data []byte) ([]byte, error) {
	if t := bytes.TrimSpace(data); len(t) > 0 && t[0] == '{' {
		return data, nil
	}
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		return nil, err
	}
	return json.Marshal(v)
}

// checkout writes the files of a revision of a git checkout into a
// temporary directory, with git archive.
func checkout(repo, rev string) (string, error) {
	cmd := exec.Command("git", "-C", repo, "archive", "--format=tar", rev)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("git archive %s in %s: %v: %s", rev, repo, err, strings.TrimSpace(stderr.String()))
	}
	dir, err := os.MkdirTemp("", "b24gen-diff-")
	if err != nil {
		return "", err
	}
	tr := tar.NewReader(bytes.NewReader(out))
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return dir, nil
		}
		if err != nil {
			os.RemoveAll(dir)
			return "", err
		}
		target := filepath.Join(dir, filepath.FromSlash(h.Name))
		if !strings.HasPrefix(target, dir+string(filepath.Separator)) {
			continue // a path that would leave the directory
		}
		switch h.Typeflag {
		case tar.TypeDir:
			err = os.MkdirAll(target, 0o755)
		case tar.TypeReg:
			if err = os.MkdirAll(filepath.Dir(target), 0o755); err == nil {
				var data []byte
				if data, err = io.ReadAll(tr); err == nil {
					err = os.WriteFile(target, data, 0o644)
				}
			}
		}
		if err != nil {
			os.RemoveAll(dir)
			return "", err
		}
	}
}
