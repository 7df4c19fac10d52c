// Package oembed is an oEmbed provider (https://oembed.com) for the
// article pages of a news section: a partner pasting an article's link
// into its own CMS gets a card of it.
//
// # Mounting
//
// A [Handler] reads a [Source], the public view of the news
// (*news.Public), so a draft or a scheduled article has no card. Mount it
// anywhere, and name it in widget.Options.OEmbed so that article pages
// carry its discovery links:
//
//	oe, err := oembed.New(pub, &oembed.Options{
//		BaseURL:      "https://sokhcn.example.gov.vn/tin-tuc/",
//		ProviderName: "Sở Khoa học và Công nghệ",
//	})
//	mux.Handle("/oembed", oe)
//	news := widget.New(pub, &widget.Options{
//		BaseURL: "https://sokhcn.example.gov.vn/tin-tuc/",
//		OEmbed:  "https://sokhcn.example.gov.vn/oembed",
//	})
//
// # Requests and answers
//
//	GET /oembed?url=https://sokhcn.example.gov.vn/tin-tuc/articles/{slug}&maxwidth=400&format=json
//
// url is an article page under Options.BaseURL (any scheme; an old slug
// answers with the current URL); format is "json" (the default) or
// "xml"; maxwidth and maxheight bound the card, DefaultWidth by
// DefaultHeight when absent. The answer is a "rich" oEmbed response: the
// article's title, author_name, provider_name and provider_url (the
// card's source), thumbnail_url with thumbnail_width and
// thumbnail_height (the cover, its size scaled to fit the bounds; only
// when the cover's size is known), width, height and html, plus the
// extensions url, summary and published (RFC 3339). The html is a
// self-contained card: a <blockquote> linking the article, with the
// thumbnail, date, summary and source, every value escaped and no script.
//
// Errors follow the specification with the JSON error body
// {"error":{"code","field","message"}}: a missing or malformed url, or a
// maxwidth or maxheight that is not a positive integer, is 400; a url
// that is not a public article of the section, or bounds below MinWidth
// by MinHeight, 404; a format other than json or xml 501.
//
// # Serving
//
// Answers are rendered once per public state and parameters and cached
// through the serving layer the feeds use, with strong ETags, conditional
// GET, gzip, HEAD, CORS for any origin, and a Cache-Control max-age that
// the answer's cache_age repeats.
package oembed
