// Package hugorelated compares orgnews's related items (news.Public.Related)
// with Hugo's related package (github.com/gohugoio/hugo/related, v0.169.0)
// in one run, on the same archive: the corpus of internal/topics, whose
// articles' topics are known, at ORGNEWS_BENCH_N articles (100,000 by
// default). It is a module of its own so that the main module neither
// builds nor downloads Hugo; it holds only benchmarks and their tests.
//
// Hugo v0.169.0 needs Go 1.27, newer than the Go the main module is built
// with, so this module names its toolchain and is run with it:
//
//	cd benchmarks/hugorelated
//	GOTOOLCHAIN=go1.27.3 go test -run '^$' -bench . -benchtime 3x -count 6 .
//
// or with scripts/bench.sh (PKGS=benchmarks/hugorelated), which prints the
// ratio of each measure to Hugo's.
//
// Hugo indexes documents whose fields are those of the archive's articles:
// title, tags and publish date; a page's keywords are its title's words.
// Its index is configured as a Hugo site would configure it in hugo.toml:
//
//	[related]
//	  includeNewer = true
//	  threshold = 80
//	  toLower = true
//	  [[related.indices]]
//	    name = "title"
//	    weight = 100
//	    tokenize = true
//	  [[related.indices]]
//	    name = "tags"
//	    weight = 80
//	  [[related.indices]]
//	    name = "date"
//	    weight = 10
//
// that is, Hugo's default indices (keywords 100, tags 80, date by year 10,
// threshold 80) with the title's words, split as Hugo's tokenize option
// splits them, as the keywords, and case ignored. includeNewer is set so
// that both answer the same question: orgnews returns newer articles too
// unless RelatedConfig.OlderOnly is set. orgnews runs with
// news.DefaultRelatedConfig over a memstore holding the archive.
//
// BenchmarkIndexBuild builds each index from the archive once per
// iteration and reports the heap it holds after a collection (index-MiB):
// Hugo's from documents already made, as a Hugo site's pages are before
// its first Related; orgnews's from the store, as a new news.Public does
// on its first Related. BenchmarkLookup looks up the same 128 articles,
// spread over the archive, once per iteration, taking the first five
// results (a site's "See also": `first 5 (site.RegularPages.Related .)`),
// and reports the mean, p50 and p99 of one lookup (ms/lookup, p50-ms,
// p99-ms) and precision@5: the share of those five on the looked-up
// article's topic. BenchmarkLookupPaired looks each article up with both,
// one right after the other, and reports the ratio of their means
// (x-faster), which the load of a shared machine moves far less than it
// moves the ratio of two benchmarks run minutes apart.
package hugorelated
