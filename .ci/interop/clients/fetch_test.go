// This file is copied next to the openapi-fetch client that make interop
// compiles (fetch/client.mjs); it is not part of b24gen's module.
package interop_test

import (
	"encoding/json"
	"os/exec"
	"testing"
)

// TestOpenAPIFetchCallsFakePortal: the TypeScript client (openapi-fetch,
// typed by openapi-typescript from the export) calls the generated fake
// portal over loopback: the documented answer reads as its types say, an
// error code the docs do not list is the error answer, a method that
// answers with a file gives its bytes, and one whose answer carries
// nothing its empty result.
func TestOpenAPIFetchCallsFakePortal(t *testing.T) {
	srv := startPortal(t)
	out, err := exec.Command("node", "fetch/client.mjs", srv.URL+"/rest/1/tok").CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	var got struct {
		ID      any    `json:"id"`
		Title   string `json:"title"`
		English string `json:"english"`
		Status  int    `json:"status"`
		Code    string `json:"code"`
		// the fake portal's file (b24fake.FakeFile)
		FileText string `json:"fileText"`
		FileType string `json:"fileType"`
		// fixture.note.pin's result, which carries nothing
		Pinned json.RawMessage `json:"pinned"`
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if got.ID != "42" || got.Title == "" || got.English != "Record" || got.Status != 400 || got.Code != "BRAND_NEW_CODE" ||
		got.FileText != "b24fake: a file of fixture.file.download\n" || got.FileType != "text/plain; charset=utf-8" ||
		string(got.Pinned) != "[]" {
		t.Errorf("the client saw %s", out)
	}
}
