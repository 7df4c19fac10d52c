package news

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
)

// Bounds of a tag lookup (NewsroomStore.Tags, Newsroom.Tags).
const (
	DefaultTagLimit = 10 // tags a lookup returns when its limit is 0
	MaxTagLimit     = 50 // the most tags a lookup returns
)

// A TagFilter selects the tags NewsroomStore.Tags counts: those, starting
// with Prefix, of the articles in its scope. The scope is every article
// with All; otherwise the articles published at or before PublishedBy
// (none when it is zero), those owned by OwnerID (none when uuid.Nil), and
// those in Categories or their descendants, together.
type TagFilter struct {
	// Prefix is a prefix of the tag's key, its Slugify form: "khoa-h"
	// finds "Khoa học". "" selects every tag.
	Prefix string
	// Limit is how many tags to return, 1 to MaxTagLimit; 0 means
	// DefaultTagLimit.
	Limit       int
	All         bool
	PublishedBy time.Time
	OwnerID     uuid.UUID
	Categories  []uuid.UUID // at most MaxQueryCategories
}

// TagBounds returns f's limit (DefaultTagLimit for 0), or an error
// wrapping ErrInvalid when the limit or the number of categories is out of
// range. Stores call it first.
func (f TagFilter) TagBounds() (int, error) {
	var es FieldErrors
	if f.Limit < 0 || f.Limit > MaxTagLimit {
		es.add("limit", "must be from 1 to %d", MaxTagLimit)
	}
	if len(f.Categories) > MaxQueryCategories {
		es.add("categories", "more than %d", MaxQueryCategories)
	}
	if len(es) > 0 {
		return 0, es
	}
	if f.Limit == 0 {
		return DefaultTagLimit, nil
	}
	return f.Limit, nil
}

// A TagCount is a tag and how many articles of a lookup's scope carry it.
// Tag is written as the newest of those articles writes it.
type TagCount struct {
	Tag   string
	Count int
}

// Tags returns up to limit tags (0 means DefaultTagLimit, at most
// MaxTagLimit) whose key starts with prefix's (its Slugify form: "dai h"
// finds "Đại hội"), most used first, then by key: the editor's
// suggestions. Only the tags of articles the actor may see count, as
// Articles decides, and those of public articles: a contributor does not
// learn the tags of another's draft. A prefix without a letter or digit
// gives no tag. Errors wrap ErrInvalid (the limit, a prefix longer than
// MaxTagLen) or are the store's.
func (n *Newsroom) Tags(ctx context.Context, actor Actor, prefix string, limit int) ([]TagCount, error) {
	if err := n.check(actor); err != nil {
		return nil, err
	}
	if len([]rune(prefix)) > MaxTagLen {
		return nil, fmt.Errorf("news: tags: %w", &FieldError{Field: "prefix", Rule: fmt.Sprintf("longer than %d characters", MaxTagLen)})
	}
	f := TagFilter{Prefix: Slugify(prefix), Limit: limit}
	if _, err := f.TagBounds(); err != nil {
		return nil, fmt.Errorf("news: tags: %w", err)
	}
	if f.Prefix == "" && NormalizeLine(prefix) != "" {
		return []TagCount{}, nil
	}
	switch {
	case actor.Role == RoleContributor:
		f.OwnerID, f.PublishedBy = actor.AccountID, n.clock()
	case actor.Role != RoleAdmin && len(actor.Categories) > 0:
		f.Categories, f.PublishedBy = actor.Categories, n.clock()
	default:
		f.All = true
	}
	tags, err := n.store.Tags(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("news: tags: %w", err)
	}
	return tags, nil
}
