package feed

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/orgnews/orgnews/internal/web"
	"github.com/orgnews/orgnews/news"
)

// WebSubOptions configures a WebSub notifier. Hub and BaseURL are
// required; every other field's zero value is a working default.
type WebSubOptions struct {
	// Hub is the absolute http(s) URL of the WebSub hub to notify, the
	// same as the feeds' Options.Hub. Required.
	Hub string
	// BaseURL is the absolute http(s) URL the news section is served
	// under, the feeds' Options.BaseURL. Required.
	BaseURL string
	// FeedURL returns the absolute URL a variant is served at, as the
	// feeds' Options.FeedURL: the URL the hub is told has changed. nil
	// means BaseURL + v.Path(), the widget package's routes.
	FeedURL func(v Variant) string
	// Client sends the notifications. nil means a client with a timeout
	// of 10 seconds.
	Client *http.Client
	// Interval is how often the notifier reads the Source's State to see
	// whether the public news changed. 0 means half a second, so a hub
	// hears of an article within a second of its publication.
	Interval time.Duration
	// Retries is how many times a notification the hub did not accept
	// (a network error, 429 or 5xx) is sent again. 0 means 5; a negative
	// value means none.
	Retries int
	// Backoff is the wait before the first retry; it doubles at each
	// retry, up to a minute. 0 means one second.
	Backoff time.Duration
	// QueueSize bounds the notifications waiting to be sent; a change
	// that finds the queue full is logged and dropped. 0 means 256.
	QueueSize int
	// Logger receives failed notifications and Source errors. nil means
	// slog.Default().
	Logger *slog.Logger
}

// Defaults of WebSubOptions.
const (
	defaultHubTimeout = 10 * time.Second
	defaultInterval   = 500 * time.Millisecond
	defaultRetries    = 5
	defaultBackoff    = time.Second
	maxBackoff        = time.Minute
	defaultQueueSize  = 256
	webSubWorkers     = 2
)

// A WebSub notifier tells a WebSub hub which feeds changed, so that
// readers subscribed through the hub learn of an article the moment it is
// public instead of polling for it.
//
// It watches the Source rather than being told of writes, so the news
// package and its publishing service know nothing of it, and a scheduled
// article that becomes public at its time is announced like a published
// one. Every Interval it reads the Source's State; when the State moved,
// it lists every public article once and works out, for each feed, the
// items it serves (news.DefaultLimit of them, newest first, each with
// everything the feed shows of it): the whole site, every category (with
// its subcategories), every tag and every language. A feed whose items
// differ from the last look is queued, in every format, for a
// notification (a form-encoded POST of hub.mode=publish and hub.url); a
// feed queued again before it is sent is sent once. A draft saved, or a
// change to an article outside a feed's items, notifies nothing. The cost
// is one read of every public article per change, however many writes
// fall in one Interval.
//
// Run one notifier per site: instances over one database that each run
// one notify the hub once each.
//
// Notifications are sent in the background by two workers: the editor's
// request that published the article never waits for the hub. A hub that
// answers with a network error, 429 or 5xx is retried with exponential
// backoff; any other 4xx is logged and given up.
//
// Feeds served with a limit other than the default, or combining a
// category, a tag or a language, are not notified.
type WebSub struct {
	src     Source
	o       WebSubOptions
	base    string
	log     *slog.Logger
	queue   chan string
	mu      sync.Mutex
	pending map[string]bool // URLs in the queue
	last    string          // the State key of prints
	prints  map[feedKey]string
	stop    context.CancelFunc
	wg      sync.WaitGroup
}

// A feedKey identifies a feed the notifier watches, whatever its format:
// the site (the zero key), a category's slug, a tag's slug or a language.
type feedKey struct {
	category, tag, lang string
}

// NewWebSub reads the public news once, as the state the first changes are
// compared with, and starts a notifier that runs until ctx is done or
// Close is called. It returns an error wrapping news.ErrInvalid when opts
// is nil or its Hub or BaseURL is not an absolute http(s) URL, and the
// Source's error when the first read fails.
func NewWebSub(ctx context.Context, src Source, opts *WebSubOptions) (*WebSub, error) {
	if opts == nil {
		return nil, fmt.Errorf("feed: new websub: %w", &news.FieldError{Field: "Hub", Rule: "required"})
	}
	if web.BaseURL(opts.Hub) == nil {
		return nil, fmt.Errorf("feed: new websub: %w", &news.FieldError{Field: "Hub", Rule: "must be an absolute http(s) URL"})
	}
	u := web.BaseURL(opts.BaseURL)
	if u == nil {
		return nil, fmt.Errorf("feed: new websub: %w", &news.FieldError{Field: "BaseURL", Rule: "must be an absolute http(s) URL"})
	}
	o := *opts
	if o.Client == nil {
		o.Client = &http.Client{Timeout: defaultHubTimeout}
	}
	o.Interval = cmp.Or(o.Interval, defaultInterval)
	o.Backoff = cmp.Or(o.Backoff, defaultBackoff)
	o.QueueSize = cmp.Or(o.QueueSize, defaultQueueSize)
	switch {
	case o.Retries == 0:
		o.Retries = defaultRetries
	case o.Retries < 0:
		o.Retries = 0
	}
	w := &WebSub{src: src, o: o, base: u.String(), log: cmp.Or(o.Logger, slog.Default()),
		queue: make(chan string, o.QueueSize), pending: map[string]bool{}}
	st, err := src.State(ctx)
	if err != nil {
		return nil, fmt.Errorf("feed: new websub: state: %w", err)
	}
	if w.prints, err = w.fingerprints(ctx); err != nil {
		return nil, fmt.Errorf("feed: new websub: %w", err)
	}
	w.last = st.Key()
	run, stop := context.WithCancel(ctx)
	w.stop = stop
	w.wg.Add(1 + webSubWorkers)
	go w.watch(run)
	for range webSubWorkers {
		go w.send(run)
	}
	return w, nil
}

// Close stops the notifier and waits for its goroutines: notifications
// still queued or waiting for a retry are dropped. It always returns nil.
func (w *WebSub) Close() error {
	w.stop()
	w.wg.Wait()
	return nil
}

// watch reads the State every Interval and queues the feeds that changed,
// until ctx is done.
func (w *WebSub) watch(ctx context.Context) {
	defer w.wg.Done()
	t := time.NewTicker(w.o.Interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := w.check(ctx); err != nil && ctx.Err() == nil {
				w.log.Error("websub: reading the news", "err", err)
			}
		}
	}
}

// check queues the feeds whose items changed since the last State.
func (w *WebSub) check(ctx context.Context) error {
	st, err := w.src.State(ctx)
	if err != nil {
		return fmt.Errorf("state: %w", err)
	}
	if st.Key() == w.last {
		return nil
	}
	prints, err := w.fingerprints(ctx)
	if err != nil {
		return err
	}
	for k, p := range prints {
		if w.prints[k] != p {
			w.changed(k)
		}
	}
	for k := range w.prints {
		if _, ok := prints[k]; !ok {
			w.changed(k)
		}
	}
	w.prints, w.last = prints, st.Key()
	return nil
}

// changed queues the feed k in every format.
func (w *WebSub) changed(k feedKey) {
	for _, f := range Formats {
		v := Variant{Format: f, Category: k.category, Tag: k.tag, Lang: k.lang}
		if w.o.FeedURL != nil {
			w.enqueue(w.o.FeedURL(v))
		} else {
			w.enqueue(w.base + v.Path())
		}
	}
}

// enqueue queues the notification of the feed at u unless it is already
// queued, logging it when the queue is full.
func (w *WebSub) enqueue(u string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.pending[u] {
		return
	}
	select {
	case w.queue <- u:
		w.pending[u] = true
	default:
		w.log.Error("websub: queue full, notification dropped", "feed", u)
	}
}

// fingerprints lists every public article and returns, for every feed
// the notifier watches, a digest of the items it serves.
func (w *WebSub) fingerprints(ctx context.Context) (map[feedKey]string, error) {
	cats, err := w.src.Categories(ctx)
	if err != nil {
		return nil, fmt.Errorf("categories: %w", err)
	}
	tree := news.NewCategoryTree(cats)
	type digest struct {
		h hash.Hash
		n int
	}
	feeds := map[feedKey]*digest{}
	items := map[uuid.UUID][]byte{} // itemDigest of the articles in some feed
	add := func(k feedKey, a *news.Article) {
		d := feeds[k]
		if d == nil {
			d = &digest{h: sha256.New()}
			feeds[k] = d
		}
		if d.n == news.DefaultLimit {
			return
		}
		d.n++
		sum, ok := items[a.ID]
		if !ok {
			sum = itemDigest(a)
			items[a.ID] = sum
		}
		d.h.Write(sum)
	}
	q := news.Query{Limit: news.MaxLimit}
	for {
		page, err := w.src.Articles(ctx, q)
		if err != nil {
			return nil, fmt.Errorf("articles: %w", err)
		}
		for _, a := range page.Articles {
			if a == nil {
				continue
			}
			add(feedKey{}, a)
			for _, c := range tree.Path(a.CategoryID) {
				add(feedKey{category: c.Slug}, a)
			}
			seen := map[string]bool{}
			for _, t := range a.Tags {
				if s := news.Slugify(t); s != "" && !seen[s] {
					seen[s] = true
					add(feedKey{tag: s}, a)
				}
			}
			if a.Lang != "" {
				add(feedKey{lang: a.Lang}, a)
			}
		}
		if page.Next == "" {
			break
		}
		q.Cursor = page.Next
	}
	out := make(map[feedKey]string, len(feeds))
	for k, d := range feeds {
		out[k] = string(d.h.Sum(nil))
	}
	return out, nil
}

// itemDigest returns a digest of what a feed shows of a: everything Build
// writes of it.
func itemDigest(a *news.Article) []byte {
	h := sha256.New()
	var n [8]byte
	field := func(s string) {
		binary.BigEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.Write([]byte(s))
	}
	number := func(i int64) {
		binary.BigEndian.PutUint64(n[:], uint64(i))
		h.Write(n[:])
	}
	h.Write(a.ID[:])
	h.Write(a.CategoryID[:])
	number(a.PublishAt.UnixNano())
	number(a.UpdatedAt.UnixNano())
	for _, s := range []string{a.Slug, a.Title, a.Summary, a.Body, a.Author, a.Lang} {
		field(s)
	}
	number(int64(len(a.Tags)))
	for _, t := range a.Tags {
		field(t)
	}
	if c := a.Cover; c != nil {
		field(c.URL)
		field(c.Alt)
		field(c.Caption)
		field(c.Type)
		number(c.Size)
		number(int64(c.Width)<<32 | int64(c.Height))
	}
	number(int64(len(a.Attachments)))
	for _, at := range a.Attachments {
		field(at.URL)
		field(at.Title)
		field(at.Type)
		number(at.Size)
	}
	return h.Sum(nil)
}

// send notifies the hub of the queued feeds until ctx is done.
func (w *WebSub) send(ctx context.Context) {
	defer w.wg.Done()
	for {
		select {
		case <-ctx.Done():
			return
		case u := <-w.queue:
			w.mu.Lock()
			delete(w.pending, u) // a change from now on queues it again
			w.mu.Unlock()
			if err := w.notify(ctx, u); err != nil && ctx.Err() == nil {
				w.log.Error("websub: notifying the hub", "feed", u, "err", err)
			}
		}
	}
}

// errRetry marks a hub answer worth retrying.
var errRetry = errors.New("will retry")

// notify tells the hub that the feed at u changed, retrying with
// exponential backoff.
func (w *WebSub) notify(ctx context.Context, u string) error {
	wait := w.o.Backoff
	for attempt := 0; ; attempt++ {
		err := w.post(ctx, u)
		if err == nil || !errors.Is(err, errRetry) || attempt == w.o.Retries {
			return err
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
		wait = min(2*wait, maxBackoff)
	}
}

// post sends one notification; its error wraps errRetry when the hub may
// accept it later.
func (w *WebSub) post(ctx context.Context, u string) error {
	form := url.Values{"hub.mode": {"publish"}, "hub.url": {u}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.o.Hub, strings.NewReader(form.Encode()))
	if err != nil {
		return fmt.Errorf("websub: request: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err := w.o.Client.Do(req)
	if err != nil {
		return fmt.Errorf("websub: post: %w (%w)", err, errRetry)
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(res.Body, 1<<16))
	res.Body.Close()
	switch {
	case res.StatusCode >= 200 && res.StatusCode < 300:
		return nil
	case res.StatusCode == http.StatusTooManyRequests || res.StatusCode >= 500:
		return fmt.Errorf("websub: hub answered %d: %w", res.StatusCode, errRetry)
	}
	return fmt.Errorf("websub: hub refused the notification with %d", res.StatusCode)
}
