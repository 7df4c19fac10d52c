// Package widget serves an organisation's news on the web: a whole news
// section (index, categories, tags, search, article pages), the feeds of
// package feed, a JSON API, and a "latest news" box that any other site
// embeds with one line of HTML.
//
// It reads from a [Source] — in practice the public view [news.Public],
// which only ever returns published articles whose time has come — never
// from a raw store.
//
// # Mounting
//
// [New] returns a [Handler], an http.Handler whose routes are relative to
// where it is mounted. Options.BaseURL is the public absolute URL of that
// mount point; every link, canonical URL, feed and asset URL starts with
// it, never with the request's Host.
//
//	pub := news.NewPublic(store, nil)
//	h := widget.New(pub, &widget.Options{
//		BaseURL:  "https://skhcn.example.gov.vn/tin-tuc/",
//		SiteName: "Sở Khoa học và Công nghệ",
//	})
//	mux := http.NewServeMux()
//	mux.Handle("/tin-tuc/", http.StripPrefix("/tin-tuc", h))
//
// A path that a router left as the request gave it, as chi's Mount does,
// and that begins with BaseURL's path is served as the path below it; a
// path a router rewrote, as http.StripPrefix does, is served as it is. So
// with chi, Mount is enough when BaseURL is the mount point's URL:
//
//	r := chi.NewRouter()
//	r.Mount("/tin-tuc", h)
//
// # Routes
//
//	GET /                          news index: featured articles, then the latest (?cursor= pages)
//	GET /categories/{slug}         a category and its subcategories
//	GET /tags/{tag}                a tag (its slug, as in news.Slugify)
//	GET /search?q=&sort=           search (see Search below): "dai hoi" finds "Đại hội"
//	GET /articles/{slug}           an article; an old slug answers 301 to the current URL
//	GET /feed.rss, /feed.atom, /feed.json, and the same under /categories/{slug}/ and /tags/{tag}/
//	GET /api/articles              ?category=&tag=&q=&sort=&lang=&limit=&cursor=&exclude=
//	GET /api/articles/{slug}       an article with body, same-category list, related, prev and next
//	GET /api/categories            the category tree
//	GET /api/box                   the box's heading, link and articles, for the <news-widget> element
//	GET /widget.js                 the <news-widget> element
//	GET /embed                     the box as a page for an iframe
//	GET /embed-parent.js           resizes such iframes on the embedding page
//	GET /fragment                  the box as an HTML fragment for server-side inclusion
//	GET /assets/{name}.{hash}.css|js  stylesheets and scripts under content-hashed names
//
// GET routes answer HEAD. Other methods get 405 with an Allow header; the
// API also answers OPTIONS (CORS preflight).
//
// # Old URLs
//
// An article brought from another site keeps its addresses there
// (news.Article.OldURLs, in the form news.NormalizeOldURL gives). A GET or
// HEAD for a path that no route takes, or for the index with a parameter
// it does not know ("/?p=123"), whose path and query are an old URL of a
// public article answers 301 to the article's page; anything else answers
// as it would without old URLs (a 404, the index). The whole path, mount
// point included, is looked up first, for an old site whose prefix the
// section took over, then the path below the mount point. The old site's paths
// mostly lie outside the news section: [Handler.Redirects] moves them at
// the host's root, and hands every other request to a fallback:
//
//	mux.Handle("GET /{$}", h.Redirects(&widget.RedirectOptions{Fallback: homePage}))
//	mux.Handle("/", h.Redirects(&widget.RedirectOptions{Fallback: notFoundPage}))
//
// # Languages
//
// Pages speak the site's language, Options.Lang, whatever the browser's:
// the news section is part of the host's site and speaks its language.
// The reader switches with the language link in the header or the lang
// parameter ("vi" or "en"), and the choice is kept in the page's links and
// search form. A site that wants the browser's language sets
// Options.AcceptLanguage. Every article, card, list item and box item
// carries the lang attribute of its article's own language, so an English
// article in a Vietnamese page is read and hyphenated as English.
//
// # Query parameters
//
// Each route accepts the parameters below:
//
//	/, /categories/{slug}, /tags/{tag}   cursor, lang
//	/search                              q, sort, cursor, lang
//	/articles/{slug}                     lang
//	/api/articles                        category, tag, q, sort, lang, limit, cursor, exclude
//	/api/articles/{slug}, /api/categories none
//	/api/box, /embed, /fragment          category, tag, limit, layout, theme, lang, exclude, show
//
// Pages ignore any other parameter, so that a link shared with "?ref=zalo"
// or bookmarked from an old portal with "?page=2" still opens, with the
// ETag and the canonical link of the page without it; an upper- or
// mixed-case slug in a page's path answers 301 to the lower-case one. On
// pages, a parameter given twice or not UTF-8, and everywhere an unknown
// parameter (on the API and the box), a query longer than 4096 bytes or
// of more than 32 non-empty "&"-separated parts, is a 400, worded as
// package feed words it: JSON on the API and the box, an HTML error page
// on pages, naming the parameter and, for an unknown one, what the route
// accepts:
//
//	{"error":{"code":"invalid_parameter","field":"limt","message":"unknown parameter \"limt\"; accepted: category, tag, q, lang, limit, cursor, exclude"}}
//
// Every route accepts and ignores the tracking parameters package feed
// lists (utm_ parameters, fbclid, zarsrc…): they count towards the 32 but
// are in no cache key. /widget.js, /embed-parent.js and /assets/ ignore
// their query, so a host may add one (such as ?v=2) to renew a cache. The
// feed routes take the parameters package feed documents.
//
// # The JSON API
//
// Every answer carries Access-Control-Allow-Origin: * (no credentials,
// never JSONP), an ETag, and Cache-Control. Times are RFC 3339 in
// Options.Location; URLs are absolute.
//
//	GET /api/articles →
//	{"articles":[{"id":"…","slug":"…","title":"…","summary":"…","url":"https://…/articles/…",
//	  "category":{"slug":"…","name":"…"},"tags":["…"],"author":"…","lang":"vi",
//	  "published_at":"2022-11-28T09:00:00+07:00","updated_at":"…",
//	  "cover":{"url":"…","alt":"…","caption":"…","width":1200,"height":800,"srcset":"…"} or null}],
//	 "next_cursor":"…" or null}
//
// A cover's width and height are there when known, and its srcset when
// Options.Media holds the photo (see below).
//
// limit is 1 to 100 (default 20); lang filters articles by language;
// exclude leaves out the article with that slug; pass next_cursor back as
// cursor for the next page.
//
//	GET /api/articles/{slug} → the fields above plus
//	 "body_html":"…" (sanitised, links absolute), "same_category":[articles],
//	 "related":[articles each with "score":1.5,"why":{"tags":[],"words":[],"same_category":true,"fallback":false}],
//	 "prev":article or null, "next":article or null
//
// With q, a search (see Search below), each article adds "title_html"
// and "excerpt_html": its title and an excerpt of about 200 characters
// around the first match (in the summary, else the body), as HTML, the
// rest escaped and the matching words in <mark>; and the answer adds
// "total" (the number of matches, exact up to 1,000), "total_capped"
// (true when there are more, total is then 1000) and "sort" ("relevance"
// or "newest"):
//
//	GET /api/articles?q=dai+hoi →
//	{"articles":[{…,"title_html":"<mark>Đại</mark> <mark>hội</mark> Chi bộ…","excerpt_html":"…"}],
//	 "next_cursor":null,"total":1,"total_capped":false,"sort":"relevance"}
//
// # Search
//
// The search page and the API's q parameter search the public articles as
// package news matches Vietnamese: a word typed without marks matches with
// or without them ("buoi" finds "bưởi" and "buổi"), one typed with marks
// matches those marks ("bưởi" finds "bưởi", not "buổi"), case never
// matters, quotes force a phrase and a leading "-" excludes a word.
// Results are ranked by relevance; sort=newest lists them newest first
// (sort=relevance is the default). The page shows the count ("12 kết
// quả", "1.000+ kết quả" past 1,000), links to either order, kept by the
// paging links, and each result's title and an excerpt with the matches
// in <mark> (news.Highlight): each matching word, and a phrase as one mark
// over its adjacent words, never what an exclusion matches. The excerpt is
// centred on the first phrase match, else the first word match, and comes
// from the summary or the body, whichever holds a phrase (the summary
// first), else a word. An accented search that finds nothing offers the
// same search without marks.
//
// q is at most 256 bytes (news.MaxQueryTextBytes) and 16 distinct words
// (news.MaxQueryWords; a repeated word counts once): beyond either it is a
// 400 naming q, whose page says the bounds in the page's language, its
// search box holding the search to shorten. A q with no letter and no digit ("😀", "*") finds nothing,
// never every article. The handler runs at most Options.MaxSearches
// searches at once (default 4), with Options.SearchQueue more waiting
// (default 8); a search beyond answers 503 with Retry-After, JSON with
// code "search_busy" on the API and a "search is busy" page on the search
// page, so that searches never starve the other pages. A search answered
// from the cache takes no turn.
//
// same_category and related are those the article's page shows: related
// leaves out the articles already in same_category.
//
//	GET /api/categories → {"categories":[{"id","slug","name","description","url","children":[…]}]}
//
//	GET /api/box?category=&tag=&limit=&lang=&exclude= (and layout, theme, show, which change nothing here) →
//	{"heading":"Khoa học và Công nghệ","url":"https://…/categories/khoa-hoc-cong-nghe","lang":"vi",
//	 "articles":[articles as above]}
//
// /api/box is what the <news-widget> element renders: the heading and
// "see all" URL are those /embed and /fragment show for the same
// parameters (the category's name, "Tin tức: tag" for a tag, else "Tin
// tức" or "News" by lang), lang is the box's interface language (vi or
// en, not a filter as on /api/articles) and limit is 1 to 20 (default 5).
//
// Errors are JSON with status 400 or 404 (and 405, 500):
//
//	{"error":{"code":"invalid_parameter","field":"limit","message":"limit: must be an integer from 1 to 100, not \"500\""}}
//	{"error":{"code":"not_found","message":"not found"}}
//
// # Embedding the news box, three ways
//
// One set of parameters serves all three: category (a slug), tag, limit
// (1–20, default 5), layout (list, cards, ticker), theme (light, dark,
// auto), lang (vi, en), exclude (an article's slug) and show (a
// comma-separated subset of date, summary, image; default date). Bad
// parameters get a 400 JSON error. A category that does not exist (a typo,
// a category renamed or removed) gets a 404: /embed and /fragment show a
// short notice in the box's language with a link to the news section,
// /api/box a not_found error naming category, from which <news-widget>
// shows the same notice and warns in the browser's console. The handler
// logs each as a warning with the page that asked (its Referer), for the
// site's owner.
//
// No style of the box widens its container or the page, in a flex row, a
// grid track, a narrow column or a table cell: the ticker's list scrolls
// inside a viewport that its content never sizes.
//
// By script: a custom element that renders into its shadow root from
// /api/box, with DOM methods only, so it runs under a strict
// Content-Security-Policy with Trusted Types. The link inside is what
// readers without JavaScript see.
//
//	<script src="https://skhcn.example.gov.vn/tin-tuc/widget.js" async></script>
//	<news-widget category="tin-hoat-dong" limit="5" layout="list" theme="auto" lang="vi" show="date,image">
//	  <a href="https://skhcn.example.gov.vn/tin-tuc/">Tin tức</a>
//	</news-widget>
//
// The host's CSP must allow the news site in script-src and connect-src
// (and img-src for covers). Reserve the box's height before the script
// loads to avoid any layout shift: news-widget { display: block; min-height: 22rem }.
//
// By iframe: the server-rendered /embed page, with no inline script or
// style, reports its height; embed-parent.js on the host resizes the
// iframe, accepting messages only from the news site's origin and from
// that iframe's window.
//
//	<iframe class="news-embed" src="https://skhcn.example.gov.vn/tin-tuc/embed?category=tin-hoat-dong&amp;limit=5"
//	        title="Tin tức" width="100%" height="420" loading="lazy"></iframe>
//	<script src="https://skhcn.example.gov.vn/tin-tuc/embed-parent.js" async></script>
//
// Options.FrameAncestors limits which sites may frame /embed (default: any).
//
// On the server: include /fragment (server-side includes, an edge
// include, or a fetch from the host's back end), or, in a Go program,
// render the same fragment into a page of its own html/template with
// [Handler.Box]:
//
//	<!--#include virtual="/tin-tuc/fragment?category=tin-hoat-dong&limit=5" -->
//
//	box, err := h.Box(ctx, widget.BoxParams{Category: "tin-hoat-dong", Limit: 5})
//	// in the page template: {{.NewsBox}}
//
// The fragment starts with a <link rel="stylesheet"> to the box's hashed
// stylesheet, so it is styled wherever it lands.
//
// # The host's layout
//
// Mounted as it is, the news section has its own frame: a header with the
// site name, search and categories, and a footer with the feeds. A host
// whose news section must look like the rest of its site gives its own
// frame as Options.Layout, an html/template executed with a *LayoutPage
// for every page (error pages included). It places .Head in <head> and
// .Body in <body>, around its own header, navigation, footer and styles:
//
//	layout := template.Must(template.New("news").Parse(`<!doctype html>
//	<html lang="{{.Lang}}">
//	<head>
//	<meta charset="utf-8">
//	<meta name="viewport" content="width=device-width, initial-scale=1">
//	<title>{{.Title}}</title>
//	{{.Head}}
//	<link rel="stylesheet" href="/static/site.css">
//	</head>
//	<body>
//	<header class="masthead"><a href="/">Sở Khoa học và Công nghệ</a> <a href="{{.Home}}">Tin tức</a></header>
//	{{.Body}}
//	<footer>Số 12 đường Trần Hưng Đạo</footer>
//	</body>
//	</html>`))
//	h := widget.New(src, &widget.Options{BaseURL: "https://skhcn.example.gov.vn/tin-tuc/", Layout: layout})
//
// The host's data that is not the page's (its menu, say) reaches the
// layout through template functions (template.FuncMap) bound when it is
// parsed. The pages' Content-Security-Policy (see Caching and headers)
// applies to the layout too.
//
// On screens at least 1,100 px wide, an article page uses the room beside
// the article: the news of its category, the related news and the latest
// news form a column at its side. Narrower screens (phones) show the first
// two under the article, as before.
//
// # Theming
//
// Pages and the box use the same CSS custom properties. A host sets them
// on :root, on <news-widget> (they inherit into its shadow root) or on an
// ancestor of the fragment; the /embed page cannot be styled from outside,
// use its theme parameter.
//
//	--news-bg, --news-fg, --news-muted, --news-accent, --news-border, --news-focus
//	--news-dark-bg, --news-dark-fg, --news-dark-muted, --news-dark-accent,
//	--news-dark-border, --news-dark-focus     (the dark theme, and theme=auto on a dark system)
//	--news-font, --news-radius, --news-ticker-duration (box), --news-soft, --news-dark-soft (pages)
//
// For example:
//
//	news-widget { --news-accent: #a4161a; --news-font: "Be Vietnam Pro", system-ui, sans-serif; }
//
// The defaults meet WCAG AA contrast in both themes. The ticker pauses on
// hover, on focus and with its pause switch, and stands still under
// prefers-reduced-motion.
//
// # Templates
//
// Pages and the box are html/template files embedded in the package. A
// file of the same name in Options.Templates (an fs.FS, such as
// os.DirFS("templates") or an embed.FS) replaces the embedded one:
//
//	layout.html   blocks "layout" ("page-head" and "page-body", which Options.Layout wraps), "head", "header", "footer"
//	parts.html    blocks "crumbs", "card", "titles"
//	box.html      block "box" (used by /fragment, /embed and Box)
//	list.html     index, category, tag and search pages (defines "content")
//	article.html  article page (defines "head" and "content")
//	error.html    400, 404, 405 and 500 pages (defines "content")
//	embed.html    the /embed page
//	fragment.html the /fragment answer and Box
//
// Start from a copy of the embedded file. Page templates receive a page
// value with the fields T (interface strings), Lang, Site, Home, CSS,
// Title (and FullTitle, with the site name), Desc, Canonical, Nav, Feeds,
// Crumbs, KeepLang, LangLink and one of List, Article or
// Error (Status, Heading, Say, and Detail: what is wrong with a bad
// request); box templates receive T, Lang, Layout, Theme, Heading, MoreURL,
// Items, Date, Summary, Image and Ticker. Every value is escaped by
// html/template except an article's body, which was sanitised when it was
// written. The <news-widget> element builds the box's markup itself, with
// the same classes.
//
// # Photos and previews
//
// With Options.Media (a [Media], such as the newsroom's
// *news.MediaLibrary), a cover or a photo of a body that the library holds
// is shown with a srcset of its variants (480, 960 and 1600 pixels wide by
// default), sizes for where it sits (the article's column, a card, the
// box) and its width and height, so the browser loads the width that fits
// and keeps the photo's room while it loads: nothing shifts. A cover's
// item in a template has Srcset, Width and Height, and so does its cover in
// the JSON API, from which the <news-widget> box draws its photos; a
// body's photos get them from [news.ResponsiveImages].
//
// [Handler.Preview] renders an article that is not public yet, such as a
// draft, with the article template, for the newsroom's preview page
// (admin.Options.Preview); what it renders is never served or cached by
// the handler.
//
// # Caching and headers
//
// Answers go through the serving layer package feed uses too: each page,
// box and API answer is rendered once and kept, within Options.CacheBytes,
// under its route, every parameter its bytes depend on, [news.State] and
// the handler's base URL, options, templates, assets and release. Its
// strong ETag hashes its bytes; If-None-Match gets 304 only where the
// answer is 200, never for a 404, a 301 or a 400. Answers over 1 KiB are
// also kept gzipped, with Vary: Accept-Encoding. Stylesheets and scripts
// are served under content-hashed URLs with "Cache-Control: public,
// max-age=31536000, immutable"; widget.js and embed-parent.js, which hosts
// reference by fixed URL, for five minutes. Embeddable resources send
// Cross-Origin-Resource-Policy: cross-origin; every answer sends
// X-Content-Type-Options: nosniff; no answer sends X-Frame-Options.
//
// /embed and every page (error pages included) send a
// Content-Security-Policy without 'unsafe-inline'. A page's allows
// scripts, styles and fonts from the site itself, the handler's assets,
// images from the site and over https, video players in https frames,
// forms sent to the site, and no inline content but the four text-align
// style attributes the sanitiser keeps in article bodies, allowed by hash.
// Pages may be framed by the site itself only (frame-ancestors 'self'),
// unless Options.PageFrameAncestors widens it; /embed by the sites of
// Options.FrameAncestors. A host's layout (Options.Layout) works within
// the same policy: its stylesheets, scripts and images come from its own
// site, nothing inline.
package widget
