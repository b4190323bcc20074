package b24fake_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/b24gen/b24gen/b24/b24fake"
	"github.com/b24gen/b24gen/b24/internal/wiretest"
	"github.com/b24gen/b24gen/generated"
)

// TestWireChildPortal is the child process's fake portal; it does nothing
// in a normal run.
func TestWireChildPortal(t *testing.T) {
	p := b24fake.New()
	generated.RegisterFakes(p)
	wiretest.Serve("portal", p)
}

// TestWireCallLogBounded: a fake portal that keeps the calls it served
// and refused keeps them within its byte bound, however large they are.
func TestWireCallLogBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	c := wiretest.Start(t, "TestWireChildPortal", "portal")
	body := `{"id":7,"x":[` + strings.Repeat("null,", (7<<20)/5) + `null]}`
	var statuses []int
	growth := c.Growth(t, func() {
		for _, method := range []string{"fixture.nested.get", "fixture.nested.add"} { // served, refused
			for range 15 {
				resp, err := http.Post(c.URL+"/rest/1/token/"+method, "application/json", strings.NewReader(body))
				if err != nil {
					t.Fatal(err)
				}
				statuses = append(statuses, resp.StatusCode)
				resp.Body.Close()
			}
		}
	})
	if limit := int64(2*b24fake.DefaultCallLogBytes) + 16*int64(len(body)) + 32<<20; growth > limit {
		t.Errorf("30 calls of %d MB grew the portal by %d MB (answers %v)", len(body)>>20, growth>>20, statuses[:2])
	}
}
