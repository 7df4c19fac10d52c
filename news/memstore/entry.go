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
	a  *news.Article // the Store's own copy, never handed out
	at int64         // a.PublishAt in Unix microseconds, the list key
	id uuid.UUID     // a.ID, kept here so that list searches stay in the entry
	// The search keys (news.SearchKeys) of the title, the summary and the
	// body text, in order.
	title, summary, body []string

	// Set by Store.keys under the Store's mutex, from its cache.
	tags   []string // distinct news.Slugify of a.Tags
	author string   // news.Fold(a.Author)
}

// newEntry copies a and computes its search words. It does not lock:
// callers build entries before they take the Store's mutex.
func newEntry(a *news.Article) *entry {
	a = a.Clone()
	return &entry{
		a:       a,
		at:      a.PublishAt.UnixMicro(),
		id:      a.ID,
		title:   news.SearchKeys(a.Title),
		summary: news.SearchKeys(a.Summary),
		body:    news.SearchKeys(news.Excerpt(a.Body, len(a.Body)+1)),
	}
}

// words returns the distinct folded words of the title, summary and body,
// sorted: the keys of the entry in the word index, each the part of a
// search key before its "_".
func (e *entry) words() []string {
	var words []string
	for _, k := range slices.Concat(e.title, e.summary, e.body) {
		words = append(words, folded(k))
	}
	slices.Sort(words)
	return slices.Compact(words)
}

// marked returns the distinct search keys with marks of the title,
// summary and body, sorted: those a word typed with marks is counted by
// (see Store.counts).
func (e *entry) marked() []string {
	var keys []string
	for _, k := range slices.Concat(e.title, e.summary, e.body) {
		if !strings.HasSuffix(k, "_") {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// folded returns the folded word of a search key: the part before "_".
func folded(key string) string {
	w, _, _ := strings.Cut(key, "_")
	return w
}

// slugs returns the slug and aliases of the entry's article.
func (e *entry) slugs() []string {
	return append([]string{e.a.Slug}, e.a.Aliases...)
}

// hasTag reports whether the article carries a tag whose slug is key.
func (e *entry) hasTag(key string) bool { return slices.Contains(e.tags, key) }

// holds reports whether the keys hold the phrase: consecutive keys that
// the phrase's keys match (news.KeyMatches), in order. Every keys hold the
// empty phrase.
func holds(keys, phrase []string) bool {
	if len(phrase) == 0 {
		return true
	}
	for i := 0; i+len(phrase) <= len(keys); i++ {
		j := 0
		for j < len(phrase) && news.KeyMatches(phrase[j], keys[i+j]) {
			j++
		}
		if j == len(phrase) {
			return true
		}
	}
	return false
}
