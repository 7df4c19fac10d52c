package web

import (
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"net/http"
	"runtime/debug"
	"strconv"
	"sync"

	"golang.org/x/sync/singleflight"
)

// A Cache renders each key once and keeps the Responses within a byte
// budget in two generations: a hit in the old one moves to the current
// one, and a current one holding half the budget becomes the old one,
// dropping the previous. Keys of an old news.State are never hit again and
// so age out. A Cache is safe for concurrent use.
type Cache struct {
	half   int64 // bytes per generation
	flight singleflight.Group
	gzip   sync.Pool // of *gzip.Writer, for Response

	mu       sync.RWMutex // guards cur, old and curBytes
	cur, old map[string]*Response
	curBytes int64
}

// NewCache returns a Cache holding about maxBytes of Responses (bodies,
// plain and gzipped). 0 means 32 MiB; a negative value keeps nothing, but
// concurrent misses still share one render.
func NewCache(maxBytes int64) *Cache {
	if maxBytes == 0 {
		maxBytes = 32 << 20
	}
	c := &Cache{half: max(maxBytes, 0) / 2, cur: map[string]*Response{}}
	c.gzip.New = func() any { return gzip.NewWriter(nil) }
	return c
}

// Get returns the Response under key, calling render when it is not
// cached. Concurrent misses of a key share one render, run with
// context.WithoutCancel(ctx) so that a client going away fails no other;
// each caller waits for it. A render's error goes to every caller sharing
// it and is not cached.
func (c *Cache) Get(ctx context.Context, key string, render func(ctx context.Context) (*Response, error)) (*Response, error) {
	if r := c.lookup(key); r != nil {
		return r, nil
	}
	v, err, _ := c.flight.Do(key, func() (any, error) {
		if r := c.lookup(key); r != nil { // put by a render that just ended
			return r, nil
		}
		r, err := render(context.WithoutCancel(ctx))
		if err == nil && r == nil {
			err = errors.New("web: render returned no response")
		}
		if err != nil {
			return nil, err
		}
		c.mu.Lock()
		c.store(key, r)
		c.mu.Unlock()
		return r, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*Response), nil
}

// Response is NewResponse for a render on a miss: it gzips with a writer
// from the Cache's pool, so a miss does not allocate a compressor's tables
// (about 800 KB, which tripled the time of a small page's miss).
func (c *Cache) Response(body []byte, contentType string, header http.Header) *Response {
	zw := c.gzip.Get().(*gzip.Writer)
	defer c.gzip.Put(zw)
	return newResponse(body, contentType, header, zw)
}

// lookup returns the Response under key, or nil, moving a hit in the old
// generation to the current one.
func (c *Cache) lookup(key string) *Response {
	c.mu.RLock()
	r := c.cur[key]
	c.mu.RUnlock()
	if r != nil {
		return r
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if r = c.old[key]; r != nil {
		delete(c.old, key)
		c.store(key, r)
	}
	return r
}

// store keeps r under key in the current generation, starting a new one
// first when r would not fit. A Response over half the budget is not
// kept. c.mu must be held.
func (c *Cache) store(key string, r *Response) {
	n := r.size() + int64(len(key))
	if n > c.half {
		return
	}
	if c.curBytes+n > c.half {
		c.old, c.cur, c.curBytes = c.cur, map[string]*Response{}, 0
	}
	if prev := c.cur[key]; prev != nil {
		c.curBytes -= prev.size() + int64(len(key))
	}
	c.cur[key] = r
	c.curBytes += n
}

// Key joins the parts of a cache key unambiguously, each prefixed with its
// length. A key holds everything the bytes depend on: the route, the
// canonical parameters, news.State.Key and the handler's Fingerprint.
func Key(parts ...string) string {
	n := 0
	for _, p := range parts {
		n += len(p) + 4
	}
	b := make([]byte, 0, n)
	for _, p := range parts {
		b = append(strconv.AppendInt(b, int64(len(p)), 10), ':')
		b = append(b, p...)
	}
	return string(b)
}

// Fingerprint returns a short hash of parts (what else changes the bytes
// of a handler's answers: base URL, options, templates, asset hashes) and
// of the release, the running program's build information. Compute it
// once, when the handler is made.
func Fingerprint(parts ...string) string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		parts = append(parts[:len(parts):len(parts)], bi.String())
	}
	sum := sha256.Sum256([]byte(Key(parts...)))
	return base64.RawURLEncoding.EncodeToString(sum[:12])
}
