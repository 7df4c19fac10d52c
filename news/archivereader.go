package news

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"time"
	"unicode/utf8"
)

// archiveShape is what an archive looks like, for errors about its shape.
const archiveShape = `{"version": 1, "categories": [...], "articles": [...]}`

// An archiveReader reads a JSON archive token by token, one record at a
// time, so that the file is never held whole. It turns the decoder's
// errors into errors staff can act on: a line and column for malformed
// JSON, the record for an unknown field or a wrong type, what the file
// must look like for a wrong shape.
type archiveReader struct {
	dec *json.Decoder
	pos *posReader
	lr  *io.LimitedReader
	max int64
}

// newArchiveReader reads at most max bytes of r, after a UTF-8 byte order
// mark if there is one (Windows Notepad writes one).
func newArchiveReader(r io.Reader, max int64) *archiveReader {
	br := bufio.NewReader(r)
	if bom, err := br.Peek(3); err == nil && string(bom) == "\uFEFF" {
		br.Discard(3)
	}
	lr := &io.LimitedReader{R: br, N: max + 1}
	pos := &posReader{r: lr}
	dec := json.NewDecoder(pos)
	dec.DisallowUnknownFields()
	return &archiveReader{dec: dec, pos: pos, lr: lr, max: max}
}

// tooLarge reports whether more than max bytes were read.
func (ar *archiveReader) tooLarge() error {
	if ar.lr.N <= 0 {
		return &FieldError{Rule: fmt.Sprintf("larger than %d bytes", ar.max)}
	}
	return nil
}

// token returns the next JSON token.
func (ar *archiveReader) token() (json.Token, error) {
	start := ar.dec.InputOffset()
	ar.pos.forget(start)
	t, err := ar.dec.Token()
	if err != nil {
		return nil, ar.malformed(err, start)
	}
	return t, ar.tooLarge()
}

// decode reads the next JSON value into v, the record named field. ok is
// false when the value is well-formed JSON but not such a record (an
// unknown field, a wrong type): the error, then a *FieldError naming the
// record, leaves the reader ready for the next value. Any other error
// ends the reading.
func (ar *archiveReader) decode(v any, field string) (ok bool, err error) {
	start := ar.dec.InputOffset()
	ar.pos.forget(start)
	err = ar.dec.Decode(v)
	if lerr := ar.tooLarge(); lerr != nil {
		return false, lerr
	}
	var te *json.UnmarshalTypeError
	switch {
	case err == nil:
		return true, nil
	case errors.As(err, &te):
		f := field
		if te.Field != "" {
			f += "." + te.Field
		}
		return false, &FieldError{Field: f, Rule: fmt.Sprintf("must be %s, not %s", jsonKind(te.Type), jsonValue(te.Value))}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return false, &FieldError{Field: field, Rule: strings.TrimPrefix(err.Error(), "json: ")}
	}
	return false, ar.malformed(err, start)
}

// jsonKind names the JSON value a Go type is read from.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "a whole number"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Pointer:
		return jsonKind(t.Elem())
	}
	return "an object"
}

// jsonValue names the JSON value v that UnmarshalTypeError.Value
// describes ("number", "number 1.5", "string", "bool", "array", "object").
func jsonValue(v string) string {
	switch {
	case v == "bool":
		return "true or false"
	case strings.HasPrefix(v, "number "):
		return "the number " + strings.TrimPrefix(v, "number ")
	case v == "array" || v == "object":
		return "an " + v
	}
	return "a " + v
}

// malformed turns an error of the decoder, met reading from the input
// offset start, into a *FieldError with the line and column of the fault.
func (ar *archiveReader) malformed(err error, start int64) error {
	if lerr := ar.tooLarge(); lerr != nil {
		return lerr
	}
	var se *json.SyntaxError
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		line, col := ar.pos.end()
		return &FieldError{Rule: fmt.Sprintf("malformed JSON at line %d, column %d: the file ends before the archive does", line, col)}
	case errors.As(err, &se):
		line, col := ar.pos.position(ar.faultOffset(se, start))
		return &FieldError{Rule: fmt.Sprintf("malformed JSON at line %d, column %d: %s", line, col, se.Error())}
	}
	return &FieldError{Rule: "malformed JSON: " + err.Error()}
}

// faultOffset returns the input offset of the character a syntax error
// met reading from start is about. The decoder's offsets count only the
// bytes of the value it was reading, so the value is scanned again on its
// own: from start, or after the comma that separates it from the previous
// value, which the decoder reads itself; the scan that meets the same
// error tells where it is. A fault between values (a missing colon or
// comma) the decoder places itself.
func (ar *archiveReader) faultOffset(se *json.SyntaxError, start int64) int64 {
	data := ar.pos.since(start)
	for try := 0; try < 2; try++ {
		var raw json.RawMessage
		err := json.NewDecoder(bytes.NewReader(data)).Decode(&raw)
		var again *json.SyntaxError
		if errors.As(err, &again) && again.Offset > 0 {
			if again.Error() == se.Error() {
				return start + again.Offset - 1
			}
		}
		i := bytes.IndexFunc(data, func(r rune) bool { return !strings.ContainsRune(" \t\r\n", r) })
		if i < 0 || data[i] != ',' {
			break
		}
		data = data[i+1:]
		start += int64(i + 1)
	}
	// A fault between values: the decoder's offset is the input's.
	return se.Offset
}

// A posReader passes reads through and keeps the bytes read since the
// last point forgotten, with the line and column there, so that an error
// at an input offset can be placed.
type posReader struct {
	r     io.Reader
	start int64  // input offset of kept[0]
	line  int    // newlines before start
	col   int    // characters between the last newline and start
	kept  []byte // the bytes read from start on
}

func (p *posReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.kept = append(p.kept, b[:n]...)
	return n, err
}

// forget drops the bytes before the input offset off, counting their
// lines and characters.
func (p *posReader) forget(off int64) {
	k := int(min(max(off-p.start, 0), int64(len(p.kept))))
	if k == 0 {
		return
	}
	drop := p.kept[:k]
	if i := bytes.LastIndexByte(drop, '\n'); i >= 0 {
		p.line += bytes.Count(drop, []byte{'\n'})
		p.col = utf8.RuneCount(drop[i+1:])
	} else {
		p.col += utf8.RuneCount(drop)
	}
	p.kept = append(p.kept[:0], p.kept[k:]...)
	p.start += int64(k)
}

// since returns the bytes read from the input offset off on.
func (p *posReader) since(off int64) []byte {
	return p.kept[min(max(off-p.start, 0), int64(len(p.kept))):]
}

// position returns the line and column, both from 1 and the column in
// characters, of the byte at the input offset off (not before the last
// point forgotten).
func (p *posReader) position(off int64) (line, col int) {
	seg := p.kept[:min(max(off-p.start, 0), int64(len(p.kept)))]
	line = p.line + bytes.Count(seg, []byte{'\n'}) + 1
	if i := bytes.LastIndexByte(seg, '\n'); i >= 0 {
		return line, utf8.RuneCount(seg[i+1:]) + 1
	}
	return line, p.col + utf8.RuneCount(seg) + 1
}

// end returns the line and column just after the last byte read.
func (p *posReader) end() (line, col int) { return p.position(p.start + int64(len(p.kept))) }

// Layouts of the times Import reads in the site's time zone, besides RFC
// 3339.
var localLayouts = []string{
	"2006-01-02",
	"2006-01-02 15:04",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04:05",
}

// parseArchiveTime reads a time of the archive: RFC 3339, or a date, or a
// date and time, in loc. The rule it breaks names the forms, with an
// example.
func parseArchiveTime(s string, loc *time.Location) (time.Time, string) {
	t, err := time.Parse(time.RFC3339Nano, s)
	for _, layout := range localLayouts {
		if err == nil {
			break
		}
		t, err = time.ParseInLocation(layout, s, loc)
	}
	switch {
	case err != nil:
		example := time.Date(2026, 12, 5, 8, 0, 0, 0, loc).Format(time.RFC3339)
		return time.Time{}, fmt.Sprintf(`not a time: write a date "2026-12-05", a date and time "2026-12-05 08:00" (%s), or RFC 3339 %q`, loc, example)
	case !timeInRange(t):
		return time.Time{}, timeRangeRule
	}
	return storedTime(t), ""
}

// defaultLocation is the site's time zone when ServiceOptions.Location is
// nil: Asia/Ho_Chi_Minh, or UTC+7 when the zone database is missing.
func defaultLocation() *time.Location {
	if loc, err := time.LoadLocation("Asia/Ho_Chi_Minh"); err == nil {
		return loc
	}
	return time.FixedZone("+07", 7*60*60)
}
