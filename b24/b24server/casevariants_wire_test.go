package b24server_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/b24gen/b24gen/b24/b24server"
	"github.com/b24gen/b24gen/generated/fixture"
)

// seenServer records what the implementation of fixture.record.find is
// given.
type seenServer struct {
	fixture.UnimplementedServer
	seen *fixture.RecordFindRequest
}

func (s seenServer) RecordFind(_ context.Context, r *fixture.RecordFindRequest) (*fixture.RecordFindResult, error) {
	*s.seen = *r
	return &fixture.RecordFindResult{ID: 1}, nil
}

// TestCaseVariantsReachNoImplementation: a request that spells one
// parameter twice, in two cases ({"ID":1,"id":null}), is checked with one
// spelling and was decoded with the other, so an implementation got
// neither ID nor CODE although the at-least-one-of check had passed (a
// black-box attack found it). The implementation must get the value the
// check saw.
func TestCaseVariantsReachNoImplementation(t *testing.T) {
	var seen fixture.RecordFindRequest
	srv := httptest.NewServer(fixture.NewHandler(seenServer{seen: &seen}, b24server.WithAuth(b24server.StaticWebhook("1", "tok"))))
	defer srv.Close()
	// the first body is the control: one spelling, accepted
	for i, body := range []string{`{"ID":1}`, `{"ID":1,"id":null}`, `{"id":null,"ID":1}`, `{"Id":1,"iD":null}`, `{"ID":1,"where":{"ownerId":1,"ownerid":null}}`} {
		seen = fixture.RecordFindRequest{}
		resp, err := http.Post(srv.URL+"/rest/1/tok/fixture.record.find", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		answer, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			if i == 0 {
				t.Fatalf("%s: %d %s", body, resp.StatusCode, answer)
			}
			continue // refused: nothing reached the implementation
		}
		if !seen.ID.Set || seen.ID.Value != 1 {
			t.Errorf("%s: accepted (%s), the implementation got ID %+v", body, answer, seen.ID)
		}
		if strings.Contains(body, "where") && (!seen.Where.Set || !seen.Where.Value.OwnerID.Set) {
			t.Errorf("%s: accepted (%s), the implementation got where %+v", body, answer, seen.Where)
		}
	}
}
