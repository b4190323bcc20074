// Package cli is the b24gen command line: generate, model, openapi and
// version. It is a package of its own so that tests run the commands
// in-process, with their own arguments and output streams.
package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/b24gen/b24gen/generator"
	"github.com/b24gen/b24gen/generator/golang"
	"github.com/b24gen/b24gen/generator/openapi"
	"github.com/b24gen/b24gen/generator/reference"
	"github.com/b24gen/b24gen/internal/cli/version"
	"github.com/b24gen/b24gen/internal/feature/config"
	"github.com/b24gen/b24gen/internal/feature/lint"
	"github.com/b24gen/b24gen/internal/support/jsonyaml"
	"github.com/b24gen/b24gen/internal/support/writer"
	"github.com/b24gen/b24gen/parser"
)

// Exit codes.
const (
	exitOK    = 0
	exitFail  = 1 // an error, or -check found differences
	exitUsage = 2
)

// maxShownWarnings bounds the warnings generate prints; lint lists them all.
const maxShownWarnings = 20

type command struct {
	name    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"generate", "generate Go packages and the OpenAPI document from the docs", runGenerate},
		{"model", "print the model read from the docs (JSON or YAML)", runModel},
		{"lint", "list what the parser could not place, page by page, with counts", runLint},
		{"openapi", "write the OpenAPI document", runOpenAPI},
		{"diff", "report how the API changed between two versions of the docs", runDiff},
		{"schema", "print the JSON Schema of b24gen.yaml", func(_ []string, stdout, _ io.Writer) int {
			_, _ = stdout.Write(config.Schema)
			return exitOK
		}},
		{"version", "print the version", func(_ []string, stdout, _ io.Writer) int {
			fmt.Fprintln(stdout, "b24gen", version.Version)
			return exitOK
		}},
	}
}

// The garbage collector settings b24gen runs with. b24gen is a short batch
// job whose heap is mostly parse trees of pages it has finished with:
// collecting less often (GCPercent) makes a whole-tree run about a third
// faster, and the soft memory limit makes the collector work harder only
// when the heap nears it, which keeps a whole-API generation under 300 MB.
//
// Reading the docs alone (model, lint) keeps far less alive than
// generating, whose emitters hold every package's code at once: a lower
// limit there keeps the model of the whole tree under 160 MB at about the
// same speed, where it would slow generation by half: 100 MiB, since
// reading allocates a quarter less (0.91-0.94 s a run of the whole tree
// and 112 MB, against 0.94-0.97 s and 139 MB under 128 MiB, and 1.0 s
// under 80; five runs each, alternated). Generating, with
// GCPercent, reached the limit before the collector's own target and
// then collected without pause: GeneratingGCPercent collects before
// (4.5-4.8 s a whole-API run and 261-266 MB, against 4.8-5.9 s and 275
// MB, five runs each, alternated).
const (
	GCPercent           = 400
	GeneratingGCPercent = 200
	MemoryLimit         = 256 << 20
	ReadingMemoryLimit  = 100 << 20
)

// TuneRuntime sets the garbage collector for a batch run of the command
// args name, unless GOGC or GOMEMLIMIT say otherwise.
func TuneRuntime(args []string) {
	reading := len(args) > 0 && (args[0] == "model" || args[0] == "lint")
	if os.Getenv("GOGC") == "" {
		percent := GCPercent
		if !reading {
			percent = GeneratingGCPercent
		}
		debug.SetGCPercent(percent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		limit := int64(MemoryLimit)
		if reading {
			limit = ReadingMemoryLimit
		}
		debug.SetMemoryLimit(limit)
	}
}

// Run runs b24gen with args (without the program name) and returns the
// exit code.
func Run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	if strings.HasPrefix(args[0], "-config") || strings.HasPrefix(args[0], "--config") {
		// go:generate lines read "go tool b24gen -config b24gen.yaml"
		return runGenerate(args, stdout, stderr)
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "b24gen: unknown command %q\n\n", args[0])
	usage(stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "b24gen generates typed Go clients, servers and an OpenAPI document from the Bitrix24 REST documentation.")
	fmt.Fprintln(w, "\nUsage:\n\n\tb24gen <command> [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "\t%-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun b24gen <command> -h for the flags of a command.")
}

// newFlags returns a flag set that prints its usage to stderr.
func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: b24gen %s %s\n\nFlags:\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// selectionFlags adds the flags that choose the docs tree and the methods.
func selectionFlags(fs *flag.FlagSet) (docs, methods *string) {
	docs = fs.String("docs", "specs", "documentation tree: a checkout of the docs repository, or a tree laid out like it")
	methods = fs.String("methods", "", "comma-separated globs on method names, e.g. biconnector.*,crm.deal.add (default all)")
	return docs, methods
}

// parseFlags parses args, handling -h and stray arguments.
func parseFlags(fs *flag.FlagSet, args []string) (int, bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK, false
		}
		return exitUsage, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "b24gen %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		fs.Usage()
		return exitUsage, false
	}
	return 0, true
}

// selection is a docs tree and the names chosen from it.
type selection struct {
	docs             string
	methods, exclude []string
	// lang is another edition of the docs whose words document the API
	// docs defines ("" for the words of docs itself).
	lang string
}

// selected returns the selection the -docs and -methods flags make.
func selected(docs, methods string) selection {
	return selection{docs: docs, methods: parser.SplitPatterns(methods)}
}

// langFlag adds the flag that takes the words from another edition.
func langFlag(fs *flag.FlagSet) *string {
	return fs.String("docs-lang", "", "another edition of the docs (the English tree) whose words document the API -docs defines")
}

// parseDocs parses the docs tree.
func parseDocs(sel selection) (*parser.Result, error) {
	st, err := os.Stat(sel.docs)
	if err != nil {
		return nil, fmt.Errorf("docs tree %s: %w", sel.docs, err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("docs tree %s is not a directory", sel.docs)
	}
	return parser.Parse(os.DirFS(sel.docs), parser.Options{Methods: sel.methods, Exclude: sel.exclude})
}

// load parses the docs tree and reports its warnings on stderr.
func load(sel selection, stderr io.Writer) (*parser.Result, error) {
	docs := sel.docs
	res, err := parseDocs(sel)
	if err != nil {
		return nil, err
	}
	// a fragment several pages include has its diagnostics once per
	// page; the lines name the fragment alone, so each is shown once
	var lines []string
	for _, d := range res.Diagnostics {
		d.File = filepath.ToSlash(filepath.Join(docs, d.File))
		if l := d.String(); len(lines) == 0 || lines[len(lines)-1] != l {
			lines = append(lines, l)
		}
	}
	for i, l := range lines {
		if i == maxShownWarnings {
			fmt.Fprintf(stderr, "b24gen: … and %d more (b24gen lint lists them all)\n", len(lines)-i)
			break
		}
		fmt.Fprintln(stderr, l)
	}
	if len(res.API.Methods) == 0 && len(res.API.Events) == 0 {
		return nil, fmt.Errorf("no method or event matches %q in %s", strings.Join(sel.methods, ","), docs)
	}
	if sel.lang != "" {
		if err := takeWords(res, sel, stderr); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// takeWords gives the API read from sel.docs the words of sel.lang, and
// says on stderr what kept its own. The digest then covers both trees.
func takeWords(res *parser.Result, sel selection, stderr io.Writer) error {
	words, err := parseDocs(selection{docs: sel.lang, methods: sel.methods, exclude: sel.exclude})
	if err != nil {
		return fmt.Errorf("-docs-lang: %w", err)
	}
	w := res.API.TakeWords(&words.API)
	fmt.Fprintf(stderr, "b24gen: words from %s for %d of %d methods and %d of %d events\n",
		sel.lang, w.Methods, len(res.API.Methods), w.Events, len(res.API.Events))
	for i, name := range slices.Concat(w.MethodsKept, w.EventsKept) {
		if i == maxShownWarnings {
			fmt.Fprintf(stderr, "b24gen: … and %d more keep the words of %s\n", len(w.MethodsKept)+len(w.EventsKept)-i, sel.docs)
			break
		}
		fmt.Fprintf(stderr, "b24gen: %s is not in %s and keeps the words of %s\n", name, sel.lang, sel.docs)
	}
	sum := sha256.Sum256([]byte(res.Digest + "\x00" + words.Digest))
	res.Digest = hex.EncodeToString(sum[:])
	return nil
}

// printWarnings prints the generator's warnings, with paths under docs.
func printWarnings(stderr io.Writer, docs string, ws []generator.Warning) {
	for i, w := range ws {
		if i == maxShownWarnings {
			fmt.Fprintf(stderr, "b24gen: … and %d more generator warnings\n", len(ws)-i)
			return
		}
		w.File = filepath.ToSlash(filepath.Join(docs, w.File))
		fmt.Fprintln(stderr, w.String())
	}
}

func runGenerate(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("generate", "[-config FILE] [-docs DIR] [-docs-lang DIR] [-out DIR] [-methods PATTERNS] [-import PATH] [-check]", stderr)
	cfgPath := fs.String("config", "", "b24gen.yaml to read (its JSON Schema: b24gen schema); flags override it")
	docsFlag, methodsFlag := selectionFlags(fs)
	langFlagValue := langFlag(fs)
	outFlag := fs.String("out", "generated", "output directory")
	check := fs.Bool("check", false, "write nothing; list stale, missing and orphaned files with a diff and exit 1 if any")
	importFlag := fs.String("import", "", "import path of the output directory, for the package that gathers the generated ones (default: from the go.mod above it)")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	fail := func(err error) int {
		fmt.Fprintln(stderr, "b24gen generate:", err)
		return exitFail
	}
	cfg := &config.Config{}
	if *cfgPath != "" {
		var err error
		if cfg, err = config.Load(*cfgPath); err != nil {
			return fail(err)
		}
	}
	// A flag given on the command line wins over the file, the file over
	// the flag's default.
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	pick := func(flagName, flagValue, fromFile string) string {
		if set[flagName] || fromFile == "" {
			return flagValue
		}
		return fromFile
	}
	sel := selection{docs: pick("docs", *docsFlag, cfg.Docs), methods: cfg.Methods, exclude: cfg.Exclude, lang: pick("docs-lang", *langFlagValue, cfg.DocsLang)}
	if set["methods"] || len(cfg.Methods) == 0 {
		sel.methods = parser.SplitPatterns(*methodsFlag)
	}
	out := pick("out", *outFlag, cfg.Output)
	importPath := pick("import", *importFlag, cfg.Import)
	if importPath == "" {
		var err error
		if importPath, err = moduleImportPath(out); err != nil {
			return fail(err)
		}
	}
	res, err := load(sel, stderr)
	if err != nil {
		return fail(err)
	}
	if err := cfg.Apply(&res.API); err != nil {
		return fail(err)
	}
	files, warnings, err := generator.Generate(&res.API, generator.Options{
		ImportPath:     importPath,
		Go:             golang.Options{Names: cfg.GoNames(), Packages: cfg.Packages},
		OpenAPIFormats: cfg.Formats(),
		OpenAPIForms:   cfg.OpenAPI.Forms,
	})
	if err != nil {
		return fail(err)
	}
	printWarnings(stderr, sel.docs, warnings)
	m := writer.Manifest{Generator: "b24gen " + version.Version, Docs: res.Digest, DocsRevision: docsRevision(sel.docs)}
	if *check {
		rep, err := writer.Check(out, files, m)
		if err != nil {
			return fail(err)
		}
		if rep.Clean() {
			fmt.Fprintf(stdout, "%s is up to date (%d files)\n", out, len(rep.Changes))
			return exitOK
		}
		for _, c := range rep.Changes {
			if c.Kind == writer.Unchanged {
				continue
			}
			fmt.Fprintf(stdout, "%s: %s\n", checkWord(c.Kind), filepath.ToSlash(filepath.Join(out, c.Path)))
		}
		for _, c := range rep.Changes {
			if c.Diff != "" {
				fmt.Fprint(stdout, c.Diff)
			}
		}
		fmt.Fprintf(stderr, "b24gen generate: %s is out of date; run make generate (or b24gen generate without -check)\n", out)
		return exitFail
	}
	rep, err := writer.Write(out, files, m)
	if err != nil {
		return fail(err)
	}
	fmt.Fprintf(stdout, "b24gen: %d methods, %d events → %s: %d created, %d updated, %d deleted, %d unchanged\n",
		len(res.API.Methods), len(res.API.Events), out, rep.Count(writer.Created), rep.Count(writer.Updated), rep.Count(writer.Deleted), rep.Count(writer.Unchanged))
	return exitOK
}

// checkWord names a difference the way -check reports it.
func checkWord(k writer.Kind) string {
	switch k {
	case writer.Created:
		return "missing"
	case writer.Updated:
		return "stale"
	case writer.Deleted:
		return "orphaned"
	}
	return "unchanged"
}

func runModel(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("model", "-docs DIR [-docs-lang DIR] [-methods PATTERNS] [-format json|yaml]", stderr)
	docs, methods := selectionFlags(fs)
	lang := langFlag(fs)
	format := fs.String("format", "json", "output format: json or yaml")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if *format != "json" && *format != "yaml" {
		fmt.Fprintf(stderr, "b24gen model: -format must be json or yaml, not %q\n", *format)
		return exitUsage
	}
	sel := selected(*docs, *methods)
	sel.lang = *lang
	if err := modelText(stdout, sel, *format, stderr); err != nil {
		fmt.Fprintln(stderr, "b24gen model:", err)
		return exitFail
	}
	return exitOK
}

// modelText writes the model of the selected methods to w. The JSON
// streams out as it is encoded; the YAML is converted from the whole JSON.
func modelText(w io.Writer, sel selection, format string, stderr io.Writer) error {
	res, err := load(sel, stderr)
	if err != nil {
		return err
	}
	if format != "yaml" {
		return writeModelJSON(w, &res.API)
	}
	js, err := marshalModel(&res.API)
	if err != nil {
		return err
	}
	y, err := jsonyaml.FromJSON(js)
	if err != nil {
		return err
	}
	_, err = w.Write(y)
	return err
}

func runLint(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("lint", "-docs DIR [-methods PATTERNS] [-format text|json] [-compare DIR]", stderr)
	docs, methods := selectionFlags(fs)
	format := fs.String("format", "text", "output format: text or json")
	compare := fs.String("compare", "", "another edition of the docs (the English tree): report where the two describe a different API")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(stderr, "b24gen lint: -format must be text or json, not %q\n", *format)
		return exitUsage
	}
	res, err := parseDocs(selected(*docs, *methods))
	if err != nil {
		fmt.Fprintln(stderr, "b24gen lint:", err)
		return exitFail
	}
	if *compare != "" {
		other, err := parseDocs(selected(*compare, *methods))
		if err != nil {
			fmt.Fprintln(stderr, "b24gen lint:", err)
			return exitFail
		}
		c := lint.Compare(res, other, *docs, *compare)
		if *format == "json" {
			if err := c.WriteJSON(stdout); err != nil {
				fmt.Fprintln(stderr, "b24gen lint:", err)
				return exitFail
			}
			return exitOK
		}
		c.WriteText(stdout)
		return exitOK
	}
	rep := lint.Run(res)
	if *format == "json" {
		if err := rep.WriteJSON(stdout); err != nil {
			fmt.Fprintln(stderr, "b24gen lint:", err)
			return exitFail
		}
		return exitOK
	}
	rep.WriteText(stdout, filepath.ToSlash(*docs))
	return exitOK
}

func runOpenAPI(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("openapi", "-docs DIR [-docs-lang DIR] [-methods PATTERNS] [-api classic|v3] [-forms] [-o FILE] [-html FILE]", stderr)
	docs, methods := selectionFlags(fs)
	lang := langFlag(fs)
	restAPI := fs.String("api", "classic", "which API the document describes: classic (/rest/) or v3 (REST 3.0, /rest/api/)")
	out := fs.String("o", "", "output file: .json, or .yaml/.yml; - writes YAML to standard output")
	htmlOut := fs.String("html", "", "also render the document as a browsable HTML reference into this file")
	forms := fs.Bool("forms", false, "document form-encoded request bodies beside the JSON ones (some strict generators do not implement them)")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if *out == "" && *htmlOut == "" {
		fmt.Fprintln(stderr, "b24gen openapi: -o FILE or -html FILE is required")
		fs.Usage()
		return exitUsage
	}
	ext := strings.ToLower(filepath.Ext(*out))
	if *out != "" && *out != "-" && ext != ".json" && ext != ".yaml" && ext != ".yml" {
		fmt.Fprintf(stderr, "b24gen openapi: -o must end in .json, .yaml or .yml, not %q\n", *out)
		return exitUsage
	}
	if *restAPI != "classic" && *restAPI != "v3" {
		fmt.Fprintf(stderr, "b24gen openapi: -api must be classic or v3, not %q\n", *restAPI)
		return exitUsage
	}
	sel := selected(*docs, *methods)
	sel.lang = *lang
	res, err := load(sel, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "b24gen openapi:", err)
		return exitFail
	}
	js, y, warnings, err := generator.OpenAPI(&res.API, strings.TrimPrefix(*restAPI, "classic"), openapi.Options{Forms: *forms})
	if err != nil {
		fmt.Fprintln(stderr, "b24gen openapi:", err)
		return exitFail
	}
	printWarnings(stderr, *docs, warnings)
	if *htmlOut != "" {
		doc, err := openapi3.NewLoader().LoadFromData(js)
		var page []byte
		if err == nil {
			page, err = reference.Render(doc)
		}
		if err == nil {
			err = os.WriteFile(*htmlOut, page, 0o644)
		}
		if err != nil {
			fmt.Fprintln(stderr, "b24gen openapi:", err)
			return exitFail
		}
		if *out == "" {
			return exitOK
		}
	}
	data := y
	if ext == ".json" {
		data = js
	}
	if *out == "-" {
		_, _ = stdout.Write(data)
		return exitOK
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		fmt.Fprintln(stderr, "b24gen openapi:", err)
		return exitFail
	}
	return exitOK
}
