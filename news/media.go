package news

import (
	"context"
	"fmt"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
)

// A MediaKind says what an uploaded medium is.
type MediaKind string

// The kinds of media.
const (
	MediaImage      MediaKind = "image"      // a photo, re-encoded into variants of several widths
	MediaAttachment MediaKind = "attachment" // an attachment kept as uploaded: PDF, DOC/DOCX, XLS/XLSX, ODT, ZIP
)

// Valid reports whether k is one of the known kinds.
func (k MediaKind) Valid() bool { return k == MediaImage || k == MediaAttachment }

// A Media is one upload in the media library: a photo with its variants,
// or an attachment. Its files are named by their content (see
// [MediaKey]), so a URL never changes meaning and is cached for ever.
type Media struct {
	// ID is the key of its first variant, which makes a second upload of
	// the same content the same Media.
	ID   string
	Kind MediaKind
	// Name is the upload's file name, cleaned (no directory, no control
	// characters): the library shows it and an attachment is downloaded
	// under it.
	Name string
	Type string // MIME type of the variants, such as "image/jpeg" or "application/pdf"
	// Width and Height are those of the widest variant of an image; 0 for
	// a file.
	Width, Height int
	// Variants are the files: an image's widths, narrowest first; a
	// file's one file.
	Variants  []MediaVariant
	CreatedAt time.Time
	CreatorID uuid.UUID // the account that uploaded it; uuid.Nil for an import
	Creator   string    // its display name
}

// A MediaVariant is one stored file of a Media.
type MediaVariant struct {
	Key    string // content-hash name, such as "3f2a…c1.jpg": see MediaKey
	Type   string // MIME type
	Width  int    // pixels; 0 for a file
	Height int    // pixels; 0 for a file
	Size   int64  // bytes
}

// Size returns the bytes of every variant together.
func (m *Media) Size() int64 {
	var n int64
	for _, v := range m.Variants {
		n += v.Size
	}
	return n
}

// Widest returns the widest variant (a file's only one). m has at least
// one variant.
func (m *Media) Widest() MediaVariant { return m.Variants[len(m.Variants)-1] }

// Fit returns the narrowest variant at least width pixels wide, or the
// widest when none is: a feed's or a box's single size.
func (m *Media) Fit(width int) MediaVariant {
	for _, v := range m.Variants {
		if v.Width >= width {
			return v
		}
	}
	return m.Widest()
}

// Srcset returns the srcset attribute of an image's variants, "URL 480w,
// URL 960w, …", with url giving each key's URL (MediaLibrary.URL).
func (m *Media) Srcset(url func(key string) string) string {
	parts := make([]string, len(m.Variants))
	for i, v := range m.Variants {
		parts[i] = url(v.Key) + " " + strconv.Itoa(v.Width) + "w"
	}
	return strings.Join(parts, ", ")
}

// Clone returns a deep copy of m.
func (m *Media) Clone() *Media {
	if m == nil {
		return nil
	}
	cp := *m
	cp.Variants = slices.Clone(m.Variants)
	return &cp
}

// A MediaFile is the content of one variant, opened by
// MediaStore.OpenMedia. The caller closes Content.
type MediaFile struct {
	MediaVariant
	MediaID string    // the Media it belongs to
	Kind    MediaKind // the Media's kind: a file is served as a download
	Name    string    // the Media's Name
	Content io.ReadSeekCloser
}

// A MediaQuery pages the media library. The zero value lists every
// medium, newest first, DefaultLimit at a time.
type MediaQuery struct {
	Kind   MediaKind // "" for any
	Limit  int       // 1..MaxLimit; 0 means DefaultLimit
	Cursor string    // MediaPage.Next of the previous page; "" for the first
}

// A MediaPage is one page of the media library, newest first.
type MediaPage struct {
	Media []*Media
	Next  string // cursor of the next page; "" when this is the last
}

// A MediaStore keeps the media library: records and their files, named by
// content. Implementations: news/mediadir (a directory, the default) and
// news/sqlstore (SQLite or PostgreSQL, shared by every instance); both
// pass storetest.RunMedia.
//
// Every method is safe for concurrent use. Errors wrap ErrNotFound for an
// unknown ID or key, ErrConflict for a taken one, and ErrInvalid for a
// malformed key, query or argument.
type MediaStore interface {
	// PutMedia stores m and the content of each of its variants
	// (files[i] is that of m.Variants[i]), all or nothing. ErrConflict
	// when m.ID or a variant's key is already stored.
	PutMedia(ctx context.Context, m *Media, files [][]byte) error
	// OpenMedia opens the file with the key.
	OpenMedia(ctx context.Context, key string) (*MediaFile, error)
	// Media returns the record with the ID.
	Media(ctx context.Context, id string) (*Media, error)
	// MediaOf returns the record that holds the file with the key,
	// without reading the file: pages find a cover's variants with it.
	MediaOf(ctx context.Context, key string) (*Media, error)
	// DeleteMedia removes the record with the ID and its files.
	DeleteMedia(ctx context.Context, id string) error
	// ListMedia lists the records q selects, newest CreatedAt first, then
	// by ID descending. ErrInvalid when q's limit or cursor is malformed
	// (see MediaQuery.Bounds).
	ListMedia(ctx context.Context, q MediaQuery) (*MediaPage, error)
}

// mediaTypes maps the extension of a key to its MIME type: every type a
// variant may have.
var mediaTypes = map[string]string{
	"jpg":  "image/jpeg",
	"png":  "image/png",
	"gif":  "image/gif",
	"webp": "image/webp",
	"pdf":  "application/pdf",
	"doc":  "application/msword",
	"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	"xls":  "application/vnd.ms-excel",
	"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"odt":  "application/vnd.oasis.opendocument.text",
	"zip":  "application/zip",
}

// mediaHashLen is the number of hex digits of a key's hash: 128 bits.
const mediaHashLen = 32

// MediaKey returns the key of a file of the type: the first 128 bits of
// its content's SHA-256 in hex, and the type's extension, such as
// "3f2a9c…c1.jpg". hash is the full digest.
func MediaKey(hash [32]byte, typ string) string {
	return fmt.Sprintf("%x.%s", hash[:mediaHashLen/2], mediaExt(typ))
}

// mediaExt returns the extension of a MIME type of mediaTypes.
func mediaExt(typ string) string {
	for ext, t := range mediaTypes {
		if t == typ {
			return ext
		}
	}
	return "bin"
}

// ParseMediaKey checks a key as MediaKey makes them and returns its hash
// (hex) and MIME type. Errors wrap ErrInvalid. A valid key is a safe file
// name: lower-case hex, a dot and a known extension.
func ParseMediaKey(key string) (hash, typ string, err error) {
	hash, ext, ok := strings.Cut(key, ".")
	typ = mediaTypes[ext]
	if !ok || len(hash) != mediaHashLen || typ == "" || strings.Trim(hash, "0123456789abcdef") != "" {
		return "", "", &FieldError{Field: "key", Rule: fmt.Sprintf("%q is not a media key (32 hex digits and a known extension)", cut(key, 80))}
	}
	return hash, typ, nil
}

// cut returns s cut to at most n bytes, for messages.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// MediaKeyOf returns the key a media URL names: its last path element,
// when it is a media key (ParseMediaKey), and false otherwise. The URL
// may be absolute or site-relative, with a query or not.
func MediaKeyOf(url string) (string, bool) {
	url, _, _ = strings.Cut(url, "#")
	url, _, _ = strings.Cut(url, "?")
	key := path.Base(url)
	if _, _, err := ParseMediaKey(key); err != nil {
		return "", false
	}
	return key, true
}

// Bounds returns the page size q asks for and its decoded cursor: the
// CreatedAt and ID the page starts after (zero on the first page). Stores
// call it first in ListMedia. Errors wrap ErrInvalid (a *FieldError for
// "kind", "limit" or "cursor").
func (q MediaQuery) Bounds() (limit int, after time.Time, afterID string, err error) {
	if q.Kind != "" && !q.Kind.Valid() {
		return 0, time.Time{}, "", &FieldError{Field: "kind", Rule: fmt.Sprintf("must be %q or %q", MediaImage, MediaAttachment)}
	}
	limit = q.Limit
	switch {
	case limit == 0:
		limit = DefaultLimit
	case limit < 0 || limit > MaxLimit:
		return 0, time.Time{}, "", &FieldError{Field: "limit", Rule: limitRule(limit)}
	}
	if q.Cursor == "" {
		return limit, time.Time{}, "", nil
	}
	us, id, ok := strings.Cut(q.Cursor, "_")
	n, perr := strconv.ParseInt(us, 10, 64)
	if !ok || perr != nil || strconv.FormatInt(n, 10) != us || n < 0 {
		return 0, time.Time{}, "", &FieldError{Field: "cursor", Rule: "malformed"}
	}
	if _, _, err := ParseMediaKey(id); err != nil {
		return 0, time.Time{}, "", &FieldError{Field: "cursor", Rule: "malformed"}
	}
	return limit, time.UnixMicro(n).UTC(), id, nil
}

// MediaCursor returns the cursor of the page after m: stores set
// MediaPage.Next to MediaCursor of the last record of a full page.
func MediaCursor(m *Media) string {
	return strconv.FormatInt(m.CreatedAt.UnixMicro(), 10) + "_" + m.ID
}

// MediaBefore reports whether a lists before b: newer CreatedAt first,
// then greater ID. Stores without a query language sort with it.
func MediaBefore(a, b *Media) bool {
	if !a.CreatedAt.Equal(b.CreatedAt) {
		return a.CreatedAt.After(b.CreatedAt)
	}
	return a.ID > b.ID
}

// MediaAfterCursor reports whether m lists after the cursor position
// (CreatedAt at, ID id) that Bounds returned: on the next page.
func MediaAfterCursor(m *Media, at time.Time, id string) bool {
	return at.IsZero() && id == "" || MediaBefore(&Media{CreatedAt: at, ID: id}, m)
}

// Check reports what is wrong with m as a record to store: an ID that is
// not its first variant's key, an unknown kind, no variant, a malformed
// key, a variant whose type is not its key's, an attachment with more
// than one variant, or files that do not hold one content per variant of
// the variant's size. Errors wrap ErrInvalid.
func (m *Media) Check(files [][]byte) error {
	var errs FieldErrors
	switch {
	case !m.Kind.Valid():
		errs.add("kind", "must be %q or %q", MediaImage, MediaAttachment)
	case len(m.Variants) == 0:
		errs.add("variants", "required")
	case m.Kind == MediaAttachment && len(m.Variants) != 1:
		errs.add("variants", "a file has one variant, not %d", len(m.Variants))
	case m.ID != m.Variants[0].Key:
		errs.add("id", "must be the key of the first variant")
	}
	for i, v := range m.Variants {
		if _, typ, err := ParseMediaKey(v.Key); err != nil {
			errs.add(fmt.Sprintf("variants[%d].key", i), "%s", err.(*FieldError).Rule)
		} else if typ != v.Type {
			errs.add(fmt.Sprintf("variants[%d].type", i), "must be %s, the type of its key", typ)
		}
		if i < len(files) && int64(len(files[i])) != v.Size {
			errs.add(fmt.Sprintf("variants[%d].size", i), "is %d, but the content has %d bytes", v.Size, len(files[i]))
		}
	}
	if len(files) != len(m.Variants) {
		errs.add("files", "%d contents for %d variants", len(files), len(m.Variants))
	}
	if err := errs.err(); err != nil {
		return fmt.Errorf("news: media %q: %w", cut(m.ID, 80), err)
	}
	return nil
}
