package sqlstore

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/orgnews/orgnews/news"
)

var _ news.MediaStore = (*Store)(nil)

// variantJSON is the stored form of a media variant.
type variantJSON struct {
	Key    string `json:"key"`
	Type   string `json:"type"`
	Width  int    `json:"width"`
	Height int    `json:"height"`
	Size   int64  `json:"size"`
}

const mediaCols = "id, kind, name, type, width, height, variants, created_at, creator_id, creator"

// joinedMediaCols are mediaCols of the table media joined as m.
const joinedMediaCols = "m.id, m.kind, m.name, m.type, m.width, m.height, m.variants, m.created_at, m.creator_id, m.creator"

func scanMedia(sc scanner) (*news.Media, error) {
	var (
		m        news.Media
		kind     string
		variants string
		created  int64
	)
	if err := sc.Scan(&m.ID, &kind, &m.Name, &m.Type, &m.Width, &m.Height, &variants, &created, &m.CreatorID, &m.Creator); err != nil {
		return nil, err
	}
	var vs []variantJSON
	if err := json.Unmarshal([]byte(variants), &vs); err != nil {
		return nil, fmt.Errorf("media %q: variants: %w", m.ID, err)
	}
	for _, v := range vs {
		m.Variants = append(m.Variants, news.MediaVariant(v))
	}
	m.Kind, m.CreatedAt = news.MediaKind(kind), fromMicros(created)
	return &m, nil
}

// PutMedia stores m and its files in one transaction (see
// news.MediaStore.PutMedia).
func (s *Store) PutMedia(ctx context.Context, m *news.Media, files [][]byte) error {
	if m == nil {
		return required("media")
	}
	if err := m.Check(files); err != nil {
		return fmt.Errorf("sqlstore: %w", err)
	}
	vs := make([]variantJSON, len(m.Variants))
	for i, v := range m.Variants {
		vs[i] = variantJSON(v)
	}
	variants, err := jsonText(vs)
	if err != nil {
		return fmt.Errorf("sqlstore: media %q: %w", m.ID, err)
	}
	return s.write(ctx, fmt.Sprintf("media %q", m.ID), false, func(t *txn) error {
		if _, err := t.exec("INSERT INTO media ("+mediaCols+") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			m.ID, string(m.Kind), m.Name, m.Type, m.Width, m.Height, variants, micros(m.CreatedAt), m.CreatorID, m.Creator); err != nil {
			return err
		}
		for i, v := range m.Variants {
			if _, err := t.exec("INSERT INTO media_files (key, media_id, content) VALUES (?, ?, ?)", v.Key, m.ID, files[i]); err != nil {
				return err
			}
		}
		return nil
	})
}

// OpenMedia reads the file with the key into memory (files are at most
// the media library's MaxBytes) and returns it.
func (s *Store) OpenMedia(ctx context.Context, key string) (*news.MediaFile, error) {
	if _, _, err := news.ParseMediaKey(key); err != nil {
		return nil, fmt.Errorf("sqlstore: %w", err)
	}
	var content []byte
	sc := s.db.QueryRowContext(ctx, s.dialect.rebind("SELECT f.content, "+joinedMediaCols+
		" FROM media_files f JOIN media m ON m.id = f.media_id WHERE f.key = ?"), key)
	m, err := scanMedia(scannerFunc(func(dest ...any) error { return sc.Scan(append([]any{&content}, dest...)...) }))
	if err != nil {
		return nil, s.wrapErr(fmt.Sprintf("media file %q", key), err)
	}
	for _, v := range m.Variants {
		if v.Key == key {
			return &news.MediaFile{MediaVariant: v, MediaID: m.ID, Kind: m.Kind, Name: m.Name,
				Content: nopCloser{bytes.NewReader(content)}}, nil
		}
	}
	return nil, fmt.Errorf("sqlstore: media file %q: not in the record of media %q: %w", key, m.ID, news.ErrNotFound)
}

// MediaOf returns the record that holds the file with the key, without
// reading the file.
func (s *Store) MediaOf(ctx context.Context, key string) (*news.Media, error) {
	m, err := scanMedia(s.db.QueryRowContext(ctx, s.dialect.rebind("SELECT "+joinedMediaCols+
		" FROM media_files f JOIN media m ON m.id = f.media_id WHERE f.key = ?"), key))
	if err != nil {
		return nil, s.wrapErr(fmt.Sprintf("media file %q", key), err)
	}
	return m, nil
}

// scannerFunc is a scanner made of a function.
type scannerFunc func(dest ...any) error

func (f scannerFunc) Scan(dest ...any) error { return f(dest...) }

// nopCloser is an io.ReadSeeker with a Close that does nothing.
type nopCloser struct{ io.ReadSeeker }

func (nopCloser) Close() error { return nil }

// Media returns the record with the ID.
func (s *Store) Media(ctx context.Context, id string) (*news.Media, error) {
	m, err := scanMedia(s.db.QueryRowContext(ctx, s.dialect.rebind("SELECT "+mediaCols+" FROM media WHERE id = ?"), id))
	if err != nil {
		return nil, s.wrapErr(fmt.Sprintf("media %q", id), err)
	}
	return m, nil
}

// DeleteMedia removes the record with the ID and its files in one
// transaction.
func (s *Store) DeleteMedia(ctx context.Context, id string) error {
	return s.write(ctx, fmt.Sprintf("media %q", id), false, func(t *txn) error {
		res, err := t.exec("DELETE FROM media WHERE id = ?", id)
		if err := affected(res, err, fmt.Sprintf("media %q", id)); err != nil {
			return err
		}
		_, err = t.exec("DELETE FROM media_files WHERE media_id = ?", id)
		return err
	})
}

// ListMedia lists the records q selects, newest first, by the index on
// (created_at, id).
func (s *Store) ListMedia(ctx context.Context, q news.MediaQuery) (*news.MediaPage, error) {
	limit, at, after, err := q.Bounds()
	if err != nil {
		return nil, fmt.Errorf("sqlstore: %w", err)
	}
	query := "SELECT " + mediaCols + " FROM media WHERE 1 = 1"
	var args []any
	if q.Kind != "" {
		query += " AND kind = ?"
		args = append(args, string(q.Kind))
	}
	if after != "" {
		us := micros(at)
		query += " AND (created_at < ? OR created_at = ? AND id < ?)"
		args = append(args, us, us, after)
	}
	query += " ORDER BY created_at DESC, id DESC LIMIT ?"
	args = append(args, limit+1)
	ms, err := queryList(ctx, s, "media library", query, scanMedia, args...)
	if err != nil {
		return nil, err
	}
	p := &news.MediaPage{Media: ms}
	if len(ms) > limit {
		p.Media = ms[:limit]
		p.Next = news.MediaCursor(ms[limit-1])
	}
	return p, nil
}
