package feed

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// A rendered feed, ready to serve. Its fields do not change once made, so
// requests share it without locking; the header values are slices shared
// by every response and must not be modified.
type rendered struct {
	state        stateKey // the Source state it was rendered at
	sum          [sha256.Size]byte
	body, gz     []byte
	lastModified time.Time // whole seconds

	contentType, etag, gzETag, modified, length, gzLength, vary, gzip []string
}

// size returns the bytes the cache charges for r.
func (r *rendered) size() int64 { return int64(len(r.body) + len(r.gz) + 512) }

// newRendered hashes and compresses body, rendered at the source state
// state. When prev has the same bytes, the result is prev at the new state,
// with its validators; otherwise its Last-Modified is now.
func newRendered(f Format, body []byte, state stateKey, prev *rendered, now time.Time) (*rendered, error) {
	sum := sha256.Sum256(body)
	if prev != nil && prev.sum == sum {
		// The same bytes: keep the validators and the gzipped form.
		r := *prev
		r.state = state
		return &r, nil
	}
	if cap(body) > len(body)+len(body)/4 {
		body = bytes.Clone(body) // do not keep the builder's slack in the cache
	}
	r := &rendered{state: state, body: body, sum: sum, lastModified: now.UTC().Truncate(time.Second)}
	var buf bytes.Buffer
	buf.Grow(len(body) / 4)
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(body); err != nil {
		return nil, fmt.Errorf("feed: gzip: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("feed: gzip: %w", err)
	}
	r.gz = buf.Bytes()
	tag := base64.RawURLEncoding.EncodeToString(r.sum[:18])
	r.contentType = []string{f.ContentType()}
	r.etag = []string{`"` + tag + `"`}
	r.gzETag = []string{`"` + tag + `-gzip"`}
	r.modified = []string{r.lastModified.Format(http.TimeFormat)}
	r.length = []string{strconv.Itoa(len(r.body))}
	r.gzLength = []string{strconv.Itoa(len(r.gz))}
	r.vary = []string{"Accept-Encoding"}
	r.gzip = []string{"gzip"}
	return r, nil
}

// serve writes r, or 304 Not Modified when the request's validators match.
func (r *rendered) serve(w http.ResponseWriter, req *http.Request, control []string) {
	gz := acceptsGzip(req.Header["Accept-Encoding"])
	h := w.Header()
	h["Vary"] = r.vary
	h["Cache-Control"] = control
	h["Last-Modified"] = r.modified
	if gz {
		h["Etag"] = r.gzETag
	} else {
		h["Etag"] = r.etag
	}
	if r.notModified(req) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h["Content-Type"] = r.contentType
	h["X-Content-Type-Options"] = nosniff
	body := r.body
	if gz {
		body = r.gz
		h["Content-Encoding"] = r.gzip
		h["Content-Length"] = r.gzLength
	} else {
		h["Content-Length"] = r.length
	}
	w.WriteHeader(http.StatusOK)
	if req.Method != http.MethodHead {
		_, _ = w.Write(body) // an error means the client went away
	}
}

// nosniff is the X-Content-Type-Options header value.
var nosniff = []string{"nosniff"}

// notModified applies If-None-Match, or If-Modified-Since when there is no
// If-None-Match (RFC 9110, section 13.2.2). Entity tags are compared
// weakly, as If-None-Match requires, and either encoding's tag matches.
func (r *rendered) notModified(req *http.Request) bool {
	if inm := req.Header["If-None-Match"]; len(inm) > 0 {
		for _, line := range inm {
			for line != "" {
				var t string
				t, line, _ = strings.Cut(line, ",")
				t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
				if t == "*" || t == r.etag[0] || t == r.gzETag[0] {
					return true
				}
			}
		}
		return false
	}
	if ims := req.Header["If-Modified-Since"]; len(ims) > 0 && ims[0] != "" {
		t, err := http.ParseTime(ims[0])
		return err == nil && !r.lastModified.After(t)
	}
	return false
}

// acceptsGzip reports whether Accept-Encoding allows gzip: it names gzip,
// x-gzip or * with a q-value other than 0. It does not allocate.
func acceptsGzip(values []string) bool {
	for _, line := range values {
		for line != "" {
			var part string
			part, line, _ = strings.Cut(line, ",")
			coding, params, _ := strings.Cut(part, ";")
			coding = strings.TrimSpace(coding)
			if strings.EqualFold(coding, "gzip") || strings.EqualFold(coding, "x-gzip") || coding == "*" {
				return !zeroQ(params)
			}
		}
	}
	return false
}

// zeroQ reports whether the parameters of an Accept-Encoding element set
// q to zero ("q=0", "q=0.000").
func zeroQ(params string) bool {
	for params != "" {
		var p string
		p, params, _ = strings.Cut(params, ";")
		k, val, ok := strings.Cut(strings.TrimSpace(p), "=")
		if ok && strings.EqualFold(strings.TrimSpace(k), "q") {
			q, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
			return err == nil && q == 0
		}
	}
	return false
}
