package main

import (
	"context"
	"net/http"
	"sync"

	"github.com/b24gen/b24gen/b24/b24server"
	"github.com/b24gen/b24gen/generated/biconnector"
)

// sources is an in-memory store of BI connector sources, serving
// biconnector.source.delete the way its page documents.
type sources struct {
	biconnector.UnimplementedServer

	mu  sync.Mutex
	ids map[int64]bool
	// busy are the sources that still have datasets.
	busy map[int64]bool
}

func newSources(ids, busy []int64) *sources {
	s := &sources{ids: map[int64]bool{}, busy: map[int64]bool{}}
	for _, id := range ids {
		s.ids[id] = true
	}
	for _, id := range busy {
		s.ids[id] = true
		s.busy[id] = true
	}
	return s
}

// SourceDelete deletes an existing source: true on success,
// VALIDATION_INVALID_ID_FORMAT for an id that is not positive,
// SOURCE_NOT_FOUND for an unknown one and BX_ERROR for one that still has
// datasets.
func (s *sources) SourceDelete(_ context.Context, req *biconnector.SourceDeleteRequest) (bool, error) {
	if req.ID <= 0 {
		return false, biconnector.ErrValidationInvalidIDFormat
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.ids[int64(req.ID)] {
		return false, biconnector.ErrSourceNotFound
	}
	if s.busy[int64(req.ID)] {
		return false, biconnector.ErrBxError
	}
	delete(s.ids, int64(req.ID))
	return true, nil
}

// has reports whether a source exists.
func (s *sources) has(id int64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ids[id]
}

// newHandler serves the store under /rest/ for webhook and OAuth calls;
// auth may be nil to accept any credentials.
func newHandler(s *sources, auth b24server.AuthFunc, opts ...b24server.Option) http.Handler {
	// Failed parameter checks are answered with the codes the page
	// documents for them (VALIDATION_ID_NOT_PROVIDED, …) by the generated
	// handler itself.
	if auth != nil {
		opts = append(opts, b24server.WithAuth(auth))
	}
	return biconnector.NewHandler(s, opts...)
}
