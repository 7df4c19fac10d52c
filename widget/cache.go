package widget

import (
	"errors"
	"hash/fnv"
	"strconv"
	"sync"
)

// An entry is a rendered response kept for reuse.
type entry struct {
	body []byte
	etag string
	// Header values, kept so that serving a hit allocates nothing for them.
	etagH, lengthH []string
}

// A cache keeps rendered responses by key, bounded in bytes. It holds two
// generations: lookups read both, and when the current one is full it
// becomes the previous one and the old previous one is dropped, so entries
// in use survive and stale ones (keyed by an old news.State) age out. It is
// safe for concurrent use.
type cache struct {
	mu   sync.RWMutex // guards cur, prev and size
	cur  map[string]*entry
	prev map[string]*entry
	size int // bytes in cur
	max  int // bytes per generation

	fmu    sync.Mutex       // guards flight
	flight map[string]*call // renders in progress, by key
}

// A call is a render in progress; requests for the same key wait for it.
type call struct {
	done chan struct{}
	e    *entry
	err  error
}

var errRenderFailed = errors.New("widget: render failed")

func newCache(maxBytes int) *cache {
	return &cache{cur: make(map[string]*entry), max: maxBytes / 2, flight: make(map[string]*call)}
}

// fill returns the entry under key, rendering it with render when absent.
// Concurrent fills of one key share one render, so a page that expires
// under load is rendered once, not once per waiting request. render must
// not depend on a single request's cancellation.
func (c *cache) fill(key string, render func() ([]byte, error)) (*entry, error) {
	if e := c.get(key); e != nil {
		return e, nil
	}
	c.fmu.Lock()
	if cl := c.flight[key]; cl != nil {
		c.fmu.Unlock()
		<-cl.done
		return cl.e, cl.err
	}
	cl := &call{done: make(chan struct{}), err: errRenderFailed}
	c.flight[key] = cl
	c.fmu.Unlock()
	defer func() {
		c.fmu.Lock()
		delete(c.flight, key)
		c.fmu.Unlock()
		close(cl.done)
	}()
	body, err := render()
	if err != nil {
		cl.err = err
		return nil, err
	}
	cl.e, cl.err = c.put(key, body), nil
	return cl.e, nil
}

// get returns the entry with the key, or nil.
func (c *cache) get(key string) *entry {
	c.mu.RLock()
	e := c.cur[key]
	if e == nil {
		e = c.prev[key]
	}
	c.mu.RUnlock()
	return e
}

// lookup is get for a key held in a byte slice; it allocates nothing.
func (c *cache) lookup(key []byte) *entry {
	c.mu.RLock()
	e := c.cur[string(key)]
	if e == nil {
		e = c.prev[string(key)]
	}
	c.mu.RUnlock()
	return e
}

// put stores the body under the key and returns its entry. A body larger
// than a generation is returned without being kept.
func (c *cache) put(key string, body []byte) *entry {
	etag := etagOf(key)
	e := &entry{body: body, etag: etag, etagH: []string{etag}, lengthH: contentLength(len(body))}
	n := len(body) + len(key)
	if n > c.max {
		return e
	}
	c.mu.Lock()
	if c.size+n > c.max {
		c.prev, c.cur, c.size = c.cur, make(map[string]*entry, len(c.cur)), 0
	}
	c.cur[key] = e
	c.size += n
	c.mu.Unlock()
	return e
}

// etagOf returns the strong ETag of the response cached under key. The key
// holds everything the bytes depend on (route, parameters, language and
// news.State), and rendering is deterministic, so equal keys mean equal
// bytes.
func etagOf(key string) string {
	f := fnv.New128a()
	f.Write([]byte(key))
	var sum [16]byte
	b := f.Sum(sum[:0])
	buf := make([]byte, 0, 2+32)
	buf = append(buf, '"')
	for _, x := range b {
		buf = append(buf, hexDigits[x>>4], hexDigits[x&0xf])
	}
	buf = append(buf, '"')
	return string(buf)
}

const hexDigits = "0123456789abcdef"

// etagMatch reports whether an If-None-Match header value matches etag,
// using the weak comparison RFC 9110 prescribes for If-None-Match.
func etagMatch(header, etag string) bool {
	for header != "" {
		var tag string
		tag, header = nextETag(header)
		if tag == "*" || tag == etag || tag == "W/"+etag {
			return true
		}
	}
	return false
}

// nextETag splits the first entity tag off a comma-separated list.
func nextETag(s string) (tag, rest string) {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == ',') {
		i++
	}
	s = s[i:]
	j := 0
	if len(s) >= 2 && s[0] == 'W' && s[1] == '/' {
		j = 2
	}
	if j < len(s) && s[j] == '"' {
		if k := indexByteFrom(s, '"', j+1); k >= 0 {
			return s[:k+1], s[k+1:]
		}
		return s, ""
	}
	for j < len(s) && s[j] != ',' {
		j++
	}
	return s[:j], s[j:]
}

func indexByteFrom(s string, b byte, from int) int {
	for i := from; i < len(s); i++ {
		if s[i] == b {
			return i
		}
	}
	return -1
}

// contentLength formats n for the Content-Length header.
func contentLength(n int) []string { return []string{strconv.Itoa(n)} }

// A memo remembers what the valid raw queries of a route parse to, so that
// the repeated requests of an embedded box or a client skip parsing. It
// keeps at most memoMax queries of at most memoQuery bytes and then stops
// adding: it never grows with what clients invent. Queries with tracking
// parameters, which differ per click, are not remembered (see parseWith).
// It is safe for concurrent use.
type memo[T any] struct {
	mu sync.RWMutex // guards m
	m  map[string]T // raw query → immutable parsed value
}

const (
	memoMax   = 1024
	memoQuery = 512
)

// get returns the value remembered for the raw query.
func (m *memo[T]) get(raw string) (T, bool) {
	m.mu.RLock()
	v, ok := m.m[raw]
	m.mu.RUnlock()
	return v, ok
}

// put remembers v for the raw query, unless the query is long or the memo
// full.
func (m *memo[T]) put(raw string, v T) {
	if len(raw) > memoQuery {
		return
	}
	m.mu.Lock()
	if m.m == nil {
		m.m = make(map[string]T)
	}
	if len(m.m) < memoMax {
		m.m[raw] = v
	}
	m.mu.Unlock()
}
