package memstore

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news"
)

// check fails unless l holds exactly want (in list order) in well-formed
// blocks.
func (l *sorted[T]) check(t *testing.T, want []T) {
	t.Helper()
	var got []T
	for i, blk := range l.blocks {
		if len(blk) == 0 || len(blk) > 2*blockSize {
			t.Fatalf("block %d has %d entries, want 1..%d", i, len(blk), 2*blockSize)
		}
		got = append(got, blk...)
	}
	if l.n != len(want) || !slices.Equal(got, want) {
		t.Fatalf("list holds %d entries (n = %d), want %d in order", len(got), l.n, len(want))
	}
}

func TestList(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	var l list
	var model []*entry
	byOrder := func(x, y *entry) int {
		switch {
		case before(x, y):
			return -1
		case before(y, x):
			return 1
		}
		return 0
	}
	newE := func() *entry {
		var id uuid.UUID
		id[0] = byte(rng.IntN(256)) // few distinct times: many ties broken by ID
		id[1] = byte(rng.IntN(256))
		id[2] = byte(rng.IntN(256))
		at := time.Unix(int64(rng.IntN(50)), 0)
		return &entry{a: &news.Article{ID: id, PublishAt: at}, id: id, at: at.UnixMicro()}
	}
	for step := range 6000 {
		if len(model) > 0 && rng.IntN(3) == 0 {
			e := model[rng.IntN(len(model))]
			l.remove(e, before)
			model = slices.DeleteFunc(model, func(x *entry) bool { return x == e })
		} else {
			e := newE()
			if slices.ContainsFunc(model, func(x *entry) bool { return x.id == e.id }) {
				continue
			}
			l.insert(e, before)
			model = append(model, e)
		}
		if step%500 == 0 || step == 5999 {
			slices.SortFunc(model, byOrder)
			l.check(t, model)
		}
	}
	if len(l.blocks) < 4 {
		t.Fatalf("the test made only %d blocks; it must split some", len(l.blocks))
	}

	// search finds the first entry strictly after each model entry.
	slices.SortFunc(model, byOrder)
	for i, e := range model {
		p := l.search(func(x *entry) bool { return before(e, x) })
		want := (*entry)(nil)
		if i+1 < len(model) {
			want = model[i+1]
		}
		if got := l.at(p); got != want {
			t.Fatalf("search after entry %d = %p, want %p", i, got, want)
		}
		if i > 0 && l.prev(l.search(func(x *entry) bool { return !before(x, e) })) != model[i-1] {
			t.Fatalf("prev of entry %d is not entry %d", i, i-1)
		}
	}

	// Removing everything leaves no blocks; removing twice is harmless.
	for _, e := range model {
		l.remove(e, before)
		l.remove(e, before)
	}
	l.check(t, nil)
	if len(l.blocks) != 0 {
		t.Fatalf("empty list keeps %d blocks", len(l.blocks))
	}
}
