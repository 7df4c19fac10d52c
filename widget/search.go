package widget

import (
	"context"
	"net/http"

	"github.com/orgnews/orgnews/internal/web"
)

// Default bounds on the searches a handler runs at once (see
// Options.MaxSearches and Options.SearchQueue).
const (
	defaultMaxSearches = 4
	defaultSearchQueue = 8
)

// errSearchBusy answers a search that finds every slot taken and the
// queue full: 503 with Retry-After (see Handler.fail).
var errSearchBusy = &web.Error{
	Status: http.StatusServiceUnavailable, Code: "search_busy",
	Message: "too many searches at once; try again in a few seconds",
}

// retryAfter is the Retry-After of a 503 answer, in seconds.
const retryAfter = "2"

// A searchGate bounds the searches a handler runs at once, so that a burst
// of searches, costly to a store, never holds every connection of the
// store nor every core, and the other pages keep answering: at most run
// searches run, at most queue more wait for a turn, and any search beyond
// is refused at once with errSearchBusy.
type searchGate struct {
	running  chan struct{} // a token per running search
	admitted chan struct{} // a token per running or waiting search
}

// newSearchGate returns a gate of run searches at once and queue waiting.
func newSearchGate(run, queue int) *searchGate {
	return &searchGate{running: make(chan struct{}, run), admitted: make(chan struct{}, run+queue)}
}

// do runs search when a slot is free, waiting in the queue for one, or
// returns errSearchBusy when the queue is full, or ctx's error when ctx is
// done while waiting.
func (g *searchGate) do(ctx context.Context, search func() error) error {
	select {
	case g.admitted <- struct{}{}:
	default:
		return errSearchBusy
	}
	defer func() { <-g.admitted }()
	select {
	case g.running <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-g.running }()
	return search()
}
