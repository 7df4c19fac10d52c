package feed

import "container/list"

// An lru keeps rendered feeds by normalised variant within a byte budget, dropping the
// least recently used first. It is not safe for concurrent use; Handler.mu
// guards it.
type lru struct {
	budget, used int64
	order        *list.List                // of *lruEntry, most recently used first
	byKey        map[Variant]*list.Element // the elements of order by key
}

// An lruEntry is one cached feed.
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
	return el.Value.(*lruEntry).r
}

// put caches r under key, replacing what was there, then drops the least
// recently used feeds until the budget holds. A feed larger than the whole
// budget is not kept.
func (c *lru) put(key Variant, r *rendered) {
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
