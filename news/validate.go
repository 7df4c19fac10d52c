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
	MaxQueryTextLen    = 200     // Query.Text, Query.Author (Query.Tag: MaxTagLen)
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
// canonical form.
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
	es.checkLen("text", q.Text, MaxQueryTextLen)
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
