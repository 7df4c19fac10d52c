package widget

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/orgnews/orgnews/news"
	"golang.org/x/text/language"
)

// Limits on request parameters.
const (
	maxQuery  = 4096 // bytes of a whole query string
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
}

// key returns the canonical form of b, for cache keys.
func (b *box) key() string {
	var sb strings.Builder
	sb.Grow(64 + len(b.category) + len(b.tag) + len(b.exclude))
	sb.WriteString(b.category)
	sb.WriteByte('\x01')
	sb.WriteString(b.tag)
	sb.WriteByte('\x01')
	sb.WriteString(b.exclude)
	sb.WriteByte('\x01')
	sb.WriteString(b.layout)
	sb.WriteByte('\x01')
	sb.WriteString(b.theme)
	sb.WriteByte('\x01')
	sb.WriteString(b.lang)
	sb.WriteByte('\x01')
	sb.WriteString(strconv.Itoa(b.limit))
	for _, f := range []bool{b.date, b.summary, b.image} {
		if f {
			sb.WriteByte('1')
		} else {
			sb.WriteByte('0')
		}
	}
	return sb.String()
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
	return b, nil
}

// boxParams reads BoxParams from a query.
func boxParams(v url.Values) (BoxParams, error) {
	var p BoxParams
	var err error
	get := func(name string, dst *string) {
		if err == nil {
			*dst, err = one(v, name)
		}
	}
	get("category", &p.Category)
	get("tag", &p.Tag)
	get("layout", &p.Layout)
	get("theme", &p.Theme)
	get("lang", &p.Lang)
	get("exclude", &p.Exclude)
	if err != nil {
		return p, err
	}
	if p.Limit, err = intParam(v, "limit", 1, 20); err != nil {
		return p, err
	}
	if _, ok := v["show"]; ok {
		var s string
		if s, err = one(v, "show"); err != nil {
			return p, err
		}
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
}

func (p *listParams) key() string {
	return strings.Join([]string{p.category, p.tag, p.text, p.lang, p.cursor, p.exclude, strconv.Itoa(p.limit)}, "\x01")
}

// apiListParams reads and checks the parameters of /api/articles.
func apiListParams(v url.Values) (*listParams, error) {
	p := &listParams{}
	var err error
	get := func(name string, dst *string) {
		if err == nil {
			*dst, err = one(v, name)
		}
	}
	get("category", &p.category)
	get("tag", &p.tag)
	get("q", &p.text)
	get("lang", &p.lang)
	get("cursor", &p.cursor)
	get("exclude", &p.exclude)
	if err != nil {
		return nil, err
	}
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
	return p, nil
}

// pageParams are the parameters every page accepts: the language, and for
// lists a cursor and a search.
type pageParams struct {
	lang, cursor, text string
}

// htmlPageParams reads the parameters of a page.
func htmlPageParams(v url.Values) (*pageParams, error) {
	p := &pageParams{}
	var err error
	if p.lang, err = one(v, "lang"); err != nil {
		return nil, err
	}
	if p.lang, err = oneOf("lang", p.lang, "", "vi", "en"); err != nil {
		return nil, err
	}
	if p.cursor, err = one(v, "cursor"); err != nil {
		return nil, err
	}
	if err = checkCursor(p.cursor); err != nil {
		return nil, err
	}
	if p.text, err = one(v, "q"); err != nil {
		return nil, err
	}
	if p.text, err = checkText("q", strings.TrimSpace(p.text), maxSearch); err != nil {
		return nil, err
	}
	return p, nil
}

// parseQuery parses a request's raw query, refusing an overlong or
// malformed one.
func parseQuery(raw string) (url.Values, error) {
	if len(raw) > maxQuery {
		return nil, &news.FieldError{Field: "query", Rule: fmt.Sprintf("longer than %d bytes", maxQuery)}
	}
	v, err := url.ParseQuery(raw)
	if err != nil {
		return nil, &news.FieldError{Field: "query", Rule: "malformed: bad percent-encoding or separator"}
	}
	return v, nil
}

// one returns the single value of a parameter, "" when absent. A parameter
// given twice or that is not UTF-8 is an error.
func one(v url.Values, name string) (string, error) {
	vs := v[name]
	switch {
	case len(vs) == 0:
		return "", nil
	case len(vs) > 1:
		return "", &news.FieldError{Field: name, Rule: "given more than once"}
	case !utf8.ValidString(vs[0]):
		return "", &news.FieldError{Field: name, Rule: "not valid UTF-8"}
	}
	return vs[0], nil
}

// intParam returns an integer parameter in [lo, hi], or 0 when absent.
func intParam(v url.Values, name string, lo, hi int) (int, error) {
	s, err := one(v, name)
	if err != nil || s == "" {
		return 0, err
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

// checkText checks a free-text parameter: valid UTF-8 (checked by one), no
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
