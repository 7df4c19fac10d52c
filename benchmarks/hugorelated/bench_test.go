package hugorelated

import (
	"context"
	"runtime"
	"slices"
	"testing"
	"time"
)

// BenchmarkIndexBuild builds each index of the archive once per
// iteration (ns/op is one build) and reports the heap the index holds
// after a collection: index-MiB, and index-B/article.
func BenchmarkIndexBuild(b *testing.B) {
	s := loadedArchive(b, benchN(b))
	ctx := context.Background()
	for _, im := range impls {
		b.Run("impl="+im.name, func(b *testing.B) {
			var keep []relatedFunc
			var total float64
			for b.Loop() {
				var before, after runtime.MemStats
				b.StopTimer()
				runtime.GC()
				runtime.ReadMemStats(&before)
				b.StartTimer()
				f, err := im.build(ctx, s)
				if err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				runtime.GC()
				runtime.ReadMemStats(&after)
				b.StartTimer()
				keep = append(keep, f)
				total += float64(after.HeapAlloc) - float64(before.HeapAlloc)
			}
			runtime.KeepAlive(keep)
			per := total / float64(b.N)
			b.ReportMetric(per/(1<<20), "index-MiB")
			b.ReportMetric(per/float64(len(s.corpus.Articles)), "index-B/article")
		})
	}
}

// BenchmarkLookup looks up the archive's 128 lookup articles once per
// iteration with each index (ns/op is the 128 lookups) and reports one
// lookup's mean, p50 and p99 (ms/lookup, p50-ms, p99-ms) over every
// lookup timed, and precision@5.
func BenchmarkLookup(b *testing.B) {
	s := loadedArchive(b, benchN(b))
	ctx := context.Background()
	for _, im := range impls {
		b.Run("impl="+im.name, func(b *testing.B) {
			f, err := im.build(ctx, s)
			if err != nil {
				b.Fatal(err)
			}
			lists, err := lookUp(ctx, s, f)
			if err != nil {
				b.Fatal(err)
			}
			precision := s.precision(lists)
			var took []time.Duration
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				for _, i := range s.lookups {
					start := time.Now()
					if _, err := f(ctx, i); err != nil {
						b.Fatal(err)
					}
					took = append(took, time.Since(start))
				}
			}
			var sum time.Duration
			for _, d := range took {
				sum += d
			}
			slices.Sort(took)
			ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
			b.ReportMetric(ms(sum)/float64(len(took)), "ms/lookup")
			b.ReportMetric(ms(percentile(took, 50)), "p50-ms")
			b.ReportMetric(ms(percentile(took, 99)), "p99-ms")
			b.ReportMetric(precision, "precision@5")
		})
	}
}

// percentile returns the p-th percentile of sorted (nearest rank), 0 for
// none.
func percentile(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	r := (p*len(sorted) + 99) / 100
	return sorted[max(r, 1)-1]
}

// BenchmarkLookupPaired looks up each of the archive's 128 lookup
// articles with both indexes, one right after the other (Hugo first for
// even articles, orgnews first for odd ones), so that both see the same
// load on a shared machine, and reports each one's mean lookup
// (hugo-ms/lookup, orgnews-ms/lookup) and their ratio (x-faster: Hugo's
// mean over orgnews's) over every lookup timed. ns/op is the 256
// lookups.
func BenchmarkLookupPaired(b *testing.B) {
	s := loadedArchive(b, benchN(b))
	ctx := context.Background()
	fs := make([]relatedFunc, len(impls))
	for j, im := range impls {
		f, err := im.build(ctx, s)
		if err != nil {
			b.Fatal(err)
		}
		fs[j] = f
	}
	sums := make([]time.Duration, len(impls))
	n := 0
	b.ResetTimer()
	for b.Loop() {
		for x, i := range s.lookups {
			for y := range fs {
				j := (x + y) % len(fs)
				start := time.Now()
				if _, err := fs[j](ctx, i); err != nil {
					b.Fatal(err)
				}
				sums[j] += time.Since(start)
			}
			n++
		}
	}
	for j, im := range impls {
		b.ReportMetric(float64(sums[j])/float64(time.Millisecond)/float64(n), im.name+"-ms/lookup")
	}
	b.ReportMetric(float64(sums[0])/float64(sums[1]), "x-faster")
}
