package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"maps"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// A Response is a rendered 200 answer. Every request it is served to
// shares it and its header values, so it must not change once made.
type Response struct {
	Body        []byte
	ContentType string // such as "text/html; charset=utf-8"
	// Header holds the other fixed headers (Cache-Control, CORS, CSP…),
	// canonicalised, with X-Content-Type-Options: nosniff and, when a gzip
	// form exists, Vary: Accept-Encoding. 304 answers carry them too.
	Header http.Header
	// ETag is Body's strong tag: 16 bytes of its SHA-256 in base64url,
	// quoted. The gzip form's adds "-gz" inside the quotes.
	ETag string
	// LastModified, unless zero, is sent as Last-Modified. Set it, before
	// the Response is shared, only to a time from the content that moves
	// whenever the bytes do: never to the render time.
	LastModified time.Time

	plain, gz *form // gz is nil when gzip does not make Body smaller
}

// A form is one encoding of a Response: its bytes and their headers.
type form struct {
	body   []byte
	header http.Header // Content-Type, Content-Length, Etag and Content-Encoding
}

// NewResponse returns the Response of body, with the content type and a
// copy of the fixed headers header (nil means none). It hashes body for
// the ETag and, when body is over 1 KiB, gzips it once with a new writer:
// fine for an answer made once, such as a static file; a render on a
// Cache miss uses [Cache.Response], which reuses writers.
func NewResponse(body []byte, contentType string, header http.Header) *Response {
	return newResponse(body, contentType, header, gzip.NewWriter(nil))
}

// newResponse is NewResponse gzipping with zw, reset first.
func newResponse(body []byte, contentType string, header http.Header, zw *gzip.Writer) *Response {
	sum := sha256.Sum256(body)
	tag := base64.RawURLEncoding.EncodeToString(sum[:16])
	r := &Response{Body: body, ContentType: contentType, Header: http.Header{}, ETag: `"` + tag + `"`}
	for k, v := range header {
		r.Header[http.CanonicalHeaderKey(k)] = append([]string(nil), v...)
	}
	r.Header.Set("X-Content-Type-Options", "nosniff")
	ct := []string{contentType}
	r.plain = &form{body, http.Header{"Content-Type": ct, "Content-Length": {strconv.Itoa(len(body))}, "Etag": {r.ETag}}}
	if len(body) <= 1024 {
		return r
	}
	var buf bytes.Buffer
	zw.Reset(&buf)
	_, _ = zw.Write(body) // writing to a bytes.Buffer cannot fail
	_ = zw.Close()
	if buf.Len() < len(body) {
		r.gz = &form{buf.Bytes(), http.Header{"Content-Type": ct, "Content-Length": {strconv.Itoa(buf.Len())},
			"Etag": {`"` + tag + `-gz"`}, "Content-Encoding": {"gzip"}}}
		r.Header.Add("Vary", "Accept-Encoding")
	}
	return r
}

// size returns the bytes a Cache charges for r: the capacity of its
// bodies, and 512 for the rest.
func (r *Response) size() int64 {
	n := cap(r.Body) + 512
	if r.gz != nil {
		n += cap(r.gz.body)
	}
	return int64(n)
}

// Serve writes resp as the answer to r, a GET or HEAD: 304 Not Modified
// when If-None-Match holds "*" or either encoding's tag (on any line,
// compared weakly) or, without If-None-Match, when If-Modified-Since is
// not before resp.LastModified; otherwise 200, gzipped when Accept-Encoding
// prefers it (see wantsGzip), without the body for HEAD. Both carry
// resp.Header and the chosen encoding's ETag. It does not use
// http.ServeContent, which reads only the first If-None-Match line.
func Serve(w http.ResponseWriter, r *http.Request, resp *Response) {
	h := w.Header()
	maps.Copy(h, resp.Header)
	f := resp.plain
	if resp.gz != nil && wantsGzip(r.Header["Accept-Encoding"]) {
		f = resp.gz
	}
	h["Etag"] = f.header["Etag"]
	if !resp.LastModified.IsZero() {
		h.Set("Last-Modified", resp.LastModified.UTC().Format(http.TimeFormat))
	}
	if notModified(r.Header, resp) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	maps.Copy(h, f.header)
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(f.body) // an error means the client went away
	}
}

// notModified applies If-None-Match, or If-Modified-Since when there is no
// If-None-Match and resp has a LastModified (RFC 9110, section 13.2.2).
func notModified(h http.Header, resp *Response) bool {
	if inm := h["If-None-Match"]; len(inm) > 0 {
		return matchETag(inm, resp.ETag) || resp.gz != nil && matchETag(inm, resp.gz.header["Etag"][0])
	}
	ims := h.Get("If-Modified-Since")
	if ims == "" || resp.LastModified.IsZero() {
		return false
	}
	t, err := http.ParseTime(ims)
	return err == nil && !resp.LastModified.Truncate(time.Second).After(t)
}

// matchETag reports whether the If-None-Match lines hold "*" or tag,
// compared weakly (W/ ignored). A malformed element ends its line.
func matchETag(lines []string, tag string) bool {
	for _, s := range lines {
		for {
			s = strings.TrimLeft(s, " \t,")
			if strings.HasPrefix(s, "*") {
				return true
			}
			if s = strings.TrimPrefix(s, "W/"); !strings.HasPrefix(s, `"`) {
				break
			}
			end := strings.IndexByte(s[1:], '"') + 2
			if end < 2 {
				break
			}
			if s[:end] == tag {
				return true
			}
			s = s[end:]
		}
	}
	return false
}

// wantsGzip reports whether the Accept-Encoding lines prefer gzip to no
// coding. gzip and x-gzip have their q-value, or else that of "*"; so has
// identity, which when neither is named is only a fallback. gzip wins a
// tie, and is also chosen when identity is refused (q=0) and gzip is not
// named. A malformed q drops its element.
func wantsGzip(lines []string) bool {
	gz, id, star := -1.0, -1.0, -1.0
	for _, s := range lines {
		for s != "" {
			var el string
			el, s, _ = strings.Cut(s, ",")
			coding, params, _ := strings.Cut(el, ";")
			q := qvalue(params)
			switch c := strings.TrimSpace(coding); {
			case q < 0:
			case strings.EqualFold(c, "gzip"), strings.EqualFold(c, "x-gzip"):
				gz = q
			case strings.EqualFold(c, "identity"):
				id = q
			case c == "*":
				star = q
			}
		}
	}
	if gz < 0 {
		gz = star
	}
	if id < 0 {
		id = star // -1 if neither is named: acceptable, but only as a fallback
	}
	return gz > 0 && gz >= id || gz < 0 && id == 0
}

// qvalue returns the q among an Accept-Encoding element's parameters: 1
// when absent, -1 when malformed.
func qvalue(params string) float64 {
	for params != "" {
		var p string
		p, params, _ = strings.Cut(params, ";")
		if k, v, _ := strings.Cut(strings.TrimSpace(p), "="); strings.EqualFold(k, "q") {
			q, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err != nil || !(q >= 0 && q <= 1) { // NaN too
				return -1
			}
			return q
		}
	}
	return 1
}

// CacheControl returns the Cache-Control value of a public answer reused
// for maxAge: 0 means one minute, a negative value "no-cache".
func CacheControl(maxAge time.Duration) string {
	switch {
	case maxAge < 0:
		return "no-cache"
	case maxAge == 0:
		maxAge = time.Minute
	}
	return "public, max-age=" + strconv.Itoa(int(maxAge/time.Second))
}
