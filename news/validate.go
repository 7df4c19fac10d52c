package news

import (
	"errors"
	"fmt"
	"mime"
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"
	"golang.org/x/text/language"
)

// Limits the Service enforces on every write. Lengths of text are counted
// in characters (runes) after normalisation; the body is counted in bytes.
const (
	MaxTitleLen        = 300     // Article.Title
	MaxSummaryLen      = 1000    // Article.Summary
	MaxBodyLen         = 1 << 20 // Article.Body, bytes, before and after sanitising
	MaxAuthorLen       = 200     // Article.Author
	MaxTags            = 20      // len(Article.Tags)
	MaxTagLen          = 64      // each tag
	MaxAttachments     = 50      // len(Article.Attachments)
	MaxAltLen          = 300     // Image.Alt
	MaxCaptionLen      = 1000    // Image.Caption
	MaxAttachTitleLen  = 300     // Attachment.Title
	MaxCategoryNameLen = 200     // Category.Name
	MaxDescriptionLen  = 1000    // Category.Description
	MaxQueryTextLen    = 200     // Query.Author (Query.Tag: MaxTagLen; Query.Text: MaxQueryTextBytes)
)

// Limits on a search, Query.Text, checked by Public.Articles,
// Newsroom.Articles and SearchWords. A search costs the stores about one
// index lookup per distinct word, so these bound what one request can ask.
const (
	MaxQueryTextBytes = 256 // bytes of Query.Text, as given
	MaxQueryWords     = 16  // distinct words of Query.Text (see SearchWords)
)

// DefaultLang is the language of an article written with an empty Lang.
const DefaultLang = "vi"

// canonicalLang returns the canonical form of the BCP 47 tag s ("VI" →
// "vi", "en-us" → "en-US"), DefaultLang for "", and ok false when s is not
// a well-formed tag.
func canonicalLang(s string) (string, bool) {
	if s == "" {
		return DefaultLang, true
	}
	tag, err := language.Parse(s)
	if err != nil {
		return s, false
	}
	return tag.String(), true
}

// longer returns the rule for a text over max characters.
func longer(max int) string { return fmt.Sprintf("longer than %d characters", max) }

// checkLen adds "field: longer than max characters" when s is too long.
func (es *FieldErrors) checkLen(field, s string, max int) {
	if utf8.RuneCountInString(s) > max {
		es.add(field, "%s", longer(max))
	}
}

// checkURL adds the rule CheckURL breaks, if any, to field.
func (es *FieldErrors) checkURL(field, u string) {
	if u == "" {
		es.add(field, "required")
		return
	}
	if err := CheckURL(u); err != nil {
		var fe *FieldError
		if errors.As(err, &fe) {
			es.add(field, "%s", fe.Rule)
			return
		}
		es.add(field, "%s", err.Error())
	}
}

// checkMediaType adds a rule when t is not empty and not a MIME type, or
// when prefix is not empty and t does not start with it.
func (es *FieldErrors) checkMediaType(field, t, prefix string) {
	if t == "" {
		return
	}
	mt, _, err := mime.ParseMediaType(t)
	switch {
	case err != nil || !strings.Contains(mt, "/"):
		es.add(field, "not a MIME type")
	case prefix != "" && !strings.HasPrefix(mt, prefix):
		es.add(field, "not an %s* type", prefix)
	}
}

// validateArticle checks the normalised article a against every rule that
// does not need the store, plus the category rule catRule computed by the
// caller ("" when the category is fine). Errors come in field order.
func validateArticle(a *Article, catRule string) FieldErrors {
	var es FieldErrors
	if a.Slug != "" && !ValidSlug(a.Slug) {
		es.add("slug", "%s", slugRule)
	}
	for i, s := range a.Aliases {
		if !ValidSlug(s) {
			es.add(fmt.Sprintf("aliases[%d]", i), "%s", slugRule)
		}
	}
	es.checkOldURLs(a.OldURLs)
	if a.Title == "" {
		es.add("title", "required")
	}
	es.checkLen("title", a.Title, MaxTitleLen)
	es.checkLen("summary", a.Summary, MaxSummaryLen)
	if len(a.Body) > MaxBodyLen {
		es.add("body", "larger than 1 MiB")
	}
	if c := a.Cover; c != nil {
		es.checkURL("cover.url", c.URL)
		es.checkLen("cover.alt", c.Alt, MaxAltLen)
		es.checkLen("cover.caption", c.Caption, MaxCaptionLen)
		if c.Width < 0 {
			es.add("cover.width", "negative")
		}
		if c.Height < 0 {
			es.add("cover.height", "negative")
		}
		es.checkMediaType("cover.type", c.Type, "image/")
		if c.Size < 0 {
			es.add("cover.size", "negative")
		}
	}
	if len(a.Attachments) > MaxAttachments {
		es.add("attachments", "more than %d", MaxAttachments)
	}
	for i, at := range a.Attachments {
		p := fmt.Sprintf("attachments[%d].", i)
		es.checkURL(p+"url", at.URL)
		es.checkLen(p+"title", at.Title, MaxAttachTitleLen)
		es.checkMediaType(p+"type", at.Type, "")
		if at.Size < 0 {
			es.add(p+"size", "negative")
		}
	}
	es.checkLen("author", a.Author, MaxAuthorLen)
	if catRule != "" {
		es.add("category", "%s", catRule)
	}
	if len(a.Tags) > MaxTags {
		es.add("tags", "more than %d", MaxTags)
	}
	seen := make(map[string]int, len(a.Tags))
	for i, t := range a.Tags {
		f := fmt.Sprintf("tags[%d]", i)
		key := Slugify(t)
		switch {
		case t == "":
			es.add(f, "required")
		case utf8.RuneCountInString(t) > MaxTagLen:
			es.add(f, "%s", longer(MaxTagLen))
		case key == "":
			es.add(f, "has no letter or digit")
		default:
			if j, dup := seen[key]; dup {
				es.add(f, "duplicate of tags[%d]", j)
			} else {
				seen[key] = i
			}
		}
	}
	if _, ok := canonicalLang(a.Lang); !ok {
		es.add("lang", "not a BCP 47 language tag")
	}
	if !a.Status.Valid() {
		es.add("status", "unknown status %q", a.Status)
	}
	return es
}

// slugRule is the rule a malformed slug breaks.
var slugRule = fmt.Sprintf("not a slug (a-z, 0-9 and single hyphens, at most %d bytes)", MaxSlugLen)

// articleCategoryRule returns the rule the category ID breaks in tree, or "".
func articleCategoryRule(id uuid.UUID, tree *CategoryTree) string {
	switch {
	case id == uuid.Nil:
		return "required"
	case tree.Category(id) == nil:
		return "not found"
	}
	return ""
}

// validateCategory checks the normalised category c against tree, the
// categories as they are without c's change. A slug that another category
// of tree holds is reported as a conflict by the caller, not here.
func validateCategory(c *Category, tree *CategoryTree) FieldErrors {
	var es FieldErrors
	if c.Slug != "" && !ValidSlug(c.Slug) {
		es.add("slug", "%s", slugRule)
	}
	for i, s := range c.Aliases {
		if !ValidSlug(s) {
			es.add(fmt.Sprintf("aliases[%d]", i), "%s", slugRule)
		}
	}
	if c.Name == "" {
		es.add("name", "required")
	}
	es.checkLen("name", c.Name, MaxCategoryNameLen)
	es.checkLen("description", c.Description, MaxDescriptionLen)
	if rule := tree.parentRule(c.ID, c.ParentID); rule != "" {
		es.add("parent", "%s", rule)
	}
	return es
}

// validateQuery checks a public query and returns it with Lang in
// canonical form and Text as its parsed search (see ParseSearch). A
// Text that MatchesNothing is left as it is: the caller answers an empty
// page without asking the store.
func validateQuery(q Query) (Query, error) {
	var es FieldErrors
	if q.Limit < 0 || q.Limit > MaxLimit {
		es.add("limit", "%s", limitRule(q.Limit))
	}
	if q.Cursor != "" {
		if _, err := ParseCursor(q.Cursor); err != nil {
			var fe *FieldError
			if errors.As(err, &fe) {
				es = append(es, fe)
			} else {
				es.add("cursor", "malformed")
			}
		}
	}
	if q.Text != "" && !q.MatchesNothing() {
		search, err := ParseSearch(q.Text)
		if err != nil {
			es = append(es, err.(*FieldError))
		}
		q.Text = search.String()
	}
	if !q.Sort.valid() {
		es.add("sort", "%s", sortRule(q.Sort))
	}
	es.checkLen("tag", q.Tag, MaxTagLen)
	es.checkLen("author", q.Author, MaxQueryTextLen)
	if q.Lang != "" {
		lang, ok := canonicalLang(q.Lang)
		if !ok {
			es.add("lang", "not a BCP 47 language tag")
		}
		q.Lang = lang
	}
	if !q.From.IsZero() && !q.To.IsZero() && q.From.After(q.To) {
		es.add("from", "after to")
	}
	if len(q.Categories) > MaxQueryCategories {
		es.add("categories", "more than %d", MaxQueryCategories)
	}
	return q, es.err()
}

// SearchWords returns the distinct words of the search text, as typed
// (normalised to NFC, see [Normalize]): text split on every character that
// is not a letter, a digit or a mark, keeping the words that hold a letter
// or a digit. A word that repeats an earlier one apart from case is
// dropped, so "Hà Nội hà nội" gives ["Hà" "Nội"]; words that differ in
// their marks ("bưởi", "buổi", "buoi") are different words, since a word
// typed with marks asks for those marks. Public.Articles and
// Newsroom.Articles pass them to the store joined by spaces, so 100 × "t"
// costs a store what "t" does.
//
// It fails with a *FieldError (wrapping ErrInvalid) naming "text" when
// text is longer than MaxQueryTextBytes or has more than MaxQueryWords
// distinct words, with the words it has; the words are then returned all
// the same. It returns nil when text has no word (see
// [Query.MatchesNothing]). It is safe for concurrent use.
func SearchWords(text string) ([]string, error) {
	if len(text) > MaxQueryTextBytes {
		return nil, &FieldError{Field: "text", Rule: fmt.Sprintf("longer than %d bytes (has %d)", MaxQueryTextBytes, len(text))}
	}
	var words []string
	seen := map[string]bool{}
	for _, w := range strings.FieldsFunc(Normalize(text), notWordRune) {
		key := strings.ToLower(w)
		if seen[key] || !strings.ContainsFunc(w, isLetterOrDigit) {
			continue
		}
		seen[key] = true
		words = append(words, w)
	}
	if len(words) > MaxQueryWords {
		return words, &FieldError{Field: "text", Rule: fmt.Sprintf("more than %d distinct words (has %d)", MaxQueryWords, len(words))}
	}
	return words, nil
}

// MatchesNothing reports whether q is a search whose Text has no letter and
// no digit ("😀", "\"", "*"), or asks for no word or phrase (only
// exclusions, "-tin"): such a search matches no article, rather than
// every one. Public.Articles and Newsroom.Articles answer it with an
// empty page without asking the store, so no store is given such a search
// by them.
func (q Query) MatchesNothing() bool {
	if q.Text == "" {
		return false
	}
	if !strings.ContainsFunc(q.Text, isLetterOrDigit) {
		return true
	}
	s, err := ParseSearch(q.Text)
	return err == nil && s.Empty()
}
