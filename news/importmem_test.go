package news_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/sqlstore"
)

// generatedArchive writes an archive of n articles of about 2.4 KB each,
// like the 223 MB archive of 100,000 articles that once peaked at 2.08 GB,
// to a file in a temporary directory, and returns its name and size.
func generatedArchive(tb testing.TB, n int) (string, int64) {
	tb.Helper()
	name := filepath.Join(tb.TempDir(), "archive.json")
	f, err := os.Create(name)
	require.NoError(tb, err)
	b := bufio.NewWriter(f)
	b.WriteString(`{"version": 1, "categories": [{"slug": "tin-tuc", "name": "Tin tức"}, {"slug": "thong-bao", "name": "Thông báo", "parent": "tin-tuc"}], "articles": [`)
	para := "<p>Sáng ngày %d, Sở Khoa học và Công nghệ tổ chức hội nghị triển khai nhiệm vụ khoa học và công nghệ cấp tỉnh năm %d, với sự tham dự của đại diện các sở, ban, ngành, các viện, trường và doanh nghiệp trên địa bàn tỉnh.</p>"
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		var body strings.Builder
		for p := range 7 {
			fmt.Fprintf(&body, para, p+i%28, 2000+i%30)
		}
		rec := map[string]any{
			"title":      fmt.Sprintf("Hội nghị triển khai nhiệm vụ khoa học và công nghệ số %d năm %d", i, 2000+i%30),
			"body_html":  body.String(),
			"category":   []string{"tin-tuc", "thong-bao"}[i%2],
			"tags":       []string{"Hội nghị", fmt.Sprintf("Nhiệm vụ %d", i%50)},
			"author":     "Văn phòng Sở",
			"status":     "published",
			"publish_at": time.Date(2020, 1, 1, 8, 0, 0, 0, ict).Add(time.Duration(i) * time.Hour).Format(time.RFC3339),
			"cover":      map[string]any{"url": fmt.Sprintf("/uploads/%d.jpg", i), "alt": "Quang cảnh hội nghị", "width": 1200, "height": 800},
		}
		require.NoError(tb, enc.Encode(rec))
	}
	b.WriteString("]}\n")
	require.NoError(tb, b.Flush())
	st, err := f.Stat()
	require.NoError(tb, err)
	require.NoError(tb, f.Close())
	return name, st.Size()
}

// peakHeap runs fn and returns the most heap memory, live or garbage not
// yet collected, that it held above what was held before, sampled every
// half millisecond and read once more at the end.
func peakHeap(fn func()) uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	runtime.GC()
	base := read()
	var (
		peak uint64
		wg   sync.WaitGroup
	)
	done := make(chan struct{})
	wg.Go(func() {
		tick := time.NewTicker(500 * time.Microsecond)
		defer tick.Stop()
		for {
			peak = max(peak, read())
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	})
	fn()
	close(done)
	wg.Wait()
	peak = max(peak, read())
	return peak - min(peak, base)
}

// TestImportMemory checks that an import into SQLite, as the demo's
// -import does, holds less than three times the size of its file in
// memory at its peak, garbage not yet collected included: the file is
// read one record at a time and only the articles to write are kept.
func TestImportMemory(t *testing.T) {
	if raceEnabled || testing.Short() {
		t.Skip("the import memory test reads 20,000 articles, which takes minutes under the race detector: run go test -run TestImportMemory ./news/")
	}
	// Fewer articles would measure the package's fixed memory more than
	// the import's.
	const n = 20_000
	name, size := generatedArchive(t, n)
	ctx := context.Background()
	store, err := sqlstore.Open(ctx, "sqlite", filepath.Join(t.TempDir(), "news.db"), nil)
	require.NoError(t, err)
	t.Cleanup(func() { store.Close() })
	svc := news.NewService(store, nil)
	f, err := os.Open(name)
	require.NoError(t, err)
	defer f.Close()
	var res *news.ImportResult
	peak := peakHeap(func() { res, err = svc.Import(ctx, f) })
	require.NoError(t, err)
	require.Equal(t, n, res.ArticlesCreated)
	ratio := float64(peak) / float64(size)
	t.Logf("%d articles, %.1f MB: peak heap %.1f MB, %.2fx the file", n, float64(size)/1e6, float64(peak)/1e6, ratio)
	assert.Less(t, ratio, 3.0, "peak heap %d bytes for a file of %d bytes", peak, size)
}
