// Package bench holds the benchmarks of b24gen on the whole Bitrix24
// documentation tree (found through B24_DOCS): reading it into the model,
// generating every file, and building the generated packages from cold.
// Run them with make bench.
package bench

import (
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/text"

	"github.com/b24gen/b24gen/generator"
	"github.com/b24gen/b24gen/internal/cli"
	"github.com/b24gen/b24gen/internal/support/testdocs"
	"github.com/b24gen/b24gen/parser"
	"github.com/b24gen/b24gen/parser/yfm"
)

// trees are the two editions of the docs, by language.
var trees = []struct {
	lang string
	dir  func(testing.TB) string
}{{"ru", testdocs.Russian}, {"en", testdocs.English}}

// BenchmarkModel reads the whole tree into the model, as b24gen model does,
// for each edition. Its x-floor metric is its time over that of
// BenchmarkGoldmarkFloor's pass, run after each of its own, untimed: how
// much b24gen costs over the least any goldmark-based reading of the tree
// costs, on however fast the machine is at the time (its speed drifts by
// tens of percent from one minute to the next).
func BenchmarkModel(b *testing.B) {
	for _, tree := range trees {
		b.Run(tree.lang, func(b *testing.B) { benchModel(b, tree.dir(b)) })
	}
}

func benchModel(b *testing.B, dir string) {
	fsys := os.DirFS(dir)
	pages := floorPages(b, fsys)
	md := goldmark.New()
	cli.TuneRuntime([]string{"model"})
	var n int
	var floor time.Duration
	for b.Loop() {
		res, err := parser.Parse(fsys, parser.Options{})
		if err != nil {
			b.Fatal(err)
		}
		n = len(res.API.Methods)
		b.StopTimer()
		start := time.Now()
		floorPass(b, fsys, pages, md)
		floor += time.Since(start)
		b.StartTimer()
	}
	b.ReportMetric(float64(n), "methods")
	b.ReportMetric(float64(b.Elapsed())/float64(floor), "x-floor")
	reportPeakRSS(b)
}

// BenchmarkModelCommand runs b24gen model -docs TREE -format json, its
// output discarded, as a user runs it, and after each run, untimed, the
// docs team's own extractor on the same tree (node
// simulator/generate-spec.js --lint, in the tree; ../shared/README.md):
// x-node is b24gen's wall time over the extractor's, MB-peak-rss and
// node-MB-peak-rss the two processes' peak resident sets.
func BenchmarkModelCommand(b *testing.B) {
	dir := testdocs.Russian(b)
	script := filepath.Join(dir, "simulator", "generate-spec.js")
	if _, err := os.Stat(script); err != nil {
		b.Skipf("the docs team's extractor is not in the tree: %v", err)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		b.Skip("node is not installed: the extractor needs it")
	}
	bin := filepath.Join(b.TempDir(), "b24gen")
	build := exec.Command("go", "build", "-o", bin, "./cmd/b24gen")
	build.Dir = testdocs.Root()
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	var extractor time.Duration
	var rss, nodeRSS int64
	for b.Loop() {
		rss = max(rss, runDiscarding(b, exec.Command(bin, "model", "-docs", dir, "-format", "json")))
		b.StopTimer()
		start := time.Now()
		cmd := exec.Command(node, script, "--lint")
		cmd.Dir = dir
		nodeRSS = max(nodeRSS, runDiscarding(b, cmd))
		extractor += time.Since(start)
		b.StartTimer()
	}
	b.ReportMetric(float64(b.Elapsed())/float64(extractor), "x-node")
	b.ReportMetric(float64(rss)/1024, "MB-peak-rss")
	b.ReportMetric(float64(nodeRSS)/1024, "node-MB-peak-rss")
}

// runDiscarding runs cmd with its output discarded and returns its peak
// resident set in KiB.
func runDiscarding(b *testing.B, cmd *exec.Cmd) int64 {
	var stderr strings.Builder
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	if err := cmd.Run(); err != nil {
		b.Fatalf("%s: %v\n%s", strings.Join(cmd.Args, " "), err, stderr.String())
	}
	if u, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		return u.Maxrss
	}
	return 0
}

// BenchmarkGoldmarkFloor parses every page of the tree with goldmark
// alone (CommonMark, none of b24gen's extensions, nothing read from the
// trees), spread over every core as b24gen does: the least any
// goldmark-based reading of the tree costs on this machine, against which
// BenchmarkModel's figure reads.
func BenchmarkGoldmarkFloor(b *testing.B) {
	for _, tree := range trees {
		b.Run(tree.lang, func(b *testing.B) { benchGoldmarkFloor(b, tree.dir(b)) })
	}
}

func benchGoldmarkFloor(b *testing.B, dir string) {
	fsys := os.DirFS(dir)
	pages := floorPages(b, fsys)
	md := goldmark.New()
	cli.TuneRuntime([]string{"model"})
	for b.Loop() {
		floorPass(b, fsys, pages, md)
	}
	b.ReportMetric(float64(len(pages)), "pages")
}

// BenchmarkYFMParse parses every page of the tree with b24gen's YFM
// reader (parser/yfm: goldmark with the YFM blocks, code and table lines
// read in runs, cells left for later) and nothing more, as the floor
// does: the share of BenchmarkModel that is parsing.
func BenchmarkYFMParse(b *testing.B) {
	for _, tree := range trees {
		b.Run(tree.lang, func(b *testing.B) {
			fsys := os.DirFS(tree.dir(b))
			pages := floorPages(b, fsys)
			md := yfm.New()
			cli.TuneRuntime([]string{"model"})
			for b.Loop() {
				floorPass(b, fsys, pages, md)
			}
		})
	}
}

// floorPages lists the pages the goldmark floor parses: every Markdown
// file under api-reference/.
func floorPages(b *testing.B, fsys fs.FS) []string {
	var pages []string
	err := fs.WalkDir(fsys, "api-reference", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			pages = append(pages, p)
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return pages
}

// floorPass reads and parses the pages with md on every core.
func floorPass(b *testing.B, fsys fs.FS, pages []string, md goldmark.Markdown) {
	var wg sync.WaitGroup
	work := make(chan string)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for p := range work {
				data, err := fs.ReadFile(fsys, p)
				if err != nil {
					b.Error(err)
					continue
				}
				md.Parser().Parse(text.NewReader(data))
			}
		})
	}
	for _, p := range pages {
		work <- p
	}
	close(work)
	wg.Wait()
}

// BenchmarkGenerate reads the whole tree and generates every file (Go
// packages and both OpenAPI documents), as b24gen generate does before
// writing, for each edition.
func BenchmarkGenerate(b *testing.B) {
	for _, tree := range trees {
		b.Run(tree.lang, func(b *testing.B) { benchGenerate(b, tree.dir(b)) })
	}
}

func benchGenerate(b *testing.B, dir string) {
	fsys := os.DirFS(dir)
	cli.TuneRuntime([]string{"generate"})
	var files, size int
	for b.Loop() {
		res, err := parser.Parse(fsys, parser.Options{})
		if err != nil {
			b.Fatal(err)
		}
		out, _, err := generator.Generate(&res.API, generator.Options{})
		if err != nil {
			b.Fatal(err)
		}
		files, size = len(out), 0
		for _, f := range out {
			size += len(f.Data)
		}
	}
	b.ReportMetric(float64(files), "files")
	b.ReportMetric(float64(size)/1e6, "MB-output")
	reportPeakRSS(b)
}

// BenchmarkColdBuildAll builds every generated package from cold: a fresh
// build cache that holds only the standard library and b24gen's runtime,
// which a user's cache already has.
func BenchmarkColdBuildAll(b *testing.B) { coldBuild(b, "./...") }

// BenchmarkColdBuildNamespace builds one large namespace (crm) from cold.
func BenchmarkColdBuildNamespace(b *testing.B) { coldBuild(b, "./api/crm") }

func coldBuild(b *testing.B, target string) {
	dir := generatedModule(b)
	for b.Loop() {
		b.StopTimer()
		cache := b.TempDir()
		env := append(os.Environ(), "GOCACHE="+cache, "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
		warm := exec.Command("go", "build", "github.com/b24gen/b24gen/b24/...")
		warm.Dir, warm.Env = dir, env
		if out, err := warm.CombinedOutput(); err != nil {
			b.Fatalf("warming the cache: %v\n%s", err, out)
		}
		b.StartTimer()
		cmd := exec.Command("go", "build", target)
		cmd.Dir, cmd.Env = dir, env
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("go build %s: %v\n%s", target, err, out)
		}
	}
}

// generatedModule generates the whole API into a module of its own.
func generatedModule(b *testing.B) string {
	b.Helper()
	res, err := parser.Parse(os.DirFS(testdocs.Russian(b)), parser.Options{})
	if err != nil {
		b.Fatal(err)
	}
	files, _, err := generator.Generate(&res.API, generator.Options{})
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	for _, f := range files {
		p := filepath.Join(dir, "api", filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	root := testdocs.Root()
	gomod := "module example.com/b24api\n\ngo 1.26\n\nrequire github.com/b24gen/b24gen v0.0.0\n\nreplace github.com/b24gen/b24gen => " + root + "\n"
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644); err != nil {
		b.Fatal(err)
	}
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644); err != nil {
		b.Fatal(err)
	}
	return dir
}

// reportPeakRSS reports the peak resident set size of the process.
func reportPeakRSS(b *testing.B) {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			b.ReportMetric(float64(kb)/1024, "MB-peak-rss")
		}
	}
}
