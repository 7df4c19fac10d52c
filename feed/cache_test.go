package feed

import "testing"

func TestLRU(t *testing.T) {
	feed := func(n int) *rendered { return &rendered{body: make([]byte, n-512)} } // size() adds 512
	v := func(limit int) Variant { return Variant{Format: RSS, Limit: limit} }
	c := newLRU(3000)
	c.put(v(1), feed(1000))
	c.put(v(2), feed(1000))
	c.put(v(3), feed(1000))
	if c.len() != 3 || c.used != 3000 {
		t.Fatalf("after 3 puts: %d feeds, %d bytes; want 3, 3000", c.len(), c.used)
	}
	c.get(v(1))             // 1 is now the most recently used
	c.put(v(4), feed(1000)) // drops 2, the least recently used
	c.put(v(3), feed(1500)) // replaces 3, then drops 1
	for limit, want := range map[int]bool{1: false, 2: false, 3: true, 4: true} {
		if got := c.get(v(limit)) != nil; got != want {
			t.Errorf("cached(limit %d) = %v, want %v", limit, got, want)
		}
	}
	if c.used != 2500 {
		t.Errorf("used = %d, want 2500", c.used)
	}
	c.put(v(5), feed(4000)) // larger than the budget: not kept, nothing dropped
	if c.get(v(5)) != nil || c.len() != 2 {
		t.Errorf("a feed larger than the budget was kept or evicted others: %d feeds", c.len())
	}
	c.get(v(3))
	if c.peek(v(4)) != nil || c.peek(v(3)) == nil {
		t.Errorf("peek finds a feed other than the most recently used, or misses that one")
	}
	zero := newLRU(0)
	zero.put(v(1), feed(600))
	if zero.len() != 0 {
		t.Errorf("a cache with no budget keeps %d feeds", zero.len())
	}
}
