package news

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"time"
)

// The names inside a bundle: see ExportBundle.
const (
	bundleArchive = "archive.json"
	bundleMedia   = "media/"
	bundleFiles   = "media/files/"
)

// bundleMedium is the record of a medium in a bundle, the public form of
// a Media.
type bundleMedium struct {
	ID        string          `json:"id"`
	Kind      MediaKind       `json:"kind"`
	Name      string          `json:"name"`
	Type      string          `json:"type"`
	Width     int             `json:"width,omitempty"`
	Height    int             `json:"height,omitempty"`
	Variants  []bundleVariant `json:"variants"`
	CreatedAt string          `json:"created_at"`
	CreatorID string          `json:"creator_id,omitempty"`
	Creator   string          `json:"creator,omitempty"`
}

type bundleVariant struct {
	Key    string `json:"key"`
	Type   string `json:"type"`
	Width  int    `json:"width,omitempty"`
	Height int    `json:"height,omitempty"`
	Size   int64  `json:"size"`
}

// A BundleResult counts what ImportBundle wrote.
type BundleResult struct {
	ImportResult
	MediaCreated int // media the store did not hold
	MediaKept    int // media the store held already (same content, same key)
}

// ExportBundle writes the archive and the media library as one ZIP file:
// archive.json, as Export writes it; for every medium,
// media/<id>.json, its record; and media/files/<key>, the content of
// each of its files. Articles refer to the files by URL (the library's
// prefix and the key), so a site that serves the imported library under
// the same prefix serves the same URLs. Errors are the stores' or w's.
func (s *Service) ExportBundle(ctx context.Context, w io.Writer, media MediaStore) error {
	zw := zip.NewWriter(w)
	aw, err := zw.Create(bundleArchive)
	if err != nil {
		return fmt.Errorf("news: export bundle: %w", err)
	}
	if err := s.Export(ctx, aw); err != nil {
		return err
	}
	q := MediaQuery{Limit: MaxLimit}
	for {
		p, err := media.ListMedia(ctx, q)
		if err != nil {
			return fmt.Errorf("news: export bundle: %w", err)
		}
		for _, m := range p.Media {
			if err := exportMedium(ctx, zw, media, m); err != nil {
				return fmt.Errorf("news: export bundle: media %q: %w", m.ID, err)
			}
		}
		if p.Next == "" {
			break
		}
		q.Cursor = p.Next
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("news: export bundle: %w", err)
	}
	return nil
}

// exportMedium writes the record and files of m.
func exportMedium(ctx context.Context, zw *zip.Writer, media MediaStore, m *Media) error {
	rec := bundleMedium{ID: m.ID, Kind: m.Kind, Name: m.Name, Type: m.Type, Width: m.Width, Height: m.Height,
		CreatedAt: m.CreatedAt.UTC().Format(timeLayout), Creator: m.Creator}
	if m.CreatorID != [16]byte{} {
		rec.CreatorID = m.CreatorID.String()
	}
	for _, v := range m.Variants {
		rec.Variants = append(rec.Variants, bundleVariant(v))
	}
	data, err := json.MarshalIndent(rec, "", "  ")
	if err != nil {
		return err
	}
	rw, err := zw.Create(bundleMedia + m.ID + ".json")
	if err != nil {
		return err
	}
	if _, err := rw.Write(append(data, '\n')); err != nil {
		return err
	}
	for _, v := range m.Variants {
		f, err := media.OpenMedia(ctx, v.Key)
		if err != nil {
			return err
		}
		method := zip.Deflate
		if strings.HasPrefix(v.Type, "image/") {
			method = zip.Store // compressed already
		}
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: bundleFiles + v.Key, Method: method})
		if err == nil {
			_, err = io.Copy(fw, f.Content)
		}
		f.Content.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// timeLayout is how a bundle writes times: RFC 3339 with microseconds.
const timeLayout = "2006-01-02T15:04:05.999999Z07:00"

// ImportBundle reads a ZIP file written by ExportBundle (of size bytes,
// from r) into the store and the media store. Every medium is checked
// first: its record (as MediaStore.PutMedia wants it) and each file,
// whose content must have the size its record gives and the hash its key
// names. Then the media the store does not hold are stored, and then the
// archive is imported as by Import. It is all or nothing: a wrong record
// or file is an error wrapping ErrInvalid that names it (up to 100, as
// Import's), with nothing written; when the archive's import fails, the
// media this call stored are deleted again.
func (s *Service) ImportBundle(ctx context.Context, r io.ReaderAt, size int64, media MediaStore) (*BundleResult, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fmt.Errorf("news: import bundle: %w", &FieldError{Rule: "not a ZIP file: " + err.Error()})
	}
	files := make(map[string]*zip.File, len(zr.File))
	for _, f := range zr.File {
		files[f.Name] = f
	}
	archive := files[bundleArchive]
	if archive == nil {
		return nil, fmt.Errorf("news: import bundle: %w", &FieldError{Field: bundleArchive, Rule: "required"})
	}
	type medium struct {
		m     *Media
		files [][]byte
	}
	var ms []medium
	var errs FieldErrors
	for _, f := range zr.File {
		name, ok := strings.CutPrefix(f.Name, bundleMedia)
		if !ok || strings.Contains(name, "/") || !strings.HasSuffix(name, ".json") {
			continue
		}
		m, contents, err := readMedium(files, f)
		if err != nil {
			var fes FieldErrors
			var fe *FieldError
			switch {
			case errors.As(err, &fes):
				errs = append(errs, fes.prefix(f.Name)...)
			case errors.As(err, &fe):
				errs = append(errs, FieldErrors{fe}.prefix(f.Name)...)
			default:
				return nil, fmt.Errorf("news: import bundle: %s: %w", f.Name, err)
			}
			if len(errs) >= maxImportErrors {
				break
			}
			continue
		}
		ms = append(ms, medium{m, contents})
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("news: import bundle: %w", errs[:min(len(errs), maxImportErrors)])
	}
	res := &BundleResult{}
	var created []string
	undo := func() {
		for _, id := range created {
			media.DeleteMedia(context.WithoutCancel(ctx), id)
		}
	}
	for _, x := range ms {
		err := media.PutMedia(ctx, x.m, x.files)
		if errors.Is(err, ErrConflict) {
			if held, herr := media.Media(ctx, x.m.ID); herr == nil && sameVariants(held, x.m) {
				res.MediaKept++
				continue
			}
		}
		if err != nil {
			undo()
			return nil, fmt.Errorf("news: import bundle: media %q: %w", x.m.ID, err)
		}
		created = append(created, x.m.ID)
		res.MediaCreated++
	}
	rc, err := archive.Open()
	if err != nil {
		undo()
		return nil, fmt.Errorf("news: import bundle: %w", &FieldError{Field: bundleArchive, Rule: err.Error()})
	}
	defer rc.Close()
	ir, err := s.Import(ctx, rc)
	if err != nil {
		undo()
		return nil, err
	}
	res.ImportResult = *ir
	return res, nil
}

// sameVariants reports whether a and b have the same files.
func sameVariants(a, b *Media) bool {
	if len(a.Variants) != len(b.Variants) {
		return false
	}
	for i := range a.Variants {
		if a.Variants[i].Key != b.Variants[i].Key {
			return false
		}
	}
	return true
}

// readMedium reads the record rec of a bundle and the files it names,
// checking each against its key.
func readMedium(files map[string]*zip.File, rec *zip.File) (*Media, [][]byte, error) {
	if rec.UncompressedSize64 > 1<<20 {
		return nil, nil, &FieldError{Rule: "a record larger than 1 MiB"}
	}
	data, err := readZipFile(rec, 1<<20)
	if err != nil {
		return nil, nil, err
	}
	var b bundleMedium
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		return nil, nil, &FieldError{Rule: "malformed JSON: " + err.Error()}
	}
	m := &Media{ID: b.ID, Kind: b.Kind, Name: b.Name, Type: b.Type, Width: b.Width, Height: b.Height, Creator: b.Creator}
	var errs FieldErrors
	if m.CreatedAt, err = time.Parse(time.RFC3339Nano, b.CreatedAt); err != nil {
		errs.add("created_at", "must be an RFC 3339 time")
	}
	if b.CreatorID != "" {
		if err := m.CreatorID.UnmarshalText([]byte(b.CreatorID)); err != nil {
			errs.add("creator_id", "must be a UUID")
		}
	}
	if path.Base(rec.Name) != m.ID+".json" {
		errs.add("id", "must be the record's file name without .json")
	}
	var contents [][]byte
	for i, v := range b.Variants {
		m.Variants = append(m.Variants, MediaVariant(v))
		field := fmt.Sprintf("variants[%d]", i)
		f := files[bundleFiles+v.Key]
		if f == nil {
			errs.add(field, "no file %s%s in the bundle", bundleFiles, v.Key)
			contents = append(contents, nil)
			continue
		}
		content, err := readZipFile(f, v.Size)
		if err != nil {
			errs.add(field, "%s%s: %v", bundleFiles, v.Key, err)
		} else if hash, _, err := ParseMediaKey(v.Key); err == nil {
			sum := sha256.Sum256(content)
			if fmt.Sprintf("%x", sum[:len(hash)/2]) != hash {
				errs.add(field, "the content of %s%s does not have the hash its key names", bundleFiles, v.Key)
			}
		}
		contents = append(contents, content)
	}
	if err := errs.err(); err != nil {
		return nil, nil, err
	}
	if err := m.Check(contents); err != nil {
		return nil, nil, err
	}
	return m, contents, nil
}

// readZipFile reads a member of at most limit bytes.
func readZipFile(f *zip.File, limit int64) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("larger than %d bytes", limit)
	}
	return data, nil
}
