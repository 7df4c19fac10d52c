package memstore

import (
	"slices"
	"strings"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news"
)

// An entry is a stored article with the keys the indexes and filters use,
// computed once when the article is written.
type entry struct {
	a     *news.Article // the Store's own copy, never handed out
	at    int64         // a.PublishAt in Unix microseconds, the list key
	id    uuid.UUID     // a.ID, kept here so that list searches stay in the entry
	title string        // folded title words, each preceded by a space
	text  string        // folded summary and body words, each preceded by a space

	// Set by Store.keys under the Store's mutex, from its cache.
	tags   []string // distinct news.Slugify of a.Tags
	author string   // news.Fold(a.Author)
}

// newEntry copies a and computes its search words. It does not lock:
// callers build entries before they take the Store's mutex.
func newEntry(a *news.Article) *entry {
	a = a.Clone()
	return &entry{
		a:     a,
		at:    a.PublishAt.UnixMicro(),
		id:    a.ID,
		title: joinWords(news.Words(a.Title)),
		text:  joinWords(news.Words(a.Summary + " " + news.Excerpt(a.Body, len(a.Body)+1))),
	}
}

// words returns the distinct words of the title and text, sorted: the
// keys of the entry in the word index. They are substrings of e.title and
// e.text, computed when needed rather than kept.
func (e *entry) words() []string {
	words := slices.Concat(strings.Fields(e.title), strings.Fields(e.text))
	slices.Sort(words)
	return slices.Compact(words)
}

// joinWords returns the words with a space before each, so that
// strings.Contains(s, " "+w) reports whether a word begins with w.
func joinWords(words []string) string {
	var b strings.Builder
	for _, w := range words {
		b.WriteByte(' ')
		b.WriteString(w)
	}
	return b.String()
}

// slugs returns the slug and aliases of the entry's article.
func (e *entry) slugs() []string {
	return append([]string{e.a.Slug}, e.a.Aliases...)
}

// hasTag reports whether the article carries a tag whose slug is key.
func (e *entry) hasTag(key string) bool { return slices.Contains(e.tags, key) }

// rank returns 0 when every word begins a word of the title, 1 when every
// word begins a word of the title, summary or body, and -1 otherwise.
func (e *entry) rank(words []string) int {
	rank := 0
	for _, w := range words {
		w = " " + w
		if strings.Contains(e.title, w) {
			continue
		}
		if !strings.Contains(e.text, w) {
			return -1
		}
		rank = 1
	}
	return rank
}
