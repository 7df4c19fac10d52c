package widget

import (
	"cmp"
	"context"
	"fmt"
	"html/template"
	"net/url"
	"strings"
	"time"

	"github.com/orgnews/orgnews/news"
)

// The view types below are what templates receive. Their fields are plain
// strings escaped by html/template, except articleView.Body.

// A page is the data of every page template (list.html, article.html,
// error.html): the layout's fields, and List or Article for the content.
type page struct {
	T         *messages
	Lang      string
	Site      string
	Home      string      // URL of the news index
	CSS       string      // URL of the page stylesheet
	Title     string      // page title, without the site name
	Desc      string      // meta description
	Canonical string      // canonical URL; "" for none
	Robots    string      // robots meta; "" for none
	Nav       []link      // top-level categories
	Feeds     []feedGroup // the page's own feeds first, then the whole site's
	Search    string      // the search words in the header's search box
	SearchURL string
	InLayout  bool   // whether Options.Layout wraps the page, under the host's own header and site name
	KeepLang  string // the lang parameter the page's links and search form carry; "" for none
	LangLink  *link  // the same page in the other language; nil for none
	Crumbs    []link

	List    *listView
	Article *articleView
	Error   *errorView
}

// A link is a URL and its text, in the language Lang when it is not the
// page's.
type link struct {
	URL, Text, Lang string
	Current         bool
}

// A feedGroup is a feed in every format.
type feedGroup struct {
	Name  string // what the feed holds: the site, a category, a tag
	Links []feedLink
}

// A feedLink is a feed's autodiscovery link.
type feedLink struct {
	URL, Type, Title, Label string
}

// An item is an article in a list or a box.
type item struct {
	Lang                string // the article's language, a BCP 47 tag
	Title, URL, Summary string
	Date, DateTime      string // shown date, RFC 3339 for <time datetime>
	Category            *link
	Cover               *coverView
	Featured            bool
	// TitleMarks and Excerpt are, in search results, the title and an
	// excerpt around the match with the matching words marked; nil
	// elsewhere.
	TitleMarks, Excerpt []news.Segment
}

// A coverView is an article's cover photo.
type coverView struct {
	URL, Alt, Caption string
	Srcset            string // its variants, when it is a photo of Options.Media; "" otherwise
	Width, Height     int
}

// A listView is the content of an index, category, tag or search page.
type listView struct {
	Heading  string
	Intro    string
	Featured []item
	Items    []item
	Subcats  []link
	NextURL  string
	Empty    string // shown when there is nothing to list
	IsSearch bool
	Query    string
	Searched bool
	// Count is the number of results of a search ("12 kết quả",
	// "1.000+ kết quả"); Sorts are the links to its orders, the current
	// one marked; Suggest is, when an accented search finds nothing, the
	// search without marks. Each is empty elsewhere.
	Count   string
	Sort    string // the sort parameter of a search: "", "relevance" or "newest"
	Sorts   []link
	Suggest *link
}

// An articleView is the content of an article page.
type articleView struct {
	item
	LongDate    string
	Updated     string // shown update date; "" when not updated after publishing
	UpdatedTime string
	Author      string
	Body        template.HTML
	Tags        []link
	Attachments []attachmentView
	Same        []item
	Related     []relatedView
	Latest      []item // the newest articles not shown above, in the side column of wide screens
	Prev, Next  *item
	JSONLD      any
	Breadcrumbs any // the schema.org BreadcrumbList, a second JSON-LD block
	OG          []metaTag
	// OEmbedJSON and OEmbedXML are the oEmbed discovery URLs of the page;
	// "" without Options.OEmbed.
	OEmbedJSON, OEmbedXML string
}

// A metaTag is an OpenGraph <meta property content>.
type metaTag struct{ Property, Content string }

// An attachmentView is a file published with an article.
type attachmentView struct {
	URL, Title, Type, Size string
}

// A relatedView is a related article and why it was chosen, in words.
type relatedView struct {
	item
	Why string
}

// An errorView is the content of an error page.
type errorView struct {
	Status       int
	Heading, Say string
	Detail       string // what is wrong with a bad request, naming the parameter; "" otherwise
}

// categories loads the category tree, once per render.
func (h *Handler) categories(ctx context.Context) (*news.CategoryTree, error) {
	cats, err := h.src.Categories(ctx)
	if err != nil {
		return nil, fmt.Errorf("widget: categories: %w", err)
	}
	return news.NewCategoryTree(cats), nil
}

// basePage returns the layout's fields of a page in lang.
func (h *Handler) basePage(c *news.CategoryTree, lang string) *page {
	t := msgs(lang)
	p := &page{
		T: t, Lang: lang, Site: h.siteName(lang), Home: h.baseS,
		CSS: h.abs("assets/" + h.assets.pageCSS), SearchURL: h.abs("search"),
	}
	if c != nil {
		for _, cat := range c.Roots() {
			p.Nav = append(p.Nav, link{URL: h.categoryURL(cat.Slug), Text: cat.Name})
		}
	}
	p.Feeds = h.feedGroup("", t.AllNews, p.Site)
	return p
}

// item returns the view of an article in a list.
func (h *Handler) item(a *news.Article, c *news.CategoryTree, lang string) item {
	it := item{
		Lang: cmp.Or(a.Lang, news.DefaultLang), Title: a.Title, URL: h.articleURL(a.Slug), Summary: a.Summary,
		Date:     shortDate(lang, a.PublishAt, h.loc),
		DateTime: a.PublishAt.In(h.loc).Format(time.RFC3339),
		Featured: a.Featured,
	}
	if c != nil {
		if cat := c.Category(a.CategoryID); cat != nil {
			it.Category = &link{URL: h.categoryURL(cat.Slug), Text: cat.Name}
		}
	}
	if a.Cover != nil {
		if u := h.resolve(a.Cover.URL); u != "" {
			it.Cover = &coverView{URL: u, Alt: a.Cover.Alt, Caption: a.Cover.Caption, Width: a.Cover.Width, Height: a.Cover.Height}
		}
	}
	return it
}

// items returns the views of articles.
func (h *Handler) items(as []*news.Article, c *news.CategoryTree, lang string) []item {
	out := make([]item, 0, len(as))
	for _, a := range as {
		out = append(out, h.item(a, c, lang))
	}
	return out
}

// optional returns the view of a made by view, or nil when a is nil.
func optional[T any](a *news.Article, view func(*news.Article) T) *T {
	if a == nil {
		return nil
	}
	v := view(a)
	return &v
}

// inCategory sets what p shows of the category cat it belongs to, if not
// nil: the breadcrumb (the news index, the category's ancestors and the
// category), the category's feeds before the site's, and its top-level
// category as current in the navigation.
func (h *Handler) inCategory(p *page, c *news.CategoryTree, cat *news.Category) {
	p.Crumbs = []link{{URL: h.baseS, Text: p.T.News}}
	if cat == nil {
		return
	}
	for _, x := range c.Path(cat.ID) {
		p.Crumbs = append(p.Crumbs, link{URL: h.categoryURL(x.Slug), Text: x.Name})
	}
	p.Crumbs[len(p.Crumbs)-1].Current = true
	p.Feeds = append(h.feedGroup("categories/"+cat.Slug+"/", cat.Name, p.Site+" – "+cat.Name), p.Feeds...)
	for i := range p.Nav {
		p.Nav[i].Current = p.Nav[i].URL == p.Crumbs[1].URL
	}
}

// whyText says why a related article was chosen when it shares tags with
// the article ("Cùng từ khóa: Đảng bộ"), and "" otherwise: shared words are
// folded forms, not fit for display, and the category is evident.
func whyText(t *messages, w news.Why) string {
	if len(w.Tags) == 0 {
		return ""
	}
	return t.WhyTags + ": " + strings.Join(w.Tags, ", ")
}

// keepLang returns the lang parameter that the links of a page in lang
// carry, so that the reader's choice of language holds from page to page:
// "" when lang is the site's language and the browser's is ignored.
func (h *Handler) keepLang(lang string) string {
	if lang == h.lang && !h.accept {
		return ""
	}
	return lang
}

// inLang returns u, a page of the news section, in lang: with the lang
// parameter when links to it must carry one (see keepLang).
func (h *Handler) inLang(u, lang string) string {
	lang = h.keepLang(lang)
	if lang == "" || strings.Contains(u, "lang=") {
		return u
	}
	if strings.Contains(u, "?") {
		return u + "&lang=" + lang
	}
	return u + "?lang=" + lang
}

// localise makes the links of p, a page whose address is self (without a
// lang parameter; "" for none), keep the page's language, and adds the
// link to the same page in the other language.
func (h *Handler) localise(p *page, self string) {
	lang := p.Lang
	p.KeepLang = h.keepLang(lang)
	if self != "" {
		other := otherLang(lang)
		p.LangLink = &link{URL: h.inLang(self, other), Text: langNames[other], Lang: other}
	}
	if p.KeepLang == "" {
		return
	}
	p.Home = h.inLang(p.Home, lang)
	links := func(ls []link) {
		for i := range ls {
			ls[i].URL = h.inLang(ls[i].URL, lang)
		}
	}
	items := func(its []item) {
		for i := range its {
			its[i].URL = h.inLang(its[i].URL, lang)
			if c := its[i].Category; c != nil {
				c.URL = h.inLang(c.URL, lang)
			}
		}
	}
	links(p.Nav)
	links(p.Crumbs)
	if l := p.List; l != nil {
		items(l.Featured)
		items(l.Items)
		links(l.Subcats)
		if l.NextURL != "" {
			l.NextURL = h.inLang(l.NextURL, lang)
		}
	}
	if a := p.Article; a != nil {
		if a.Category != nil {
			a.Category.URL = h.inLang(a.Category.URL, lang)
		}
		links(a.Tags)
		items(a.Same)
		items(a.Latest)
		for i := range a.Related {
			a.Related[i].URL = h.inLang(a.Related[i].URL, lang)
		}
		for _, it := range []*item{a.Prev, a.Next} {
			if it != nil {
				it.URL = h.inLang(it.URL, lang)
			}
		}
	}
}

// withQuery returns u with the query parameters appended.
func withQuery(u string, kv ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			v.Set(kv[i], kv[i+1])
		}
	}
	if len(v) == 0 {
		return u
	}
	return u + "?" + v.Encode()
}
