package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// nodeClient calls the server the way a JavaScript client calls a portal:
// a JSON POST to the webhook URL, a form POST, a batch, and an error.
const nodeClient = `
const base = process.env.HOOK;
async function call(method, body, type) {
  const r = await fetch(base + method, {method: 'POST', headers: {'Content-Type': type || 'application/json'}, body});
  return [r.status, await r.json()];
}
(async () => {
  const out = [];
  let [s, b] = await call('biconnector.source.delete', JSON.stringify({id: 1}));
  out.push(s + ' ' + b.result + ' ' + (typeof b.time.start));
  [s, b] = await call('biconnector.source.delete', 'id=2', 'application/x-www-form-urlencoded');
  out.push(s + ' ' + b.result);
  [s, b] = await call('batch', JSON.stringify({halt: 0, cmd: {a: 'biconnector.source.delete?id=3', b: 'biconnector.source.delete?id=3'}}));
  out.push(s + ' ' + b.result.result.a + ' ' + b.result.result_error.b.error);
  [s, b] = await call('biconnector.source.delete', JSON.stringify({id: 'x'}));
  out.push(s + ' ' + b.error);
  console.log(out.join('\n'));
})().catch(e => { console.error(e); process.exit(1); });
`

func TestNodeClientOverLoopback(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("node is required in CI")
		}
		t.Skip("node is not installed")
	}
	_, srv := newTestServer(t, []int64{1, 2, 3}, nil)
	cmd := exec.Command(node, "-e", nodeClient)
	cmd.Env = append(os.Environ(), "HOOK="+srv.URL+"/rest/"+webhookUser+"/"+webhookToken+"/")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	want := "200 true number\n200 true\n200 true SOURCE_NOT_FOUND\n200 VALIDATION_INVALID_ID_FORMAT"
	if got := strings.TrimSpace(string(out)); got != want {
		t.Fatalf("node saw\n%s\nwant\n%s", got, want)
	}
}
