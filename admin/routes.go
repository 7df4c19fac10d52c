package admin

import (
	"net/http"
	"strings"

	"github.com/orgnews/orgnews/internal/web"
	"github.com/orgnews/orgnews/news"
)

// routes registers every route of the handler, relative to its mount
// point. GET routes answer HEAD too; the catch-all "/" answers 405 with
// Allow to other methods on a known path, and 404 to any other path.
func (h *Handler) routes() {
	// Who is signed in. Signing in and out is the host's when it
	// authenticates (Options.Authenticate).
	h.mux.Handle("GET /api/session", h.handleSession())
	if h.auth == nil {
		h.mux.Handle("POST /api/session", h.handleSignIn())
		h.mux.Handle("DELETE /api/session", h.handleSignOut())
		h.mux.Handle("POST /api/session/totp", h.handleBeginTOTP())
		h.mux.Handle("PUT /api/session/totp", h.handleEnableTOTP())
	}

	// Articles, their workflow and their revisions.
	h.mux.Handle("GET /api/articles", h.handleArticles())
	h.mux.Handle("POST /api/articles", h.handleCreateArticle())
	h.mux.Handle("GET /api/articles/{id}", h.handleArticle())
	h.mux.Handle("PATCH /api/articles/{id}", h.handlePatchArticle())
	h.mux.Handle("DELETE /api/articles/{id}", h.handleDeleteArticle())
	for _, action := range transitions {
		h.mux.Handle("POST /api/articles/{id}/"+string(action), h.handleTransition(action))
	}
	h.mux.Handle("GET /api/articles/{id}/revisions", h.handleRevisions())
	h.mux.Handle("GET /api/articles/{id}/revisions/{n}", h.handleRevision())
	h.mux.Handle("GET /api/articles/{id}/revisions/{n}/diff", h.handleDiff())
	h.mux.Handle("POST /api/articles/{id}/revisions/{n}/restore", h.handleRestore())

	// Categories, accounts, API tokens and the audit log.
	h.mux.Handle("GET /api/categories", h.handleCategories())
	h.mux.Handle("POST /api/categories", h.handleCreateCategory())
	h.mux.Handle("PATCH /api/categories/{id}", h.handlePatchCategory())
	h.mux.Handle("GET /api/accounts", h.handleAccounts())
	h.mux.Handle("POST /api/accounts", h.handleCreateAccount())
	h.mux.Handle("GET /api/accounts/{id}", h.handleAccount())
	h.mux.Handle("PATCH /api/accounts/{id}", h.handlePatchAccount())
	h.mux.Handle("PUT /api/accounts/{id}/password", h.handlePassword())
	h.mux.Handle("DELETE /api/accounts/{id}/totp", h.handleDisableTOTP())
	h.mux.Handle("GET /api/tokens", h.handleTokens())
	h.mux.Handle("POST /api/tokens", h.handleCreateToken())
	h.mux.Handle("DELETE /api/tokens/{id}", h.handleRevokeToken())
	h.mux.Handle("GET /api/audit", h.handleAudit())

	// The media library, when the host gave one.
	if h.media != nil {
		h.mux.Handle("POST /api/media", h.handleUpload())
		h.mux.Handle("GET /api/media", h.handleMediaList())
		h.mux.Handle("GET /api/media/{id}", h.handleMedia())
		h.mux.Handle("DELETE /api/media/{id}", h.handleDeleteMedia())
	}

	h.mux.HandleFunc(catchAll, h.unrouted)
}

// transitions are the workflow steps, each at POST
// api/articles/{id}/<action>.
var transitions = []news.Action{news.ActionSubmit, news.ActionReturn, news.ActionSendForApproval, news.ActionApprove,
	news.ActionPublish, news.ActionSchedule, news.ActionUnpublish, news.ActionArchive}

// catchAll is the pattern of the requests no route takes.
const catchAll = "/"

// unrouted answers a request no route takes: 405 with Allow when its path
// has routes for other methods, 404 otherwise.
func (h *Handler) unrouted(w http.ResponseWriter, r *http.Request) {
	var allow []string
	for _, m := range []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		probe := *r
		probe.Method = m
		if _, pattern := h.mux.Handler(&probe); pattern != catchAll && pattern != "" {
			allow = append(allow, m)
		}
	}
	if len(allow) == 0 {
		h.fail(w, r, errNotFound)
		return
	}
	web.MethodNotAllowed(w, r, strings.Join(allow, ", "))
}
