package memstore

import (
	"bytes"
	"slices"
	"sort"
)

// blockSize is the size a block is cut back to when it grows past twice
// as much. Blocks keep an insertion's copy short (at most 2·blockSize
// elements) while the block index stays small (n/blockSize entries).
const blockSize = 128

// A sorted holds distinct values in an order that its insert and remove
// are given: a sorted sequence cut into blocks, a flat B-tree of height
// two. A search is two binary searches, an insertion or removal moves at
// most one block and the block index. The Store keeps its lists of
// entries in one.
//
// A sorted is not safe for concurrent use; the Store's mutex guards it.
type sorted[T comparable] struct {
	blocks [][]T // every block non-empty, blocks in order
	n      int   // number of values
}

// A list holds entries in list order: PublishAt descending, then ID
// descending (the order of news.Store.Articles and news.Cursor).
type list = sorted[*entry]

// A pos is the position of a value in a sorted: block b, index i. The
// position past the end has b == len(blocks).
type pos struct{ b, i int }

// before reports whether x comes before y in list order.
func before(x, y *entry) bool {
	if x.at != y.at {
		return x.at > y.at
	}
	return bytes.Compare(x.id[:], y.id[:]) > 0
}

// search returns the position of the first value for which f is true. f
// must be false and then true along the sequence (as sort.Search wants).
func (l *sorted[T]) search(f func(T) bool) pos {
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

// at returns the value at p, or the zero value past the end.
func (l *sorted[T]) at(p pos) T {
	if p.b >= len(l.blocks) {
		var zero T
		return zero
	}
	return l.blocks[p.b][p.i]
}

// next returns the position after p.
func (l *sorted[T]) next(p pos) pos {
	p.i++
	if p.i == len(l.blocks[p.b]) {
		p.b++
		p.i = 0
	}
	return p
}

// prev returns the value before p, or the zero value when p is the first
// position.
func (l *sorted[T]) prev(p pos) T {
	if p.i > 0 {
		return l.blocks[p.b][p.i-1]
	}
	if p.b == 0 {
		var zero T
		return zero
	}
	blk := l.blocks[p.b-1]
	return blk[len(blk)-1]
}

// insert adds x, which must not be in l, at its place by less.
func (l *sorted[T]) insert(x T, less func(a, b T) bool) {
	l.n++
	if len(l.blocks) == 0 {
		l.blocks = [][]T{append(make([]T, 0, 8), x)}
		return
	}
	p := l.search(func(y T) bool { return less(x, y) })
	if p.b == len(l.blocks) {
		p.b--
		p.i = len(l.blocks[p.b])
	}
	blk := slices.Insert(l.blocks[p.b], p.i, x)
	if len(blk) <= 2*blockSize {
		l.blocks[p.b] = blk
		return
	}
	// The right half moves to a new array with room to grow; the left half
	// keeps the old one, whose tail is cleared for the garbage collector.
	right := append(make([]T, 0, 2*blockSize+1), blk[blockSize:]...)
	clear(blk[blockSize:])
	l.blocks[p.b] = blk[:blockSize]
	l.blocks = slices.Insert(l.blocks, p.b+1, right)
}

// remove deletes x from l; it does nothing when x is not in l.
func (l *sorted[T]) remove(x T, less func(a, b T) bool) {
	p := l.search(func(y T) bool { return !less(y, x) })
	if p.b == len(l.blocks) || l.at(p) != x {
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
