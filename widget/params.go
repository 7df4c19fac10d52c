package widget

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/orgnews/orgnews/internal/web"
	"github.com/orgnews/orgnews/news"
	"golang.org/x/text/language"
)

// Limits on request parameters, besides web.ParseQuery's.
const (
	maxTag = 64 // characters of a tag
)

// BoxParams are the parameters of the embeddable news box. They are the
// same for the <news-widget> element's attributes, the query of /embed and
// /fragment, and Handler.Box. The zero value is the five latest articles of
// every category as a list, light theme, in Options.Lang, with dates.
type BoxParams struct {
	Category string // a category's slug (its subcategories included); "" for all
	Tag      string // a tag; "" for all
	Limit    int    // number of articles, 1 to 20; 0 means 5
	Layout   string // "list" (the default when ""), "cards" or "ticker"
	Theme    string // "light" (the default when ""), "dark" or "auto" (follows the reader's system)
	Lang     string // interface language, "vi" or "en"; "" means Options.Lang
	Exclude  string // slug of an article to leave out, such as the host page's own; "" for none
	// Show lists what is shown beside each title: any of "date", "summary"
	// and "image". nil means only the date; an empty non-nil slice, only
	// titles.
	Show []string
}

// box is a validated BoxParams.
type box struct {
	category, tag, layout, theme, lang, exclude string
	limit                                       int
	date, summary, image                        bool
}

// key returns b's canonical form, for cache keys.
func (b *box) key() string {
	return fmt.Sprintf("%q %q %q %s %d %s %s %t %t %t", b.category, b.tag, b.exclude, b.lang, b.limit, b.layout, b.theme, b.date, b.summary, b.image)
}

// validate checks p and fills in defaults; defLang is Options.Lang.
func (p BoxParams) validate(defLang string) (*box, error) {
	b := &box{
		category: p.Category, tag: p.Tag, exclude: p.Exclude, limit: cmp.Or(p.Limit, 5), layout: cmp.Or(p.Layout, "list"),
		theme: cmp.Or(p.Theme, "light"), lang: cmp.Or(p.Lang, defLang), date: p.Show == nil,
	}
	for _, s := range p.Show {
		switch s {
		case "date":
			b.date = true
		case "summary":
			b.summary = true
		case "image":
			b.image = true
		case "":
		default:
			return nil, &news.FieldError{Field: "show", Rule: "must list only date, summary and image"}
		}
	}
	err := cmp.Or(checkSlug("category", b.category), checkSlug("exclude", b.exclude), checkText("tag", b.tag, maxTag),
		inRange("limit", strconv.Itoa(b.limit), b.limit, 1, 20), oneOf("layout", b.layout, "list", "cards", "ticker"),
		oneOf("theme", b.theme, "light", "dark", "auto"), oneOf("lang", b.lang, "vi", "en"))
	if err != nil {
		return nil, err
	}
	return b, nil
}

// boxParams reads and checks the box parameters of a query.
func (h *Handler) boxParams(v web.Query) (*box, error) {
	p := BoxParams{
		Category: v["category"], Tag: v["tag"], Layout: v["layout"], Theme: v["theme"],
		Lang: v["lang"], Exclude: v["exclude"],
	}
	if s, ok := v["show"]; ok {
		p.Show = []string{}
		if s != "" {
			p.Show = strings.Split(s, ",")
		}
	}
	var err error
	if p.Limit, err = intParam(v, "limit", 1, 20); err != nil {
		return nil, err
	}
	return p.validate(h.lang)
}

// listParams are the parameters of /api/articles.
type listParams struct {
	category, tag, text, sort, lang, cursor, exclude string
	limit                                            int
}

// apiListParams reads and checks the parameters of /api/articles.
func apiListParams(v web.Query) (*listParams, error) {
	p := &listParams{
		category: v["category"], tag: v["tag"], text: strings.TrimSpace(v["q"]), lang: v["lang"],
		cursor: v["cursor"], exclude: v["exclude"], sort: v["sort"],
	}
	var err error
	p.limit, err = intParam(v, "limit", 1, news.MaxLimit)
	err = cmp.Or(checkSlug("category", p.category), checkSlug("exclude", p.exclude), checkText("tag", p.tag, maxTag),
		checkSearch(p.text), checkSort(p.sort), err, checkCursor(p.cursor))
	if err != nil {
		return nil, err
	}
	if p.lang != "" {
		t, err := language.Parse(p.lang)
		if err != nil || len(p.lang) > 35 {
			return nil, &news.FieldError{Field: "lang", Rule: "must be a BCP 47 language tag such as vi or en, not " + web.Quote(p.lang, 40)}
		}
		p.lang = t.String()
	}
	p.limit = cmp.Or(p.limit, news.DefaultLimit)
	return p, nil
}

// pageParams are the parameters of a page: the language, and for lists a
// cursor, and for the search page the search words. The names a page
// accepts say which it has; the others stay "".
type pageParams struct {
	lang, cursor, text, sort string
}

// htmlPageParams reads the parameters of a page.
func htmlPageParams(v web.Query) (*pageParams, error) {
	p := &pageParams{lang: v["lang"], cursor: v["cursor"], text: strings.TrimSpace(v["q"]), sort: v["sort"]}
	if err := cmp.Or(oneOf("lang", p.lang, "vi", "en"), checkCursor(p.cursor), checkSearch(p.text), checkSort(p.sort)); err != nil {
		return nil, err
	}
	return p, nil
}

// The parameters of each route (see the package documentation), in the
// order an error message lists them.
var (
	indexNames   = []string{"cursor", "lang"}
	searchNames  = []string{"q", "sort", "cursor", "lang"}
	articleNames = []string{"lang"}
	boxNames     = []string{"category", "tag", "limit", "layout", "theme", "lang", "exclude", "show"}
	apiListNames = []string{"category", "tag", "q", "sort", "lang", "limit", "cursor", "exclude"}
)

// The checks below each return nil or a *news.FieldError naming the
// parameter and the rule; "" passes every one.

// intParam returns an integer parameter in [lo, hi], or 0 when absent.
func intParam(v web.Query, name string, lo, hi int) (int, error) {
	if v[name] == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v[name])
	if err != nil {
		n = lo - 1
	}
	return n, inRange(name, v[name], n, lo, hi)
}

// inRange checks that n, given as s, is in [lo, hi], in the words package
// feed uses.
func inRange(name, s string, n, lo, hi int) error {
	if n < lo || n > hi {
		return &news.FieldError{Field: name, Rule: fmt.Sprintf("must be an integer from %d to %d, not %s", lo, hi, web.Quote(s, 20))}
	}
	return nil
}

// oneOf checks that s is one of allowed.
func oneOf(name, s string, allowed ...string) error {
	if s != "" && !slices.Contains(allowed, s) {
		return &news.FieldError{Field: name, Rule: "must be one of " + strings.Join(allowed, ", ")}
	}
	return nil
}

// checkSlug checks a slug parameter (see news.ValidSlug).
func checkSlug(name, s string) error {
	if s != "" && !news.ValidSlug(s) {
		return &news.FieldError{Field: name, Rule: "must be a slug: a-z and 0-9 joined by single hyphens"}
	}
	return nil
}

// checkText checks a free-text parameter: valid UTF-8 (checked by
// web.ParseQuery), no control characters, at most n characters.
func checkText(name, s string, n int) error {
	if utf8.RuneCountInString(s) > n {
		return &news.FieldError{Field: name, Rule: fmt.Sprintf("longer than %d characters", n)}
	}
	if strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return &news.FieldError{Field: name, Rule: "contains control characters"}
	}
	return nil
}

// checkSearch checks the search parameter q by the bounds of the domain
// (see news.SearchWords): at most news.MaxQueryTextBytes bytes and
// news.MaxQueryWords distinct words, and no control characters.
func checkSearch(s string) error {
	if _, err := news.SearchWords(s); err != nil {
		var fe *news.FieldError
		if errors.As(err, &fe) {
			return &news.FieldError{Field: "q", Rule: fe.Rule}
		}
		return err
	}
	return checkText("q", s, news.MaxQueryTextBytes)
}

// checkSort checks the order of a search: "relevance" (the default when
// "") or "newest".
func checkSort(s string) error { return oneOf("sort", s, "relevance", "newest") }

// searchSort returns the news.Sort of a checked sort parameter.
func searchSort(s string) news.Sort {
	if s == "newest" {
		return news.SortNewest
	}
	return news.SortRelevance
}

// searchable reports whether the search text holds a word to look for: a
// search of no letter and no digit ("😀", "\"", "*") finds nothing, and is
// not asked of the store.
func searchable(text string) bool {
	words, _ := news.SearchWords(text)
	return len(words) > 0
}

// checkCursor checks a pagination cursor.
func checkCursor(s string) error {
	if s == "" {
		return nil
	}
	_, err := news.ParseCursor(s)
	return err
}
