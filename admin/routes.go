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
	h.mux.Handle("GET /api/tags", h.handleTags())
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

	// The pages, for people in a browser: forms post back to them, each
	// step answered by a redirect (303) or by the form again with why it
	// was refused.
	if h.auth == nil {
		h.mux.Handle("GET /sign-in", h.handleSignInPage())
		h.mux.Handle("POST /sign-in", h.handleSignInForm())
		h.mux.Handle("POST /sign-out", h.handleSignOutForm())
		h.mux.Handle("GET /password", h.handlePasswordPage())
		h.mux.Handle("POST /password", h.handlePasswordForm())
		h.mux.Handle("GET /totp", h.handleTOTPPage())
		h.mux.Handle("POST /totp", h.handleTOTPForm())
	}
	h.mux.Handle("GET /{$}", h.handleDashboard())
	h.mux.Handle("GET /articles", h.handleArticleList())
	h.mux.Handle("GET /articles/new", h.handleNewArticle())
	h.mux.Handle("POST /articles/new", h.handleCreateForm())
	h.mux.Handle("GET /articles/{id}", h.handleEditor())
	h.mux.Handle("POST /articles/{id}", h.handleSaveForm())
	h.mux.Handle("POST /articles/{id}/step", h.handleStepForm())
	h.mux.Handle("GET /articles/{id}/preview", h.handlePreview())
	h.mux.Handle("GET /articles/{id}/revisions", h.handleRevisionsPage())
	h.mux.Handle("POST /articles/{id}/revisions/{n}/restore", h.handleRestoreForm())
	h.mux.Handle("GET /articles/{id}/diff", h.handleDiffPage())
	h.mux.Handle("GET /categories", h.handleCategoriesPage())
	h.mux.Handle("POST /categories", h.handleCreateCategoryForm())
	h.mux.Handle("POST /categories/{id}", h.handleUpdateCategoryForm())
	h.mux.Handle("POST /categories/{id}/move", h.handleMoveCategoryForm())
	h.mux.Handle("GET /accounts", h.handleAccountsPage())
	h.mux.Handle("POST /accounts", h.handleCreateAccountForm())
	h.mux.Handle("POST /accounts/{id}", h.handleUpdateAccountForm())
	h.mux.Handle("GET /tokens", h.handleTokensPage())
	h.mux.Handle("POST /tokens", h.handleCreateTokenForm())
	h.mux.Handle("POST /tokens/{id}/revoke", h.handleRevokeTokenForm())
	h.mux.Handle("GET /audit", h.handleAuditPage())
	if h.media != nil {
		h.mux.Handle("GET /media", h.handleMediaPage())
		h.mux.Handle("POST /media/{id}/delete", h.handleDeleteMediaForm())
	}
	h.mux.Handle("GET /assets/{name...}", h.handleAsset())

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
	if len(allow) == 0 && !strings.HasPrefix(r.URL.Path, "/api/") {
		h.failPage(w, r, errNotFound)
		return
	}
	if len(allow) == 0 {
		h.fail(w, r, errNotFound)
		return
	}
	web.MethodNotAllowed(w, r, strings.Join(allow, ", "))
}
