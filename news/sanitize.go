package news

import (
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/microcosm-cc/bluemonday"
)

// defaultVideoHosts are the hosts whose https iframes a Sanitizer keeps
// when SanitizerOptions.VideoHosts is nil.
var defaultVideoHosts = []string{
	"youtube.com", "www.youtube.com",
	"youtube-nocookie.com", "www.youtube-nocookie.com",
	"player.vimeo.com",
}

// SanitizerOptions configures a Sanitizer. The zero value, like a nil
// *SanitizerOptions, gives the default policy.
type SanitizerOptions struct {
	// VideoHosts are the hosts (exact names, compared without case) whose
	// https URLs may be embedded with an iframe. Nil means YouTube, YouTube
	// without cookies and Vimeo's player: youtube.com, www.youtube.com,
	// youtube-nocookie.com, www.youtube-nocookie.com and player.vimeo.com.
	// An empty non-nil slice allows no iframe at all.
	VideoHosts []string
	// SiteHosts are the organisation's own hosts, such as
	// "sokhcn.example.gov.vn". Links to them, like relative links, get no
	// rel attribute; every other http(s) link gets
	// rel="noopener noreferrer". Nil means no host is the site's own.
	SiteHosts []string
}

// A Sanitizer cleans the HTML of article bodies with one bluemonday policy,
// built once by NewSanitizer and never changed after. A Sanitizer is safe
// for concurrent use.
//
// What it keeps: p, h2–h6 (h1 becomes h2, since the page's title is the
// only h1), ul, ol (start), li, blockquote, em, strong, b, i, u, s, sub,
// sup, br, hr, a (href with http, https, mailto, tel or a relative URL;
// title), img (src, alt, title, width, height, loading), figure,
// figcaption, table, caption, thead, tbody, tfoot, tr, th (scope, colspan,
// rowspan), td (colspan, rowspan), the style attribute with nothing but
// text-align: left, right, center or justify (on p, headings, li,
// blockquote, td, th, caption and figcaption), and iframes whose src is an
// https URL on one of the video hosts, with the attributes an embedded
// player needs (allow, allowfullscreen, frameborder, width, height, title,
// loading, referrerpolicy).
//
// What it removes besides everything else: the debris of text pasted from
// Word, Google Docs and LibreOffice (mso- styles, o:p and other namespaced
// tags, conditional comments and the list bullets they hide, font, span,
// class, lang, images on file: URLs), every empty paragraph or heading
// (nothing but spaces, no-break spaces and line breaks), empty inline
// elements, target attributes (links open where the reader chooses), and
// characters that [Normalize] removes. External http(s) links get
// rel="noopener noreferrer"; links to the site itself never get nofollow.
//
// The result is well-formed HTML and valid XML 1.0 character data once
// escaped, and sanitising it again changes nothing.
type Sanitizer struct {
	policy     *bluemonday.Policy
	videoHosts map[string]bool
	siteHosts  map[string]bool
}

// NewSanitizer returns a Sanitizer for opts; nil opts means the defaults
// (see SanitizerOptions). Host names are compared without case.
func NewSanitizer(opts *SanitizerOptions) *Sanitizer {
	if opts == nil {
		opts = &SanitizerOptions{}
	}
	video := opts.VideoHosts
	if video == nil {
		video = defaultVideoHosts
	}
	s := &Sanitizer{videoHosts: hostSet(video), siteHosts: hostSet(opts.SiteHosts)}
	s.policy = newPolicy(s.videoHosts)
	return s
}

// hostSet returns the lower-cased hosts as a set.
func hostSet(hosts []string) map[string]bool {
	m := make(map[string]bool, len(hosts))
	for _, h := range hosts {
		if h = strings.ToLower(strings.TrimSpace(h)); h != "" {
			m[h] = true
		}
	}
	return m
}

var (
	reDimension = regexp.MustCompile(`^[0-9]{1,5}%?$`)
	reSpan      = regexp.MustCompile(`^[1-9][0-9]{0,2}$`)
	reStart     = regexp.MustCompile(`^-?[0-9]{1,6}$`)
	reAllow     = regexp.MustCompile(`^[a-z-]{1,40}(; ?[a-z-]{1,40}){0,15};?$`)
)

// newPolicy builds the bluemonday policy that keeps iframes from the given
// video hosts.
func newPolicy(videoHosts map[string]bool) *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowURLSchemes("http", "https", "mailto", "tel")
	p.AllowRelativeURLs(true)
	p.AllowElements("p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote",
		"em", "strong", "b", "i", "u", "s", "sub", "sup", "br", "hr",
		"figure", "figcaption", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td")
	p.AllowAttrs("start").Matching(reStart).OnElements("ol")
	p.AllowAttrs("href").OnElements("a")
	p.AllowAttrs("title").OnElements("a", "img", "iframe")
	p.AllowAttrs("src", "alt").OnElements("img")
	p.AllowAttrs("width", "height").Matching(reDimension).OnElements("img", "iframe")
	p.AllowAttrs("loading").Matching(regexp.MustCompile(`^(lazy|eager)$`)).OnElements("img", "iframe")
	p.AllowAttrs("scope").Matching(regexp.MustCompile(`^(row|col|rowgroup|colgroup)$`)).OnElements("th")
	p.AllowAttrs("colspan", "rowspan").Matching(reSpan).OnElements("th", "td")
	p.AllowStyles("text-align").MatchingEnum(alignValues...).
		OnElements("p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "td", "th", "caption", "figcaption")
	if len(videoHosts) > 0 {
		hosts := make([]string, 0, len(videoHosts))
		for h := range videoHosts {
			hosts = append(hosts, regexp.QuoteMeta(h))
		}
		slices.Sort(hosts)
		// Scheme and host are compared without case; the path keeps it.
		src := regexp.MustCompile(`^(?i:https://(` + strings.Join(hosts, "|") + `))(/[^\s]*)?$`)
		p.AllowAttrs("src").Matching(src).OnElements("iframe")
		p.AllowAttrs("allowfullscreen").Matching(regexp.MustCompile(`^(|allowfullscreen|true)$`)).OnElements("iframe")
		p.AllowAttrs("allow").Matching(reAllow).OnElements("iframe")
		p.AllowAttrs("frameborder").Matching(regexp.MustCompile(`^[01]$`)).OnElements("iframe")
		p.AllowAttrs("referrerpolicy").Matching(regexp.MustCompile(
			`^(no-referrer|no-referrer-when-downgrade|origin|origin-when-cross-origin|same-origin|strict-origin|strict-origin-when-cross-origin)$`)).
			OnElements("iframe")
	}
	p.SkipElementsContent("xml", "head", "template", "svg", "math", "textarea", "select")
	return p
}

// defaultSanitizer is the Sanitizer of Sanitize, built on first use.
var defaultSanitizer = sync.OnceValue(func() *Sanitizer { return NewSanitizer(nil) })

// Sanitize returns h cleaned by the default Sanitizer (NewSanitizer(nil)):
// see [Sanitizer] for what it keeps. It is safe for concurrent use.
func Sanitize(h string) string {
	return defaultSanitizer().Sanitize(h)
}

// Sanitize returns the HTML fragment h reduced to what the policy keeps
// (see [Sanitizer]). It runs in three passes: a token pass that clears
// office debris and rewrites style attributes, the bluemonday policy, and
// a pass over the tree an HTML5 parser builds from the policy's output,
// which applies the structural rules and renders balanced HTML. Each pass
// is linear in practice, including on hostile input (see
// BenchmarkSanitizeHostile); elements nested more than 512 deep, which
// the parser refuses, are flattened to 64 levels.
//
// The result is valid UTF-8 made of XML 1.0 characters, and
// s.Sanitize(s.Sanitize(h)) == s.Sanitize(h). The empty string, and a
// fragment with nothing to keep, give "".
func (s *Sanitizer) Sanitize(h string) string {
	h = Normalize(cleanPaste(h))
	h = s.policy.Sanitize(h)
	return s.tidy(h)
}

// alignValues are the values of text-align that the sanitiser keeps.
var alignValues = []string{"left", "right", "center", "justify"}

// AlignStyles returns every style attribute that Sanitize keeps, as it
// writes them ("text-align: center"): a page that shows bodies can allow
// exactly these in its Content-Security-Policy.
func AlignStyles() []string {
	styles := make([]string, len(alignValues))
	for i, v := range alignValues {
		styles[i] = "text-align: " + v
	}
	return styles
}
