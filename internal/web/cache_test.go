package web

import (
	"context"
	"errors"
	"sync"
	"testing"
	"testing/synctest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// respOf returns an uncompressed Response of n bytes (under 1 KiB, so no
// gzip form), whose Cache charge is n + 512 + the key's length.
func respOf(n int) *Response { return NewResponse(make([]byte, n), "text/plain", nil) }

func TestCacheSharesConcurrentMisses(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := NewCache(-1) // keeps nothing: only the shared render can serve them all
		release := make(chan struct{})
		renders := 0
		render := func(ctx context.Context) (*Response, error) {
			renders++
			<-release
			return respOf(10), nil
		}
		const n = 8
		got := make([]*Response, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				r, err := c.Get(context.Background(), "k", render)
				assert.NoError(t, err)
				got[i] = r
			})
		}
		synctest.Wait() // every Get is waiting: one in render, the others for it
		require.Equal(t, 1, renders, "renders while %d requests wait", n)
		close(release)
		wg.Wait()
		for i := range got {
			assert.Same(t, got[0], got[i], "request %d got another Response", i)
		}
	})
}

func TestCacheRenderOutlivesClient(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r, err := NewCache(0).Get(ctx, "k", func(ctx context.Context) (*Response, error) {
		return respOf(1), ctx.Err()
	})
	require.NoError(t, err, "the render saw the caller's cancellation")
	assert.NotNil(t, r)
}

func TestCacheErrorsNotCached(t *testing.T) {
	c := NewCache(0)
	renders := 0
	render := func(context.Context) (*Response, error) {
		renders++
		if renders == 1 {
			return nil, errors.New("store down")
		}
		return respOf(1), nil
	}
	_, err := c.Get(context.Background(), "k", render)
	require.EqualError(t, err, "store down")
	for range 2 {
		r, err := c.Get(context.Background(), "k", render)
		require.NoError(t, err)
		require.NotNil(t, r)
	}
	assert.Equal(t, 2, renders, "renders: one failed, then one cached")

	_, err = c.Get(context.Background(), "nil", func(context.Context) (*Response, error) { return nil, nil })
	assert.Error(t, err, "a render returning nothing")
}

func TestCacheByteBound(t *testing.T) {
	// Each Response charges 488 + 512 + 1-byte key = 1001 bytes; a
	// generation holds 3000 bytes, so two of them.
	c := NewCache(6000)
	renders := map[string]int{}
	get := func(key string) {
		t.Helper()
		_, err := c.Get(context.Background(), key, func(context.Context) (*Response, error) {
			renders[key]++
			return respOf(488), nil
		})
		require.NoError(t, err)
	}
	for _, k := range []string{"a", "b", "c", "d"} { // a, b fill a generation; c starts the next
		get(k)
	}
	get("a") // a hit in the old generation moves to a new one: c, d become old, b is dropped
	get("e") // current: a, e
	get("b") // rendered again
	assert.Equal(t, map[string]int{"a": 1, "b": 2, "c": 1, "d": 1, "e": 1}, renders)
	c.mu.RLock()
	kept := len(c.cur) + len(c.old)
	c.mu.RUnlock()
	assert.LessOrEqual(t, kept*1001, 6000, "bytes kept")

	big := NewCache(2000) // a generation of 1000 bytes: a 1001-byte Response is never kept
	for range 2 {
		_, err := big.Get(context.Background(), "z", func(context.Context) (*Response, error) {
			renders["z"]++
			return respOf(488), nil
		})
		require.NoError(t, err)
	}
	assert.Equal(t, 2, renders["z"], "renders of a Response over half the budget")
}

func TestKey(t *testing.T) {
	assert.NotEqual(t, Key("ab", "c"), Key("a", "bc"))
	assert.NotEqual(t, Key("a\x00", "b"), Key("a", "\x00b"))
	assert.NotEqual(t, Key("a", ""), Key("a"))
	assert.Equal(t, Key("feed", "rss", "v1-e0"), Key("feed", "rss", "v1-e0"))
}

func TestFingerprint(t *testing.T) {
	a := Fingerprint("https://a.example/", "opts")
	assert.Equal(t, a, Fingerprint("https://a.example/", "opts"))
	assert.NotEqual(t, a, Fingerprint("https://b.example/", "opts"))
	assert.NotEqual(t, Fingerprint("ab", "c"), Fingerprint("a", "bc"))
	assert.Len(t, a, 16)
	parts := make([]string, 1, 2)
	parts[0] = "x"
	Fingerprint(parts...)
	assert.Empty(t, parts[:2][1], "Fingerprint wrote into its argument's spare capacity")
}
