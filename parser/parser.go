// Package parser reads Bitrix24 REST documentation pages (YFM Markdown) into
// the model.
//
// A documentation tree is read through an fs.FS rooted at the top of the
// docs repository (or of a tree laid out like it, such as b24gen's specs/),
// so that relative includes resolve the same way in both. Everything the
// parser cannot place in the model is reported as a Diagnostic with its file
// and line; nothing is dropped silently.
package parser

// This file owns Parse and the loader: finding the pages of a tree,
// reading them in parallel, and the cache of included fragments.

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/text"

	"github.com/b24gen/b24gen/internal/support/parallel"
	"github.com/b24gen/b24gen/model"
	"github.com/b24gen/b24gen/parser/yfm"
)

// Options select what to read.
type Options struct {
	// Methods are glob patterns on method and event names, in path.Match
	// syntax and compared without regard to case ("biconnector.*",
	// "crm.deal.add", "oncrmdeal*"). None selects every method and event.
	Methods []string
	// Exclude are globs of names to leave out of the selection.
	Exclude []string
}

// Result is what Parse read.
type Result struct {
	API         model.API
	Diagnostics []Diagnostic
	// Pages lists every page of the tree with its kind, in path order,
	// fragments included.
	Pages []Page
	// Digest identifies the input: a hash of every file read (pages and
	// included fragments) with its path. Equal digests mean equal input.
	Digest string
}

// Count returns the number of diagnostics of a severity.
func (r *Result) Count(sev Severity) int {
	n := 0
	for _, d := range r.Diagnostics {
		if d.Severity == sev {
			n++
		}
	}
	return n
}

// apiRoot is the folder of the docs tree that holds the method pages.
const apiRoot = "api-reference"

// Parse reads every method page of the tree in fsys and returns the methods
// that opts selects.
func Parse(fsys fs.FS, opts Options) (*Result, error) {
	include, err := NewMatcher(opts.Methods)
	if err != nil {
		return nil, err
	}
	exclude, err := NewMatcher(opts.Exclude)
	if err != nil {
		return nil, err
	}
	match := func(name string) bool { return include(name) && (len(opts.Exclude) == 0 || !exclude(name)) }
	pages, fragments, err := findPages(fsys)
	if err != nil {
		return nil, err
	}
	l := &loader{fsys: fsys, md: yfm.New(), includes: map[string]*includeEntry{}, typeIndexes: map[string]*typeIndexEntry{}, fragmentTables: map[fragmentTable]fragmentEntry{}}
	for _, p := range pages {
		if isDataTypesFile(p) {
			l.dataTypeFiles = append(l.dataTypeFiles, p)
		}
	}
	results := make([]pageResult, len(pages))
	parallel.Each(len(pages), func(i int) { results[i] = l.readPage(pages[i]) })

	res := &Result{}
	res.API.Methods = []model.Method{}
	digest := sha256.New()
	for i, r := range results {
		fmt.Fprintf(digest, "%s\x00%s\x00", pages[i], r.sum)
		res.Pages = append(res.Pages, r.page)
		if r.method != nil && !match(r.method.Name) {
			continue
		}
		if r.method != nil {
			res.API.Methods = append(res.API.Methods, *r.method)
		}
		selected := 0
		for _, e := range r.events {
			if match(e.Name) {
				res.API.Events = append(res.API.Events, *e)
				selected++
			}
		}
		if len(r.events) > 0 && selected == 0 {
			continue
		}
		res.Diagnostics = append(res.Diagnostics, r.diags...)
	}
	res.Diagnostics = append(res.Diagnostics, l.diags...)
	for _, inc := range l.includeList() {
		fmt.Fprintf(digest, "%s\x00%s\x00", inc.file, inc.sum)
	}
	res.Digest = hex.EncodeToString(digest.Sum(nil))
	for _, f := range fragments {
		res.Pages = append(res.Pages, Page{File: f, Kind: PageFragment})
	}
	slices.SortFunc(res.Pages, func(a, b Page) int { return cmp.Compare(a.File, b.File) })
	res.API.Normalize()
	res.Diagnostics = uniqDiagnostics(res.Diagnostics)
	return res, nil
}

// NewMatcher compiles method-name patterns. An empty list matches every name.
func NewMatcher(patterns []string) (func(string) bool, error) {
	var ps []string
	for _, p := range patterns {
		p = strings.ToLower(strings.TrimSpace(p))
		if p == "" {
			continue
		}
		if _, err := path.Match(p, ""); err != nil {
			return nil, fmt.Errorf("method pattern %q: %w", p, err)
		}
		ps = append(ps, p)
	}
	return func(name string) bool {
		if len(ps) == 0 {
			return true
		}
		name = strings.ToLower(name)
		for _, p := range ps {
			if ok, _ := path.Match(p, name); ok {
				return true
			}
		}
		return false
	}, nil
}

// SplitPatterns splits a comma-separated list of patterns.
func SplitPatterns(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// findPages lists the Markdown pages under api-reference/ (or the whole
// tree when it has no such folder), and apart from them the fragments in
// folders whose name starts with "_" (_includes/), which are only read
// when a page includes them.
func findPages(fsys fs.FS) (pages, fragments []string, err error) {
	root := apiRoot
	if st, err := fs.Stat(fsys, root); err != nil || !st.IsDir() {
		root = "."
	}
	err = fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != root && strings.HasPrefix(name, ".") {
				return fs.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".md") {
			return nil
		}
		if strings.HasPrefix(name, "_") || strings.Contains("/"+p, "/_") {
			fragments = append(fragments, p)
		} else {
			pages = append(pages, p)
		}
		return nil
	})
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil, fmt.Errorf("docs tree: %w", err)
		}
		return nil, nil, err
	}
	if len(pages) == 0 {
		return nil, nil, fmt.Errorf("docs tree: no Markdown pages under %s", root)
	}
	return pages, fragments, nil
}

// loader reads pages and the fragments they include; it is shared by the
// workers, and only the include cache is mutable.
type loader struct {
	fsys fs.FS
	md   goldmark.Markdown

	// dataTypeFiles are the data-types pages, in path order.
	dataTypeFiles []string

	mu          sync.Mutex
	includes    map[string]*includeEntry
	typeIndexes map[string]*typeIndexEntry
	// diags are the diagnostics of pages read for the types they define.
	diags []Diagnostic
	// pageTypes remembers the types read from other pages.
	pageTypes typeMemo
	// fragmentTables remembers the error tables of included fragments.
	fragmentTables map[fragmentTable]fragmentEntry
}

// addDiag records a diagnostic of a page read for its types; reading the
// same type twice reports it twice, which Parse folds into one.
func (l *loader) addDiag(d Diagnostic) {
	l.mu.Lock()
	l.diags = append(l.diags, d)
	l.mu.Unlock()
}

type includeEntry struct {
	once sync.Once
	file string
	src  *source
	sum  string
	err  error
}

// include returns the parsed fragment at file, reading it once.
func (l *loader) include(file string) (*source, error) {
	l.mu.Lock()
	e, ok := l.includes[file]
	if !ok {
		e = &includeEntry{file: file}
		l.includes[file] = e
	}
	l.mu.Unlock()
	e.once.Do(func() {
		b, err := fs.ReadFile(l.fsys, file)
		if err != nil {
			e.err = err
			return
		}
		e.src = l.parse(file, b)
		e.sum = sum(b)
	})
	return e.src, e.err
}

func (l *loader) includeList() []*includeEntry {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []*includeEntry
	for _, e := range l.includes {
		if e.src != nil {
			out = append(out, e)
		}
	}
	slices.SortFunc(out, func(a, b *includeEntry) int { return cmp.Compare(a.file, b.file) })
	return out
}

func (l *loader) parse(file string, b []byte) *source {
	s := newSource(file, b)
	s.doc = l.md.Parser().Parse(text.NewReader(b))
	return s
}

type pageResult struct {
	page   Page
	method *model.Method
	events []*model.Event
	diags  []Diagnostic
	sum    string
}

func (l *loader) readPage(file string) pageResult {
	b, err := fs.ReadFile(l.fsys, file)
	if err != nil {
		return pageResult{diags: []Diagnostic{{File: file, Severity: Error, Code: CodeUnreadable, Message: err.Error()}}}
	}
	p := newPage(l, l.parse(file, b))
	info, m, events := p.read()
	return pageResult{page: info, method: m, events: events, diags: p.diags, sum: sum(b)}
}

func sum(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:8])
}
