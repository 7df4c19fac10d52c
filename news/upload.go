package news

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"fmt"
	"path"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MediaOptions sets the limits and sizes of uploads. The zero value, and
// a nil *MediaOptions, give the defaults each field describes.
type MediaOptions struct {
	// MaxBytes is the largest upload accepted, in bytes. 0 means
	// DefaultMaxMediaBytes (20 MiB).
	MaxBytes int64
	// MaxPixels is the largest image accepted, width × height as its
	// header states, checked before the image is decoded (so that a
	// small file claiming a huge image, a decompression bomb, costs
	// nothing). Decoding needs about 4 bytes a pixel. 0 means
	// DefaultMaxPixels (50 million: a 48-megapixel phone photo).
	MaxPixels int64
	// Widths are the widths of an image's variants. A photo narrower than
	// the widest is never enlarged: it gets the listed widths below its
	// own, and its own. Empty means DefaultWidths (480, 960, 1600).
	Widths []int
	// JPEGQuality is the quality of re-encoded JPEG variants, 1..100. 0
	// means DefaultJPEGQuality (85).
	JPEGQuality int
}

// Defaults of MediaOptions.
const (
	DefaultMaxMediaBytes = 20 << 20
	DefaultMaxPixels     = 50_000_000
	DefaultJPEGQuality   = 85
)

// DefaultWidths returns the default widths of image variants.
func DefaultWidths() []int { return []int{480, 960, 1600} }

// withDefaults returns o with every default filled in; o may be nil.
func (o *MediaOptions) withDefaults() MediaOptions {
	var out MediaOptions
	if o != nil {
		out = *o
	}
	if out.MaxBytes <= 0 {
		out.MaxBytes = DefaultMaxMediaBytes
	}
	if out.MaxPixels <= 0 {
		out.MaxPixels = DefaultMaxPixels
	}
	out.Widths = slices.Clone(out.Widths)
	out.Widths = slices.DeleteFunc(out.Widths, func(w int) bool { return w <= 0 })
	if len(out.Widths) == 0 {
		out.Widths = DefaultWidths()
	}
	slices.Sort(out.Widths)
	out.Widths = slices.Compact(out.Widths)
	if out.JPEGQuality <= 0 || out.JPEGQuality > 100 {
		out.JPEGQuality = DefaultJPEGQuality
	}
	return out
}

// A LimitError refuses an upload over a limit of MediaOptions. It unwraps
// to ErrInvalid; HTTP answers it with 413.
type LimitError struct {
	Name  string // the upload's file name
	Limit string // "MaxBytes" or "MaxPixels"
	Max   int64  // the limit
	Value int64  // what the upload has; for MaxBytes at least Max+1 (reading stops there)
}

// Error names the file, the value, the limit and its setting, such as
// `"anh.jpg": 60000000 pixels is over the limit of 50000000 (MaxPixels)`.
func (e *LimitError) Error() string {
	unit := "bytes"
	if e.Limit == "MaxPixels" {
		unit = "pixels"
	}
	value := fmt.Sprintf("%d %s", e.Value, unit)
	if e.Limit == "MaxBytes" {
		value = "more than " + fmt.Sprintf("%d %s", e.Max, unit)
	}
	return fmt.Sprintf("%q: %s is over the limit of %d %s (%s)", e.Name, value, e.Max, unit, e.Limit)
}

// Unwrap returns ErrInvalid.
func (e *LimitError) Unwrap() error { return ErrInvalid }

// A TypeError refuses an upload whose content is of no accepted type,
// whatever its name or the type its sender claimed. It unwraps to
// ErrInvalid; HTTP answers it with 415.
type TypeError struct {
	Name   string // the upload's file name
	Detail string // what the content looks like, such as "an OLE2 file that is neither Word nor Excel"
}

// Error names the file, what it is and the accepted types.
func (e *TypeError) Error() string {
	return fmt.Sprintf("%q: %s; accepted: JPEG, PNG, GIF or WebP photos; PDF, DOC, DOCX, XLS, XLSX, ODT or ZIP files", e.Name, e.Detail)
}

// Unwrap returns ErrInvalid.
func (e *TypeError) Unwrap() error { return ErrInvalid }

// Signatures of the accepted types, at the start of the content.
var (
	sigJPEG = []byte{0xFF, 0xD8, 0xFF}
	sigPNG  = []byte("\x89PNG\r\n\x1a\n")
	sigGIF7 = []byte("GIF87a")
	sigGIF9 = []byte("GIF89a")
	sigPDF  = []byte("%PDF-")
	sigOLE  = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	sigZIP  = []byte("PK\x03\x04")
	sigZIP0 = []byte("PK\x05\x06") // an empty archive
)

// utf16 returns s in UTF-16LE, as OLE2 directory entries name streams.
func utf16(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for _, c := range []byte(s) {
		b = append(b, c, 0)
	}
	return b
}

// SniffMediaType returns the MIME type of an upload decided from its
// content alone: the signature of JPEG, PNG, GIF, WebP and PDF; for an
// OLE2 compound file, the stream that makes it a Word ("WordDocument") or
// an Excel ("Workbook", "Book") document; for a ZIP archive, its members:
// an OpenDocument text (a "mimetype" member naming it), a Word or Excel
// OOXML document ("[Content_Types].xml" with "word/document.xml" or
// "xl/workbook.xml"), or else a plain ZIP. Anything else is a *TypeError
// naming what it looks like; name only labels the error.
func SniffMediaType(name string, data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, sigJPEG):
		return "image/jpeg", nil
	case bytes.HasPrefix(data, sigPNG):
		return "image/png", nil
	case bytes.HasPrefix(data, sigGIF7), bytes.HasPrefix(data, sigGIF9):
		return "image/gif", nil
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		return "image/webp", nil
	case bytes.HasPrefix(data, sigPDF):
		return "application/pdf", nil
	case bytes.HasPrefix(data, sigOLE):
		switch {
		case bytes.Contains(data, utf16("WordDocument")):
			return "application/msword", nil
		case bytes.Contains(data, utf16("Workbook")), bytes.Contains(data, utf16("Book\x00")):
			return "application/vnd.ms-excel", nil
		}
		return "", &TypeError{Name: name, Detail: "an OLE2 compound file that is neither a Word nor an Excel document"}
	case bytes.HasPrefix(data, sigZIP), bytes.HasPrefix(data, sigZIP0):
		return sniffZIP(name, data)
	}
	detail := "content of no accepted type"
	if len(data) == 0 {
		detail = "an empty file"
	}
	return "", &TypeError{Name: name, Detail: detail}
}

// sniffZIP tells OpenDocument text, DOCX and XLSX from a plain ZIP by
// their members; an archive whose directory does not read is refused.
func sniffZIP(name string, data []byte) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", &TypeError{Name: name, Detail: "a ZIP archive that does not read: " + err.Error()}
	}
	members := make(map[string]*zip.File, len(zr.File))
	for _, f := range zr.File {
		members[f.Name] = f
	}
	if f := members["mimetype"]; f != nil && f.Method == zip.Store && f.UncompressedSize64 < 100 {
		if rc, err := f.Open(); err == nil {
			var b [100]byte
			n, _ := rc.Read(b[:])
			rc.Close()
			if string(b[:n]) == mediaTypes["odt"] {
				return mediaTypes["odt"], nil
			}
		}
	}
	if members["[Content_Types].xml"] != nil {
		switch {
		case members["word/document.xml"] != nil:
			return mediaTypes["docx"], nil
		case members["xl/workbook.xml"] != nil:
			return mediaTypes["xlsx"], nil
		}
	}
	return mediaTypes["zip"], nil
}

// CleanMediaName returns the base name of an uploaded file as a browser
// sent it, without directories (either slash), control or format
// characters, and at most 200 bytes long; "upload" when nothing is left.
func CleanMediaName(name string) string {
	name = strings.ReplaceAll(name, `\`, "/")
	name = path.Base(name)
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '"' {
			return -1
		}
		return r
	}, NormalizeLine(name))
	name = strings.TrimSpace(name)
	for len(name) > 200 {
		_, size := utf8.DecodeLastRuneInString(name)
		name = name[:len(name)-size]
	}
	if name == "" || name == "." || name == "/" || name == ".." {
		return "upload"
	}
	return name
}

// ProcessUpload turns the content of one uploaded file into a Media
// record and the content of its variants, ready for MediaStore.PutMedia:
// the type comes from the content (SniffMediaType); an image's header
// dimensions are checked against MaxPixels before it is decoded; it is
// then decoded, turned upright by its EXIF orientation (a JPEG's: phones
// write PNG and WebP upright), resized to the
// widths of opts (never enlarged) with Catmull-Rom, and re-encoded, so
// that no metadata survives (EXIF with GPS position and device, embedded
// thumbnails, XMP, comments); only its ICC colour profile, when it is an
// RGB one, is carried into the variants, so that colours stay as shot (a
// CMYK photo is converted to RGB without its profile). JPEG and WebP photos
// become JPEG (a WebP with transparency, PNG), PNG and GIF images PNG
// (a GIF's first frame). A file is kept as it is. The record's ID,
// CreatedAt and creator are the caller's to set after (ID is already the
// first variant's key).
//
// Errors: a *LimitError (MaxBytes, MaxPixels), a *TypeError, or an error
// wrapping ErrInvalid naming the file for an image that does not decode
// (truncated, corrupt). ProcessUpload never panics, whatever data holds.
func ProcessUpload(name string, data []byte, opts *MediaOptions) (*Media, [][]byte, error) {
	o := opts.withDefaults()
	name = CleanMediaName(name)
	if int64(len(data)) > o.MaxBytes {
		return nil, nil, &LimitError{Name: name, Limit: "MaxBytes", Max: o.MaxBytes, Value: int64(len(data))}
	}
	typ, err := SniffMediaType(name, data)
	if err != nil {
		return nil, nil, err
	}
	m := &Media{Kind: MediaAttachment, Name: name, Type: typ}
	var files [][]byte
	if strings.HasPrefix(typ, "image/") {
		m.Kind = MediaImage
		files, err = processImage(m, data, &o)
		if err != nil {
			return nil, nil, err
		}
	} else {
		m.Variants = []MediaVariant{{Key: MediaKey(sha256.Sum256(data), typ), Type: typ, Size: int64(len(data))}}
		files = [][]byte{data}
	}
	m.ID = m.Variants[0].Key
	return m, files, nil
}
