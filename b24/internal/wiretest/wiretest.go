// Package wiretest runs a server in a child process for tests written from
// the other side of the wire: the test talks to it over loopback only and
// reads its memory from /proc, so that what a hostile request costs the
// server is measured where the server runs, not in the test's own heap.
package wiretest

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// childEnv names the role a re-executed test binary plays.
const childEnv = "B24_WIRETEST_CHILD"

// Serve is called from the child's test function: when this process is a
// child started by Start for role, it serves h on a loopback port, tells
// the parent the address and serves until the parent closes its stdin;
// it then exits. Otherwise it returns at once.
func Serve(role string, h http.Handler) {
	if os.Getenv(childEnv) != role {
		return
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println("ERROR", err)
		os.Exit(1)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	fmt.Println("ADDR", ln.Addr().String())
	buf := make([]byte, 1)
	for {
		if _, err := os.Stdin.Read(buf); err != nil {
			os.Exit(0)
		}
	}
}

// Child is a server running in a child process.
type Child struct {
	// URL is the server's base URL, http://127.0.0.1:port.
	URL string
	// TempDir is the child's TMPDIR, empty when it starts.
	TempDir string
	cmd     *exec.Cmd
}

// Start re-executes the test binary to run test (a test function that
// calls Serve with role) as a server, and waits for its address.
func Start(t testing.TB, test, role string) *Child {
	t.Helper()
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("no /proc: memory cannot be measured here")
	}
	tmp := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$", "-test.v=false")
	cmd.Env = append(os.Environ(), childEnv+"="+role, "TMPDIR="+tmp)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = stdin.Close()
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
	})
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		if addr, ok := strings.CutPrefix(sc.Text(), "ADDR "); ok {
			go func() {
				for sc.Scan() {
				}
			}()
			return &Child{URL: "http://" + addr, TempDir: tmp, cmd: cmd}
		}
	}
	t.Fatal("the child server did not start")
	return nil
}

// Memory is the child's resident set now and at its peak, in bytes.
func (c *Child) Memory(t testing.TB) (rss, peak int64) {
	t.Helper()
	b, err := os.ReadFile("/proc/" + strconv.Itoa(c.cmd.Process.Pid) + "/status")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		name, value, ok := strings.Cut(line, ":")
		if !ok || (name != "VmRSS" && name != "VmHWM") {
			continue
		}
		kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(value), " kB"), 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		if name == "VmRSS" {
			rss = kb << 10
		} else {
			peak = kb << 10
		}
	}
	return rss, peak
}

// Growth runs attack and returns how far the child's peak resident set
// rose above what it held before.
func (c *Child) Growth(t testing.TB, attack func()) int64 {
	t.Helper()
	_, before := c.Memory(t)
	attack()
	_, after := c.Memory(t)
	return after - before
}

// TempFiles lists what the child left in its TMPDIR.
func (c *Child) TempFiles(t testing.TB) []string {
	t.Helper()
	entries, err := os.ReadDir(c.TempDir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}
