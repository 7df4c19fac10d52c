package news

import (
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"time"

	"github.com/google/uuid"
)

// A Cursor is the position after the last article of a page in the order
// Store.Articles uses: Rank ascending (RankTitlePhrase to MaxRank in a
// search; always 0 without search or with SortNewest), then PublishAt
// descending, then ID descending. Stores encode it in Page.Next with String and read
// Query.Cursor with ParseCursor; callers treat it as opaque.
type Cursor struct {
	Rank      int
	PublishAt time.Time
	ID        uuid.UUID
}

const cursorLen = 1 + 1 + 8 + 16 // version, rank, unix microseconds, ID

// cursorVersion is the version String writes: 2 since the ranks of spread
// words were split by rarity (RankRareTitle).
const cursorVersion = 2

// CursorAfter returns the cursor that follows a at the given rank.
func CursorAfter(a *Article, rank int) Cursor {
	return Cursor{Rank: rank, PublishAt: a.PublishAt, ID: a.ID}
}

// String encodes the cursor as URL-safe text.
func (c Cursor) String() string {
	b := make([]byte, cursorLen)
	b[0] = cursorVersion
	b[1] = byte(c.Rank)
	binary.BigEndian.PutUint64(b[2:], uint64(c.PublishAt.UnixMicro()))
	copy(b[10:], c.ID[:])
	return base64.RawURLEncoding.EncodeToString(b)
}

// ParseCursor decodes a cursor made by Cursor.String, of this version or
// of version 1 (see Cursor). A malformed cursor, or one of version 1 at
// rank 6, is an error wrapping ErrInvalid that names the field "cursor".
func ParseCursor(s string) (Cursor, error) {
	bad := func(rule string) (Cursor, error) {
		return Cursor{}, &FieldError{Field: "cursor", Rule: rule}
	}
	if len(s) > 64 {
		return bad("too long")
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || len(b) != cursorLen {
		return bad("malformed")
	}
	switch {
	case b[0] != 1 && b[0] != cursorVersion:
		return bad(fmt.Sprintf("unknown version %d", b[0]))
	case b[0] == 1 && b[1] > RankBodyWords:
		return bad(fmt.Sprintf("rank %d of version 1: words spread over fields rank by rarity now; search again", b[1]))
	case b[1] > MaxRank:
		return bad("malformed")
	}
	var c Cursor
	c.Rank = int(b[1])
	c.PublishAt = time.UnixMicro(int64(binary.BigEndian.Uint64(b[2:]))).UTC()
	copy(c.ID[:], b[10:])
	return c, nil
}
