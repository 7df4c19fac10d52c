package news

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"hash/fnv"
	"log/slog"
	"math"
	"slices"
	"time"

	"github.com/google/uuid"
)

// A RelatedSnapshotter is a ChangeLogger that also keeps a snapshot of the
// index of [Public.Related], so that a process starting reads the
// snapshot and the articles logged as changed since, rather than every
// published article (sqlstore is one; memstore, which starts empty, is
// not). The snapshot is opaque bytes to the store: [Public] writes it and
// checks it when it reads it back, and builds the index from the articles
// when it is missing, of another format, or damaged.
type RelatedSnapshotter interface {
	ChangeLogger
	// RelatedSnapshot returns the snapshot saved last, or nil and no
	// error when none was. Errors are the store's.
	RelatedSnapshot(ctx context.Context) ([]byte, error)
	// SaveRelatedSnapshot keeps b, the snapshot of the index at the
	// public version v, in place of the one kept, unless that one is of a
	// later version (another instance saved a newer one). It does not
	// move the store's versions. Errors are the store's.
	SaveRelatedSnapshot(ctx context.Context, v int64, b []byte) error
}

// relatedSaveEvery is how many steps of the public version the index
// follows before it saves a snapshot again: a store's change log must
// reach back to a snapshot for a start to use it (sqlstore keeps 1,024
// steps by default).
const relatedSaveEvery = 64

// relatedSaveTimeout bounds a snapshot's save, which runs after the
// lookup that started it has returned.
const relatedSaveTimeout = time.Minute

// The snapshot's header: a magic string, the format, a fingerprint of the
// keyword rules, the public version, the length and the CRC-32C of the
// body.
const (
	relatedMagic      = "orgnews/related\x00"
	relatedFormat     = 1
	relatedHeaderSize = len(relatedMagic) + 1 + 8 + 8 + 8 + 4
)

// relatedRules is a fingerprint of the rules a snapshot's terms were made
// by beyond its format: the stop words and the bound on keywords. A
// snapshot made by other rules is rebuilt rather than read. A change to
// folding or splitting titles is a change of relatedFormat.
var relatedRules = func() uint64 {
	words := make([]string, 0, len(stopWords))
	for w := range stopWords {
		words = append(words, w)
	}
	slices.Sort(words)
	h := fnv.New64a()
	for _, w := range words {
		h.Write([]byte(w))
		h.Write([]byte{0})
	}
	h.Write(binary.AppendUvarint(nil, maxKeywords))
	return h.Sum64()
}()

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// errRelatedSnapshot is wrapped by every reason decodeRelated refuses a
// snapshot.
var errRelatedSnapshot = errors.New("related index snapshot")

// encode returns the snapshot of the index: the header, then its
// languages and categories by number, its terms by ID, and its indexed
// articles in slot order in three runs: each one's ID, time (as the
// difference from the previous one's), category and language numbers;
// then their slugs; then their terms as in the forward index, one run of
// bytes after its length, so that a decode copies it once. Free slots are
// left out, so the articles of a decoded snapshot take slots in that
// order. The caller holds the index's lock for reading.
func (s *relatedSnapshot) encode() []byte {
	body := make([]byte, 0, 64+len(s.forward)+len(s.docs)*40)
	langs := make([]string, len(s.langs))
	for l, n := range s.langs {
		langs[n] = l
	}
	body = binary.AppendUvarint(body, uint64(len(langs)))
	for _, l := range langs {
		body = appendString(body, l)
	}
	body = binary.AppendUvarint(body, uint64(len(s.catIDs)))
	for _, c := range s.catIDs {
		body = append(body, c[:]...)
	}
	terms := make([]string, len(s.postings))
	for t, id := range s.terms {
		terms[id] = t
	}
	body = binary.AppendUvarint(body, uint64(len(terms)))
	for _, t := range terms {
		body = appendString(body, t)
	}
	body = binary.AppendUvarint(body, uint64(s.size()))
	var live []int32
	for d := range s.docs {
		if s.docs[d].id != uuid.Nil {
			live = append(live, int32(d))
		}
	}
	var last int64
	for _, d := range live {
		doc := &s.docs[d]
		body = append(body, doc.id[:]...)
		body = binary.AppendVarint(body, doc.at-last)
		last = doc.at
		body = binary.AppendUvarint(body, uint64(doc.cat))
		body = append(body, doc.lang)
	}
	for _, d := range live {
		body = appendString(body, s.docs[d].slug)
	}
	ends := make([]uint32, len(live))
	size := 0
	for i, d := range live {
		r := s.termsOf(d)
		ends[i] = s.docs[d].terms + uint32(r.len())
		size += int(ends[i] - s.docs[d].terms)
	}
	body = binary.AppendUvarint(body, uint64(size))
	for i, d := range live {
		body = append(body, s.forward[s.docs[d].terms:ends[i]]...)
	}
	out := make([]byte, 0, relatedHeaderSize+len(body))
	out = append(out, relatedMagic...)
	out = append(out, relatedFormat)
	out = binary.LittleEndian.AppendUint64(out, relatedRules)
	out = binary.LittleEndian.AppendUint64(out, uint64(s.version))
	out = binary.LittleEndian.AppendUint64(out, uint64(len(body)))
	out = binary.LittleEndian.AppendUint32(out, crc32.Checksum(body, castagnoli))
	return append(out, body...)
}

// appendString appends s to b, after its length.
func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// decodeRelated reads a snapshot made by encode. It returns an error
// wrapping errRelatedSnapshot when b is of another format or rules, or
// damaged: its checksum is checked first, and then every count, number
// and term of the body, so that no bytes make an index that a lookup
// could read out of bounds. The category paths are left to
// setCategories.
func decodeRelated(b []byte) (*relatedSnapshot, error) {
	if len(b) < relatedHeaderSize || string(b[:len(relatedMagic)]) != relatedMagic {
		return nil, fmt.Errorf("%w: not a snapshot", errRelatedSnapshot)
	}
	h := b[len(relatedMagic):]
	if h[0] != relatedFormat {
		return nil, fmt.Errorf("%w: format %d, want %d", errRelatedSnapshot, h[0], relatedFormat)
	}
	if r := binary.LittleEndian.Uint64(h[1:]); r != relatedRules {
		return nil, fmt.Errorf("%w: keyword rules %#x, want %#x", errRelatedSnapshot, r, relatedRules)
	}
	version := int64(binary.LittleEndian.Uint64(h[9:]))
	size := binary.LittleEndian.Uint64(h[17:])
	sum := binary.LittleEndian.Uint32(h[25:])
	body := b[relatedHeaderSize:]
	if size != uint64(len(body)) {
		return nil, fmt.Errorf("%w: %d bytes, want %d", errRelatedSnapshot, len(body), size)
	}
	if crc32.Checksum(body, castagnoli) != sum {
		return nil, fmt.Errorf("%w: checksum mismatch", errRelatedSnapshot)
	}
	return decodeRelatedBody(version, body)
}

// decodeRelatedBody reads the body of a snapshot of the given version
// (see encode), checking everything but the checksum.
func decodeRelatedBody(version int64, body []byte) (*relatedSnapshot, error) {
	if version < 0 {
		return nil, fmt.Errorf("%w: version %d", errRelatedSnapshot, version)
	}
	r := &snapReader{b: body}
	s := &relatedSnapshot{version: version, langs: map[string]uint8{}, catNums: map[uuid.UUID]uint16{}}
	nl := r.count(1, maxRelLangs, "languages")
	for i := range nl {
		s.langs[r.string()] = uint8(i)
	}
	if r.err == nil && len(s.langs) != nl {
		r.fail("a language twice")
	}
	nc := r.count(16, maxRelCats, "categories")
	s.catIDs = make([]uuid.UUID, 0, nc)
	for i := range nc {
		var c uuid.UUID
		copy(c[:], r.bytes(16))
		s.catIDs = append(s.catIDs, c)
		s.catNums[c] = uint16(i)
	}
	if r.err == nil && len(s.catNums) != nc {
		r.fail("a category twice")
	}
	nt := r.count(1, math.MaxInt32, "terms")
	s.terms = make(map[string]int32, nt)
	for i := range nt {
		s.terms[r.string()] = int32(i)
	}
	if r.err == nil && len(s.terms) != nt {
		r.fail("a term twice")
	}
	s.postings = make([][]int32, nt)
	// An article takes at least 21 bytes: its ID, time, category,
	// language, slug's length and number of terms.
	nd := r.count(21, math.MaxInt32, "articles")
	s.docs = make([]relDoc, nd)
	var at int64
	for d := range s.docs {
		doc := &s.docs[d]
		copy(doc.id[:], r.bytes(16))
		at += r.varint()
		doc.at = at
		if c := r.uvarint(); c < uint64(nc) {
			doc.cat = uint16(c)
		} else {
			r.fail("category number out of range")
		}
		if l := r.bytes(1); len(l) == 1 && int(l[0]) < nl {
			doc.lang = l[0]
		} else {
			r.fail("language number out of range")
		}
		if r.err == nil && doc.id == uuid.Nil {
			r.fail("an article without an ID")
		}
		if r.err != nil {
			return nil, r.err
		}
	}
	// The slugs share one string: one allocation rather than one each.
	ends := make([]int, nd)
	slugs := r.b
	size := 0
	for d := range ends {
		n := r.uvarint()
		if n > uint64(len(r.b)) {
			r.fail("cut short")
			return nil, r.err
		}
		r.b = r.b[n:]
		size += int(n)
		ends[d] = size
	}
	text := make([]byte, 0, size)
	for range ends {
		n, k := binary.Uvarint(slugs)
		text = append(text, slugs[k:k+int(n)]...)
		slugs = slugs[k+int(n):]
	}
	all := string(text)
	from := 0
	for d := range s.docs {
		s.docs[d].slug = all[from:ends[d]]
		from = ends[d]
	}
	fw := r.bytes(r.count(1, math.MaxInt32, "bytes of terms"))
	if r.err == nil && len(r.b) > 0 {
		r.fail("bytes after the terms")
	}
	if r.err != nil {
		return nil, r.err
	}
	s.forward = slices.Clone(fw)
	tr := &snapReader{b: s.forward}
	for d := range s.docs {
		s.docs[d].terms = uint32(len(s.forward) - len(tr.b))
		tr.terms(nt)
		if tr.err != nil {
			return nil, tr.err
		}
	}
	if len(tr.b) > 0 {
		tr.fail("bytes after the last article's terms")
		return nil, tr.err
	}
	if err := s.link(); err != nil {
		return nil, fmt.Errorf("%w: %w", errRelatedSnapshot, err)
	}
	return s, nil
}

// A snapReader reads a snapshot's body, remembering the first error: a
// read after it returns zero values.
type snapReader struct {
	b   []byte
	err error
}

// fail records the reason the body is refused, if none is yet.
func (r *snapReader) fail(why string) {
	if r.err == nil {
		r.err = fmt.Errorf("%w: %s at byte %d from the end", errRelatedSnapshot, why, len(r.b))
		r.b = nil
	}
}

func (r *snapReader) uvarint() uint64 {
	v, k := binary.Uvarint(r.b)
	if k <= 0 {
		r.fail("bad number")
		return 0
	}
	r.b = r.b[k:]
	return v
}

func (r *snapReader) varint() int64 {
	v, k := binary.Varint(r.b)
	if k <= 0 {
		r.fail("bad number")
		return 0
	}
	r.b = r.b[k:]
	return v
}

// count reads the number of the items that follow, of at least size
// bytes each and at most limit.
func (r *snapReader) count(size, limit int, what string) int {
	n := r.uvarint()
	if n > uint64(limit) || n > uint64(len(r.b)/size) {
		r.fail("too many " + what)
		return 0
	}
	return int(n)
}

// bytes reads n bytes; they alias the body.
func (r *snapReader) bytes(n int) []byte {
	if len(r.b) < n {
		r.fail("cut short")
		return nil
	}
	b := r.b[:n:n]
	r.b = r.b[n:]
	return b
}

func (r *snapReader) string() string {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.fail("cut short")
		return ""
	}
	return string(r.bytes(int(n)))
}

// terms reads an article's terms as the forward index holds them, IDs
// ascending and under nt, and returns their bytes.
func (r *snapReader) terms(nt int) []byte {
	start := r.b
	n := r.count(1, nt, "terms in an article")
	last := int64(-1)
	for range n {
		v := r.uvarint()
		if r.err != nil {
			return nil
		}
		if last >= 0 && v == 0 || v >= uint64(nt) || last+int64(v) >= int64(nt) {
			r.fail("term number out of order or range")
			return nil
		}
		last = max(last, 0) + int64(v)
	}
	if r.err != nil {
		return nil
	}
	return start[:len(start)-len(r.b)]
}

// loadSnapshot returns the index read from ss's snapshot with the
// categories cats, or nil when there is none, or when it cannot be used
// (logged: the caller builds the index instead). Errors are the store's.
func loadSnapshot(ctx context.Context, ss RelatedSnapshotter, log *slog.Logger) (*relatedSnapshot, error) {
	b, err := ss.RelatedSnapshot(ctx)
	if err != nil || b == nil {
		return nil, err
	}
	s, err := decodeRelated(b)
	if err != nil {
		log.Warn("news: related index: the saved snapshot is not used; building the index from the articles", "err", err, "bytes", len(b))
		return nil, nil
	}
	return s, nil
}

// maybeSave saves a snapshot of the index to ss in the background when the
// index was just built (built), or has followed relatedSaveEvery steps of
// the public version since the snapshot it saved or read last, and no
// save is running. The save reads the index under its read lock, so
// lookups go on meanwhile; its failure is logged. ctx's values are kept,
// its cancellation is not: the save outlives the lookup.
func (ix *relatedIndex) maybeSave(ctx context.Context, ss RelatedSnapshotter, built bool) {
	if ss == nil {
		return
	}
	if !built && ix.version()-ix.saved.Load() < relatedSaveEvery {
		return
	}
	if !ix.saving.CompareAndSwap(false, true) {
		return
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), relatedSaveTimeout)
	go func() {
		defer cancel()
		defer ix.saving.Store(false)
		ix.rw.RLock()
		v := ix.snap.version
		b := ix.snap.encode()
		ix.rw.RUnlock()
		// A failed save is tried again after as many versions as any.
		ix.saved.Store(v)
		if err := ss.SaveRelatedSnapshot(ctx, v, b); err != nil {
			ix.log.Warn("news: related index: saving the snapshot", "version", v, "bytes", len(b), "err", err)
		}
	}()
}
