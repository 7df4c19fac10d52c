package news

import (
	"slices"
	"time"

	"github.com/google/uuid"
)

// A Category ("chuyên mục") groups articles. Categories form a tree through
// ParentID; a query for a category includes its descendants.
type Category struct {
	ID          uuid.UUID // permanent identity
	Slug        string    // unique among categories' slugs and aliases, in URLs
	Aliases     []string  // slugs the category had before, so old links keep working
	Name        string    // display name, plain text
	Description string    // plain text, may be empty
	ParentID    uuid.UUID // uuid.Nil for a top-level category
	Position    int       // order among siblings, ascending
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Clone returns a copy of c that shares no memory with it.
func (c *Category) Clone() *Category {
	if c == nil {
		return nil
	}
	cp := *c
	cp.Aliases = slices.Clone(c.Aliases)
	return &cp
}

// Slugs returns the category's slug followed by its aliases.
func (c *Category) Slugs() []string {
	return append([]string{c.Slug}, c.Aliases...)
}

// categoryBounds returns the rules of the tree's bounds that writing c
// into tree would break: more categories than s.maxCats, or, for a new or
// moved category, categories nested deeper than s.maxDepth levels. c must
// have passed validateCategory against tree.
func (s *Service) categoryBounds(c *Category, tree *CategoryTree) FieldErrors {
	var es FieldErrors
	cur := tree.Category(c.ID)
	if cur == nil && tree.Len()+1 > s.maxCats {
		es.add("", "would make %d categories; at most %d", tree.Len()+1, s.maxCats)
	}
	if cur != nil && cur.ParentID == c.ParentID {
		return es
	}
	level := 1
	if c.ParentID != uuid.Nil {
		level = tree.Depth(c.ParentID) + 2
	}
	below := 0
	if cur != nil {
		below = tree.height(c.ID)
	}
	switch deepest := level + below; {
	case deepest <= s.maxDepth:
	case below == 0:
		es.add("parent", "would nest the category %d levels deep; at most %d", deepest, s.maxDepth)
	default:
		es.add("parent", "would nest categories %d levels deep; at most %d", deepest, s.maxDepth)
	}
	return es
}

// namesake returns the category of tree other than c, under the same
// parent, whose name is c's after Fold, or nil.
func namesake(tree *CategoryTree, c *Category) *Category {
	name := Fold(c.Name)
	for _, sib := range tree.children[c.ParentID] {
		if sib.ID != c.ID && Fold(sib.Name) == name {
			return sib
		}
	}
	return nil
}
