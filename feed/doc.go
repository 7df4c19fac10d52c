// Package feed publishes news as RSS 2.0, Atom 1.0 and JSON Feed 1.1 that
// every reader accepts, and serves them over HTTP.
//
// It builds on github.com/gorilla/feeds: the documents are gorilla/feeds'
// format-specific structs (RssFeed, RssItem, AtomFeed, AtomEntry, JSONFeed,
// JSONItem), extended by embedding where the formats need more than they
// carry, and written by its WriteXML or encoding/json. No XML is written by
// hand.
//
// # Building a feed
//
// [Build] turns articles into a feed in one [Format]; [Meta] says what the
// feed is called and where it lives:
//
//	data, err := feed.Build(feed.Atom, page.Articles, &feed.Meta{
//		Title:    "Sở Khoa học và Công nghệ",
//		BaseURL:  "https://sokhcn.example.gov.vn/tin-tuc/",
//		SelfURL:  "https://sokhcn.example.gov.vn/tin-tuc/feed.atom",
//		Location: vietnam, // dates in the organisation's zone
//	})
//
// Each article becomes one item:
//
//   - Identity: the item's RSS guid (isPermaLink="false"), Atom id and JSON
//     id are "urn:uuid:" + the article's ID, so renaming an article or
//     changing its slug never marks it unread again.
//   - Text: the title; the plain-text summary as RSS description (escaped,
//     since readers treat it as HTML), Atom summary type="text" and JSON
//     summary; the sanitised body, with every href, src and srcset made
//     absolute, as content:encoded and Atom content type="html" (both in
//     a CDATA section) and content_html, led by the cover photo as a
//     figure with its caption unless the body already shows it; a JSON item whose body is empty
//     has the summary, or else the title, as content_text, since JSON Feed
//     requires one of the two. JSON Feed is written compact.
//   - Dates: publication and update times in RFC 822 (RSS) and RFC 3339
//     (Atom, JSON) in Meta.Location; the feed's update time is the newest
//     item's.
//   - People and topics: the author as dc:creator in RSS (whose own author
//     element needs an e-mail address), Atom author and JSON authors; the
//     category (named through Meta.Categories) and the tags as item
//     categories, Atom categories (term and label) and JSON tags.
//   - Files: the cover as the RSS enclosure, an Atom enclosure link and the
//     JSON image; attachments as Atom enclosure links, JSON attachments and
//     Media RSS media:content. RSS readers accept one enclosure per item in
//     practice, so the RSS enclosure is the cover, or else the first
//     attachment, whose MIME type and size are known (RSS requires both;
//     an item without such a file has no enclosure). Atom leaves an
//     unknown type or length out. With Meta.Media (a Handler's
//     Options.Media, the media library), a cover from the library points
//     at its size at least 960 pixels wide, whose type, size and
//     dimensions the feed then knows, and files take their type and size
//     from the library.
//   - Language: the feed's language (RSS language, Atom xml:lang, JSON
//     language) is Meta.Lang (a Handler's Options.Language, the site's),
//     or else the articles' shared one; an item in another language
//     carries its own (Atom xml:lang, JSON language). A feed without a
//     configured description describes itself in that language, naming
//     the publisher, rather than repeating its title.
//
// # Hostile input
//
// Every string is normalised with news.Normalize or news.NormalizeLine
// before it is written: control characters, invalid UTF-8, noncharacters
// and bidirectional overrides are removed, "]]>" is split across CDATA
// sections by encoding/xml, and cover and attachment URLs that are not
// http(s) are left out. Whatever editors type, the output is well-formed
// XML or valid JSON; the tests parse every format with
// github.com/mmcdole/gofeed and encoding/xml in strict mode, fuzz the
// builder, and check Atom against the RFC 4287 RELAX NG schema.
//
// # Serving feeds
//
// [New] returns a [Handler] that reads from a [Source] — the public view of
// the news, *news.Public, which only ever returns published articles whose
// time has come. A [Variant] selects a feed: the whole site, one category
// with its subcategories, one tag, one language, and a limit (default 20,
// at most 100). Mount one route per feed with [Handler.For] or
// [Handler.Serve], or the Handler itself, which reads the variant from the
// query (?format=&category=&tag=&lang=&limit=):
//
//	h, err := feed.New(public, &feed.Options{BaseURL: "https://sokhcn.example.gov.vn/tin-tuc/"})
//	mux.Handle("/feed.rss", h.For(feed.Variant{Format: feed.RSS}))
//	mux.Handle("/categories/{slug}/feed.atom", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
//		h.Serve(w, r, feed.Variant{Format: feed.Atom, Category: r.PathValue("slug")})
//	}))
//
// Absolute URLs come from Options.BaseURL (and the FeedURL, PageURL and
// ArticleURL functions), never from the request's Host.
//
// Mount the routes without a method (or with GET and OPTIONS): the Handler
// answers GET and HEAD, a CORS preflight (OPTIONS) with 204, and any other
// method with 405.
//
// # Serving
//
// Feeds are served through the serving layer package widget and the
// newsroom use too. Each feed is rendered once per Source state, however
// many requests ask for it at once, and cached, within Options.CacheBytes,
// by its normalised Variant, the Options and the Source's State key, which
// changes on every write and when a scheduled article falls due, so a feed
// renews with no timer. Responses carry a strong ETag (one per encoding),
// Cache-Control: public, max-age=60, Vary: Accept-Encoding and
// Access-Control-Allow-Origin: *; a matching If-None-Match gets 304, HEAD
// no body. There is no Last-Modified: unpublishing an article changes a
// feed without changing the time of any article left in it.
//
// # Parameters
//
// A route accepts the parameters of the Variant fields it leaves zero:
// the Handler itself all five (format, category, tag, lang, limit), a
// route mounted with For(Variant{Format: feed.RSS}) category, tag, lang
// and limit. A malformed value, a parameter given twice, an unknown
// parameter or one the route fixes gets 400, an unknown category or tag
// 404, each with a JSON body naming the parameter:
//
//	{"error":{"code":"invalid_parameter","field":"limit","message":"limit: must be an integer from 1 to 100, not \"500\""}}
//	{"error":{"code":"invalid_parameter","field":"limt","message":"unknown parameter \"limt\"; accepted: format, category, tag, lang, limit"}}
//
// A query over 4096 bytes or 32 parameters (empty pairs, as in "?&&",
// not counted), or one that is malformed (bad percent-encoding, ";"),
// gets 400 naming the field "query".
//
// The tracking parameters that campaigns and feed readers append to
// subscription links are accepted and ignored: every utm_ parameter,
// fbclid, gclid, gbraid, wbraid, msclkid, igshid, twclid, zarsrc, mc_cid,
// mc_eid and _gl. They are not part of the cache key, so
// feed.rss?utm_source=zalo gets the bytes and the ETag of feed.rss.
// Internal errors get a generic 500, logged with log/slog.
//
// # Autodiscovery
//
// [AutodiscoveryLinks] writes the <link rel="alternate"> tags of a page's
// feeds, escaped, as template.HTML for an html/template page;
// [Handler.Links] gives the links of a variant in every format.
//
// # WebSub
//
// With Options.Hub set, every feed names its WebSub hub: a link rel="hub"
// beside rel="self" (atom:link in RSS), JSON Feed's hubs, and the header
// Link: <hub>; rel="hub", <feed>; rel="self". [NewWebSub] starts the other
// half, a notifier that watches the Source and, in the background, tells
// the hub (hub.mode=publish) of every feed whose items changed — the
// site's, and the article's categories', tags' and language's — when an
// article is published, updated, unpublished or falls due, with retries
// and exponential backoff. It needs no hook in package news, which knows
// nothing of HTTP.
package feed
