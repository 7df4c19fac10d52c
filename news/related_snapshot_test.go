package news

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// snapshotFixture returns an index of a few hundred articles in two
// languages and three categories, some removed and some added again, so
// that it has free slots and stale terms.
func snapshotFixture(t testing.TB) *relatedSnapshot {
	t.Helper()
	top := &Category{ID: uuid.UUID{0: 1, 15: 1}, Slug: "khoa-hoc", Name: "Khoa học"}
	sub := &Category{ID: uuid.UUID{0: 1, 15: 2}, Slug: "so-huu-tri-tue", Name: "Sở hữu trí tuệ", ParentID: top.ID}
	other := &Category{ID: uuid.UUID{0: 1, 15: 3}, Slug: "thong-bao", Name: "Thông báo"}
	cats := []*Category{top, sub, other}
	s := newRelatedSnapshot(42, cats)
	words := strings.Fields("Hội thảo chuyển đổi số doanh nghiệp nhỏ và vừa Nghiệm thu đề tài khoa học bưởi da xanh điện mặt trời")
	at := time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)
	f := newRelFolder()
	for i := range 300 {
		a := &Article{ID: uuid.UUID{0: 2, 14: byte(i >> 8), 15: byte(i)}, Slug: fmt.Sprintf("bai-%d", i),
			Title:      strings.Join([]string{words[i%len(words)], words[(i*7)%len(words)], words[(i*13)%len(words)]}, " "),
			CategoryID: cats[i%3].ID, Lang: []string{"vi", "en"}[min(i%10, 1)], Status: StatusPublished,
			PublishAt: at.Add(-time.Duration(i) * time.Hour)}
		if i%4 == 0 {
			a.Tags = []string{"chuyển đổi số", fmt.Sprintf("Chủ đề %d", i%9)}
		}
		_, err := s.addDoc(a, f)
		require.NoError(t, err)
	}
	require.NoError(t, s.finish())
	for i := 0; i < 300; i += 5 {
		s.remove(uuid.UUID{0: 2, 14: byte(i >> 8), 15: byte(i)})
	}
	require.NoError(t, s.add(&Article{ID: uuid.UUID{0: 3}, Slug: "moi", Title: "Hội thảo điện mặt trời mới", CategoryID: sub.ID,
		Lang: "vi", Tags: []string{"điện mặt trời"}, Status: StatusPublished, PublishAt: at.Add(time.Hour)}, nil))
	return s
}

// describe returns what s says of each indexed article, and the articles
// on each term's and category's list, by ID and name rather than by slot.
func describe(s *relatedSnapshot) map[string]string {
	out := map[string]string{}
	names := make([]string, len(s.postings))
	for t, id := range s.terms {
		names[id] = t
	}
	langs := map[uint8]string{}
	for l, n := range s.langs {
		langs[n] = l
	}
	for d := range s.docs {
		doc := &s.docs[d]
		if doc.id == uuid.Nil {
			continue
		}
		var terms []string
		r := s.termsOf(int32(d))
		for t, ok := r.next(); ok; t, ok = r.next() {
			terms = append(terms, names[t])
		}
		slices.Sort(terms)
		got, ok := s.slots.get(s.docs, doc.id)
		out["doc "+doc.id.String()] = fmt.Sprintf("%s %d %s %s %q found=%v", doc.slug, doc.at, s.catIDs[doc.cat], langs[doc.lang], terms, ok && got == int32(d))
	}
	ids := func(l []int32) string {
		var out []string
		for _, d := range l {
			out = append(out, s.docs[d].id.String())
		}
		slices.Sort(out)
		return strings.Join(out, ",")
	}
	for t, id := range s.terms {
		if len(s.postings[id]) > 0 {
			out["term "+t] = ids(s.postings[id])
		}
	}
	for c, l := range s.cats {
		out["cat "+c.String()] = ids(l)
	}
	out["size"] = fmt.Sprint(s.size())
	return out
}

// seal returns a snapshot of the version with body, with a valid header.
func seal(version int64, body []byte) []byte {
	out := append([]byte(relatedMagic), relatedFormat)
	out = binary.LittleEndian.AppendUint64(out, relatedRules)
	out = binary.LittleEndian.AppendUint64(out, uint64(version))
	out = binary.LittleEndian.AppendUint64(out, uint64(len(body)))
	out = binary.LittleEndian.AppendUint32(out, crc32.Checksum(body, castagnoli))
	return append(out, body...)
}

func TestRelatedSnapshotRoundTrip(t *testing.T) {
	t.Parallel()
	s := snapshotFixture(t)
	b := s.encode()
	got, err := decodeRelated(b)
	require.NoError(t, err)
	assert.Equal(t, int64(42), got.version)
	assert.Equal(t, describe(s), describe(got))
	assert.Equal(t, b, got.encode(), "a decoded snapshot encodes to the same bytes")
	assert.Empty(t, got.free, "a decoded snapshot has no free slots")

	// The decoded index follows writes as a built one does.
	got.setCategories(nil)
	require.NoError(t, got.add(&Article{ID: uuid.UUID{0: 4}, Slug: "them", Title: "Bưởi da xanh đạt chuẩn", Lang: "vi",
		CategoryID: uuid.UUID{0: 1, 15: 3}, Status: StatusPublished}, nil))
	got.remove(uuid.UUID{0: 3})
	assert.Equal(t, s.size(), got.size())
}

func TestRelatedSnapshotRefused(t *testing.T) {
	t.Parallel()
	good := snapshotFixture(t).encode()
	body := good[relatedHeaderSize:]
	edit := func(f func(b []byte) []byte) []byte { return f(slices.Clone(good)) }
	tests := []struct {
		name string
		b    []byte
		want string
	}{
		{"empty", nil, "not a snapshot"},
		{"other magic", edit(func(b []byte) []byte { b[0] = 'O'; return b }), "not a snapshot"},
		{"other format", edit(func(b []byte) []byte { b[len(relatedMagic)] = relatedFormat + 1; return b }), "format 2, want 1"},
		{"other rules", edit(func(b []byte) []byte { b[len(relatedMagic)+1]++; return b }), "keyword rules"},
		{"cut short", good[:len(good)-1], "bytes, want"},
		{"a byte changed", edit(func(b []byte) []byte { b[len(b)-1] ^= 1; return b }), "checksum mismatch"},
		{"negative version", seal(-1, body), "version -1"},
		{"a byte more", seal(1, append(slices.Clone(body), 0)), "bytes after the terms"},
		{"too many languages", seal(1, binary.AppendUvarint(nil, 1<<20)), "too many languages"},
		{"a term out of range", seal(1, bodyOf(1, nil, []uint64{5})), "term number out of order or range"},
		{"terms out of order", seal(1, bodyOf(3, nil, []uint64{1, 0})), "term number out of order or range"},
		{"the same article twice", seal(1, bodyOf(1, []byte{7, 7}, []uint64{0}, nil)), "twice"},
		{"a nil article ID", seal(1, bodyOf(1, []byte{0}, []uint64{0})), "without an ID"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := decodeRelated(tc.b)
			require.ErrorIs(t, err, errRelatedSnapshot)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

// bodyOf returns the body of a snapshot of one language, one category
// and nt terms, holding one article for each list of term deltas, the
// i-th with the ID ids[i] (i+1 when ids is shorter; 0 is the nil UUID).
func bodyOf(nt int, ids []byte, deltas ...[]uint64) []byte {
	b := binary.AppendUvarint(nil, 1)
	b = appendString(b, "vi")
	b = binary.AppendUvarint(b, 1)
	b = append(b, make([]byte, 16)...)
	b = binary.AppendUvarint(b, uint64(nt))
	for i := range nt {
		b = appendString(b, fmt.Sprintf("t%d", i))
	}
	b = binary.AppendUvarint(b, uint64(len(deltas)))
	for i := range deltas {
		id := byte(i + 1)
		if i < len(ids) {
			id = ids[i]
		}
		u := uuid.UUID{0: 2, 15: id}
		if id == 0 {
			u = uuid.Nil
		}
		b = append(b, u[:]...)
		b = binary.AppendVarint(b, 1)
		b = append(b, 0, 0) // category 0, language 0
	}
	for i := range deltas {
		b = appendString(b, fmt.Sprintf("bai-%d", i))
	}
	var terms []byte
	for _, ds := range deltas {
		terms = binary.AppendUvarint(terms, uint64(len(ds)))
		for _, d := range ds {
			terms = binary.AppendUvarint(terms, d)
		}
	}
	b = binary.AppendUvarint(b, uint64(len(terms)))
	return append(b, terms...)
}

// FuzzRelatedSnapshot decodes snapshot bodies, which a database hands
// back: a body is refused with errRelatedSnapshot or makes an index that
// encodes to bytes decoding to the same index, that lookups and writes can
// use without a panic.
func FuzzRelatedSnapshot(f *testing.F) {
	f.Add(int64(42), snapshotFixture(f).encode()[relatedHeaderSize:])
	f.Add(int64(1), bodyOf(2, nil, []uint64{0, 1}, nil))
	f.Add(int64(1), bodyOf(1, nil, []uint64{5}))
	f.Fuzz(func(t *testing.T, version int64, body []byte) {
		s, err := decodeRelatedBody(version, body)
		if err != nil {
			require.ErrorIs(t, err, errRelatedSnapshot)
			return
		}
		again, err := decodeRelated(s.encode())
		require.NoError(t, err)
		require.Equal(t, describe(s), describe(again))
		s.setCategories(nil)
		now := time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)
		for l := range s.langs {
			for _, cat := range append(slices.Clone(s.catIDs), uuid.Nil) {
				a := &Article{ID: uuid.New(), Title: "Hội thảo chuyển đổi số", Tags: []string{"chuyển đổi số"}, CategoryID: cat, PublishAt: now}
				q := s.prepare(a, l, now, DefaultRelatedConfig)
				for _, c := range s.top(q.candidates(now, 5), 5) {
					q.why(&c)
				}
			}
		}
		for d := range s.docs {
			s.remove(s.docs[d].id)
		}
		require.Zero(t, s.size())
	})
}
