// Package mediadir keeps a news.MediaStore in a directory: the default
// store of the media library, beside the SQLite file in the demo. Sites
// running several instances keep their media in news/sqlstore instead,
// which every instance over one PostgreSQL database shares.
//
// # Layout
//
//	<dir>/files/<key>        the content of a file, named by its key (news.MediaKey)
//	<dir>/media/<id>.json    the record of a Media (news.Media as JSON)
//	<dir>/index/<key>        the ID of the Media a file belongs to
//
// Every file is written to a temporary name and renamed, so a reader
// never sees half a file. Records are listed by reading the media
// directory, which suits a library of some thousands of uploads.
package mediadir

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/orgnews/orgnews/news"
)

// Store is a news.MediaStore in a directory. Create one with Open. A Store
// is safe for concurrent use by one process; two processes must not write
// one directory.
type Store struct {
	dir string
	mu  sync.RWMutex // orders writes (PutMedia, DeleteMedia) against each other and against reads
}

var _ news.MediaStore = (*Store)(nil)

// Open returns the Store in dir, creating dir and its sub-directories
// when they do not exist.
func Open(dir string) (*Store, error) {
	for _, sub := range []string{"files", "media", "index"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			return nil, fmt.Errorf("mediadir: open: %w", err)
		}
	}
	return &Store{dir: dir}, nil
}

// Dir returns the Store's directory.
func (s *Store) Dir() string { return s.dir }

func (s *Store) filePath(key string) string  { return filepath.Join(s.dir, "files", key) }
func (s *Store) indexPath(key string) string { return filepath.Join(s.dir, "index", key) }
func (s *Store) recordPath(id string) string { return filepath.Join(s.dir, "media", id+".json") }

// exists reports whether the file at p exists.
func exists(p string) (bool, error) {
	_, err := os.Stat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	return err == nil, err
}

// writeFile writes data to p through a temporary file in the same
// directory, synced and renamed, so that p holds all of data or nothing.
func writeFile(p string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, p)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// PutMedia writes the files of m, then its record (see
// news.MediaStore.PutMedia). A failure removes what it wrote.
func (s *Store) PutMedia(ctx context.Context, m *news.Media, files [][]byte) error {
	if m == nil {
		return fmt.Errorf("mediadir: %w", &news.FieldError{Field: "media", Rule: "required"})
	}
	if err := m.Check(files); err != nil {
		return fmt.Errorf("mediadir: %w", err)
	}
	rec, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("mediadir: media %q: %w", m.ID, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	paths := []string{s.recordPath(m.ID)}
	for _, v := range m.Variants {
		paths = append(paths, s.filePath(v.Key), s.indexPath(v.Key))
	}
	for _, p := range paths {
		ok, err := exists(p)
		if err != nil {
			return fmt.Errorf("mediadir: media %q: %w", m.ID, err)
		}
		if ok {
			return fmt.Errorf("mediadir: media %q: %s is taken: %w", m.ID, filepath.Base(p), news.ErrConflict)
		}
	}
	var written []string
	fail := func(err error) error {
		for _, p := range written {
			os.Remove(p)
		}
		return fmt.Errorf("mediadir: media %q: %w", m.ID, err)
	}
	for i, v := range m.Variants {
		if err := ctx.Err(); err != nil {
			return fail(err)
		}
		if err := writeFile(s.filePath(v.Key), files[i]); err != nil {
			return fail(err)
		}
		written = append(written, s.filePath(v.Key))
		if err := writeFile(s.indexPath(v.Key), []byte(m.ID)); err != nil {
			return fail(err)
		}
		written = append(written, s.indexPath(v.Key))
	}
	if err := writeFile(s.recordPath(m.ID), rec); err != nil {
		return fail(err)
	}
	return nil
}

// readRecord reads the record with the ID; the caller holds s.mu.
func (s *Store) readRecord(id string) (*news.Media, error) {
	if _, _, err := news.ParseMediaKey(id); err != nil {
		return nil, err
	}
	data, err := os.ReadFile(s.recordPath(id))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, news.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	var m news.Media
	if err := json.NewDecoder(bytes.NewReader(data)).Decode(&m); err != nil {
		return nil, fmt.Errorf("record: %w", err)
	}
	return &m, nil
}

// Media returns the record with the ID.
func (s *Store) Media(ctx context.Context, id string) (*news.Media, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	m, err := s.readRecord(id)
	if err != nil {
		return nil, fmt.Errorf("mediadir: media %q: %w", id, err)
	}
	return m, nil
}

// MediaOf returns the record that holds the file with the key.
func (s *Store) MediaOf(ctx context.Context, key string) (*news.Media, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	m, _, err := s.recordOf(key)
	if err != nil {
		return nil, fmt.Errorf("mediadir: file %q: %w", key, err)
	}
	return m, nil
}

// recordOf returns the record that holds the file with the key, and the
// index of its variant; the caller holds s.mu.
func (s *Store) recordOf(key string) (*news.Media, int, error) {
	if _, _, err := news.ParseMediaKey(key); err != nil {
		return nil, 0, err
	}
	id, err := os.ReadFile(s.indexPath(key))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, 0, news.ErrNotFound
	}
	if err != nil {
		return nil, 0, err
	}
	m, err := s.readRecord(string(id))
	if err != nil {
		return nil, 0, err
	}
	i := slices.IndexFunc(m.Variants, func(v news.MediaVariant) bool { return v.Key == key })
	if i < 0 {
		return nil, 0, fmt.Errorf("not in the record of media %q: %w", m.ID, news.ErrNotFound)
	}
	return m, i, nil
}

// OpenMedia opens the file with the key.
func (s *Store) OpenMedia(ctx context.Context, key string) (*news.MediaFile, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	m, i, err := s.recordOf(key)
	if err != nil {
		return nil, fmt.Errorf("mediadir: file %q: %w", key, err)
	}
	f, err := os.Open(s.filePath(key))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("mediadir: file %q: %w", key, news.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("mediadir: file %q: %w", key, err)
	}
	return &news.MediaFile{MediaVariant: m.Variants[i], MediaID: m.ID, Kind: m.Kind, Name: m.Name, Content: f}, nil
}

// ids returns the IDs of every record; the caller holds s.mu.
func (s *Store) ids() ([]string, error) {
	entries, err := os.ReadDir(filepath.Join(s.dir, "media"))
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, e := range entries {
		if id, ok := strings.CutSuffix(e.Name(), ".json"); ok && !strings.HasPrefix(id, ".") {
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// DeleteMedia removes the record with the ID and then its files.
func (s *Store) DeleteMedia(ctx context.Context, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, err := s.readRecord(id)
	if err != nil {
		return fmt.Errorf("mediadir: media %q: %w", id, err)
	}
	if err := os.Remove(s.recordPath(id)); err != nil {
		return fmt.Errorf("mediadir: media %q: %w", id, err)
	}
	for _, v := range m.Variants {
		for _, p := range []string{s.indexPath(v.Key), s.filePath(v.Key)} {
			if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("mediadir: media %q: %w", id, err)
			}
		}
	}
	return nil
}

// ListMedia lists the records q selects (see news.MediaStore.ListMedia),
// reading every record.
func (s *Store) ListMedia(ctx context.Context, q news.MediaQuery) (*news.MediaPage, error) {
	limit, at, after, err := q.Bounds()
	if err != nil {
		return nil, fmt.Errorf("mediadir: %w", err)
	}
	s.mu.RLock()
	ids, err := s.ids()
	var all []*news.Media
	for _, id := range ids {
		if err != nil {
			break
		}
		var m *news.Media
		m, err = s.readRecord(id)
		if err == nil && (q.Kind == "" || m.Kind == q.Kind) && news.MediaAfterCursor(m, at, after) {
			all = append(all, m)
		}
	}
	s.mu.RUnlock()
	if err != nil {
		return nil, fmt.Errorf("mediadir: media library: %w", err)
	}
	slices.SortFunc(all, func(a, b *news.Media) int {
		if news.MediaBefore(a, b) {
			return -1
		}
		return 1
	})
	p := &news.MediaPage{Media: all}
	if len(all) > limit {
		p.Media = all[:limit]
		p.Next = news.MediaCursor(all[limit-1])
	}
	return p, nil
}
