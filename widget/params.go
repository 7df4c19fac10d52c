package widget

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/orgnews/orgnews/feed"
	"github.com/orgnews/orgnews/news"
	"golang.org/x/text/language"
)

// Limits on request parameters.
const (
	maxQuery  = 4096 // bytes of a whole query string
	maxParams = 32   // parameters in a query, tracking parameters included
	maxName   = 40   // bytes of an unknown parameter's name quoted in an error
	maxTag    = 64   // characters of a tag
	maxSearch = 200  // characters of a search
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
	// Canonical forms, for cache keys: of what the articles and heading
	// depend on, and of everything.
	dataKey, key string
}

// setKeys sets b's canonical forms.
func (b *box) setKeys() {
	flag := func(f bool) string {
		if f {
			return "1"
		}
		return "0"
	}
	b.dataKey = strings.Join([]string{b.category, b.tag, b.exclude, b.lang, strconv.Itoa(b.limit)}, "\x01")
	b.key = strings.Join([]string{b.dataKey, b.layout, b.theme, flag(b.date) + flag(b.summary) + flag(b.image)}, "\x01")
}

// validate checks p and fills in defaults; defLang is Options.Lang.
func (p BoxParams) validate(defLang string) (*box, error) {
	b := &box{limit: 5, layout: "list", theme: "light", lang: defLang, date: true}
	var err error
	if b.category, err = checkSlug("category", p.Category); err != nil {
		return nil, err
	}
	if b.exclude, err = checkSlug("exclude", p.Exclude); err != nil {
		return nil, err
	}
	if b.tag, err = checkText("tag", p.Tag, maxTag); err != nil {
		return nil, err
	}
	if p.Limit != 0 {
		if p.Limit < 1 || p.Limit > 20 {
			return nil, &news.FieldError{Field: "limit", Rule: "must be an integer from 1 to 20"}
		}
		b.limit = p.Limit
	}
	if b.layout, err = oneOf("layout", p.Layout, "list", "list", "cards", "ticker"); err != nil {
		return nil, err
	}
	if b.theme, err = oneOf("theme", p.Theme, "light", "light", "dark", "auto"); err != nil {
		return nil, err
	}
	if b.lang, err = oneOf("lang", p.Lang, defLang, "vi", "en"); err != nil {
		return nil, err
	}
	if p.Show != nil {
		b.date = false
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
	}
	b.setKeys()
	return b, nil
}

// boxParams reads BoxParams from a query.
func boxParams(v values) (BoxParams, error) {
	p := BoxParams{
		Category: v["category"], Tag: v["tag"], Layout: v["layout"], Theme: v["theme"],
		Lang: v["lang"], Exclude: v["exclude"],
	}
	var err error
	if p.Limit, err = intParam(v, "limit", 1, 20); err != nil {
		return p, err
	}
	if s, ok := v["show"]; ok {
		p.Show = []string{}
		if s != "" {
			p.Show = strings.Split(s, ",")
		}
	}
	return p, nil
}

// listParams are the parameters of /api/articles.
type listParams struct {
	category, tag, text, lang, cursor, exclude string
	limit                                      int
	key                                        string // canonical form, for cache keys
}

// apiListParams reads and checks the parameters of /api/articles.
func apiListParams(v values) (*listParams, error) {
	p := &listParams{
		category: v["category"], tag: v["tag"], text: v["q"], lang: v["lang"],
		cursor: v["cursor"], exclude: v["exclude"],
	}
	var err error
	if _, err = checkSlug("category", p.category); err != nil {
		return nil, err
	}
	if _, err = checkSlug("exclude", p.exclude); err != nil {
		return nil, err
	}
	if _, err = checkText("tag", p.tag, maxTag); err != nil {
		return nil, err
	}
	if p.text, err = checkText("q", strings.TrimSpace(p.text), maxSearch); err != nil {
		return nil, err
	}
	if p.lang != "" {
		t, perr := language.Parse(p.lang)
		if perr != nil || len(p.lang) > 35 {
			return nil, &news.FieldError{Field: "lang", Rule: "must be a language tag such as vi or en"}
		}
		p.lang = t.String()
	}
	if err = checkCursor(p.cursor); err != nil {
		return nil, err
	}
	if p.limit, err = intParam(v, "limit", 1, news.MaxLimit); err != nil {
		return nil, err
	}
	if p.limit == 0 {
		p.limit = news.DefaultLimit
	}
	p.key = strings.Join([]string{p.category, p.tag, p.text, p.lang, p.cursor, p.exclude, strconv.Itoa(p.limit)}, "\x01")
	return p, nil
}

// pageParams are the parameters of a page: the language, and for lists a
// cursor, and for the search page the search words. A page's paramSet
// says which it accepts; the others stay "".
type pageParams struct {
	lang, cursor, text string
}

// htmlPageParams reads the parameters of a page.
func htmlPageParams(v values) (*pageParams, error) {
	p := &pageParams{}
	var err error
	if p.lang, err = oneOf("lang", v["lang"], "", "vi", "en"); err != nil {
		return nil, err
	}
	p.cursor = v["cursor"]
	if err = checkCursor(p.cursor); err != nil {
		return nil, err
	}
	if p.text, err = checkText("q", strings.TrimSpace(v["q"]), maxSearch); err != nil {
		return nil, err
	}
	return p, nil
}

// A paramSet is what a route accepts in its query: the names of its
// parameters and, on routes people share links to, the tracking
// parameters, which are then ignored.
type paramSet struct {
	names    []string // in the order an error message lists them
	tracking bool     // whether tracking parameters are accepted and ignored
}

// The parameters of each route (see the package documentation).
var (
	indexParams   = &paramSet{names: []string{"cursor", "lang"}, tracking: true}
	searchParams  = &paramSet{names: []string{"q", "cursor", "lang"}, tracking: true}
	articleParams = &paramSet{names: []string{"lang"}, tracking: true}
	boxNames      = []string{"category", "tag", "limit", "layout", "theme", "lang", "exclude", "show"}
	boxParamSet   = &paramSet{names: boxNames, tracking: true}
	apiBoxParams  = &paramSet{names: boxNames}
	apiListSet    = &paramSet{names: []string{"category", "tag", "q", "lang", "limit", "cursor", "exclude"}}
	noParams      = &paramSet{}
)

// values are the parameters of a query that a route accepts, each given
// once, by name.
type values map[string]string

// parseQuery parses a request's raw query for a route accepting ps. It
// refuses an overlong or malformed query, more than maxParams parameters,
// a parameter given twice or not in UTF-8, and a parameter ps does not
// accept; the first such parameter in the query is the one reported. It
// reports whether it ignored tracking parameters.
func parseQuery(raw string, ps *paramSet) (v values, tracked bool, err error) {
	if len(raw) > maxQuery {
		return nil, false, &news.FieldError{Field: "query", Rule: fmt.Sprintf("longer than %d bytes", maxQuery)}
	}
	n := 0
	for raw != "" {
		var kv string
		kv, raw, _ = strings.Cut(raw, "&")
		if kv == "" {
			continue
		}
		if n++; n > maxParams {
			return nil, false, &news.FieldError{Field: "query", Rule: fmt.Sprintf("more than %d parameters", maxParams)}
		}
		if strings.Contains(kv, ";") {
			return nil, false, &news.FieldError{Field: "query", Rule: "malformed: bad percent-encoding or separator"}
		}
		k, val, _ := strings.Cut(kv, "=")
		k, err1 := url.QueryUnescape(k)
		val, err2 := url.QueryUnescape(val)
		if err1 != nil || err2 != nil {
			return nil, false, &news.FieldError{Field: "query", Rule: "malformed: bad percent-encoding or separator"}
		}
		switch {
		case slices.Contains(ps.names, k):
			if v == nil {
				v = make(values, len(ps.names))
			}
			if _, dup := v[k]; dup {
				return nil, false, &news.FieldError{Field: k, Rule: "given more than once"}
			}
			if !utf8.ValidString(val) {
				return nil, false, &news.FieldError{Field: k, Rule: "not valid UTF-8"}
			}
			v[k] = val
		case ps.tracking && feed.TrackingParam(k):
			tracked = true
		default:
			return nil, false, &feed.UnknownParamError{Name: truncate(k, maxName), Accepted: ps.names}
		}
	}
	return v, tracked, nil
}

// intParam returns an integer parameter in [lo, hi], or 0 when absent.
func intParam(v values, name string, lo, hi int) (int, error) {
	s := v[name]
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, &news.FieldError{Field: name, Rule: fmt.Sprintf("must be an integer from %d to %d", lo, hi)}
	}
	return n, nil
}

// oneOf returns s if it is one of allowed, def if it is empty, and an error
// otherwise.
func oneOf(name, s, def string, allowed ...string) (string, error) {
	if s == "" {
		return def, nil
	}
	if slices.Contains(allowed, s) {
		return s, nil
	}
	return "", &news.FieldError{Field: name, Rule: "must be one of " + strings.Join(allowed, ", ")}
}

// checkSlug checks a slug parameter (see news.ValidSlug); "" is allowed.
func checkSlug(name, s string) (string, error) {
	if s != "" && !news.ValidSlug(s) {
		return "", &news.FieldError{Field: name, Rule: "must be a slug: a-z and 0-9 joined by single hyphens"}
	}
	return s, nil
}

// checkText checks a free-text parameter: valid UTF-8 (checked by parseQuery), no
// control characters, at most n characters.
func checkText(name, s string, n int) (string, error) {
	if utf8.RuneCountInString(s) > n {
		return "", &news.FieldError{Field: name, Rule: fmt.Sprintf("longer than %d characters", n)}
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f {
			return "", &news.FieldError{Field: name, Rule: "contains control characters"}
		}
	}
	return s, nil
}

// checkCursor checks a pagination cursor.
func checkCursor(s string) error {
	if s == "" {
		return nil
	}
	_, err := news.ParseCursor(s)
	return err
}

// parseWith returns what the raw query of a route accepting ps parses to,
// read by parse: from m when the same raw query was valid before, and
// otherwise checked in full and remembered in m.
func parseWith[T any](m *memo[T], raw string, ps *paramSet, parse func(values) (T, error)) (T, error) {
	if p, ok := m.get(raw); ok {
		return p, nil
	}
	var zero T
	v, tracked, err := parseQuery(raw, ps)
	if err != nil {
		return zero, err
	}
	p, err := parse(v)
	if err != nil {
		return zero, err
	}
	if !tracked {
		m.put(raw, p)
	}
	return p, nil
}
