package memstore

import (
	"bytes"
	"slices"
	"sort"
)

// blockSize is the size a list block is cut back to when it grows past
// twice as much. Blocks keep an insertion's copy short (at most 2·blockSize
// pointers) while the block index stays small (n/blockSize entries).
const blockSize = 128

// A list holds entries in list order: PublishAt descending, then ID
// descending (the order of news.Store.Articles and news.Cursor). It is a
// sorted sequence cut into blocks, a flat B-tree of height two: a search
// is two binary searches, an insertion or removal moves at most one block
// and the block index.
//
// A list is not safe for concurrent use; the Store's mutex guards it.
type list struct {
	blocks [][]*entry // every block non-empty, blocks in list order
	n      int        // number of entries
}

// A pos is the position of an entry in a list: block b, index i. The
// position past the end has b == len(l.blocks).
type pos struct{ b, i int }

// before reports whether x comes before y in list order.
func before(x, y *entry) bool {
	if x.at != y.at {
		return x.at > y.at
	}
	return bytes.Compare(x.id[:], y.id[:]) > 0
}

// search returns the position of the first entry for which f is true. f
// must be false and then true along the list (as sort.Search wants).
func (l *list) search(f func(*entry) bool) pos {
	b := sort.Search(len(l.blocks), func(i int) bool {
		blk := l.blocks[i]
		return f(blk[len(blk)-1])
	})
	if b == len(l.blocks) {
		return pos{b, 0}
	}
	blk := l.blocks[b]
	return pos{b, sort.Search(len(blk), func(i int) bool { return f(blk[i]) })}
}

// at returns the entry at p, or nil past the end.
func (l *list) at(p pos) *entry {
	if p.b >= len(l.blocks) {
		return nil
	}
	return l.blocks[p.b][p.i]
}

// next returns the position after p.
func (l *list) next(p pos) pos {
	p.i++
	if p.i == len(l.blocks[p.b]) {
		p.b++
		p.i = 0
	}
	return p
}

// prev returns the entry before p, or nil when p is the first position.
func (l *list) prev(p pos) *entry {
	if p.i > 0 {
		return l.blocks[p.b][p.i-1]
	}
	if p.b == 0 {
		return nil
	}
	blk := l.blocks[p.b-1]
	return blk[len(blk)-1]
}

// insert adds e, which must not be in l.
func (l *list) insert(e *entry) {
	l.n++
	if len(l.blocks) == 0 {
		l.blocks = [][]*entry{append(make([]*entry, 0, 8), e)}
		return
	}
	p := l.search(func(x *entry) bool { return before(e, x) })
	if p.b == len(l.blocks) {
		p.b--
		p.i = len(l.blocks[p.b])
	}
	blk := slices.Insert(l.blocks[p.b], p.i, e)
	if len(blk) <= 2*blockSize {
		l.blocks[p.b] = blk
		return
	}
	// The right half moves to a new array with room to grow; the left half
	// keeps the old one, whose tail is cleared for the garbage collector.
	right := append(make([]*entry, 0, 2*blockSize+1), blk[blockSize:]...)
	clear(blk[blockSize:])
	l.blocks[p.b] = blk[:blockSize]
	l.blocks = slices.Insert(l.blocks, p.b+1, right)
}

// remove deletes e from l; it does nothing when e is not in l.
func (l *list) remove(e *entry) {
	p := l.search(func(x *entry) bool { return !before(x, e) })
	if l.at(p) != e {
		return
	}
	l.n--
	blk := slices.Delete(l.blocks[p.b], p.i, p.i+1)
	if len(blk) == 0 {
		l.blocks = slices.Delete(l.blocks, p.b, p.b+1)
		return
	}
	l.blocks[p.b] = blk
}
