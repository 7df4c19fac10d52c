package storetest

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news"
)

// RunMedia runs the conformance suite of news.MediaStore against the
// stores newStore makes. Each sub-test calls newStore once and expects an
// empty store; sub-tests run one after the other.
func RunMedia(t *testing.T, newStore func(t *testing.T) news.MediaStore) {
	t.Helper()
	tests := []struct {
		name string
		fn   func(t *testing.T, s news.MediaStore)
	}{
		{"RoundTrip", testMediaRoundTrip},
		{"Conflict", testMediaConflict},
		{"Invalid", testMediaInvalid},
		{"NotFound", testMediaNotFound},
		{"Delete", testMediaDelete},
		{"List", testMediaList},
		{"Concurrent", testMediaConcurrent},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, newStore(t)) })
	}
}

// NewMedia returns a Media of the kind whose variants hold contents (of
// type typ, widths 100, 200, … for an image), created at, with the files
// to put.
func NewMedia(kind news.MediaKind, typ string, at time.Time, contents ...string) (*news.Media, [][]byte) {
	m := &news.Media{Kind: kind, Name: "Quyết định số 12/QĐ-SKHCN.pdf", Type: typ, CreatedAt: at.UTC().Truncate(time.Microsecond),
		CreatorID: uuid.MustParse("6f9619ff-8b86-d011-b42d-00c04fc964ff"), Creator: "Trần Thị Hoa"}
	var files [][]byte
	for i, c := range contents {
		v := news.MediaVariant{Key: news.MediaKey(sha256.Sum256([]byte(c)), typ), Type: typ, Size: int64(len(c))}
		if kind == news.MediaImage {
			v.Width, v.Height = 100*(i+1), 75*(i+1)
			m.Width, m.Height = v.Width, v.Height
			m.Name = "anh-hoi-nghi.jpg"
		}
		m.Variants = append(m.Variants, v)
		files = append(files, []byte(c))
	}
	m.ID = m.Variants[0].Key
	return m, files
}

var mediaEpoch = time.Date(2026, 12, 4, 8, 30, 0, 0, time.UTC)

func put(t *testing.T, s news.MediaStore, m *news.Media, files [][]byte) {
	t.Helper()
	if err := s.PutMedia(context.Background(), m, files); err != nil {
		t.Fatalf("PutMedia(%s): %v", m.ID, err)
	}
}

func readFile(t *testing.T, s news.MediaStore, key string) (*news.MediaFile, string) {
	t.Helper()
	f, err := s.OpenMedia(context.Background(), key)
	if err != nil {
		t.Fatalf("OpenMedia(%s): %v", key, err)
	}
	defer f.Content.Close()
	b, err := io.ReadAll(f.Content)
	if err != nil {
		t.Fatalf("OpenMedia(%s): read: %v", key, err)
	}
	return f, string(b)
}

func sameMedia(t *testing.T, got, want *news.Media) {
	t.Helper()
	gc, wc := *got, *want
	if !gc.CreatedAt.Equal(wc.CreatedAt) {
		t.Fatalf("media CreatedAt = %v, want %v", gc.CreatedAt, wc.CreatedAt)
	}
	gc.CreatedAt, wc.CreatedAt = time.Time{}, time.Time{}
	if g, w := fmt.Sprintf("%+v", gc), fmt.Sprintf("%+v", wc); g != w {
		t.Fatalf("media = %s\nwant %s", g, w)
	}
}

func testMediaRoundTrip(t *testing.T, s news.MediaStore) {
	ctx := context.Background()
	img, files := NewMedia(news.MediaImage, "image/jpeg", mediaEpoch, "nhỏ", "vừa", "lớn\x00\xff nhị phân")
	put(t, s, img, files)
	got, err := s.Media(ctx, img.ID)
	if err != nil {
		t.Fatalf("Media(%s): %v", img.ID, err)
	}
	sameMedia(t, got, img)
	got.Variants[0].Width = 1
	if again, _ := s.Media(ctx, img.ID); again.Variants[0].Width != 100 {
		t.Fatalf("Media returned the store's own record: a change to it was kept")
	}
	for i, v := range img.Variants {
		f, content := readFile(t, s, v.Key)
		if content != string(files[i]) {
			t.Errorf("OpenMedia(%s) content = %q, want %q", v.Key, content, files[i])
		}
		if f.MediaVariant != v || f.MediaID != img.ID || f.Kind != news.MediaImage || f.Name != img.Name {
			t.Errorf("OpenMedia(%s) = %+v, want variant %+v of %s", v.Key, f, v, img.ID)
		}
		of, err := s.MediaOf(ctx, v.Key)
		if err != nil {
			t.Fatalf("MediaOf(%s): %v", v.Key, err)
		}
		sameMedia(t, of, img)
	}
	f, err := s.OpenMedia(ctx, img.Variants[2].Key)
	if err != nil {
		t.Fatalf("OpenMedia: %v", err)
	}
	defer f.Content.Close()
	if _, err := f.Content.Seek(4, io.SeekStart); err != nil {
		t.Fatalf("Seek: %v", err)
	}
	if rest, _ := io.ReadAll(f.Content); string(rest) != string(files[2][4:]) {
		t.Errorf("content after Seek(4) = %q, want %q", rest, files[2][4:])
	}
}

func testMediaConflict(t *testing.T, s news.MediaStore) {
	ctx := context.Background()
	doc, files := NewMedia(news.MediaAttachment, "application/pdf", mediaEpoch, "%PDF-1.7 quyết định")
	put(t, s, doc, files)
	if err := s.PutMedia(ctx, doc, files); !errors.Is(err, news.ErrConflict) {
		t.Errorf("PutMedia of a stored ID = %v, want ErrConflict", err)
	}
	// Another image whose second variant is the stored file.
	img, imgFiles := NewMedia(news.MediaImage, "image/png", mediaEpoch, "khác", "trùng")
	put(t, s, img, imgFiles)
	other, otherFiles := NewMedia(news.MediaImage, "image/png", mediaEpoch, "mới", "trùng")
	if err := s.PutMedia(ctx, other, otherFiles); !errors.Is(err, news.ErrConflict) {
		t.Errorf("PutMedia with a stored variant key = %v, want ErrConflict", err)
	}
	if _, err := s.Media(ctx, other.ID); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("Media of a refused put = %v, want ErrNotFound: nothing is written", err)
	}
	if _, err := s.OpenMedia(ctx, other.ID); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("OpenMedia of a refused put's file = %v, want ErrNotFound: nothing is written", err)
	}
}

func testMediaInvalid(t *testing.T, s news.MediaStore) {
	ctx := context.Background()
	good, files := NewMedia(news.MediaImage, "image/jpeg", mediaEpoch, "một", "hai")
	tests := []struct {
		name   string
		change func(m *news.Media) [][]byte
	}{
		{"nil files", func(m *news.Media) [][]byte { return nil }},
		{"a file missing", func(m *news.Media) [][]byte { return files[:1] }},
		{"wrong size", func(m *news.Media) [][]byte { m.Variants[1].Size++; return files }},
		{"ID not the first key", func(m *news.Media) [][]byte { m.ID = m.Variants[1].Key; return files }},
		{"malformed key", func(m *news.Media) [][]byte { m.Variants[1].Key = "../../etc/passwd"; return files }},
		{"type not the key's", func(m *news.Media) [][]byte { m.Variants[1].Type = "image/png"; return files }},
		{"unknown kind", func(m *news.Media) [][]byte { m.Kind = "video"; return files }},
		{"attachment with two files", func(m *news.Media) [][]byte { m.Kind = news.MediaAttachment; return files }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := good.Clone()
			if err := s.PutMedia(ctx, m, tc.change(m)); !errors.Is(err, news.ErrInvalid) {
				t.Errorf("PutMedia(%s) = %v, want ErrInvalid", tc.name, err)
			}
		})
	}
	if err := s.PutMedia(ctx, nil, nil); !errors.Is(err, news.ErrInvalid) {
		t.Errorf("PutMedia(nil) = %v, want ErrInvalid", err)
	}
	if page, err := s.ListMedia(ctx, news.MediaQuery{}); err != nil || len(page.Media) != 0 {
		t.Errorf("ListMedia after refused puts = %v, %v; want none", page, err)
	}
}

func testMediaNotFound(t *testing.T, s news.MediaStore) {
	ctx := context.Background()
	m, _ := NewMedia(news.MediaAttachment, "application/zip", mediaEpoch, "PK")
	if _, err := s.Media(ctx, m.ID); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("Media(unknown) = %v, want ErrNotFound", err)
	}
	if _, err := s.OpenMedia(ctx, m.ID); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("OpenMedia(unknown) = %v, want ErrNotFound", err)
	}
	if _, err := s.MediaOf(ctx, m.ID); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("MediaOf(unknown) = %v, want ErrNotFound", err)
	}
	if err := s.DeleteMedia(ctx, m.ID); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("DeleteMedia(unknown) = %v, want ErrNotFound", err)
	}
	for _, key := range []string{"", "../x.jpg", "3F2A0000000000000000000000000000.jpg", "3f2a.jpg", "00000000000000000000000000000000.exe"} {
		if _, err := s.OpenMedia(ctx, key); !errors.Is(err, news.ErrInvalid) && !errors.Is(err, news.ErrNotFound) {
			t.Errorf("OpenMedia(%q) = %v, want ErrInvalid or ErrNotFound", key, err)
		}
	}
}

func testMediaDelete(t *testing.T, s news.MediaStore) {
	ctx := context.Background()
	img, files := NewMedia(news.MediaImage, "image/webp", mediaEpoch, "a", "b")
	keep, keepFiles := NewMedia(news.MediaAttachment, "application/msword", mediaEpoch, "giữ lại")
	put(t, s, img, files)
	put(t, s, keep, keepFiles)
	if err := s.DeleteMedia(ctx, img.ID); err != nil {
		t.Fatalf("DeleteMedia: %v", err)
	}
	if _, err := s.Media(ctx, img.ID); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("Media after DeleteMedia = %v, want ErrNotFound", err)
	}
	for _, v := range img.Variants {
		if _, err := s.OpenMedia(ctx, v.Key); !errors.Is(err, news.ErrNotFound) {
			t.Errorf("OpenMedia(%s) after DeleteMedia = %v, want ErrNotFound", v.Key, err)
		}
		if _, err := s.MediaOf(ctx, v.Key); !errors.Is(err, news.ErrNotFound) {
			t.Errorf("MediaOf(%s) after DeleteMedia = %v, want ErrNotFound", v.Key, err)
		}
	}
	if _, content := readFile(t, s, keep.ID); content != "giữ lại" {
		t.Errorf("another medium's file = %q after a deletion", content)
	}
	put(t, s, img, files) // the same content may come back
}

func testMediaList(t *testing.T, s news.MediaStore) {
	ctx := context.Background()
	var want []*news.Media // newest first
	for i := range 7 {
		kind, typ := news.MediaImage, "image/jpeg"
		if i%3 == 0 {
			kind, typ = news.MediaAttachment, "application/pdf"
		}
		at := mediaEpoch.Add(time.Duration(i/2) * time.Minute) // pairs share a time: the ID breaks the tie
		m, files := NewMedia(kind, typ, at, fmt.Sprintf("tệp %d", i))
		put(t, s, m, files)
		want = append(want, m)
	}
	sortNewest := func(ms []*news.Media) {
		for i := range ms {
			for j := i + 1; j < len(ms); j++ {
				if news.MediaBefore(ms[j], ms[i]) {
					ms[i], ms[j] = ms[j], ms[i]
				}
			}
		}
	}
	sortNewest(want)
	for _, kind := range []news.MediaKind{"", news.MediaImage, news.MediaAttachment} {
		var sel []*news.Media
		for _, m := range want {
			if kind == "" || m.Kind == kind {
				sel = append(sel, m)
			}
		}
		var got []*news.Media
		q := news.MediaQuery{Kind: kind, Limit: 2}
		for pages := 0; ; pages++ {
			if pages > len(want) {
				t.Fatalf("ListMedia(%q): no end of pages", kind)
			}
			p, err := s.ListMedia(ctx, q)
			if err != nil {
				t.Fatalf("ListMedia(%+v): %v", q, err)
			}
			if len(p.Media) > 2 {
				t.Fatalf("ListMedia(limit 2) gave %d", len(p.Media))
			}
			got = append(got, p.Media...)
			if p.Next == "" {
				break
			}
			q.Cursor = p.Next
		}
		if len(got) != len(sel) {
			t.Fatalf("ListMedia(%q) listed %d, want %d", kind, len(got), len(sel))
		}
		for i := range got {
			if got[i].ID != sel[i].ID {
				t.Errorf("ListMedia(%q)[%d] = %s, want %s", kind, i, got[i].ID, sel[i].ID)
			}
		}
	}
	for _, q := range []news.MediaQuery{{Limit: -1}, {Limit: news.MaxLimit + 1}, {Cursor: "x"}, {Kind: "video"}} {
		if _, err := s.ListMedia(ctx, q); !errors.Is(err, news.ErrInvalid) {
			t.Errorf("ListMedia(%+v) = %v, want ErrInvalid", q, err)
		}
	}
}

func testMediaConcurrent(t *testing.T, s news.MediaStore) {
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for i := range 8 {
		m, files := NewMedia(news.MediaImage, "image/png", mediaEpoch, fmt.Sprintf("riêng %d", i), "chung")
		wg.Go(func() {
			// Every put races for the shared file: one wins.
			errs <- s.PutMedia(ctx, m, files)
		})
		d, dfiles := NewMedia(news.MediaAttachment, "application/pdf", mediaEpoch, fmt.Sprintf("văn bản %d", i))
		wg.Go(func() { errs <- s.PutMedia(ctx, d, dfiles) })
	}
	wg.Wait()
	close(errs)
	won, failed := 0, 0
	for err := range errs {
		switch {
		case err == nil:
			won++
		case errors.Is(err, news.ErrConflict):
			failed++
		default:
			t.Errorf("PutMedia: %v", err)
		}
	}
	if won != 9 || failed != 7 {
		t.Errorf("concurrent puts: %d stored, %d conflicts; want 9 and 7", won, failed)
	}
	p, err := s.ListMedia(ctx, news.MediaQuery{Limit: news.MaxLimit})
	if err != nil || len(p.Media) != 9 {
		t.Errorf("ListMedia after concurrent puts = %d, %v; want 9", len(p.Media), err)
	}
}
