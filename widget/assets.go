package widget

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"net/http"
	"path"
	"strings"

	"github.com/orgnews/orgnews/internal/web"
)

//go:embed static
var staticFS embed.FS

// assets holds the static files, made once into answers for web.Serve
// (ETag, gzip, HEAD): the stylesheets and the embed script under
// content-hashed URLs (cached for a year), widget.js and embed-parent.js
// under fixed URLs (cached for five minutes, since hosts reference them by
// fixed URL).
type assets struct {
	hashed      map[string]*web.Response // by hashed name, such as "box.1a2b3c4d5e.css"
	boxCSS      string                   // hashed name of the box stylesheet
	pageCSS     string                   // hashed name of the page stylesheet
	embedJS     string                   // hashed name of the height reporter of /embed
	widgetJS    asset
	parentJS    asset
	fingerprint string // what changes with any asset's bytes, for web.Fingerprint
}

// An asset is a static file under a fixed URL.
type asset struct{ *web.Response }

// ServeHTTP writes the asset.
func (a asset) ServeHTTP(w http.ResponseWriter, r *http.Request) { web.Serve(w, r, a.Response) }

const (
	ctCSS = "text/css; charset=utf-8"
	ctJS  = "text/javascript; charset=utf-8"
)

func newAssets(lang string) *assets {
	a := &assets{hashed: make(map[string]*web.Response)}
	a.boxCSS = a.addHashed("box.css", ctCSS)
	a.pageCSS = a.addHashed("page.css", ctCSS)
	a.embedJS = a.addHashed("embed.js", ctJS)
	src := readStatic("widget.js")
	src = bytes.Replace(src, []byte("__CSS__"), []byte("assets/"+a.boxCSS), 1)
	src = bytes.Replace(src, []byte("__LANG__"), []byte(lang), 1)
	a.widgetJS = asset{newAsset(src, ctJS, "public, max-age=300")}
	a.parentJS = asset{newAsset(readStatic("embed-parent.js"), ctJS, "public, max-age=300")}
	a.fingerprint = a.boxCSS + a.pageCSS + a.embedJS + a.widgetJS.ETag + a.parentJS.ETag
	return a
}

// addHashed adds a static file under its content-hashed name and returns
// the name.
func (a *assets) addHashed(name, ctype string) string {
	body := readStatic(name)
	sum := sha256.Sum256(body)
	ext := path.Ext(name)
	hashed := strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:5]) + ext
	a.hashed[hashed] = newAsset(body, ctype, "public, max-age=31536000, immutable")
	return hashed
}

func readStatic(name string) []byte {
	b, err := staticFS.ReadFile("static/" + name)
	if err != nil {
		panic("widget: embedded asset missing: " + name)
	}
	return b
}

// newAsset returns the answer of an embeddable static file.
func newAsset(body []byte, ctype, cacheControl string) *web.Response {
	return web.NewResponse(body, ctype, http.Header{
		"Cache-Control": {cacheControl}, "Cross-Origin-Resource-Policy": {"cross-origin"}, "Access-Control-Allow-Origin": {"*"},
	})
}
