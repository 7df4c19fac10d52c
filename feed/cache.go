package feed

import (
	"container/list"
	"sync/atomic"
)

// An lru keeps rendered feeds by normalised variant within a byte budget, dropping the
// least recently used first. It is not safe for concurrent use; Handler.mu
// guards it, except for peek, which takes no lock.
type lru struct {
	budget, used int64
	order        *list.List                // of *lruEntry, most recently used first
	byKey        map[Variant]*list.Element // the elements of order by key
	// front is the first entry of order, for peek.
	front atomic.Pointer[lruEntry]
}

// An lruEntry is one cached feed. It does not change once made.
type lruEntry struct {
	key Variant
	r   *rendered
}

// newLRU returns an empty cache holding at most budget bytes; a budget of
// 0 keeps nothing.
func newLRU(budget int64) *lru {
	return &lru{budget: budget, order: list.New(), byKey: make(map[Variant]*list.Element)}
}

// get returns the feed cached under key, or nil, and marks it used.
func (c *lru) get(key Variant) *rendered {
	el := c.byKey[key]
	if el == nil {
		return nil
	}
	c.order.MoveToFront(el)
	c.setFront()
	return el.Value.(*lruEntry).r
}

// peek returns the feed cached under key if it is the most recently used,
// or nil. Getting that feed would not change the order, so peek needs no
// lock: it is safe for concurrent use with the other methods.
func (c *lru) peek(key Variant) *rendered {
	if e := c.front.Load(); e != nil && e.key == key {
		return e.r
	}
	return nil
}

// setFront records the first entry of order in front.
func (c *lru) setFront() {
	var e *lruEntry
	if el := c.order.Front(); el != nil {
		e = el.Value.(*lruEntry)
	}
	c.front.Store(e)
}

// put caches r under key, replacing what was there, then drops the least
// recently used feeds until the budget holds. A feed larger than the whole
// budget is not kept.
func (c *lru) put(key Variant, r *rendered) {
	defer c.setFront()
	if el := c.byKey[key]; el != nil {
		c.remove(el)
	}
	if r.size() > c.budget {
		return
	}
	c.byKey[key] = c.order.PushFront(&lruEntry{key: key, r: r})
	c.used += r.size()
	for c.used > c.budget {
		c.remove(c.order.Back())
	}
}

// remove drops the element el.
func (c *lru) remove(el *list.Element) {
	e := c.order.Remove(el).(*lruEntry)
	delete(c.byKey, e.key)
	c.used -= e.r.size()
}

// len returns the number of cached feeds.
func (c *lru) len() int { return c.order.Len() }
