package news

import (
	"math/rand/v2"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
)

// TestSlotTable puts and deletes random articles, with IDs that differ
// only in their last bytes (as sequential ones do) or random ones, and
// checks after every step that the table finds what a map finds.
func TestSlotTable(t *testing.T) {
	for _, tc := range []struct {
		name string
		id   func(r *rand.Rand, i int) uuid.UUID
	}{
		{"sequential", func(_ *rand.Rand, i int) uuid.UUID { return uuid.UUID{0: 2, 14: byte(i >> 8), 15: byte(i)} }},
		{"random", func(r *rand.Rand, _ int) uuid.UUID {
			var u uuid.UUID
			for i := range u {
				u[i] = byte(r.Uint32())
			}
			return u
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(3, 5))
			var tab slotTable
			var docs []relDoc
			var free []int32
			want := map[uuid.UUID]int32{}
			var ids []uuid.UUID
			for step := range 5000 {
				if len(ids) > 0 && r.IntN(3) == 0 {
					k := r.IntN(len(ids))
					id := ids[k]
					d := want[id]
					tab.delete(docs, d)
					docs[d] = relDoc{}
					free = append(free, d)
					delete(want, id)
					ids[k] = ids[len(ids)-1]
					ids = ids[:len(ids)-1]
				} else {
					id := tc.id(r, step)
					var d int32
					if n := len(free); n > 0 {
						d, free = free[n-1], free[:n-1]
					} else {
						d = int32(len(docs))
						docs = append(docs, relDoc{})
					}
					docs[d] = relDoc{id: id}
					tab.put(docs, d)
					want[id] = d
					ids = append(ids, id)
				}
				require.Equal(t, len(want), tab.n, "step %d: size", step)
				if step%100 == 0 {
					for id, d := range want {
						got, ok := tab.get(docs, id)
						require.True(t, ok, "step %d: get(%s) not found", step, id)
						require.Equal(t, d, got, "step %d: get(%s)", step, id)
					}
					_, ok := tab.get(docs, uuid.UUID{0: 9})
					require.False(t, ok, "step %d: an ID never put is found", step)
				}
			}
		})
	}
}
