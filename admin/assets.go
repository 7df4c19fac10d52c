package admin

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"strings"

	"github.com/orgnews/orgnews/internal/web"
)

// staticFS holds the pages' stylesheet and scripts, hand-written, and
// the rich-text editor's bundle under static/editor/ when it is built.
//
//go:embed static
var staticFS embed.FS

// assets are the static files of the pages, served from memory under
// content-hashed names ("admin.1a2b3c4d5e.css") and cached for a year:
// a changed file has a new name, so a page never meets a stale one.
type assets struct {
	byHashed map[string]*web.Response // by hashed name
	names    map[string]string        // hashed name by file name, such as "editor/editor.js"
}

// newAssets hashes every file under static/.
func newAssets() *assets {
	a := &assets{byHashed: map[string]*web.Response{}, names: map[string]string{}}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		ctype := "application/octet-stream"
		switch path.Ext(p) {
		case ".css":
			ctype = "text/css; charset=utf-8"
		case ".js":
			ctype = "text/javascript; charset=utf-8"
		}
		name := strings.TrimPrefix(p, "static/")
		sum := sha256.Sum256(body)
		ext := path.Ext(name)
		hashed := strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:5]) + ext
		a.names[name] = hashed
		a.byHashed[hashed] = web.NewResponse(body, ctype, http.Header{
			"Cache-Control": {"public, max-age=31536000, immutable"},
		})
		return nil
	})
	if err != nil {
		panic("admin: reading embedded assets: " + err.Error())
	}
	return a
}

// url returns the path, relative to the mount point, of the static file
// name, and whether there is one.
func (a *assets) url(name string) (string, bool) {
	hashed, ok := a.names[name]
	return "assets/" + hashed, ok
}

// handleAsset serves a static file by its hashed name: GET
// assets/{name...}. The answer is the same for everyone and never
// changes, so it is cached for a year, unlike the pages.
func (h *Handler) handleAsset() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		resp, ok := h.assets.byHashed[r.PathValue("name")]
		if !ok {
			h.failPage(w, r, errNotFound)
			return
		}
		w.Header().Del("Cache-Control")
		w.Header().Del("Vary")
		web.Serve(w, r, resp)
	})
}
