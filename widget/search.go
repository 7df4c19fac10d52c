package widget

import (
	"context"
	"html"
	"net/http"
	"strconv"
	"strings"

	"github.com/orgnews/orgnews/internal/web"
	"github.com/orgnews/orgnews/news"
)

// Default bounds on the searches a handler runs at once (see
// Options.MaxSearches and Options.SearchQueue).
const (
	defaultMaxSearches = 4
	defaultSearchQueue = 8
)

// errSearchBusy answers a search that finds every slot taken and the
// queue full: 503 with Retry-After (see Handler.fail).
var errSearchBusy = &web.Error{
	Status: http.StatusServiceUnavailable, Code: "search_busy",
	Message: "too many searches at once; try again in a few seconds",
}

// retryAfter is the Retry-After of a 503 answer, in seconds.
const retryAfter = "2"

// A searchGate bounds the searches a handler runs at once, so that a burst
// of searches, costly to a store, never holds every connection of the
// store nor every core, and the other pages keep answering: at most run
// searches run, at most queue more wait for a turn, and any search beyond
// is refused at once with errSearchBusy.
type searchGate struct {
	running  chan struct{} // a token per running search
	admitted chan struct{} // a token per running or waiting search
}

// newSearchGate returns a gate of run searches at once and queue waiting.
func newSearchGate(run, queue int) *searchGate {
	return &searchGate{running: make(chan struct{}, run), admitted: make(chan struct{}, run+queue)}
}

// do runs search when a slot is free, waiting in the queue for one, or
// returns errSearchBusy when the queue is full, or ctx's error when ctx is
// done while waiting.
func (g *searchGate) do(ctx context.Context, search func() error) error {
	select {
	case g.admitted <- struct{}{}:
	default:
		return errSearchBusy
	}
	defer func() { <-g.admitted }()
	select {
	case g.running <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-g.running }()
	return search()
}

// Widths, in characters, of what search results show highlighted.
const (
	titleWidth   = 1000 // a title, whole
	excerptWidth = 200  // the excerpt around the match
)

// parseSearch returns the parsed search text, which checkSearch has accepted:
// ParseSearch refuses what checkSearch refuses, and returns what it
// parsed all the same.
func parseSearch(text string) news.Search {
	s, _ := news.ParseSearch(text)
	return s
}

// excerpt returns the excerpt of a, a result of the search s, with the
// matches marked: from the summary or the body's text, whichever holds a
// phrase of s (the summary first), else whichever holds a word of s, else
// the start of the summary, or of the body when a has no summary. Words
// typed together count as a phrase here, as they do when the stores rank
// (news.RankTitlePhrase…), so the excerpt shows why a result came first;
// only quoted phrases are marked as one.
func excerpt(s news.Search, a *news.Article) []news.Segment {
	where := s
	if len(s.Phrases) == 0 && len(s.Words) > 1 {
		where.Phrases = []string{strings.Join(s.Words, " ")}
	}
	// rank is 2 for a text with a phrase match, 1 with a word match.
	rank := func(text string) int {
		r := 0
		for _, seg := range news.Highlight(where, text, excerptWidth) {
			if seg.Phrase {
				return 2
			}
			if seg.Mark {
				r = 1
			}
		}
		return r
	}
	body := news.Excerpt(a.Body, len(a.Body)+1)
	best := rank(a.Summary)
	if a.Summary != "" && (best == 2 || best == 1 && len(where.Phrases) == 0 || rank(body) <= best) {
		return news.Highlight(s, a.Summary, excerptWidth)
	}
	return news.Highlight(s, body, excerptWidth)
}

// highlight sets the marked title and excerpt of the items its of the
// articles as, the results of the search s.
func highlight(its []item, as []*news.Article, s news.Search) {
	for i, a := range as {
		its[i].TitleMarks = news.Highlight(s, a.Title, titleWidth)
		its[i].Excerpt = excerpt(s, a)
	}
}

// searchView sets the count of lv, the results of a search on p, its
// links to either order, and when it finds nothing a search without the
// marks the reader typed.
func (h *Handler) searchView(lv *listView, p *page, pp *pageParams, lp *news.Page) {
	t := p.T
	lv.Sort = pp.sort
	if lp.Total > 0 {
		n := groupThousands(lp.Total, t.thousands)
		if lp.TotalCapped {
			n += "+"
		}
		word := t.ResultsN
		if lp.Total == 1 && !lp.TotalCapped {
			word = t.Result
		}
		lv.Count = n + " " + word
		self := h.abs("search")
		lv.Sorts = []link{
			{URL: withQuery(self, "q", pp.text, "lang", pp.lang), Text: t.Relevance, Current: pp.sort != "newest"},
			{URL: withQuery(self, "q", pp.text, "sort", "newest", "lang", pp.lang), Text: t.Newest, Current: pp.sort == "newest"},
		}
	}
	if len(lp.Articles) == 0 && pp.cursor == "" {
		if plain := news.Fold(pp.text); plain != strings.ToLower(news.Normalize(pp.text)) {
			lv.Suggest = &link{URL: withQuery(h.abs("search"), "q", plain, "sort", pp.sort, "lang", pp.lang), Text: plain}
		}
	}
}

// groupThousands writes n with sep between groups of three digits.
func groupThousands(n int, sep string) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + sep + s[i:]
	}
	return s
}

// segmentsHTML returns segments as HTML, escaped, the marked ones in
// <mark>.
func segmentsHTML(segs []news.Segment) string {
	var b strings.Builder
	for _, s := range segs {
		if s.Mark {
			b.WriteString("<mark>" + html.EscapeString(s.Text) + "</mark>")
		} else {
			b.WriteString(html.EscapeString(s.Text))
		}
	}
	return b.String()
}
