package b24_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/b24gen/b24gen/b24"
	"github.com/b24gen/b24gen/generated/fixture"
)

// TestLocalizedFromAPortal: a plain net/http peer answers a lang_map
// member the ways portals do — texts by language, one text, PHP's empty
// array — and the generated client reads each into b24.Localized.
func TestLocalizedFromAPortal(t *testing.T) {
	for _, tc := range []struct {
		label string
		want  b24.Localized
	}{
		{`{"ru":"Запись","en":"Record"}`, b24.Localized{ByLang: map[string]string{"ru": "Запись", "en": "Record"}}},
		{`"Запись"`, b24.Localized{Text: "Запись"}},
		{`[]`, b24.Localized{}},
	} {
		portal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			io.WriteString(w, `{"result":{"ID":"42","LABEL":`+tc.label+`},"time":{"start":1,"finish":1,"duration":0,"processing":0,"date_start":"2026-01-01T00:00:00+00:00","date_finish":"2026-01-01T00:00:00+00:00"}}`)
		}))
		c, err := fixture.NewClient(portal.URL+"/rest/1/tok/", b24.WithInsecureHTTP())
		if err != nil {
			t.Fatal(err)
		}
		res, err := c.NestedGet(context.Background(), &fixture.NestedGetRequest{ID: b24.Some[b24.Int](42)})
		portal.Close()
		if err != nil {
			t.Fatalf("%s: %v", tc.label, err)
		}
		if got := res.Label; got.Text != tc.want.Text || len(got.ByLang) != len(tc.want.ByLang) || got.ByLang["en"] != tc.want.ByLang["en"] {
			t.Errorf("%s: read as %+v", tc.label, got)
		}
	}
}
