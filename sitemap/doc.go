// Package sitemap serves the sitemaps of the public news, so search
// engines find every article: a sitemap index, its parts, and a Google
// News sitemap, as sitemaps.org and Google describe them.
//
// # Mounting
//
// A [Handler] reads a [Source], the public view of the news
// (*news.Public), so a draft or a scheduled article never appears. Its
// routes, relative to where it is mounted, are
//
//	/sitemap.xml              the index
//	/sitemaps/{name}.xml      its parts: pages-1.xml, articles-vi-1.xml…
//	/sitemap-news.xml         the news sitemap
//
// A sitemap may only list URLs under its own directory, so mount the
// Handler at the site's root, with Options.URL the site's root and
// Options.BaseURL the news section, and add [Handler.RobotsTXT] to the
// site's robots.txt:
//
//	sm, err := sitemap.New(pub, &sitemap.Options{
//		BaseURL: "https://sokhcn.example.gov.vn/tin-tuc/",
//		URL:     "https://sokhcn.example.gov.vn/",
//		PublicationName: "Sở Khoa học và Công nghệ",
//	})
//	mux.Handle("/sitemap.xml", sm)
//	mux.Handle("/sitemap-news.xml", sm)
//	mux.Handle("/sitemaps/", sm)
//
// # The index and its parts
//
// /sitemap.xml is always an index, as WordPress's wp-sitemap.xml is. Its
// first parts list the section's home and the page of every category that
// holds a public article; the others list the articles, one series of
// parts per language (articles-vi-1.xml, articles-en-1.xml…). Articles are
// not linked to their translations in orgnews, so there are no hreflang
// alternates: each language has its own sitemaps instead. A part holds at
// most Options.MaxURLs URLs and Options.MaxBytes bytes (the protocol's
// 50,000 and 50 MiB by default); articles are listed oldest first, so a
// new article changes only the last part of its language, and crawlers
// revalidate the others with a 304.
//
// Each URL's lastmod is the content's own time: an article's UpdatedAt,
// or its PublishAt when it became public after its last edit; a category
// page's is the newest of its articles' (descendants included) and of the
// category's own UpdatedAt; the home page's the newest article's. An
// article with a cover photo carries it in Google's image extension
// (<image:image>). URLs longer than the protocol's 2,048 characters are
// left out.
//
// # The news sitemap
//
// /sitemap-news.xml lists the articles published in the last two days
// ([NewsWindow]) by the Source's clock, newest first, at most
// [MaxNewsURLs], each with the publication's name
// (Options.PublicationName), its language as Google News writes it (the
// ISO 639 code, or zh-cn or zh-tw), its publication date and its title.
// With no such article it is an empty <urlset>, which crawlers accept
// though the schema asks for one <url>.
//
// # Serving
//
// Every answer is rendered once per public state (news.State) and cached
// through the serving layer the feeds use, with the same strong ETags,
// conditional GET, gzip and HEAD; the index and its parts come from one
// scan of the archive. The news sitemap's cache key also holds the minute
// of the Source's clock, so an article leaves it within a minute of
// turning two days old. A query parameter (other than the tracking ones
// campaigns add) is answered 400, an unknown path 404 and a method other
// than GET or HEAD 405, each with the JSON error body
// {"error":{"code","field","message"}}.
package sitemap
