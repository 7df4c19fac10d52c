package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/orgnews/orgnews/news"
)

// RelatedSnapshot returns the snapshot of news.Public's related index
// saved last (see news.RelatedSnapshotter), or nil when none was. It
// always reads the database.
func (s *Store) RelatedSnapshot(ctx context.Context) ([]byte, error) {
	var b []byte
	err := s.db.QueryRowContext(ctx, "SELECT data FROM related_snapshot WHERE id = 1").Scan(&b)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("sqlstore: related snapshot: %w", err)
	}
	return b, nil
}

// SaveRelatedSnapshot keeps b as the snapshot of news.Public's related
// index at the public version v, unless the one kept is of a later
// version (see news.RelatedSnapshotter). It fails with news.ErrInvalid
// for a negative v or no bytes. It is one statement outside the
// write transactions: it moves neither version and waits for no writer
// but the one holding SQLite's lock.
func (s *Store) SaveRelatedSnapshot(ctx context.Context, v int64, b []byte) error {
	if v < 0 || len(b) == 0 {
		return fmt.Errorf("sqlstore: save related snapshot: version %d, %d bytes: %w", v, len(b), news.ErrInvalid)
	}
	const upsert = "INSERT INTO related_snapshot (id, version, data) VALUES (1, ?, ?) " +
		"ON CONFLICT (id) DO UPDATE SET version = excluded.version, data = excluded.data " +
		"WHERE related_snapshot.version <= excluded.version"
	if _, err := s.db.ExecContext(ctx, s.dialect.rebind(upsert), v, b); err != nil {
		return fmt.Errorf("sqlstore: save related snapshot at version %d: %w", v, err)
	}
	return nil
}
