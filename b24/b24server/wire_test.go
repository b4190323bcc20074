package b24server_test

// Tests from the other side of the wire: the server runs in a child
// process (the generated biconnector server behind a webhook token, plus
// a method with a large result for batch references), and these tests are
// a plain net/http client that counts what it sent and reads the server's
// memory from /proc.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/b24gen/b24gen/b24"
	"github.com/b24gen/b24gen/b24/b24server"
	"github.com/b24gen/b24gen/b24/internal/wiretest"
	"github.com/b24gen/b24gen/generated/biconnector"
)

const (
	wireUser  = "1"
	wireToken = "wire0token0secret"
)

// sourceServer answers true for source 7 and SOURCE_NOT_FOUND for any
// other, so that a test sees which id the implementation was given.
type sourceServer struct {
	biconnector.UnimplementedServer
}

func (sourceServer) SourceDelete(_ context.Context, r *biconnector.SourceDeleteRequest) (bool, error) {
	if r.ID != 7 {
		return false, biconnector.ErrSourceNotFound
	}
	return true, nil
}

// bigResult is a method whose result is 64 KiB of text.
var bigResult = &b24.Method{Name: "test.big.get", Params: []b24.Param{{Name: "id", Type: b24.TypeInteger}}}

func wireHandler(auth bool) http.Handler {
	var opts []b24server.Option
	if auth {
		opts = append(opts, b24server.WithAuth(b24server.StaticWebhook(wireUser, wireToken)))
	}
	mux := b24server.NewMux(opts...)
	biconnector.Register(mux, sourceServer{})
	text := strings.Repeat("x", 64<<10)
	b24server.HandleFunc(mux, bigResult, func(context.Context, map[string]any) (any, error) { return text, nil })
	return mux
}

// TestWireChildServer is the child process's server; it does nothing in a
// normal run.
func TestWireChildServer(t *testing.T) {
	wiretest.Serve("server", wireHandler(true))
	wiretest.Serve("server-open", wireHandler(false))
}

func startServer(t *testing.T, role string) *wiretest.Child {
	t.Helper()
	if testing.Short() {
		t.Skip("starts a child process")
	}
	return wiretest.Start(t, "TestWireChildServer", role)
}

func webhookURL(c *wiretest.Child, token, method string) string {
	return c.URL + "/rest/" + wireUser + "/" + token + "/" + method
}

// answer is what came back: status, body, and how long it took.
type answer struct {
	status int
	body   string
	took   time.Duration
}

func send(t *testing.T, url, contentType string, body io.Reader) answer {
	t.Helper()
	start := time.Now()
	req, err := http.NewRequest(http.MethodPost, url, body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s: %v", url, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	return answer{resp.StatusCode, string(b), time.Since(start)}
}

// countingReader hands out n bytes of filler after a prefix and a suffix,
// counting what was read from it.
type countingReader struct {
	prefix, suffix []byte
	filler         int64
	read           atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	pos := c.read.Load()
	total := int64(len(c.prefix)) + c.filler + int64(len(c.suffix))
	if pos >= total {
		return 0, io.EOF
	}
	n := 0
	for n < len(p) && pos < total {
		switch {
		case pos < int64(len(c.prefix)):
			p[n] = c.prefix[pos]
		case pos < int64(len(c.prefix))+c.filler:
			p[n] = 'A'
		default:
			p[n] = c.suffix[pos-int64(len(c.prefix))-c.filler]
		}
		n++
		pos++
	}
	c.read.Add(int64(n))
	return n, nil
}

// multipartBody is a multipart form with id=7 and one file part of size
// bytes, streamed.
func multipartBody(size int64) (*countingReader, string) {
	var head bytes.Buffer
	w := multipart.NewWriter(&head)
	_ = w.WriteField("id", "7")
	_, _ = w.CreateFormFile("file", "big.bin")
	prefix := append([]byte(nil), head.Bytes()...)
	var tail bytes.Buffer
	fmt.Fprintf(&tail, "\r\n--%s--\r\n", w.Boundary())
	return &countingReader{prefix: prefix, filler: size, suffix: tail.Bytes()}, w.FormDataContentType()
}

// TestWireMultipartLimit: a multipart body obeys the body limit, is never
// written to disk, and with a wrong webhook token is not read at all.
func TestWireMultipartLimit(t *testing.T) {
	const size = 100 << 20
	t.Run("wrong token", func(t *testing.T) {
		c := startServer(t, "server")
		body, ct := multipartBody(size)
		var a answer
		growth := c.Growth(t, func() { a = send(t, webhookURL(c, "wrong", "biconnector.source.delete"), ct, body) })
		if a.status != http.StatusUnauthorized || !strings.Contains(a.body, "NO_AUTH_FOUND") {
			t.Fatalf("answer %d %s, want 401 NO_AUTH_FOUND", a.status, a.body)
		}
		if sent := body.read.Load(); sent > 16<<20 {
			t.Errorf("the server read %d MB of the upload before refusing the token", sent>>20)
		}
		if growth > 32<<20 {
			t.Errorf("memory grew by %d MB", growth>>20)
		}
		if files := c.TempFiles(t); len(files) > 0 {
			t.Errorf("temporary files left: %v", files)
		}
	})
	t.Run("right token", func(t *testing.T) {
		c := startServer(t, "server")
		body, ct := multipartBody(size)
		var a answer
		growth := c.Growth(t, func() { a = send(t, webhookURL(c, wireToken, "biconnector.source.delete"), ct, body) })
		if a.status != http.StatusRequestEntityTooLarge {
			t.Fatalf("answer %d %s, want 413", a.status, a.body)
		}
		if sent := body.read.Load(); sent > 24<<20 {
			t.Errorf("the server read %d MB of an upload over its 8 MiB limit", sent>>20)
		}
		if growth > 16*(b24server.DefaultMaxBodyBytes)+(32<<20) {
			t.Errorf("memory grew by %d MB", growth>>20)
		}
		if files := c.TempFiles(t); len(files) > 0 {
			t.Errorf("temporary files left: %v", files)
		}
	})
	t.Run("within the limit", func(t *testing.T) {
		c := startServer(t, "server")
		body, ct := multipartBody(1 << 20)
		a := send(t, webhookURL(c, wireToken, "biconnector.source.delete"), ct, body)
		if a.status != http.StatusOK || !strings.Contains(a.body, `"result":true`) {
			t.Fatalf("answer %d %s, want the call served", a.status, a.body)
		}
		if files := c.TempFiles(t); len(files) > 0 {
			t.Errorf("temporary files left: %v", files)
		}
	})
}

// deepForm is about n bytes of form: keys 63 brackets deep.
func deepForm(n int) string {
	var b strings.Builder
	b.WriteString("id=7")
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "&k%d%s=1", i, strings.Repeat("[]", 63))
	}
	return b.String()
}

// deepJSON is about n bytes of JSON: arrays 60 deep, side by side.
func deepJSON(n int) string {
	var b strings.Builder
	b.WriteString(`{"id":7,"x":[`)
	unit := strings.Repeat("[", 60) + strings.Repeat("]", 60)
	for b.Len() < n {
		b.WriteString(unit)
		b.WriteByte(',')
	}
	b.WriteString("1]}")
	return b.String()
}

// emptyObjects is about n bytes of JSON: a list of empty objects.
func emptyObjects(n int) string {
	return `{"id":7,"x":[` + strings.Repeat("{},", n/3) + `{}]}`
}

// flatObject is about n bytes of JSON: one object of short members, a
// map of hundreds of thousands of slots.
func flatObject(n int) string {
	var b strings.Builder
	b.WriteString(`{"id":7,"x":{`)
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, `"%x":"I",`, i)
	}
	b.WriteString(`"end":1}}`)
	return b.String()
}

// keyedList is about n bytes of JSON: a list of one-letter strings as a
// PHP array keyed by integers, which the server reads as a list.
func keyedList(n int) string {
	var b strings.Builder
	b.WriteString(`{"id":7,"x":{`)
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, `"%d":"I",`, i)
	}
	b.WriteString(`"0":"I"}}`)
	return b.String()
}

// TestWireAmplification: decoding costs memory in proportion to the body
// whatever its shape, and nothing is decoded before a webhook token is
// checked.
func TestWireAmplification(t *testing.T) {
	for _, tc := range []struct {
		name, contentType, body string
	}{
		{"deep form", "application/x-www-form-urlencoded", deepForm(1200 << 10)},
		{"deep JSON", "application/json", deepJSON(7 << 20)},
		{"empty objects", "application/json", emptyObjects(6 << 20)},
		{"a flat object of short members", "application/json", flatObject(8 << 20)},
		{"a list keyed by integers", "application/json", keyedList(5 << 20)},
	} {
		t.Run(tc.name+", wrong token", func(t *testing.T) {
			c := startServer(t, "server")
			var a answer
			growth := c.Growth(t, func() {
				a = send(t, webhookURL(c, "wrong", "biconnector.source.delete"), tc.contentType, strings.NewReader(tc.body))
			})
			if a.status != http.StatusUnauthorized {
				t.Fatalf("answer %d %.200s, want 401", a.status, a.body)
			}
			if limit := int64(2*len(tc.body)) + 32<<20; growth > limit {
				t.Errorf("a refused token cost %d MB of memory for a %d KB body", growth>>20, len(tc.body)>>10)
			}
			t.Logf("%d KB body: answer %d, memory +%d MB", len(tc.body)>>10, a.status, growth>>20)
		})
		t.Run(tc.name+", no credentials check", func(t *testing.T) {
			c := startServer(t, "server-open")
			var a answer
			growth := c.Growth(t, func() {
				a = send(t, webhookURL(c, "any", "biconnector.source.delete"), tc.contentType, strings.NewReader(tc.body))
			})
			// each shape costs more than the budget: refused before it is built
			if a.status != http.StatusRequestEntityTooLarge {
				t.Fatalf("answer %d %.200s, want 413", a.status, a.body)
			}
			if limit := int64(16*len(tc.body)) + 32<<20; growth > limit {
				t.Errorf("decoding a %d KB body cost %d MB of memory (answer %d)", len(tc.body)>>10, growth>>20, a.status)
			}
			t.Logf("%d KB body: answer %d, memory +%d MB", len(tc.body)>>10, a.status, growth>>20)
		})
	}
}

// TestWireBatchReferences: references to earlier results have a budget.
func TestWireBatchReferences(t *testing.T) {
	c := startServer(t, "server")
	var b strings.Builder
	b.WriteString(`{"halt":0,"cmd":{"big":"test.big.get?id=1","use":"biconnector.source.delete?id=7&x=`)
	for b.Len() < 3<<20 {
		b.WriteString("$result[big]")
	}
	b.WriteString(`"}}`)
	var a answer
	growth := c.Growth(t, func() {
		a = send(t, webhookURL(c, wireToken, "batch"), "application/json", strings.NewReader(b.String()))
	})
	if a.took > 3*time.Second {
		t.Errorf("the batch took %v", a.took)
	}
	if limit := int64(16*b.Len()) + 32<<20; growth > limit {
		t.Errorf("a %d MB batch cost %d MB of memory", b.Len()>>20, growth>>20)
	}
	var env struct {
		Result struct {
			Error map[string]struct {
				Error string `json:"error"`
			} `json:"result_error"`
		} `json:"result"`
	}
	if err := json.Unmarshal([]byte(a.body), &env); err != nil {
		t.Fatalf("answer %d %.300s: %v", a.status, a.body, err)
	}
	if got := env.Result.Error["use"].Error; got != "ERROR_BATCH_LENGTH_EXCEEDED" {
		t.Errorf("the expanding command failed with %q, want ERROR_BATCH_LENGTH_EXCEEDED", got)
	}
}

// TestWirePHPNumbers: an integer parameter is read as PHP reads a numeric
// string, and one that is not numeric is answered with the code the page
// documents for it, never with the server's internal error text.
func TestWirePHPNumbers(t *testing.T) {
	c := startServer(t, "server")
	url := webhookURL(c, wireToken, "biconnector.source.delete")
	for _, tc := range []struct {
		body, want string
	}{
		{`{"id":"07"}`, `"result":true`},
		{`{"id":"+7"}`, `"result":true`},
		{`{"id":" 7"}`, `"result":true`},
		{`{"id":"7 "}`, `"result":true`},
		{`{"id":"7.0"}`, `"result":true`},
		{`{"id":"0.7e1"}`, `"result":true`},
		{`{"id":7.0}`, `"result":true`},
		{`{"id":"0x7p0"}`, "VALIDATION_INVALID_ID_FORMAT"},
		{`{"id":"0x7"}`, "VALIDATION_INVALID_ID_FORMAT"},
		{`{"id":"7_0"}`, "VALIDATION_INVALID_ID_FORMAT"},
		{`{"id":"Inf"}`, "VALIDATION_INVALID_ID_FORMAT"},
		{`{"id":"NaN"}`, "VALIDATION_INVALID_ID_FORMAT"},
		{`{"id":"7x"}`, "VALIDATION_INVALID_ID_FORMAT"},
		{`{"id":"--7"}`, "VALIDATION_INVALID_ID_FORMAT"},
		{`{"id":"."}`, "VALIDATION_INVALID_ID_FORMAT"},
		{`{"id":[7]}`, "VALIDATION_INVALID_ID_FORMAT"},
		{`{"id":{"a":7}}`, "VALIDATION_INVALID_ID_FORMAT"},
	} {
		a := send(t, url, "application/json", strings.NewReader(tc.body))
		if !strings.Contains(a.body, tc.want) {
			t.Errorf("%s: answer %d %s, want %s", tc.body, a.status, a.body, tc.want)
		}
		if strings.Contains(a.body, "json:") || strings.Contains(a.body, "strconv") {
			t.Errorf("%s: the answer carries Go's internal error text: %s", tc.body, a.body)
		}
	}
	form := send(t, url, "application/x-www-form-urlencoded", strings.NewReader("id=%2B7"))
	if !strings.Contains(form.body, `"result":true`) {
		t.Errorf("form id=+7: answer %d %s", form.status, form.body)
	}
}

// TestWireTrailingData: a JSON body is one value and nothing after it.
func TestWireTrailingData(t *testing.T) {
	c := startServer(t, "server")
	url := webhookURL(c, wireToken, "biconnector.source.delete")
	for _, body := range []string{`{"id":7}]]]`, `{"id":7}}`, `{"id":7}{"id":8}`, `{"id":7} x`, `{"id":7}]`} {
		a := send(t, url, "application/json", strings.NewReader(body))
		if a.status != http.StatusBadRequest || !strings.Contains(a.body, "INVALID_REQUEST") {
			t.Errorf("%s: answer %d %s, want 400 INVALID_REQUEST", body, a.status, a.body)
		}
	}
	a := send(t, url, "application/json", strings.NewReader("{\"id\":7}\r\n\t "))
	if a.status != http.StatusOK {
		t.Errorf("trailing white space: answer %d %s", a.status, a.body)
	}
}

// TestWireMethodCase: method names fold ASCII letters only, as a portal
// does, so that a name-based allow or deny list in front cannot be
// bypassed with look-alike letters.
func TestWireMethodCase(t *testing.T) {
	c := startServer(t, "server")
	for name, want := range map[string]int{
		"BICONNECTOR.SOURCE.DELETE":  http.StatusOK,
		"Biconnector.Source.Delete":  http.StatusOK,
		"BİCONNECTOR.SOURCE.DELETE":  http.StatusNotFound, // dotted capital I
		"bıconnector.source.delete":  http.StatusNotFound, // dotless small i
		"biconnector.source.delete":  http.StatusOK,
		"biconnector.ſource.delete":  http.StatusNotFound, // long s
		"biconnector.source.delete ": http.StatusNotFound,
	} {
		a := send(t, webhookURL(c, wireToken, strings.ReplaceAll(name, " ", "%20")), "application/json", strings.NewReader(`{"id":7}`))
		if a.status != want {
			t.Errorf("%q: answer %d %s, want %d", name, a.status, a.body, want)
		}
	}
	a := send(t, webhookURL(c, wireToken, "BATCH"), "application/json", strings.NewReader(`{"cmd":{"a":"BİCONNECTOR.SOURCE.DELETE?id=7","b":"BICONNECTOR.SOURCE.DELETE?id=7"}}`))
	if !strings.Contains(a.body, `"ERROR_METHOD_NOT_FOUND"`) || !strings.Contains(a.body, `"b":true`) {
		t.Errorf("batch: answer %d %s", a.status, a.body)
	}
}

// TestWireLargeOrdinaryBodies: bodies within the limit whose shape is
// ordinary are served, however large.
func TestWireLargeOrdinaryBodies(t *testing.T) {
	c := startServer(t, "server")
	rows := make([]string, 0, 5000)
	for i := range 5000 {
		rows = append(rows, fmt.Sprintf(`{"PRODUCT_ID":%d,"PRODUCT_NAME":"Product number %d","PRICE":%d.50,"QUANTITY":2,"DISCOUNT_TYPE_ID":2,"MEASURE_CODE":796}`, 1000+i, i, 100+i))
	}
	var form strings.Builder
	form.WriteString("id=7")
	for i := range 4000 {
		fmt.Fprintf(&form, "&fields[PHONE][%d][VALUE]=%%2B7999%07d&fields[PHONE][%d][VALUE_TYPE]=WORK", i, i, i)
	}
	for _, tc := range []struct{ name, contentType, body string }{
		{"a long string", "application/json", `{"id":7,"pad":"` + strings.Repeat("x", 7<<20) + `"}`},
		{"many rows", "application/json", `{"id":7,"rows":[` + strings.Join(rows, ",") + `]}`},
		{"a form of rows", "application/x-www-form-urlencoded", form.String()},
	} {
		var a answer
		growth := c.Growth(t, func() {
			a = send(t, webhookURL(c, wireToken, "biconnector.source.delete"), tc.contentType, strings.NewReader(tc.body))
		})
		if a.status != http.StatusOK || !strings.Contains(a.body, `"result":true`) {
			t.Errorf("%s (%d KB): answer %d %.300s", tc.name, len(tc.body)>>10, a.status, a.body)
		}
		t.Logf("%s: %d KB, memory +%d MB", tc.name, len(tc.body)>>10, growth>>20)
	}
}

// TestCredentialsDoNotPrint: an implementation that prints or logs the
// credentials of the call it serves, with any verb, shows no token.
func TestCredentialsDoNotPrint(t *testing.T) {
	var printed bytes.Buffer
	mux := b24server.NewMux()
	b24server.HandleFunc(mux, bigResult, func(ctx context.Context, _ map[string]any) (any, error) {
		c, _ := b24server.CredentialsFrom(ctx)
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X"} {
			fmt.Fprintf(&printed, verb+"\n", c)
			fmt.Fprintf(&printed, verb+"\n", &c)
			fmt.Fprintf(&printed, verb+"\n", struct{ C b24server.Credentials }{c})
		}
		js, _ := json.Marshal(c)
		printed.Write(js)
		return true, nil
	})
	srv := httptestServer(t, mux)
	for _, url := range []string{srv + "/rest/1/" + wireToken + "/test.big.get", srv + "/rest/test.big.get?auth=" + wireToken} {
		if a := send(t, url, "application/json", strings.NewReader(`{}`)); a.status != http.StatusOK {
			t.Fatalf("answer %d %s", a.status, a.body)
		}
	}
	out := printed.String()
	if !strings.Contains(out, "webhook(user 1)") {
		t.Fatalf("printed: %.300s", out)
	}
	for _, form := range []string{wireToken, fmt.Sprintf("%x", wireToken), fmt.Sprintf("%X", wireToken)} {
		if strings.Contains(out, form) {
			t.Errorf("the token was printed")
		}
	}
}

func httptestServer(t *testing.T, h http.Handler) string {
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

// TestWireBatchReferenceText: text that only looks like references costs
// time in proportion to its length, and a reference path is bounded.
func TestWireBatchReferenceText(t *testing.T) {
	c := startServer(t, "server")
	for _, tc := range []struct{ name, prefix, unit, suffix string }{
		{"unclosed references", `{"cmd":{"use":"biconnector.source.delete?id=7&x=`, "$result[", `"}}`},
		{"unclosed time references", `{"cmd":{"use":"biconnector.source.delete?id=7&x=`, "$result_time[a", `"}}`},
		{"a long path", `{"cmd":{"a":"test.big.get?id=1","use":"biconnector.source.delete?id=7&x=$result[a]`, "[]", `"}}`},
		{"a long path of indexes", `{"cmd":{"a":"test.big.get?id=1","use":"biconnector.source.delete?id=7&x=$result[a]`, "[0]", `"}}`},
	} {
		body := tc.prefix + strings.Repeat(tc.unit, (7<<20)/len(tc.unit)) + tc.suffix
		var a answer
		growth := c.Growth(t, func() {
			a = send(t, webhookURL(c, wireToken, "batch"), "application/json", strings.NewReader(body))
		})
		if a.status >= 500 || a.took > 3*time.Second {
			t.Errorf("%s: answer %d after %v", tc.name, a.status, a.took)
		}
		if limit := int64(16*len(body)) + 32<<20; growth > limit {
			t.Errorf("%s: a %d MB batch cost %d MB of memory", tc.name, len(body)>>20, growth>>20)
		}
		t.Logf("%s, %d KB: answer %d in %v, memory +%d MB", tc.name, len(body)>>10, a.status, a.took.Round(time.Millisecond), growth>>20)
	}
}

// TestWireScalarLists: JSON lists of the smallest values stay within the
// memory promise too.
func TestWireScalarLists(t *testing.T) {
	for _, unit := range []string{`"",`, `1e1,`, `"a",`, `0,`, `null,`, `[],`, `{},`} {
		c := startServer(t, "server")
		body := `{"id":7,"x":[` + strings.Repeat(unit, (7<<20)/len(unit)) + `0]}`
		var a answer
		growth := c.Growth(t, func() {
			a = send(t, webhookURL(c, wireToken, "biconnector.source.delete"), "application/json", strings.NewReader(body))
		})
		if a.status >= 500 {
			t.Errorf("list of %s: answer %d", unit, a.status)
		}
		if limit := int64(16*len(body)) + 32<<20; growth > limit {
			t.Errorf("a %d MB list of %s cost %d MB of memory (answer %d)", len(body)>>20, unit, growth>>20, a.status)
		}
		t.Logf("list of %s, %d KB: answer %d, memory +%d MB", unit, len(body)>>10, a.status, growth>>20)
	}
}

// TestWireRefusedBeforeSmallBody: a wrong webhook token is answered
// without waiting for the body, however small it is declared.
func TestWireRefusedBeforeSmallBody(t *testing.T) {
	c := startServer(t, "server")
	for _, declared := range []string{"Content-Length: 1000", "Transfer-Encoding: chunked"} {
		conn, err := net.Dial("tcp", strings.TrimPrefix(c.URL, "http://"))
		if err != nil {
			t.Fatal(err)
		}
		_ = conn.SetDeadline(time.Now().Add(5 * time.Second))
		fmt.Fprintf(conn, "POST /rest/1/wrong/biconnector.source.delete HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n%s\r\n\r\n", declared)
		start := time.Now()
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		took := time.Since(start)
		conn.Close()
		if err != nil {
			t.Errorf("%s: %v after %v", declared, err, took)
			continue
		}
		if resp.StatusCode != http.StatusUnauthorized || took > time.Second {
			t.Errorf("%s: answer %d after %v, want 401 at once", declared, resp.StatusCode, took)
		}
	}
}

// TestWireNeutralErrors: a body that is not one JSON object, or a form
// that does not decode, is answered 400 in the server's words.
func TestWireNeutralErrors(t *testing.T) {
	c := startServer(t, "server")
	url := webhookURL(c, wireToken, "biconnector.source.delete")
	for _, tc := range []struct{ contentType, body string }{
		{"application/json", "null"},
		{"application/json", " null "},
		{"application/json", "[]"},
		{"application/x-www-form-urlencoded", "id=7&%zz=1"},
		{"application/x-www-form-urlencoded", "id=%zz"},
		{"multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"id\"\r\n\r\n7"},
	} {
		a := send(t, url, tc.contentType, strings.NewReader(tc.body))
		if a.status != http.StatusBadRequest || !strings.Contains(a.body, "INVALID_REQUEST") {
			t.Errorf("%q: answer %d %s, want 400 INVALID_REQUEST", tc.body, a.status, a.body)
		}
		for _, words := range []string{"invalid URL escape", "unexpected EOF", "multipart:", "json:"} {
			if strings.Contains(a.body, words) {
				t.Errorf("%q: the answer carries a library's words: %s", tc.body, a.body)
			}
		}
	}
}
