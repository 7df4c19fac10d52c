//go:build unix

package widget_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/orgnews/orgnews/widget"
)

// BenchmarkServeCached compares serving a cached box (fragment, embed,
// JSON for the <news-widget> element, JSON of the API) with a bare handler
// that writes the same headers and bytes from memory, in the same run:
// over loopback HTTP with keep-alive ("mode=http", what a client sees) and
// in process with a ResponseRecorder ("mode=inproc", the handler alone).
// Throughput ratio = memory ns/op ÷ widget ns/op, which
// `benchstat -col /impl` prints. Each also reports
// cpu-ns/op, the process's CPU time (user + system, client included) per
// request, which stays meaningful on a machine busy with other work.
// "mode=paired" serves the two in alternating batches within one benchmark
// and reports the ratio of their median batch times, so that both see the
// same machine: on a shared, busy machine it is the steadiest figure.
func BenchmarkServeCached(b *testing.B) {
	s := newNewsSite(b, nil)
	targets := []struct{ name, target string }{
		{"fragment", "/fragment?category=hoat-dong&layout=cards&show=date,summary,image"},
		{"embed", "/embed?layout=list&theme=auto"},
		{"box-json", "/api/box?limit=5&lang=vi"},
		{"json", "/api/articles?limit=5"},
	}
	for _, tc := range targets {
		res, body := get(b, s.h, tc.target)
		if res.StatusCode != 200 {
			b.Fatalf("GET %s: %d", tc.target, res.StatusCode)
		}
		// The bare handler sets the widget's headers as ready-made values,
		// the cheapest way there is.
		type header struct {
			key string
			val []string
		}
		var headers []header
		for k, v := range res.Header {
			headers = append(headers, header{k, v})
		}
		data := []byte(body)
		memory := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			hd := w.Header()
			for _, x := range headers {
				hd[x.key] = x.val
			}
			w.WriteHeader(http.StatusOK)
			w.Write(data)
		})
		for _, h := range []struct {
			name string
			h    http.Handler
		}{{"memory", memory}, {"widget", s.h}} {
			b.Run("mode=http/box="+tc.name+"/impl="+h.name, func(b *testing.B) { benchHTTP(b, h.h, tc.target, len(data)) })
		}
		for _, h := range []struct {
			name string
			h    http.Handler
		}{{"memory", memory}, {"widget", s.h}} {
			b.Run("mode=inproc/box="+tc.name+"/impl="+h.name, func(b *testing.B) {
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
		b.Run("mode=paired/box="+tc.name, func(b *testing.B) { benchPaired(b, s.h, memory, tc.target) })
	}
}

// benchPaired serves target from widget and memory in alternating batches,
// in process, and reports the median time per request of each and their
// throughput ratio (memory ÷ widget).
func benchPaired(b *testing.B, widget, memory http.Handler, target string) {
	req := httptest.NewRequest("GET", "http://widget.test"+target, nil)
	const batch = 64
	run := func(h http.Handler) float64 {
		start := time.Now()
		for range batch {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != 200 {
				b.Fatal(rec.Code)
			}
		}
		return float64(time.Since(start)) / batch
	}
	var tw, tm []float64
	for i := 0; b.Loop(); i++ {
		if i%2 == 0 {
			tw = append(tw, run(widget))
			tm = append(tm, run(memory))
		} else {
			tm = append(tm, run(memory))
			tw = append(tw, run(widget))
		}
	}
	mw, mm := median(tw), median(tm)
	b.ReportMetric(mw, "widget-ns/req")
	b.ReportMetric(mm, "memory-ns/req")
	b.ReportMetric(mm/mw, "ratio")
}

// median returns the median of xs, which it sorts.
func median(xs []float64) float64 {
	slices.Sort(xs)
	return xs[len(xs)/2]
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
