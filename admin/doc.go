// Package admin is the newsroom (tòa soạn): the authenticated JSON API,
// and the pages (see Pages below), through which a department's staff
// write, edit, approve and publish news. A [Handler] speaks a [news.Newsroom] over HTTP; the domain owns
// every rule (who may do what to which article in which state, password
// and token rules, sign-in throttling, revisions, the audit log), and the
// handler only authenticates requests, reads their JSON and answers the
// domain's decisions with status codes.
//
// # Mounting
//
// New returns an http.Handler whose paths are relative to its mount
// point; mount it with http.StripPrefix, beside the readers' widget over
// the same store:
//
//	store := memstore.New() // or sqlstore
//	nr := news.NewNewsroom(store, nil)
//	mux := http.NewServeMux()
//	mux.Handle("/admin/", http.StripPrefix("/admin", admin.New(nr, nil)))
//	mux.Handle("/news/", http.StripPrefix("/news", widget.New(news.NewPublic(store, nil), nil)))
//
// In chi: r.Mount("/admin", http.StripPrefix("/admin", h)). The session
// cookie's Path is the mount path ("/admin/"), found from each request or
// set with [Options].CookiePath. The first account comes from
// news.Newsroom.Bootstrap; the others from POST api/accounts.
//
// # Roles and states (vai trò và trạng thái)
//
// Roles, lowest first; each may do at least what the one before may,
// except that only contributors are limited to their own articles:
//
//	contributor  phóng viên / cộng tác viên  writes drafts in their categories, submits them; sees only their own
//	editor       biên tập viên               edits drafts and submitted articles, returns them with a comment, sends them for approval
//	approver     lãnh đạo / Ban biên tập     approves, publishes now or at a time, unpublishes, archives
//	admin        quản trị                    accounts, categories, tokens, the audit log, and all of the above
//
// States of an article:
//
//	draft              bản nháp       being written
//	submitted          chờ biên tập   submitted for editing
//	awaiting_approval  chờ duyệt      edited, awaiting the approver
//	returned           trả lại        sent back to the writer with a comment
//	published          đã đăng        public from publish_at (scheduled, hẹn giờ đăng, until then)
//	archived           lưu trữ        withdrawn from every public read
//
// draft → submitted → awaiting_approval → published; returned goes back
// to the writer; a site that turns the approval step off
// (news.NewsroomOptions.SkipApproval) lets editors publish. Answers about
// one article list the "actions" the caller may take on it now.
//
// # Signing in
//
// POST api/session opens a session: a cookie that is HttpOnly,
// SameSite=Lax, Secure over TLS (or always, with [Options].SecureCookie
// behind a proxy that ends TLS), scoped to the mount path, and a new one
// at every sign-in (the browser's previous session is ended). Sessions
// live in the store: every request asks it, so signing out, changing a
// password or disabling an account ends the session on every instance at
// once. After too many failures for a username or a client address the
// domain refuses sign-in for a while: 429 with Retry-After. An unknown
// username, a wrong password and a disabled account are answered alike.
//
// Programs use API tokens: "Authorization: Bearer ont_…". A token acts
// with a role no higher than its creator's, expires, and is revoked with
// DELETE api/tokens/{id}; its secret is in the answer that creates it and
// nowhere else. A request with an Authorization header is judged by it
// alone; its cookies are not read.
//
// A site with single sign-on sets [Options].Authenticate, a function from
// a request to a news.Actor; the built-in sign-in is then not served.
//
// # Safety
//
// Every state-changing request (any method but GET, HEAD and OPTIONS)
// passes http.CrossOriginProtection: a request a browser marks as coming
// from another origin (Sec-Fetch-Site, or an Origin that is not the Host)
// is refused with 403, whatever it carries. Requests with a Bearer token
// are not exempt: programs send neither header, so they pass, and a page
// on another origin has no use for the API (it serves no CORS). Bodies
// must be JSON (Content-Type application/json, or none), one object, with
// no unknown or repeated member, at most [Options].MaxBodyBytes. Nothing
// is cached (Cache-Control: no-store; Vary: Cookie, Authorization), and
// no answer or log line holds a password, a hash or a token other than
// the one just created.
//
// # Errors
//
// Every error is one JSON shape, {"error":{"code","field","message"}}:
//
//	400 invalid_parameter  a malformed or unknown query parameter or body member (field names it)
//	400 invalid_body       a body that is not one JSON object
//	401 unauthorized       not signed in, or a session or token that has ended
//	401 totp_required      the password was right; the account needs its second-factor code (field "code")
//	403 forbidden          the role or the category scope forbids it (the message says which rule), or a cross-origin request
//	404 not_found          no such thing, or one the caller may not see (another contributor's draft)
//	405 method_not_allowed with Allow
//	409 conflict           the article's state does not allow the step, or a stale If-Match (below), or a taken slug or username
//	413 too_large          a body over the limit; an uploaded file over MaxBytes or MaxPixels
//	415 unsupported_media_type  a body that is not application/json (multipart/form-data for api/media); a file of no accepted type
//	422 invalid_field      a body member that breaks a rule (field names it)
//	428 precondition_required   a PATCH without If-Match
//	429 throttled          too many failed sign-ins: wait Retry-After seconds
//
// # Revisions and conflicts
//
// Every save is a revision, whose number is the article's ETag. PATCH
// changes only the members sent and needs If-Match with the revision the
// change was made on ("*" skips the check). When another save came first
// the answer is 409 with the current revision, and the rejected change is
// kept as a revision of its own ("kept"), so nothing is lost: show the
// current revision, diff it with the kept one, and restore or merge.
//
// # The API, call by call
//
// Below, $A is the mount point (https://skhcn.example.gov.vn/admin), and
// curl keeps the session cookie in a jar (-c and -b jar.txt); --json sends
// a JSON body. Answers are shortened with "…".
//
// Sign in, see who is signed in, sign out:
//
//	curl -c jar.txt --json '{"username":"bientap","password":"…"}' $A/api/session
//	201 {"actor":{"account_id":"5b0f…","username":"bientap","name":"Lê Minh Châu","role":"editor","role_label":"biên tập viên","categories":[]},"expires_at":"2026-12-04T20:00:00Z"}
//	curl -b jar.txt $A/api/session
//	200 {"actor":{…},"approval_required":true}
//	curl -b jar.txt -X DELETE $A/api/session
//	204
//
// Set up a second factor (the answer's url is the QR code's content),
// then confirm it with a code from the app:
//
//	curl -b jar.txt -X POST $A/api/session/totp
//	200 {"secret":"JBSWY3DP…","url":"otpauth://totp/orgnews:bientap?…"}
//	curl -b jar.txt -X PUT --json '{"secret":"JBSWY3DP…","code":"492039"}' $A/api/session/totp
//	204
//
// List articles (filters state, category by ID or slug, author, tag, q;
// pages of limit, next page by cursor), write a draft (its category by
// category_id, or by category: a slug or an ID), read one:
//
//	curl -b jar.txt "$A/api/articles?state=submitted&category=khoa-hoc&q=nghiem+thu&limit=20"
//	200 {"articles":[{"id":"9d1e…","title":"…","status":"submitted","status_label":"chờ biên tập","revision":2,…}],"next":"…"}
//	curl -b jar.txt --json '{"title":"Nghiệm thu đề tài giống lúa chịu mặn","category_id":"1c2d…","body":"<p>…</p>","tags":["nông nghiệp"],"note":"bản đầu"}' $A/api/articles
//	201 Location: articles/9d1e… ETag: "1" {"id":"9d1e…","slug":"nghiem-thu-de-tai-giong-lua-chiu-man","status":"draft","revision":1,"actions":["view","edit","submit","delete","restore-revision"],…}
//	curl -b jar.txt $A/api/articles/9d1e…
//	200 ETag: "1" {"id":"9d1e…",…}
//
// Change some members (the others stay), delete:
//
//	curl -b jar.txt -X PATCH -H 'If-Match: "1"' --json '{"summary":"Hội đồng khoa học tỉnh nghiệm thu.","note":"thêm tóm tắt"}' $A/api/articles/9d1e…
//	200 ETag: "2" {"summary":"Hội đồng khoa học tỉnh nghiệm thu.","revision":2,…}
//	curl -b jar.txt -X PATCH -H 'If-Match: "1"' --json '{"body":"<p>…</p>","autosave":true}' $A/api/articles/9d1e…
//	409 ETag: "2" {"error":{"code":"conflict","message":"revision 1 is stale: the current revision is 2; the rejected change is kept as revision 3"},"current":{"number":2,"actor_name":"Lê Minh Châu",…},"kept":3}
//	curl -b jar.txt -X DELETE -H 'If-Match: "3"' $A/api/articles/9d1e…
//	204
//
// The workflow, each step a POST with an optional body {"comment",
// "publish_at"} and an optional If-Match; each answers the article:
//
//	curl -b jar.txt -X POST $A/api/articles/9d1e…/submit
//	200 {"status":"submitted","status_label":"chờ biên tập",…}
//	curl -b jar.txt --json '{"comment":"Bổ sung số liệu năm 2026."}' $A/api/articles/9d1e…/return
//	200 {"status":"returned","status_label":"trả lại",…}
//	curl -b jar.txt -X POST $A/api/articles/9d1e…/send-for-approval
//	200 {"status":"awaiting_approval","status_label":"chờ duyệt",…}
//	curl -b jar.txt --json '{"publish_at":"2026-12-05T07:00:00+07:00"}' $A/api/articles/9d1e…/approve
//	200 {"status":"published","publish_at":"2026-12-05T00:00:00Z",…}
//	curl -b jar.txt -X POST $A/api/articles/9d1e…/publish
//	200 {"status":"published",…}
//	curl -b jar.txt --json '{"publish_at":"2026-12-06T07:00:00+07:00"}' $A/api/articles/9d1e…/schedule
//	200 {"status":"published","publish_at":"2026-12-06T00:00:00Z",…}
//	curl -b jar.txt -X POST $A/api/articles/9d1e…/unpublish
//	200 {"status":"draft",…}
//	curl -b jar.txt -X POST $A/api/articles/9d1e…/archive
//	200 {"status":"archived","status_label":"lưu trữ",…}
//	curl -b jar.txt -X POST $A/api/articles/9d1e…/publish      (as a contributor)
//	403 {"error":{"code":"forbidden","message":"contributor may not publish a draft article: only approver or admin may publish a draft article while the approval step is on"}}
//
// Revisions: the list (no snapshots), one with its snapshot, a word diff
// of title, summary and body text, and a restore (a new revision):
//
//	curl -b jar.txt $A/api/articles/9d1e…/revisions
//	200 {"revisions":[{"number":1,"action":"create","status":"draft","actor_name":"Nguyễn Văn An","at":"…","base":0},…]}
//	curl -b jar.txt $A/api/articles/9d1e…/revisions/3
//	200 {"number":3,"action":"conflict","rejected":true,"snapshot":{"title":"…","body":"<p>…</p>",…},…}
//	curl -b jar.txt "$A/api/articles/9d1e…/revisions/1/diff?to=2"
//	200 {"from":1,"to":2,"title":[{"kind":"equal","text":"Hội nghị tổng kết "},{"kind":"delete","text":"năm"},{"kind":"insert","text":"công tác năm 2026"}],"summary":[…],"body":[…]}
//	curl -b jar.txt -X POST -H 'If-Match: "2"' $A/api/articles/9d1e…/revisions/3/restore
//	200 ETag: "4" {"revision":4,…}
//
// Categories (anyone signed in reads; admins write):
//
//	curl -b jar.txt $A/api/categories
//	200 {"categories":[{"id":"1c2d…","slug":"khoa-hoc","name":"Khoa học","parent_id":"00000000-…","position":0},…]}
//	curl -b jar.txt --json '{"name":"Hợp tác quốc tế","parent_id":"1c2d…","position":2}' $A/api/categories
//	201 {"id":"7e8f…","slug":"hop-tac-quoc-te",…}
//	curl -b jar.txt -X PATCH --json '{"description":"Tin hợp tác quốc tế."}' $A/api/categories/7e8f…
//	200 {"id":"7e8f…","description":"Tin hợp tác quốc tế.",…}
//	curl -b jar.txt -X PATCH --json '{"slug":"hop-tac"}' $A/api/categories/7e8f…
//	200 {"id":"7e8f…","slug":"hop-tac","aliases":["hop-tac-quoc-te"],…}   the old slug still leads to it
//	curl -b jar.txt -X PATCH --json '{"slug":"hop-tac-quoc-te"}' $A/api/categories/1c2d…
//	409 {"error":{"code":"conflict","field":"slug","message":"slug: \"hop-tac-quoc-te\" is taken: it is an old slug of category \"hop-tac\", …"}}
//
// Tag suggestions, the tags of the articles the person sees and of the
// public ones, most used first; the prefix is folded:
//
//	curl -b jar.txt "$A/api/tags?prefix=khoa+h&limit=5"
//	200 {"tags":[{"tag":"Khoa học","count":12}]}
//
// Accounts (admins; anyone reads and renames themself), passwords and
// second factors:
//
//	curl -b jar.txt $A/api/accounts
//	200 {"accounts":[{"id":"5b0f…","username":"bientap","display_name":"Lê Minh Châu","role":"editor","role_label":"biên tập viên","categories":[],"disabled":false,"totp":false,…},…]}
//	curl -b jar.txt --json '{"username":"phongvien","display_name":"Nguyễn Văn An","role":"contributor","categories":["1c2d…"],"password":"…"}' $A/api/accounts
//	201 {"id":"a3b4…","username":"phongvien",…}
//	curl -b jar.txt $A/api/accounts/a3b4…
//	200 {"id":"a3b4…",…}
//	curl -b jar.txt -X PATCH --json '{"disabled":true}' $A/api/accounts/a3b4…
//	200 {"id":"a3b4…","disabled":true,…}
//	curl -b jar.txt -X PUT --json '{"current":"…","password":"…"}' $A/api/accounts/5b0f…/password
//	204
//	curl -b jar.txt -X DELETE $A/api/accounts/5b0f…/totp
//	204
//
// API tokens (the secret once), and a program using one:
//
//	curl -b jar.txt --json '{"name":"Đồng bộ cổng thông tin tỉnh","role":"contributor","expires_at":"2027-03-01T00:00:00Z"}' $A/api/tokens
//	201 {"id":"c5d6…","token":"ont_Zm9v…","name":"Đồng bộ cổng thông tin tỉnh","role":"contributor","expires_at":"2027-03-01T00:00:00Z",…}
//	curl -b jar.txt $A/api/tokens
//	200 {"tokens":[{"id":"c5d6…","name":"Đồng bộ cổng thông tin tỉnh","last_used_at":"…",…}]}
//	curl -H "Authorization: Bearer ont_Zm9v…" --json '{"title":"…","category_id":"1c2d…"}' $A/api/articles
//	201 {…}
//	curl -b jar.txt -X DELETE $A/api/tokens/c5d6…
//	204
//
// The audit log (admins): filters actor (an account ID), action,
// object_type, object_id, address, outcome, from and to (RFC 3339), pages
// of limit with cursor; format=jsonl (or Accept: application/x-ndjson)
// exports every entry the filters select as JSON lines:
//
//	curl -b jar.txt "$A/api/audit?action=sign-in&outcome=failure&limit=50"
//	200 {"entries":[{"seq":42,"at":"…","actor_id":"00000000-…","actor_name":"bientap","address":"203.0.113.7","action":"sign-in","object_type":"username","object_id":"bientap","detail":"wrong username or password","outcome":"failure"}],"next":"41"}
//	curl -b jar.txt "$A/api/audit?format=jsonl&from=2026-12-01T00:00:00%2B07:00" > audit.jsonl
//	200 Content-Type: application/x-ndjson; one entry per line
//
// Photos and files (served when [Options].Media holds a
// news.MediaLibrary): POST api/media takes a multipart/form-data body
// with any number of parts named "file" (up to [Options].MaxUploadFiles),
// each judged alone: its type from its content, never its name or its
// part's Content-Type; its size against the library's MaxBytes, an
// image's header against MaxPixels before decoding. Photos are re-encoded
// without metadata, turned upright and resized (see news.ProcessUpload).
// The answer is 201 when every file was stored, 200 when some were not,
// and the first file's error when none was; each result has the status of
// its file. The library lists newest first (kind, limit, cursor); one
// medium answers with the articles that use it; deleting one that an
// article uses (as cover, attachment or in its body) is refused with 409
// naming them. Contributors delete only their own uploads:
//
//	curl -b jar.txt -F file=@IMG_2026.jpg -F file=@quyet-dinh.pdf -F file=@trang.html $A/api/media
//	200 {"results":[{"name":"IMG_2026.jpg","status":201,"media":{"id":"3f2a….jpg","kind":"image","type":"image/jpeg","url":"/media/9c1d….jpg","width":1600,"height":1200,"srcset":"/media/3f2a….jpg 480w, /media/b7e0….jpg 960w, /media/9c1d….jpg 1600w","variants":[{"key":"3f2a….jpg","url":"/media/3f2a….jpg","type":"image/jpeg","width":480,"height":360,"size":41230},…],…}},
//	     {"name":"quyet-dinh.pdf","status":201,"media":{"kind":"attachment","type":"application/pdf","size":245760,…}},
//	     {"name":"trang.html","status":415,"error":{"code":"unsupported_media_type","field":"file","message":"\"trang.html\": content of no accepted type; accepted: …"}}]}
//	curl -b jar.txt "$A/api/media?kind=image&limit=20"
//	200 {"media":[{"id":"3f2a….jpg",…}],"next":"…"}
//	curl -b jar.txt $A/api/media/3f2a….jpg
//	200 {"id":"3f2a….jpg",…,"used_by":[{"id":"9d1e…","title":"…","slug":"…","status":"draft"}]}
//	curl -b jar.txt -X DELETE $A/api/media/3f2a….jpg
//	409 {"error":{"code":"conflict","message":"media \"3f2a….jpg\" is used by 1 article(s): …"},"articles":[{"id":"9d1e…",…}]}
//
// Upload errors: 413 too_large names the limit and the value ("\"anh.png\":
// 3600000000 pixels is over the limit of 50000000 pixels (MaxPixels)"),
// 415 unsupported_media_type what the content is, 422 invalid_field an
// image that does not decode. Readers get the files from [MediaHandler],
// which the host mounts where the library's URLs point.
//
// # Pages
//
// The handler also serves the newsroom's pages, for people in a browser,
// beside the API and under the same session: the sign-in form sets the
// same cookie as POST api/session, and every form passes the same
// http.CrossOriginProtection. They are rendered on the server with
// html/template, in Vietnamese by default and in English with ?lang=en
// (remembered in a cookie), with times shown and read in the site's time
// zone ([Options].Location, Asia/Ho_Chi_Minh by default), and the role
// and state names of news (Role.Label, Status.Label).
//
//	GET  sign-in, POST sign-in          the form; a second-factor code when the account has one
//	POST sign-out                       ends the session
//	GET  password, POST password        change one's own password (every session then ends)
//	GET  totp, POST totp                set up a second factor (where a role that requires one is sent first)
//	GET  /                              the dashboard: my drafts, returned to me with the comment,
//	                                    waiting for my review or approval, scheduled, recently published, counts per state
//	GET  articles                       the list: state, category, author, q; keyset pages (cursor)
//	GET  articles/new, POST articles/new    the editor of a new draft
//	GET  articles/{id}, POST articles/{id}  the editor; a save carries the revision it was made on
//	POST articles/{id}/step             a workflow step: action, revision, comment, at (now, tomorrow-8, custom) and publish_at
//	GET  articles/{id}/preview          the draft as readers will see it (Options.Preview)
//	GET  articles/{id}/revisions        revisions, two to compare, restore; for admins the article's audit trail
//	POST articles/{id}/revisions/{n}/restore
//	GET  articles/{id}/diff?from=&to=   two revisions side by side
//	GET  categories, POST categories, POST categories/{id}   the tree; admins create, rename (the old slug kept), move
//	POST categories/{id}/move           admins: by -1 (up) or 1 (down) among its siblings
//	GET  accounts, POST accounts, POST accounts/{id}         admins: create, name, role, scope, disable
//	GET  tokens, POST tokens, POST tokens/{id}/revoke        API tokens, the secret shown once
//	GET  audit                          admins: the audit log with filters
//	GET  media?cursor=                  the media library (Options.Media): thumbnails, addresses, uploads
//	POST media/{id}/delete              deletes a file no article uses; 409 with links to the articles that do
//	GET  assets/{name}                  the pages' stylesheet and scripts under content-hashed names
//
// With [Options].Media the editor and the media page have an upload
// area: files dropped on it or chosen with its picker, several at once,
// each go to POST api/media in a request of their own with a progress
// bar, and a refused file says why (too large, a type not taken) in the
// page's language. In the editor an uploaded photo, or one picked from
// the library, becomes the cover (its URL; the saved cover then carries
// the widest variant's width, height, type and size: an autosave sends
// those of the API's answer, a form post has the server look them up by
// the URL), an uploaded
// file is added to the attachments with its real type and size, and a
// photo pasted or dropped into the body is uploaded and inserted as a
// figure. Without Options.Media there is no upload area and the media
// page is 404.
//
// A form that did its step answers 303 to the page that shows the result;
// one the domain refuses is shown again as typed, with the domain's
// message and the status of the API (403, 404, 409, 422); a stale save
// is 409 with a choice: keep mine (save again over the current revision),
// take theirs, or compare the two, since the domain kept the rejected
// change as a revision. A page asked for without a session redirects to
// the sign-in page, which comes back to it.
//
// Every page is served with Cache-Control: no-store and this policy:
//
//	default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: https:;
//	connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none';
//	require-trusted-types-for 'script'; trusted-types orgnews-editor orgnews-admin
//
// No page holds an inline script, style or event attribute: the scripts
// are files of the package, served under content-hashed URLs with
// Cache-Control: immutable, and everything works without them. With them
// the editor saves by itself every five seconds (PATCH api/articles/{id}
// with If-Match and "autosave", only the fields changed, never while an
// input method composes a syllable), warns before leaving with unsaved
// changes, offers the conflict choice in place, suggests known tags, and
// mounts the rich-text body editor over the body's textarea (see
// admin/editor). img-src allows https: because cover photos and photos in
// bodies may live on another host of the department.
//
// [Options].Preview renders a draft as the readers' pages would: give it
// the news section's (*widget.Handler).Preview, which uses the widget's
// article template (and its photos' srcset with widget.Options.Media).
// The preview page adds a "bản xem trước / preview" band under the same
// policy, for signed-in staff who may see the article, with
// Cache-Control: no-store. Without it the editor shows no preview link.
//
// # Client addresses
//
// Throttling and the audit log use the address of r.RemoteAddr; behind a
// reverse proxy, list it in [Options].TrustedProxies and the address is
// taken from X-Forwarded-For instead, skipping trusted proxies from the
// right.
package admin
