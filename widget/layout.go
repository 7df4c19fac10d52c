package widget

import (
	"bytes"
	"fmt"
	"html/template"
)

// A LayoutPage is what Options.Layout receives to wrap a news page: the
// index, a category, a tag, the search and an article, and their error
// pages.
type LayoutPage struct {
	// Lang is the page's interface language, "vi" or "en", for <html lang>.
	Lang string
	// Title is the page's title followed by the site name, for <title>.
	Title string
	// Head holds the page's tags for <head>: description, robots,
	// canonical link, the news stylesheet, feed links, and on an article
	// its OpenGraph tags and JSON-LD. Place it before the host's own
	// stylesheets so that those win.
	Head template.HTML
	// Body is the news section: its header (name, search, language link,
	// categories), the page's content in <main id="main"> and its footer
	// (feeds).
	Body template.HTML
	// Home is the URL of the news index.
	Home string
	// Status is the page's HTTP status: 200, or 400, 404, 405 or 500 on
	// an error page.
	Status int
}

// FullTitle returns the title of p for <title>: its own title, then the
// site name.
func (p *page) FullTitle() string {
	if p.Title == "" {
		return p.Site
	}
	return p.Title + " – " + p.Site
}

// renderPage renders a page with the entry template name: the whole
// document, or its head and body wrapped by Options.Layout when set.
func (h *Handler) renderPage(name string, p *page) ([]byte, error) {
	if h.layout == nil {
		return h.tmpl.render(name, p)
	}
	set := h.tmpl.sets[name]
	p.InLayout = true
	var head, body, out bytes.Buffer
	if err := set.ExecuteTemplate(&head, "page-head", p); err != nil {
		return nil, fmt.Errorf("widget: render %s head: %w", name, err)
	}
	if err := set.ExecuteTemplate(&body, "page-body", p); err != nil {
		return nil, fmt.Errorf("widget: render %s body: %w", name, err)
	}
	lp := &LayoutPage{
		Lang: p.Lang, Title: p.FullTitle(), Home: p.Home, Status: 200,
		Head: template.HTML(head.String()), // #nosec G203 -- the output of html/template
		Body: template.HTML(body.String()), // #nosec G203 -- the output of html/template
	}
	if p.Error != nil {
		lp.Status = p.Error.Status
	}
	out.Grow(head.Len() + body.Len() + 4<<10)
	if err := h.layout.Execute(&out, lp); err != nil {
		return nil, fmt.Errorf("widget: Options.Layout: %w", err)
	}
	return out.Bytes(), nil
}
