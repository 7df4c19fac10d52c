package feed

import (
	"cmp"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/orgnews/orgnews/internal/web"
	"github.com/orgnews/orgnews/news"
)

// A Variant selects what a served feed holds and in which format. The zero
// Variant is the whole site as RSS with news.DefaultLimit items.
type Variant struct {
	// Format is the feed's format; "" means RSS.
	Format Format
	// Category is a category's slug: the feed holds that category and its
	// subcategories. "" means every category.
	Category string
	// Tag keeps the articles that carry this tag (compared as news.Query
	// compares tags). "" means any tag.
	Tag string
	// Lang keeps the articles in this language, a BCP 47 tag. "" means
	// every language.
	Lang string
	// Limit is the number of items, 1 to news.MaxLimit; 0 means
	// news.DefaultLimit.
	Limit int
}

// maxTagLen is the longest tag, in characters, a Variant may name; longer
// tags cannot exist (news allows 64).
const maxTagLen = 64

// ParseVariant reads a variant from the query parameters format, category,
// tag, lang and limit (see "Parameters" in the package documentation),
// normalised as [Variant.Normalize] does, so absent parameters give the
// defaults; [TrackingParam]s are ignored. Every error wraps
// news.ErrInvalid: an [UnknownParamError] for any other parameter, a
// *news.FieldError naming a parameter given twice, "query" for an
// oversized query, or a malformed value; news.FieldErrors when several
// values are malformed.
func ParseVariant(q url.Values) (Variant, error) {
	return parseVariant(q.Encode(), Variant{})
}

// paramNames are the query parameters of a feed, in the order error
// messages list them.
var paramNames = []string{"format", "category", "tag", "lang", "limit"}

// TrackingParam reports whether the query parameter name is one that
// campaigns append to shared links (every utm_ parameter, fbclid and the
// others the package documentation lists), which feeds accept and ignore.
func TrackingParam(name string) bool { return web.IsTracking(name) }

// An UnknownParamError reports a query parameter that an address does not
// accept, with the parameters it does; it unwraps to news.ErrInvalid.
// Feeds return it, and so does every route of package widget.
type UnknownParamError = web.UnknownParamError

// params returns the query parameters a route serving v accepts: those of
// the fields v leaves zero.
func (v Variant) params() []string {
	fixed := []bool{v.Format != "", v.Category != "", v.Tag != "", v.Lang != "", v.Limit != 0}
	names := make([]string, 0, len(paramNames))
	for i, name := range paramNames {
		if !fixed[i] {
			names = append(names, name)
		}
	}
	return names
}

// parseVariant returns the normalised variant a route fixing the fields
// fixed sets serves for the raw query: the other fields come from the
// query, and the parameters of fixed fields are refused like unknown ones.
func parseVariant(rawQuery string, fixed Variant) (Variant, error) {
	q, err := web.ParseQuery(rawQuery, fixed.params()...)
	if err != nil {
		return Variant{}, err
	}
	v := Variant{Format: Format(q["format"]), Category: q["category"], Tag: q["tag"], Lang: q["lang"]}
	var errs news.FieldErrors
	if s := q["limit"]; s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > news.MaxLimit {
			errs = append(errs, &news.FieldError{Field: "limit", Rule: fmt.Sprintf("must be an integer from 1 to %d, not %s", news.MaxLimit, web.Quote(s, 20))})
		} else {
			v.Limit = n
		}
	}
	nv, verrs := v.or(fixed).normalize()
	if errs = append(errs, verrs...); len(errs) > 0 {
		return Variant{}, fieldErr(errs)
	}
	return nv, nil
}

// Normalize returns v in canonical form, the form feeds are cached under:
// the zero Format becomes RSS, Limit 0 becomes news.DefaultLimit, Tag is
// normalised with news.NormalizeLine and Lang is canonicalised ("VI" →
// "vi"). It returns an error wrapping news.ErrInvalid (a *news.FieldError,
// or news.FieldErrors when several fields are wrong) for an unknown format,
// a limit out of range, a tag longer than 64 characters or a malformed
// language tag. A category slug is not checked here: an unknown one is
// not found when the feed is served.
func (v Variant) Normalize() (Variant, error) {
	nv, errs := v.normalize()
	return nv, fieldErr(errs)
}

// normalize is Normalize returning the list of field errors.
func (v Variant) normalize() (Variant, news.FieldErrors) {
	var errs news.FieldErrors
	if v.Format == "" {
		v.Format = RSS
	} else if _, err := ParseFormat(string(v.Format)); err != nil {
		errs = append(errs, &news.FieldError{Field: "format", Rule: formatRule(string(v.Format))})
	}
	v.Category = strings.TrimSpace(v.Category)
	if v.Tag != "" {
		t := news.NormalizeLine(v.Tag)
		if t == "" || utf8.RuneCountInString(t) > maxTagLen {
			errs = append(errs, &news.FieldError{Field: "tag", Rule: fmt.Sprintf("must be 1 to %d characters", maxTagLen)})
		}
		v.Tag = t
	}
	if v.Lang != "" {
		l := canonicalLang(v.Lang)
		if l == "" {
			errs = append(errs, &news.FieldError{Field: "lang", Rule: fmt.Sprintf("must be a BCP 47 language tag such as vi or en, not %s", web.Quote(v.Lang, 40))})
		}
		v.Lang = l
	}
	switch {
	case v.Limit == 0:
		v.Limit = news.DefaultLimit
	case v.Limit < 0 || v.Limit > news.MaxLimit:
		errs = append(errs, &news.FieldError{Field: "limit", Rule: fmt.Sprintf("must be from 1 to %d", news.MaxLimit)})
	}
	return v, errs
}

// fieldErr returns nil for no errors, the only error for one, and the list
// for several.
func fieldErr(errs news.FieldErrors) error {
	switch len(errs) {
	case 0:
		return nil
	case 1:
		return errs[0]
	}
	return errs
}

// or returns v with its zero fields taken from d.
func (v Variant) or(d Variant) Variant {
	return Variant{Format: cmp.Or(v.Format, d.Format), Category: cmp.Or(v.Category, d.Category),
		Tag: cmp.Or(v.Tag, d.Tag), Lang: cmp.Or(v.Lang, d.Lang), Limit: cmp.Or(v.Limit, d.Limit)}
}

// Path returns the feed's URL relative to the news section, following the
// routes the widget package mounts: "feed.rss", "categories/chi-bo/feed.atom",
// "tags/chuy%E1%BB%83n%20%C4%91%E1%BB%95i%20s%E1%BB%91/feed.json"; a tag
// with a category, the language and a limit other than the default go in
// the query ("feed.rss?lang=en&limit=50"). The zero Format gives ".rss".
func (v Variant) Path() string {
	p := v.pagePath()
	if p != "" {
		p += "/"
	}
	p += "feed." + string(cmp.Or(v.Format, RSS))
	q := url.Values{}
	if v.Category != "" && v.Tag != "" {
		q.Set("tag", v.Tag)
	}
	if v.Lang != "" {
		q.Set("lang", v.Lang)
	}
	if v.Limit != 0 && v.Limit != news.DefaultLimit {
		q.Set("limit", strconv.Itoa(v.Limit))
	}
	if len(q) > 0 {
		p += "?" + q.Encode()
	}
	return p
}

// pagePath returns the URL, relative to the news section, of the HTML page
// a variant mirrors: "" (the index), "categories/chi-bo" or "tags/…".
func (v Variant) pagePath() string {
	switch {
	case v.Category != "":
		return "categories/" + url.PathEscape(v.Category)
	case v.Tag != "":
		return "tags/" + url.PathEscape(v.Tag)
	}
	return ""
}
