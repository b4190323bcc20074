package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/b24gen/b24gen/b24"
	"github.com/b24gen/b24gen/b24/b24fake"
	"github.com/b24gen/b24gen/b24/b24server"
	"github.com/b24gen/b24gen/generated"
	"github.com/b24gen/b24gen/generated/fixture"
)

// sdkDir holds the JS SDK's package.json, its lock file and the script.
const sdkDir = "testdata/jssdk"

// installSDK installs the locked JS SDK with npm, once. Without node and
// npm, or without the network on a fresh machine, the test skips, unless
// CI=true.
func installSDK(t *testing.T) string {
	t.Helper()
	unavailable := func(format string, args ...any) {
		t.Helper()
		if os.Getenv("CI") == "true" {
			t.Fatalf(format, args...)
		}
		t.Skipf(format, args...)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		unavailable("node is not installed: the JS SDK wire test needs Node.js 20 or newer")
	}
	if _, err := os.Stat(filepath.Join(sdkDir, "node_modules", "@bitrix24", "b24jssdk")); err == nil {
		return node
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		unavailable("npm is not installed: the JS SDK wire test installs @bitrix24/b24jssdk with it")
	}
	cmd := exec.Command(npm, "ci", "--no-audit", "--no-fund", "--loglevel=error")
	cmd.Dir = sdkDir
	if out, err := cmd.CombinedOutput(); err != nil {
		unavailable("npm ci in %s failed (no network?): %v\n%s", sdkDir, err, out)
	}
	return node
}

// TestOfficialJSSDK drives the fake portal with the official Bitrix24 JS
// SDK (@bitrix24/b24jssdk): a single call, documented errors with HTTP 200
// and 400, an unknown method, a list walked by id and by offset, and a
// batch with a reference and a failed command. It checks what the SDK got
// back and what the portal saw.
func TestOfficialJSSDK(t *testing.T) {
	node := installSDK(t)
	portal := b24fake.New(b24server.WithAuth(b24server.StaticWebhook("1", "sdk-token")))
	generated.RegisterFakes(portal)
	const rows = 120
	portal.On("fixture.item.list", func(ctx context.Context, c *b24fake.Call) (any, error) {
		var req fixture.ItemListRequest
		if err := c.Decode(&req); err != nil {
			return nil, err
		}
		from := int(req.Start.Value)
		if v, ok := req.Filter[">id"]; ok {
			// a number from JSON, a string from a form
			var last b24.Int
			b, _ := json.Marshal(v)
			_ = json.Unmarshal(b, &last)
			from = int(last)
		}
		if !req.Start.Set || req.Start.Value >= 0 {
			b24fake.SetTotal(ctx, rows)
		}
		items := []map[string]any{}
		for i := max(from, 0); i < min(max(from, 0)+b24.PageSize, rows); i++ {
			items = append(items, map[string]any{"id": i + 1, "title": "row"})
		}
		return map[string]any{"items": items}, nil
	})
	portal.On("fixture.nested.get", func(_ context.Context, c *b24fake.Call) (any, error) {
		var req fixture.NestedGetRequest
		if err := c.Decode(&req); err != nil {
			return nil, err
		}
		if req.ID.Value == 404 {
			return nil, fixture.ErrNotFound
		}
		return map[string]any{"ID": req.ID.Value, "TITLE": "record"}, nil
	})
	srv := httptest.NewTLSServer(portal)
	defer srv.Close()

	script, err := filepath.Abs(filepath.Join(sdkDir, "sdk.mjs"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, script)
	cmd.Dir = sdkDir
	cmd.Env = append(os.Environ(), "PORTAL="+srv.URL+"/rest/1/sdk-token/", "NODE_TLS_REJECT_UNAUTHORIZED=0", "NODE_NO_WARNINGS=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s%s", err, out, stderr.String())
	}
	got := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		var line struct {
			Check string          `json:"check"`
			Value json.RawMessage `json:"value"`
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatalf("%v: %s", err, sc.Text())
		}
		got[line.Check] = string(line.Value)
	}
	want := map[string]string{
		"single":         `{"success":true,"result":true}`,
		"documented-200": `{"success":false,"errors":["ID is missing."]}`,
		"documented-400": `{"thrown":true,"code":"NOT_FOUND","status":400,"message":"Record not found"}`,
		"not-found":      `{"thrown":true,"code":"ERROR_METHOD_NOT_FOUND","status":404,"message":"Method not found!"}`,
		"list-by-id":     `{"success":true,"rows":120,"first":1,"last":120}`,
		"list-by-offset": `{"pages":[50,50,20],"total":120}`,
		"batch":          `{"success":false,"data":{"get":{"ID":42,"TITLE":"record"},"del":true},"errors":{"missing":"NOT_FOUND"}}`,
	}
	for check, w := range want {
		if got[check] != w {
			t.Errorf("%s: the SDK got\n\t%s\nwant\n\t%s", check, got[check], w)
		}
	}
	// what the portal saw: the call without an id was refused before it
	// ran, and the batch's reference was resolved before its command ran
	dels := portal.Calls("biconnector.source.delete")
	if n := len(dels); n != 2 {
		t.Fatalf("biconnector.source.delete ran %d times, want 2", n)
	}
	if id := dels[1].Params["id"]; id == nil || strings.TrimSpace(jsonText(id)) != "42" {
		t.Errorf("the batch's $result[get][ID] reached the method as %v", id)
	}
	if lists := portal.Calls("fixture.item.list"); len(lists) != 3+3 {
		t.Errorf("fixture.item.list ran %d times, want 6", len(lists))
	}
}

func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return strings.Trim(string(b), `"`)
}
