package widget

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"net/http"
	"path"
	"strings"
)

//go:embed static
var staticFS embed.FS

// An asset is a static file served from memory, compressed ahead of time.
type asset struct {
	body, gz []byte
	ctype    []string
	cache    []string // Cache-Control
	etag     []string
}

// assets holds the static files: the stylesheets and the embed script under
// content-hashed URLs (cached for a year), widget.js and embed-parent.js
// under fixed URLs (cached for five minutes, since hosts reference them by
// fixed URL).
type assets struct {
	hashed   map[string]*asset // by hashed name, such as "box.1a2b3c4d5e.css"
	boxCSS   string            // hashed name of the box stylesheet
	pageCSS  string            // hashed name of the page stylesheet
	embedJS  string            // hashed name of the height reporter of /embed
	widgetJS *asset
	parentJS *asset
}

func newAssets(lang string) *assets {
	a := &assets{hashed: make(map[string]*asset)}
	a.boxCSS = a.addHashed("box.css", hCSS)
	a.pageCSS = a.addHashed("page.css", hCSS)
	a.embedJS = a.addHashed("embed.js", hJS)
	src := readStatic("widget.js")
	src = bytes.Replace(src, []byte("__CSS__"), []byte("assets/"+a.boxCSS), 1)
	src = bytes.Replace(src, []byte("__LANG__"), []byte(lang), 1)
	a.widgetJS = newAsset(src, hJS, hShort)
	a.parentJS = newAsset(readStatic("embed-parent.js"), hJS, hShort)
	return a
}

// addHashed adds a static file under its content-hashed name and returns
// the name.
func (a *assets) addHashed(name string, ctype []string) string {
	body := readStatic(name)
	sum := sha256.Sum256(body)
	ext := path.Ext(name)
	hashed := strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:5]) + ext
	a.hashed[hashed] = newAsset(body, ctype, hImmutable)
	return hashed
}

func readStatic(name string) []byte {
	b, err := staticFS.ReadFile("static/" + name)
	if err != nil {
		panic("widget: embedded asset missing: " + name)
	}
	return b
}

func newAsset(body []byte, ctype, cache []string) *asset {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(body)
	zw.Close()
	sum := sha256.Sum256(body)
	return &asset{
		body: body, gz: buf.Bytes(), ctype: ctype, cache: cache,
		etag: []string{`"` + hex.EncodeToString(sum[:12]) + `"`},
	}
}

// ServeHTTP writes the asset, gzip-compressed when the client accepts it,
// with the headers an embeddable resource needs.
func (x *asset) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd["Content-Type"] = x.ctype
	hd["Cache-Control"] = x.cache
	hd["Etag"] = x.etag
	hd["Vary"] = hVaryEnc
	hd["Cross-Origin-Resource-Policy"] = hCrossOrigin
	hd["Access-Control-Allow-Origin"] = hAnyOrigin
	if inm := r.Header["If-None-Match"]; len(inm) > 0 && etagMatch(inm[0], x.etag[0]) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body := x.body
	if acceptsGzip(r) {
		body = x.gz
		hd["Content-Encoding"] = hGzip
	}
	hd["Content-Length"] = contentLength(len(body))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// acceptsGzip reports whether the request's Accept-Encoding allows gzip.
func acceptsGzip(r *http.Request) bool {
	for _, v := range r.Header["Accept-Encoding"] {
		for part := range strings.SplitSeq(v, ",") {
			coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
			if strings.EqualFold(strings.TrimSpace(coding), "gzip") {
				q := strings.ReplaceAll(params, " ", "")
				return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
			}
		}
	}
	return false
}
