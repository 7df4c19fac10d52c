package news

import (
	"time"

	"github.com/google/uuid"
)

// A Category ("chuyên mục") groups articles. Categories form a tree through
// ParentID; a query for a category includes its descendants.
type Category struct {
	ID          uuid.UUID // permanent identity
	Slug        string    // unique among categories, in URLs
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
	return &cp
}
