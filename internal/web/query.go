package web

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/orgnews/orgnews/news"
)

// Limits of the queries ParseQuery accepts.
const (
	MaxQueryBytes  = 4096 // of the raw query
	MaxQueryParams = 32   // non-empty "&"-separated parts, tracking parameters included
)

// A Query holds the value of each accepted parameter present in a query.
type Query map[string]string

// ParseQuery parses the raw query of a request to an address accepting the
// parameters accepted (in the order an error lists them). Empty pairs
// ("?&&a=1") are ignored, and count toward no limit but the length. Tracking
// parameters (see IsTracking) are accepted and dropped, so they never
// reach a cache key. Errors wrap news.ErrInvalid: a *news.FieldError for
// the field "query" when the query is over a limit or url.ParseQuery
// finds it malformed; an *UnknownParamError for a parameter not accepted;
// a *news.FieldError naming a parameter given twice or not in UTF-8. Of
// several wrong parameters, the first in byte order is named.
func ParseQuery(raw string, accepted ...string) (Query, error) {
	return parseQuery(raw, true, accepted)
}

// ParseKnownQuery is ParseQuery for addresses that people share, paste and
// bookmark, such as HTML pages: a parameter not accepted is dropped, as a
// tracking parameter is, so "?ref=zalo" or an old portal's "?page=2"
// neither fails nor reaches a cache key. The limits and the checks of the
// accepted parameters are ParseQuery's.
func ParseKnownQuery(raw string, accepted ...string) (Query, error) {
	return parseQuery(raw, false, accepted)
}

// parseQuery is ParseQuery, or ParseKnownQuery when strict is false.
func parseQuery(raw string, strict bool, accepted []string) (Query, error) {
	if len(raw) > MaxQueryBytes {
		return nil, &news.FieldError{Field: "query", Rule: fmt.Sprintf("longer than %d bytes", MaxQueryBytes)}
	}
	n := 0
	for p := range strings.SplitSeq(raw, "&") {
		if p != "" { // as url.ParseQuery, ignore empty pairs ("?&&a=1")
			n++
		}
	}
	if n > MaxQueryParams {
		return nil, &news.FieldError{Field: "query", Rule: fmt.Sprintf("more than %d parameters", MaxQueryParams)}
	}
	vs, err := url.ParseQuery(raw)
	if err != nil {
		return nil, &news.FieldError{Field: "query", Rule: "malformed: bad percent-encoding or separator"}
	}
	q := make(Query, len(vs))
	var bad string // the first wrong parameter in byte order, with its error in err
	for k, v := range vs {
		var e error
		switch ok := slices.Contains(accepted, k); {
		case !ok && (!strict || IsTracking(k)):
		case !ok:
			e = &UnknownParamError{Name: cut(k, 40), Accepted: accepted}
		case len(v) > 1:
			e = &news.FieldError{Field: k, Rule: "given more than once"}
		case !utf8.ValidString(v[0]):
			e = &news.FieldError{Field: k, Rule: "not valid UTF-8"}
		default:
			q[k] = v[0]
		}
		if e != nil && (err == nil || k < bad) {
			bad, err = k, e
		}
	}
	if err != nil {
		return nil, err
	}
	return q, nil
}

// An UnknownParamError reports a query parameter that an address does not
// accept. It unwraps to news.ErrInvalid.
type UnknownParamError struct {
	Name     string   // the parameter, cut to 40 bytes
	Accepted []string // the parameters the address accepts, in the order to list them
}

// Error returns the message, such as
// `unknown parameter "limt"; accepted: format, category, tag, lang, limit`
// or `unknown parameter "page"; this address accepts no parameters`.
func (e *UnknownParamError) Error() string {
	if len(e.Accepted) == 0 {
		return "unknown parameter " + strconv.Quote(e.Name) + "; this address accepts no parameters"
	}
	return "unknown parameter " + strconv.Quote(e.Name) + "; accepted: " + strings.Join(e.Accepted, ", ")
}

// Unwrap returns news.ErrInvalid.
func (e *UnknownParamError) Unwrap() error { return news.ErrInvalid }

// IsTracking reports whether the query parameter name is one that
// campaigns, social networks and feed readers append to shared links:
// every utm_ parameter, fbclid (Facebook), gclid, gbraid, wbraid (Google
// Ads), msclkid (Microsoft Ads), igshid (Instagram), twclid (X), zarsrc
// (Zalo), mc_cid, mc_eid (Mailchimp) and _gl (Google's linker).
func IsTracking(name string) bool {
	switch name {
	case "fbclid", "gclid", "gbraid", "wbraid", "msclkid", "igshid", "twclid", "zarsrc", "mc_cid", "mc_eid", "_gl":
		return true
	}
	return strings.HasPrefix(name, "utm_")
}

// Quote returns s cut to at most n bytes (see cut) and quoted as
// strconv.Quote does, for echoing input in messages.
func Quote(s string, n int) string { return strconv.Quote(cut(s, n)) }

// cut returns s cut to at most n bytes on a character boundary, with "…"
// when cut.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + "…"
}

// TagName returns the tag as the articles write it ("nông nghiệp" for
// "nong-nghiep", since news.Query compares tags by news.Slugify), or tag
// when none of them carries it.
func TagName(arts []*news.Article, tag string) string {
	key := news.Slugify(tag)
	for _, a := range arts {
		for _, t := range a.Tags {
			if news.Slugify(t) == key {
				return t
			}
		}
	}
	return tag
}
