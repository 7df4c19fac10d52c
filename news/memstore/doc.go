// Package memstore is an in-memory [news.Store]: the store of tests, demos
// and small sites that load their archive at start-up (with
// [Store.Import]) and keep it in the process.
//
// # Use
//
// A [Store] starts empty. Writes normally come through the publishing
// service of package news, which validates, normalises and stamps
// articles; the store keeps what it is given.
//
//	s := memstore.New()
//	svc := news.NewService(s, nil)
//	pub := news.NewPublic(s, nil)
//
// Every method is safe for concurrent use. One [sync.RWMutex] guards all
// the data: reads share it, writes take it alone, so a reader never sees
// half of a write, and [Store.Import] is all or nothing. Values go in and
// come out as copies ([news.Article.Clone]): changing an article after
// writing it, or one that a read returned, does not change the store.
//
// # Indexes
//
// Articles are kept in lists ordered as [news.Store.Articles] lists them,
// PublishAt descending then ID descending: one list of every article, one
// of the published articles, one per category and one per tag (by
// [news.Slugify] of the tag). A list is a sorted sequence cut into blocks
// of 128 to 256 entries, so an insertion or a removal moves at most one
// block, and finding a position is two binary searches.
//
// [Store.Articles] picks one source and filters what it reads from it:
//   - with a category, the lists of the category and of all its
//     descendants, merged with a heap (a k-way merge);
//   - with a tag, the tag's list, when it is shorter than the categories';
//   - with Status published and no category or tag, the published list;
//   - otherwise the list of every article.
//
// Each list is entered by binary search at the page's cursor (a
// [news.Cursor]: keyset pagination, stable when articles are added or
// removed between pages) or at Query.To, and left at Query.From. Reading a
// page of a category or a tag therefore costs O(limit·log n) plus the
// articles the other filters (author, language, featured, status) skip,
// whatever the size of the archive; BenchmarkArticles compares 10,000 and
// 100,000 articles.
//
// [Store.NextPublishAt] is a binary search in the published list, and
// [Store.ArticleBySlug] a map lookup: slugs and aliases share one map, which
// is also how the store refuses a slug or alias that another article holds.
//
// # Search
//
// Query.Text is not indexed. Each article keeps its folded title words and
// the folded words of its summary and body text ([news.Words] of
// [news.Excerpt] of the HTML), computed once when it is written; a search
// reads the chosen source list article by article, first for articles whose
// title holds every query word as a word prefix (rank 0), then for the
// others that hold every word in title, summary or body (rank 1). Its cost
// grows with the number of candidates, which a category, a tag, a date range
// or the published list narrow; a site with a large archive and heavy
// search use wants a store with a text index.
package memstore
