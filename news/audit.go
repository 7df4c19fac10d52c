package news

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/google/uuid"
)

// An AuditEntry records one thing that happened in the newsroom: a
// sign-in (successful or not), a transition, an edit, a restore, a change
// of an account, a token or a category. The log is append-only: no store
// method updates or deletes an entry.
type AuditEntry struct {
	// Seq numbers the entries in the order they were appended, from 1,
	// never reused; the store assigns it.
	Seq       int64     `json:"seq"`
	At        time.Time `json:"at"`
	ActorID   uuid.UUID `json:"actor_id"`   // uuid.Nil for an anonymous attempt (a failed sign-in)
	ActorName string    `json:"actor_name"` // display name, or the username tried
	Address   string    `json:"address"`    // the client address
	Action    Action    `json:"action"`
	// ObjectType and ObjectID name what was acted on: "article" and the
	// article's ID, "account", "token", "category", "session" (its hash),
	// or, for a sign-in attempt, "username" and the folded username
	// tried.
	ObjectType string  `json:"object_type"`
	ObjectID   string  `json:"object_id"`
	Detail     string  `json:"detail,omitempty"` // a comment, a note, the fields changed, or why it failed
	Outcome    Outcome `json:"outcome"`
}

// The object types of audit entries.
const (
	ObjectArticle  = "article"
	ObjectAccount  = "account"
	ObjectToken    = "token"
	ObjectCategory = "category"
	ObjectSession  = "session"
	ObjectUsername = "username"
)

// An Outcome says how an audited attempt ended.
type Outcome string

// The outcomes of audit entries.
const (
	OutcomeSuccess   Outcome = "success"
	OutcomeFailure   Outcome = "failure"   // a wrong username, password or code; counted by sign-in throttling
	OutcomeThrottled Outcome = "throttled" // refused unchecked after too many failures; not counted
)

// An AuditFilter selects audit entries. The zero value selects every
// entry, newest first, DefaultLimit at a time.
type AuditFilter struct {
	ActorID    uuid.UUID // uuid.Nil for any
	Action     Action    // "" for any
	ObjectType string    // "" for any
	ObjectID   string    // "" for any
	Address    string    // "" for any
	Outcome    Outcome   // "" for any
	From       time.Time // At at or after From; zero for no bound
	To         time.Time // At before To; zero for no bound
	Limit      int       // 1..MaxLimit; 0 means DefaultLimit
	// Cursor is AuditPage.Next of the previous page; "" for the first.
	Cursor string
}

// AuditBounds returns the page size f asks for and the sequence number
// the page starts below (0 on the first page). Stores call it first in
// NewsroomStore.Audit. Errors wrap ErrInvalid (a *FieldError for "limit"
// or "cursor").
func (f AuditFilter) AuditBounds() (limit int, before int64, err error) {
	limit = f.Limit
	switch {
	case limit == 0:
		limit = DefaultLimit
	case limit < 0 || limit > MaxLimit:
		return 0, 0, &FieldError{Field: "limit", Rule: limitRule(limit)}
	}
	if f.Cursor != "" {
		before, err = strconv.ParseInt(f.Cursor, 10, 64)
		if err != nil || before <= 0 || strconv.FormatInt(before, 10) != f.Cursor {
			return 0, 0, &FieldError{Field: "cursor", Rule: "malformed"}
		}
	}
	return limit, before, nil
}

// AuditCursor returns the cursor of the page after the entry with the
// sequence number seq: stores set AuditPage.Next to AuditCursor of the
// last entry of a full page.
func AuditCursor(seq int64) string { return strconv.FormatInt(seq, 10) }

// An AuditPage is one page of audit entries, newest (highest Seq) first.
type AuditPage struct {
	Entries []*AuditEntry
	Next    string // cursor of the next page; "" when this is the last
}

// Match reports whether e is selected by f's conditions (not its paging):
// stores without a query language use it.
func (f AuditFilter) Match(e *AuditEntry) bool {
	return (f.ActorID == uuid.Nil || e.ActorID == f.ActorID) &&
		(f.Action == "" || e.Action == f.Action) &&
		(f.ObjectType == "" || e.ObjectType == f.ObjectType) &&
		(f.ObjectID == "" || e.ObjectID == f.ObjectID) &&
		(f.Address == "" || e.Address == f.Address) &&
		(f.Outcome == "" || e.Outcome == f.Outcome) &&
		(f.From.IsZero() || !e.At.Before(f.From)) &&
		(f.To.IsZero() || e.At.Before(f.To))
}

// Clone returns a copy of e.
func (e *AuditEntry) Clone() *AuditEntry {
	if e == nil {
		return nil
	}
	cp := *e
	return &cp
}

// WriteAuditJSONL writes entries to w as JSON lines: one JSON object per
// entry, with the members of AuditEntry's JSON tags, each line ending in
// "\n".
func WriteAuditJSONL(w io.Writer, entries []*AuditEntry) error {
	enc := json.NewEncoder(w)
	for _, e := range entries {
		if err := enc.Encode(e); err != nil {
			return fmt.Errorf("news: audit export: %w", err)
		}
	}
	return nil
}

// audit appends e to the audit log.
func (n *Newsroom) audit(ctx context.Context, e *AuditEntry) error {
	if err := n.store.AppendAudit(ctx, e); err != nil {
		return fmt.Errorf("news: audit: %w", err)
	}
	return nil
}
