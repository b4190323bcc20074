// This file is copied next to the ogen client that make interop generates
// from generated/openapi.json (package api); it is not part of b24gen's
// module.
package interop_test

import (
	"context"
	"io"
	"testing"

	"interop/clients/api"
)

// webhook is the security source of calls through an incoming webhook,
// whose credentials are in the URL.
type webhook struct{}

func (webhook) AccessToken(context.Context, api.OperationName) (api.AccessToken, error) {
	return api.AccessToken{}, nil
}

func (webhook) OAuth2(context.Context, api.OperationName) (api.OAuth2, error) {
	return api.OAuth2{}, nil
}

// TestOgenClientCallsFakePortal: a client ogen generated from the export
// calls the fake portal b24gen generated, over loopback: the documented
// answer (which sends numbers as text, as portals do) decodes, an error
// code the docs do not list comes back as the method's error answer, with
// its code, not as a decoding failure, a method that answers with a file
// gives its bytes, and one whose answer carries nothing succeeds.
func TestOgenClientCallsFakePortal(t *testing.T) {
	srv := startPortal(t)
	c, err := api.NewClient(srv.URL+"/rest/1/tok", webhook{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	res, err := c.FixtureNestedGet(ctx, api.NewOptFixtureNestedGetRequest(api.FixtureNestedGetRequest{ID: api.NewOptInt(42)}))
	if err != nil {
		t.Fatalf("fixture.nested.get: %v", err)
	}
	ok, isOK := res.(*api.FixtureNestedGetSuccess)
	if !isOK {
		t.Fatalf("fixture.nested.get answered %T %+v", res, res)
	}
	if id := ok.Result.ID.Value; id.String != "42" && id.Int != 42 {
		t.Errorf("fixture.nested.get: ID %+v", id)
	}
	// a text by language (string|lang_map), sent as an object
	if label := ok.Result.LABEL.Value; label.FixtureNestedGetSuccessResultLABEL1["en"] != "Record" {
		t.Errorf("fixture.nested.get: LABEL %+v", label)
	}

	del, err := c.BiconnectorSourceDelete(ctx, &api.BiconnectorSourceDeleteRequest{ID: 7})
	if err != nil {
		t.Fatalf("biconnector.source.delete: a decoding failure: %v", err)
	}
	coded, isCoded := del.(interface{ GetError() string })
	if !isCoded || coded.GetError() != "BRAND_NEW_CODE" {
		t.Errorf("biconnector.source.delete answered %T %+v", del, del)
	}

	// a method that answers with a file: its bytes, not JSON
	file, err := c.FixtureFileDownload(ctx, &api.FixtureFileDownloadRequest{Fields: api.FixtureFileDownloadRequestFields{FileId: 7}})
	if err != nil {
		t.Fatalf("fixture.file.download: %v", err)
	}
	// any media type: the file's own
	data, isData := file.(*api.FixtureFileDownloadOKHeaders)
	if !isData {
		t.Fatalf("fixture.file.download answered %T %+v", file, file)
	}
	if body, err := io.ReadAll(data.Response.Data); err != nil || string(body) != "b24fake: a file of fixture.file.download\n" ||
		data.ContentType != "text/plain; charset=utf-8" {
		t.Errorf("fixture.file.download: %q (%s), %v", body, data.ContentType, err)
	}

	// a method whose answer carries nothing ([], as the page shows)
	pin, err := c.FixtureNotePin(ctx, &api.FixtureNotePinRequest{ID: 7})
	if err != nil {
		t.Fatalf("fixture.note.pin: %v", err)
	}
	if _, isOK := pin.(*api.FixtureNotePinSuccess); !isOK {
		t.Errorf("fixture.note.pin answered %T %+v", pin, pin)
	}
}
