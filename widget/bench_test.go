//go:build unix

package widget_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/orgnews/orgnews/widget"
)

// BenchmarkServeCached compares serving a cached box (fragment, embed,
// JSON) with a handler that writes the same bytes from memory, in the same
// run: over loopback HTTP with keep-alive ("http/…", what a client sees)
// and in process with a ResponseRecorder ("inproc/…", the handler alone).
// Throughput ratio = memory ns/op ÷ widget ns/op. Each also reports
// cpu-ns/op, the process's CPU time (user + system, client included) per
// request, which stays meaningful on a machine busy with other work.
func BenchmarkServeCached(b *testing.B) {
	s := newNewsSite(b, nil)
	targets := []struct{ name, target string }{
		{"fragment", "/fragment?category=hoat-dong&layout=cards&show=date,summary,image"},
		{"embed", "/embed?layout=list&theme=auto"},
		{"json", "/api/articles?limit=5"},
	}
	for _, tc := range targets {
		res, body := get(b, s.h, tc.target)
		if res.StatusCode != 200 {
			b.Fatalf("GET %s: %d", tc.target, res.StatusCode)
		}
		ctype := res.Header.Get("Content-Type")
		data := []byte(body)
		memory := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", ctype)
			w.Header().Set("Content-Length", strconv.Itoa(len(data)))
			w.Write(data)
		})
		for _, h := range []struct {
			name string
			h    http.Handler
		}{{"widget", s.h}, {"memory", memory}} {
			b.Run("http/"+tc.name+"/"+h.name, func(b *testing.B) { benchHTTP(b, h.h, tc.target, len(data)) })
		}
		for _, h := range []struct {
			name string
			h    http.Handler
		}{{"widget", s.h}, {"memory", memory}} {
			b.Run("inproc/"+tc.name+"/"+h.name, func(b *testing.B) {
				req := httptest.NewRequest("GET", "http://widget.test"+tc.target, nil)
				b.SetBytes(int64(len(data)))
				b.ReportAllocs()
				cpu := cpuTime()
				for b.Loop() {
					rec := httptest.NewRecorder()
					h.h.ServeHTTP(rec, req)
					if rec.Code != 200 {
						b.Fatal(rec.Code)
					}
				}
				reportCPU(b, cpu)
			})
		}
	}
}

// benchHTTP requests target from h over loopback HTTP, in parallel.
func benchHTTP(b *testing.B, h http.Handler, target string, size int) {
	srv := httptest.NewServer(h)
	defer srv.Close()
	tr := srv.Client().Transport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 64
	client := &http.Client{Transport: tr}
	defer tr.CloseIdleConnections()
	b.SetBytes(int64(size))
	b.ResetTimer()
	cpu := cpuTime()
	defer reportCPU(b, cpu)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			res, err := client.Get(srv.URL + target)
			if err != nil {
				b.Error(err)
				return
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.StatusCode != 200 {
				b.Error(res.Status)
				return
			}
		}
	})
}

// BenchmarkArticleUncached renders an article page every time: lookup,
// same-category list, related, previous/next, categories and the template.
func BenchmarkArticleUncached(b *testing.B) {
	s := newNewsSite(b, &widget.Options{CacheBytes: 1})
	req := httptest.NewRequest("GET", "http://widget.test/articles/dai-hoi", nil)
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		s.h.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatal(rec.Code)
		}
	}
}

// cpuTime returns the CPU time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU reports the CPU time per operation since start.
func reportCPU(b *testing.B, start time.Duration) {
	if b.N > 0 {
		b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
	}
}
