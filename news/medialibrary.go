package news

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
)

// The audit actions and object type of the media library.
const (
	ActionMediaUpload Action = "media-upload" // a photo or a file uploaded
	ActionMediaDelete Action = "media-delete" // a photo or a file deleted
	ObjectMedia              = "media"        // the object of media entries: the Media's ID
)

// DefaultMediaPrefix is the URL path under which media are served by
// default: MediaLibrary.URL("3f2a….jpg") is "/media/3f2a….jpg".
const DefaultMediaPrefix = "/media/"

// A MediaLibrary is the newsroom's photos and files: uploads processed by
// ProcessUpload and kept in a MediaStore, listed, and deleted only when
// no article uses them. Uploads and deletions are in the audit log. A
// MediaLibrary is safe for concurrent use.
type MediaLibrary struct {
	nr     *Newsroom
	store  MediaStore
	opts   MediaOptions // with every default filled in
	prefix string
}

// NewMediaLibrary returns the media library of the newsroom over store,
// with the limits and widths of opts (nil for the defaults), serving its
// files under the URL prefix ("" means DefaultMediaPrefix; an absolute
// "https://cdn.example.vn/media/" works too).
func NewMediaLibrary(nr *Newsroom, store MediaStore, opts *MediaOptions, prefix string) *MediaLibrary {
	if prefix == "" {
		prefix = DefaultMediaPrefix
	}
	if !strings.HasSuffix(prefix, "/") {
		prefix += "/"
	}
	return &MediaLibrary{nr: nr, store: store, opts: opts.withDefaults(), prefix: prefix}
}

// Options returns the library's options, with every default filled in.
func (l *MediaLibrary) Options() MediaOptions {
	o := l.opts
	o.Widths = append([]int(nil), o.Widths...)
	return o
}

// Store returns the library's MediaStore: the serving handler opens files
// from it.
func (l *MediaLibrary) Store() MediaStore { return l.store }

// URL returns the URL of the file with the key.
func (l *MediaLibrary) URL(key string) string { return l.prefix + key }

// Upload reads one uploaded file from r (at most MaxBytes; one byte more
// is a *LimitError), processes it (see ProcessUpload) and keeps it,
// recording the upload in the audit log. Uploading content the library
// already holds returns the Media it holds. Any signed-in actor may
// upload. Errors: ErrUnauthenticated or ErrForbidden for the actor, those
// of ProcessUpload, r's, the stores'.
func (l *MediaLibrary) Upload(ctx context.Context, actor Actor, name string, r io.Reader) (*Media, error) {
	if err := l.nr.check(actor); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(r, l.opts.MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("news: upload %q: %w", CleanMediaName(name), err)
	}
	m, files, err := ProcessUpload(name, data, &l.opts)
	if err != nil {
		return nil, err
	}
	m.CreatedAt, m.CreatorID, m.Creator = l.nr.clock(), actor.AccountID, actor.Name
	if err := l.store.PutMedia(ctx, m, files); err != nil {
		if errors.Is(err, ErrConflict) {
			if held, herr := l.store.Media(ctx, m.ID); herr == nil {
				return held, nil
			}
		}
		return nil, fmt.Errorf("news: upload %q: %w", m.Name, err)
	}
	detail := fmt.Sprintf("%s, %s, %d bytes", m.Name, m.Type, m.Size())
	if err := l.nr.audit(ctx, l.nr.entry(actor, ActionMediaUpload, ObjectMedia, m.ID, detail)); err != nil {
		return nil, err
	}
	return m, nil
}

// Media returns the record with the ID, to any signed-in actor.
func (l *MediaLibrary) Media(ctx context.Context, actor Actor, id string) (*Media, error) {
	if err := l.nr.check(actor); err != nil {
		return nil, err
	}
	m, err := l.store.Media(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("news: media %q: %w", cut(id, 80), err)
	}
	return m, nil
}

// List returns a page of the library, newest first, to any signed-in
// actor.
func (l *MediaLibrary) List(ctx context.Context, actor Actor, q MediaQuery) (*MediaPage, error) {
	if err := l.nr.check(actor); err != nil {
		return nil, err
	}
	p, err := l.store.ListMedia(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("news: media library: %w", err)
	}
	return p, nil
}

// ByURL returns the record of the file a URL names (an article's cover
// or attachment URL, a body's img src), or an error wrapping ErrNotFound
// when the URL names no file of the library. It needs no actor: see
// LookupMedia.
func (l *MediaLibrary) ByURL(ctx context.Context, url string) (*Media, error) {
	return LookupMedia(ctx, l.store, url)
}

// LookupMedia returns the record of the file a URL names in the store
// (by its last path element, a media key: see MediaKeyOf), or an error
// wrapping ErrNotFound when it names none. Pages and feeds use it to find
// the variants of an article's cover for srcset, width and height, with
// Media.Srcset and Media.Fit; it reads the record only, never a file.
func LookupMedia(ctx context.Context, s MediaStore, url string) (*Media, error) {
	key, ok := MediaKeyOf(url)
	if !ok {
		return nil, fmt.Errorf("news: media URL %q: %w", cut(url, 200), ErrNotFound)
	}
	m, err := s.MediaOf(ctx, key)
	if err != nil {
		return nil, fmt.Errorf("news: media URL %q: %w", cut(url, 200), err)
	}
	return m, nil
}

// A MediaInUseError refuses to delete a Media that articles use. It
// unwraps to ErrConflict.
type MediaInUseError struct {
	ID       string     // the Media
	Articles []*Article // the articles that use it, newest first
}

// Error names the medium and the articles, by title and ID.
func (e *MediaInUseError) Error() string {
	names := make([]string, len(e.Articles))
	for i, a := range e.Articles {
		names[i] = fmt.Sprintf("%q (%s)", a.Title, a.ID)
	}
	return fmt.Sprintf("media %q is used by %d article(s): %s", e.ID, len(e.Articles), strings.Join(names, ", "))
}

// Unwrap returns ErrConflict.
func (e *MediaInUseError) Unwrap() error { return ErrConflict }

// Users returns the articles, in any state, that use a file of m: as
// their cover, as an attachment, or anywhere in their body (an img src, a
// link), found by the files' keys. It reads every article once, a page of
// MaxLimit at a time: a deletion is rare, and an archive of ten thousand
// articles is a hundred reads.
func (l *MediaLibrary) Users(ctx context.Context, m *Media) ([]*Article, error) {
	keys := make(map[string]bool, len(m.Variants))
	for _, v := range m.Variants {
		keys[v.Key] = true
	}
	uses := func(url string) bool {
		k, ok := MediaKeyOf(url)
		return ok && keys[k]
	}
	var users []*Article
	q := Query{Limit: MaxLimit}
	for {
		p, err := l.nr.store.Articles(ctx, q)
		if err != nil {
			return nil, fmt.Errorf("news: media %q: articles: %w", m.ID, err)
		}
		for _, a := range p.Articles {
			used := a.Cover != nil && uses(a.Cover.URL)
			for _, at := range a.Attachments {
				used = used || uses(at.URL)
			}
			for k := range keys {
				used = used || strings.Contains(a.Body, k)
			}
			if used {
				users = append(users, a)
			}
		}
		if p.Next == "" {
			return users, nil
		}
		q.Cursor = p.Next
	}
}

// Delete removes the Media with the ID and its files, and records it in
// the audit log. It is refused with a *MediaInUseError while an article
// uses it (see Users), and with ErrForbidden unless the actor is an
// editor or above, or uploaded it. The check is not a lock: an article
// saved between the check and the deletion may still point at the
// deleted files.
func (l *MediaLibrary) Delete(ctx context.Context, actor Actor, id string) error {
	m, err := l.Media(ctx, actor, id)
	if err != nil {
		return err
	}
	if !actor.Role.AtLeast(RoleEditor) && m.CreatorID != actor.AccountID {
		return forbidden("only an editor or above, or its uploader, may delete a photo or a file")
	}
	users, err := l.Users(ctx, m)
	if err != nil {
		return err
	}
	if len(users) > 0 {
		return fmt.Errorf("news: %w", &MediaInUseError{ID: m.ID, Articles: users})
	}
	if err := l.store.DeleteMedia(ctx, m.ID); err != nil {
		return fmt.Errorf("news: media %q: %w", m.ID, err)
	}
	return l.nr.audit(ctx, l.nr.entry(actor, ActionMediaDelete, ObjectMedia, m.ID, m.Name))
}
