package admin

import (
	"net/http"
	"strings"
	"time"

	"github.com/orgnews/orgnews/news"
)

// langCookie keeps the language a person chose with ?lang=, for the
// pages that follow.
const langCookie = "orgnews_lang"

// A locale is the language and time zone a page is written in.
type locale struct {
	lang string // "vi" or "en"
	loc  *time.Location
}

// locale returns the locale of r: ?lang=vi or ?lang=en (remembered in a
// cookie), else the remembered one, else Vietnamese.
func (h *Handler) locale(r *http.Request) *locale {
	lang := r.URL.Query().Get("lang")
	if lang != "vi" && lang != "en" {
		lang = "vi"
		if c, err := r.Cookie(langCookie); err == nil && c.Value == "en" {
			lang = "en"
		}
	}
	return &locale{lang: lang, loc: h.loc}
}

// rememberLang sets the language cookie when r chose one with ?lang=.
func (h *Handler) rememberLang(w http.ResponseWriter, r *http.Request) {
	if lang := r.URL.Query().Get("lang"); lang == "vi" || lang == "en" {
		http.SetCookie(w, &http.Cookie{Name: langCookie, Value: lang, Path: h.cookiePath(r), MaxAge: 365 * 24 * 60 * 60,
			HttpOnly: true, Secure: h.secure || r.TLS != nil, SameSite: http.SameSiteLaxMode})
	}
}

// Lang returns the language tag of the page: "vi" or "en".
func (l *locale) Lang() string { return l.lang }

// Other returns the language the page offers to switch to.
func (l *locale) Other() string {
	if l.lang == "en" {
		return "vi"
	}
	return "en"
}

// T returns the text of key in the page's language, or key itself when
// the catalogue lacks it (a mistake the tests catch).
func (l *locale) T(key string) string {
	m, ok := messages[key]
	if !ok {
		return key
	}
	if l.lang == "en" {
		return m[1]
	}
	return m[0]
}

// done returns the text of a done= key, or "" for a key that is not one:
// the page never shows text from the URL.
func (l *locale) done(key string) string {
	if _, ok := messages["done."+key]; !ok {
		return ""
	}
	return l.T("done." + key)
}

// Status returns the name of s: news.Status.Label in Vietnamese, the
// words of the status in English.
func (l *locale) Status(s news.Status) string {
	if l.lang == "en" {
		return strings.ReplaceAll(string(s), "_", " ")
	}
	return s.Label()
}

// Role returns the name of r, as Status does for statuses.
func (l *locale) Role(r news.Role) string {
	if l.lang == "en" {
		return string(r)
	}
	return r.Label()
}

// Action returns the name of a workflow step or audited action.
func (l *locale) Action(a news.Action) string {
	if m, ok := messages["action."+string(a)]; ok {
		if l.lang == "en" {
			return m[1]
		}
		return m[0]
	}
	return string(a)
}

// Time formats t in the site's time zone, as "04/12/2026 08:00" in
// Vietnamese and "2026-12-04 08:00" in English; the zero time is "".
func (l *locale) Time(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if l.lang == "en" {
		return t.In(l.loc).Format("2006-01-02 15:04")
	}
	return t.In(l.loc).Format("02/01/2006 15:04")
}

// ISO formats t for a <time datetime> attribute.
func (l *locale) ISO(t time.Time) string { return t.In(l.loc).Format(time.RFC3339) }

// Zone names the site's time zone, for the labels of time fields.
func (l *locale) Zone() string { return l.loc.String() }

// messages is the catalogue of the pages: each key's Vietnamese and
// English text.
var messages = map[string][2]string{
	"app.name":                 {"Tòa soạn", "Newsroom"},
	"skip":                     {"Bỏ qua, đến nội dung chính", "Skip to main content"},
	"nav.label":                {"Điều hướng chính", "Main navigation"},
	"nav.dashboard":            {"Tổng quan", "Dashboard"},
	"nav.articles":             {"Bài viết", "Articles"},
	"nav.new":                  {"Viết bài mới", "New article"},
	"nav.categories":           {"Chuyên mục", "Categories"},
	"nav.accounts":             {"Tài khoản", "Accounts"},
	"nav.tokens":               {"Mã truy cập API", "API tokens"},
	"nav.audit":                {"Nhật ký hệ thống", "Audit log"},
	"nav.password":             {"Đổi mật khẩu", "Change password"},
	"nav.totp":                 {"Xác thực hai lớp", "Second factor"},
	"nav.sign-out":             {"Đăng xuất", "Sign out"},
	"nav.lang":                 {"English", "Tiếng Việt"},
	"signed-in-as":             {"Đang đăng nhập:", "Signed in as"},
	"error.title":              {"Không thực hiện được", "Could not do that"},
	"error.internal":           {"Lỗi máy chủ. Vui lòng thử lại sau.", "Internal error. Please try again later."},
	"error.back":               {"Về trang tổng quan", "Back to the dashboard"},
	"error.refused":            {"Yêu cầu bị từ chối:", "The request was refused:"},
	"sign-in.title":            {"Đăng nhập", "Sign in"},
	"sign-in.user":             {"Tên đăng nhập", "Username"},
	"sign-in.pass":             {"Mật khẩu", "Password"},
	"sign-in.code":             {"Tài khoản này dùng xác thực hai lớp: nhập lại mật khẩu và mã 6 số từ ứng dụng xác thực.", "This account has a second factor: enter the password again and the 6-digit code from the authenticator app."},
	"sign-in.codel":            {"Mã xác thực (nếu có)", "Authentication code (if you have one)"},
	"sign-in.submit":           {"Đăng nhập", "Sign in"},
	"sign-in.wrong":            {"Sai tên đăng nhập hoặc mật khẩu, hoặc tài khoản đã bị khóa.", "Wrong username or password, or the account is disabled."},
	"sign-in.throttled":        {"Đăng nhập sai quá nhiều lần. Vui lòng đợi ít phút rồi thử lại.", "Too many failed sign-ins. Please wait a few minutes and try again."},
	"sign-in.again":            {"Phiên làm việc đã hết. Vui lòng đăng nhập lại; nội dung chưa lưu cần nhập lại.", "Your session has ended. Please sign in again; unsaved work must be entered again."},
	"password.title":           {"Đổi mật khẩu", "Change password"},
	"password.current":         {"Mật khẩu hiện tại", "Current password"},
	"password.new":             {"Mật khẩu mới", "New password"},
	"password.confirm":         {"Nhập lại mật khẩu mới", "Repeat the new password"},
	"password.hint":            {"Ít nhất 10 ký tự. Sau khi đổi, mọi phiên đăng nhập của bạn kết thúc.", "At least 10 characters. Changing it ends every session of yours."},
	"password.submit":          {"Đổi mật khẩu", "Change password"},
	"password.wrong":           {"Mật khẩu hiện tại không đúng.", "The current password is wrong."},
	"totp.title":               {"Xác thực hai lớp", "Second factor"},
	"totp.intro":               {"Thêm tài khoản này vào ứng dụng xác thực (Google Authenticator, Microsoft Authenticator…) bằng khóa bí mật dưới đây, rồi nhập mã 6 số ứng dụng hiện ra.", "Add this account to an authenticator app (Google Authenticator, Microsoft Authenticator…) with the secret key below, then enter the 6-digit code the app shows."},
	"totp.secret":              {"Khóa bí mật", "Secret key"},
	"totp.url":                 {"Liên kết cho ứng dụng", "Link for apps"},
	"totp.code":                {"Mã 6 số", "6-digit code"},
	"totp.submit":              {"Bật xác thực hai lớp", "Turn on the second factor"},
	"done.totp":                {"Đã bật xác thực hai lớp.", "The second factor is on."},
	"done.saved":               {"Đã lưu.", "Saved."},
	"done.created":             {"Đã tạo bản nháp.", "Draft created."},
	"done.step":                {"Đã chuyển bài.", "Done."},
	"done.deleted":             {"Đã xóa bài.", "Article deleted."},
	"done.restored":            {"Đã khôi phục phiên bản.", "Revision restored."},
	"done.signed-out":          {"Bạn đã đăng xuất.", "You have signed out."},
	"done.password":            {"Đã đổi mật khẩu. Vui lòng đăng nhập lại.", "Password changed. Please sign in again."},
	"done.category":            {"Đã lưu chuyên mục.", "Category saved."},
	"done.account":             {"Đã lưu tài khoản.", "Account saved."},
	"done.revoked":             {"Đã thu hồi mã truy cập.", "Token revoked."},
	"dash.title":               {"Tổng quan", "Dashboard"},
	"dash.counts":              {"Số bài theo trạng thái", "Articles by state"},
	"dash.drafts":              {"Bản nháp của tôi", "My drafts"},
	"dash.returned":            {"Bị trả lại cho tôi", "Returned to me"},
	"dash.review":              {"Chờ tôi biên tập", "Waiting for my review"},
	"dash.approval":            {"Chờ tôi duyệt", "Waiting for my approval"},
	"dash.scheduled":           {"Hẹn giờ đăng", "Scheduled"},
	"dash.published":           {"Mới đăng", "Recently published"},
	"dash.none":                {"Không có bài nào.", "Nothing here."},
	"dash.all":                 {"Xem tất cả", "See all"},
	"dash.comment":             {"Ý kiến:", "Comment:"},
	"list.title":               {"Bài viết", "Articles"},
	"list.filters":             {"Lọc bài viết", "Filter articles"},
	"list.state":               {"Trạng thái", "State"},
	"list.any":                 {"Tất cả", "Any"},
	"list.category":            {"Chuyên mục", "Category"},
	"list.author":              {"Tác giả", "Author"},
	"list.text":                {"Từ khóa", "Words"},
	"list.apply":               {"Lọc", "Filter"},
	"list.next":                {"Trang sau", "Next page"},
	"list.first":               {"Trang đầu", "First page"},
	"list.none":                {"Không có bài nào khớp bộ lọc.", "No article matches the filters."},
	"col.title":                {"Tiêu đề", "Title"},
	"col.state":                {"Trạng thái", "State"},
	"col.category":             {"Chuyên mục", "Category"},
	"col.updated":              {"Cập nhật", "Updated"},
	"col.publish":              {"Ngày đăng", "Publish time"},
	"ed.new":                   {"Viết bài mới", "New article"},
	"ed.edit":                  {"Sửa bài", "Edit article"},
	"ed.title":                 {"Tiêu đề", "Title"},
	"ed.summary":               {"Tóm tắt", "Summary"},
	"ed.body":                  {"Nội dung", "Body"},
	"ed.body-hint":             {"Có thể dán từ Word; nội dung được làm sạch khi lưu.", "You may paste from Word; the body is cleaned when saved."},
	"ed.category":              {"Chuyên mục", "Category"},
	"ed.choose":                {"— Chọn chuyên mục —", "— Choose a category —"},
	"ed.tags":                  {"Thẻ (cách nhau bởi dấu phẩy)", "Tags (separated by commas)"},
	"ed.author":                {"Dòng tác giả", "Author line"},
	"ed.lang":                  {"Ngôn ngữ", "Language"},
	"ed.featured":              {"Tin nổi bật", "Featured"},
	"ed.cover":                 {"Ảnh đại diện", "Cover photo"},
	"ed.cover-url":             {"Địa chỉ ảnh (URL)", "Photo address (URL)"},
	"ed.cover-alt":             {"Mô tả ảnh cho người khiếm thị", "Alternative text"},
	"ed.cover-caption":         {"Chú thích ảnh", "Caption"},
	"ed.media":                 {"Ảnh và tệp đính kèm", "Photos and files"},
	"ed.media-hint":            {"Mỗi dòng một tệp, dạng “URL | tên tệp”; tệp tải lên được thêm vào đây.", "One file a line, as “URL | title”; uploaded files are added here."},
	"nav.media":                {"Thư viện ảnh", "Media"},
	"media.title":              {"Thư viện ảnh và tệp", "Photos and files"},
	"media.drop":               {"Kéo thả ảnh, tệp vào đây hoặc", "Drop photos and files here or"},
	"media.pick":               {"chọn tệp", "choose files"},
	"media.limits":             {"Ảnh JPEG, PNG, GIF, WebP; tệp PDF, DOC, DOCX, XLS, XLSX, ODT, ZIP; mỗi tệp tối đa", "Photos JPEG, PNG, GIF, WebP; files PDF, DOC, DOCX, XLS, XLSX, ODT, ZIP; each at most"},
	"media.too-large":          {"quá lớn hoặc ảnh quá nhiều điểm ảnh (mỗi tệp tối đa %s).", "is too large, or the photo has too many pixels (each file at most %s)."},
	"media.bad-type":           {"không phải loại tệp được nhận (ảnh JPEG, PNG, GIF, WebP; tệp PDF, DOC, DOCX, XLS, XLSX, ODT, ZIP).", "is not a type taken (photos JPEG, PNG, GIF, WebP; files PDF, DOC, DOCX, XLS, XLSX, ODT, ZIP)."},
	"media.failed":             {"không tải lên được", "was not uploaded"},
	"media.done":               {"đã tải lên", "uploaded"},
	"media.set-cover":          {"Đặt làm ảnh đại diện", "Set as cover"},
	"media.insert":             {"Chèn vào nội dung", "Insert in the body"},
	"media.attached":           {"Đã đính kèm", "Attached"},
	"media.library":            {"Chọn từ thư viện", "Choose from the library"},
	"media.more":               {"Xem thêm", "More"},
	"media.copy":               {"Địa chỉ", "Address"},
	"media.delete":             {"Xóa", "Delete"},
	"media.empty":              {"Thư viện chưa có ảnh, tệp nào.", "The library is empty."},
	"media.in-use":             {"Không xóa được: tệp đang được dùng trong các bài dưới đây.", "Not deleted: the articles below use this file."},
	"media.used-by":            {"Các bài đang dùng", "Used by"},
	"media.by":                 {"Người tải", "Uploaded by"},
	"media.next":               {"Trang sau", "Next page"},
	"media.first":              {"Trang đầu", "First page"},
	"done.media-deleted":       {"Đã xóa tệp.", "File deleted."},
	"ed.attachments":           {"Tệp đính kèm", "Attachments"},
	"ed.note":                  {"Ghi chú phiên bản", "Revision note"},
	"ed.note-hint":             {"Ví dụ: sửa lỗi chính tả, bổ sung số liệu.", "For example: spelling, added figures."},
	"ed.save":                  {"Lưu", "Save"},
	"ed.create":                {"Tạo bản nháp", "Create draft"},
	"ed.fields":                {"Nội dung bài", "Article"},
	"ed.details":               {"Thông tin bài", "Details"},
	"ed.readonly":              {"Bạn chỉ được xem bài này ở trạng thái hiện tại.", "You may only read this article in its current state."},
	"ed.revision":              {"Phiên bản", "Revision"},
	"ed.state":                 {"Trạng thái", "State"},
	"ed.owner":                 {"Tạo lúc", "Created"},
	"ed.publish-at":            {"Đăng lúc", "Publishes at"},
	"ed.preview":               {"Xem trước", "Preview"},
	"ed.revisions":             {"Các phiên bản", "Revisions"},
	"ed.autosave":              {"Tự động lưu", "Autosave"},
	"ed.returned":              {"Bài bị trả lại với ý kiến:", "Returned with the comment:"},
	"ed.conflict":              {"Bài đã được người khác lưu trước bạn", "Someone else saved the article first"},
	"ed.conflict-text":         {"Thay đổi của bạn không bị mất: nó được giữ thành một phiên bản riêng. Chọn cách xử lý:", "Your change is not lost: it is kept as a revision of its own. Choose what to do:"},
	"ed.keep-mine":             {"Giữ bản của tôi (lưu đè)", "Keep mine (save over theirs)"},
	"ed.take-theirs":           {"Lấy bản của họ", "Take theirs"},
	"ed.view-diff":             {"Xem khác biệt", "View the differences"},
	"ed.current-by":            {"Phiên bản hiện tại", "Current revision"},
	"ed.kept":                  {"Bản của bạn được giữ là phiên bản", "Yours is kept as revision"},
	"ed.unsaved":               {"Có thay đổi chưa lưu", "Unsaved changes"},
	"wf.title":                 {"Quy trình duyệt", "Workflow"},
	"wf.none":                  {"Bạn không có thao tác nào với bài ở trạng thái này.", "You have no step to take on the article in this state."},
	"wf.comment":               {"Ý kiến gửi người viết", "Comment for the writer"},
	"wf.when":                  {"Thời điểm đăng", "Publish time"},
	"wf.now":                   {"ngay bây giờ", "now"},
	"wf.tomorrow8":             {"lúc 8:00 sáng mai", "at 8:00 tomorrow"},
	"wf.at":                    {"vào lúc đã chọn", "at the time chosen"},
	"wf.zone":                  {"giờ", "time zone"},
	"wf.delete-hint":           {"Xóa hẳn bài và mọi phiên bản của nó.", "Delete the article and every revision for good."},
	"action.view":              {"xem", "view"},
	"action.create":            {"tạo bài", "create"},
	"action.edit":              {"sửa", "edit"},
	"action.submit":            {"Gửi biên tập", "Submit for editing"},
	"action.return":            {"Trả lại", "Return"},
	"action.send-for-approval": {"Trình duyệt", "Send for approval"},
	"action.approve":           {"Duyệt đăng", "Approve"},
	"action.publish":           {"Đăng ngay", "Publish now"},
	"action.schedule":          {"Hẹn giờ đăng", "Schedule"},
	"action.unpublish":         {"Gỡ bài", "Unpublish"},
	"action.archive":           {"Lưu trữ", "Archive"},
	"action.delete":            {"Xóa bài", "Delete"},
	"action.restore-revision":  {"Khôi phục", "Restore"},
	"action.conflict":          {"xung đột", "conflict"},
	"action.sign-in":           {"đăng nhập", "sign-in"},
	"action.sign-out":          {"đăng xuất", "sign-out"},
	"rev.title":                {"Các phiên bản", "Revisions"},
	"rev.number":               {"Số", "No."},
	"rev.at":                   {"Lúc", "At"},
	"rev.by":                   {"Người lưu", "By"},
	"rev.action":               {"Thao tác", "Action"},
	"rev.note":                 {"Ghi chú", "Note"},
	"rev.from":                 {"Từ", "From"},
	"rev.to":                   {"Đến", "To"},
	"rev.compare":              {"So sánh hai phiên bản", "Compare two revisions"},
	"rev.rejected":             {"bị từ chối, được giữ lại", "rejected, kept"},
	"rev.trail":                {"Nhật ký của bài", "The article's audit trail"},
	"rev.back":                 {"Về trang sửa bài", "Back to the editor"},
	"diff.title":               {"So sánh phiên bản", "Compare revisions"},
	"diff.old":                 {"Phiên bản", "Revision"},
	"refusal.state":            {"Không thể %s bài đang ở trạng thái “%s”: %s.", "You cannot %s an article that is “%s”: %s."},
	"refusal.role":             {"Với vai trò %s, bạn không thể %s bài đang ở trạng thái “%s”%s.", "As %s, you cannot %s an article that is “%s”%s."},
	"refusal.while-approval":   {" khi trang đang dùng bước duyệt", " while the approval step is on"},
	"refusal.scope":            {"Bài thuộc chuyên mục ngoài phạm vi được giao cho bạn, nên bạn không thể %s bài này.", "The article's category is outside your scope, so you cannot %s it."},
	"refusal.create-scope":     {"Chuyên mục này ngoài phạm vi được giao cho bạn; hãy chọn chuyên mục khác.", "This category is outside your scope; choose another one."},
	"refusal.create-exists":    {"Bài này đã có; hãy mở bài để sửa.", "This article exists already; open it to edit it."},
	"refusal.allowed":          {"Với bài này, bạn có thể: %s.", "What you can do to this article: %s."},
	"refusal.nothing-else":     {"Với bài này, bạn không còn thao tác nào khác.", "There is nothing else you can do to this article."},
	"refusal.reason.edit":      {"bài đã lưu trữ không sửa được, hãy gỡ bài trước", "archived articles are not edited: unpublish it first"},
	"refusal.reason.submit":    {"chỉ bản nháp hoặc bài bị trả lại mới gửi biên tập được", "only a draft or a returned article is submitted"},
	"refusal.reason.return":    {"chỉ bài chờ biên tập hoặc chờ duyệt mới trả lại được", "only a submitted article or one awaiting approval is returned"},
	"refusal.reason.send-for-approval": {"chỉ bản nháp, bài chờ biên tập hoặc bài bị trả lại mới trình duyệt được",
		"only a draft, submitted or returned article is sent for approval"},
	"refusal.reason.approve":     {"chỉ bài đang chờ duyệt mới duyệt đăng được", "only an article awaiting approval is approved"},
	"refusal.reason.no-approval": {"trang không dùng bước duyệt, hãy đăng ngay", "the approval step is off: publish it instead"},
	"refusal.reason.unpublish":   {"chỉ bài đã đăng hoặc đã lưu trữ mới gỡ được", "only a published or archived article is unpublished"},
	"refusal.reason.archive":     {"bài đã được lưu trữ rồi", "it is archived already"},
	"refusal.reason.other":       {"trạng thái hiện tại của bài không cho phép", "its state does not allow it"},
	"refusal.slug":               {"Đường dẫn “%s” đang là đường dẫn của chuyên mục “%s”; hãy chọn đường dẫn khác.", "The slug “%s” is the slug of the category “%s”; choose another one."},
	"refusal.slug-alias": {"Đường dẫn “%s” là đường dẫn cũ của chuyên mục “%s”, được giữ lại để các liên kết cũ vẫn dùng được; hãy chọn đường dẫn khác.",
		"The slug “%s” is an old slug of the category “%s”, kept so that old links keep working; choose another one."},
	"cat.title":       {"Chuyên mục", "Categories"},
	"cat.name":        {"Tên", "Name"},
	"cat.slug":        {"Đường dẫn (slug)", "Slug"},
	"cat.parent":      {"Chuyên mục cha", "Parent"},
	"cat.top":         {"(cấp cao nhất)", "(top level)"},
	"cat.position":    {"Thứ tự", "Position"},
	"cat.description": {"Mô tả", "Description"},
	"cat.new":         {"Thêm chuyên mục", "Add a category"},
	"cat.save":        {"Lưu", "Save"},
	"cat.alias-note":  {"Khi đổi đường dẫn, đường dẫn cũ vẫn dùng được: người đọc theo liên kết cũ được chuyển sang đường dẫn mới, nên không chuyên mục nào khác lấy được đường dẫn cũ.", "When the slug changes, the old one keeps working: readers following an old link are sent on to the new one, so no other category can take the old slug."},
	"cat.aliases":     {"Đường dẫn cũ:", "Old slugs:"},
	"cat.up":          {"Lên trên", "Move up"},
	"cat.down":        {"Xuống dưới", "Move down"},
	"acc.title":       {"Tài khoản", "Accounts"},
	"acc.username":    {"Tên đăng nhập", "Username"},
	"acc.name":        {"Họ tên", "Display name"},
	"acc.email":       {"Thư điện tử", "Email"},
	"acc.role":        {"Vai trò", "Role"},
	"acc.scope":       {"Phạm vi chuyên mục (để trống: tất cả)", "Category scope (none: all)"},
	"acc.disabled":    {"Khóa tài khoản", "Disabled"},
	"acc.totp":        {"Xác thực hai lớp", "Second factor"},
	"acc.password":    {"Mật khẩu ban đầu", "Initial password"},
	"acc.new":         {"Thêm tài khoản", "Add an account"},
	"acc.save":        {"Lưu", "Save"},
	"acc.yes":         {"có", "yes"},
	"acc.no":          {"không", "no"},
	"tok.title":       {"Mã truy cập API", "API tokens"},
	"tok.name":        {"Dùng cho", "Purpose"},
	"tok.role":        {"Vai trò", "Role"},
	"tok.expires":     {"Hết hạn", "Expires"},
	"tok.used":        {"Dùng lần cuối", "Last used"},
	"tok.new":         {"Tạo mã mới", "Create a token"},
	"tok.revoke":      {"Thu hồi", "Revoke"},
	"tok.once":        {"Đây là lần duy nhất mã được hiển thị. Hãy sao chép và cất giữ an toàn.", "This is the only time the token is shown. Copy it and keep it safe."},
	"tok.none":        {"Chưa có mã nào.", "No token yet."},
	"audit.title":     {"Nhật ký hệ thống", "Audit log"},
	"audit.actor":     {"Người thực hiện", "Actor"},
	"audit.action":    {"Thao tác", "Action"},
	"audit.object":    {"Đối tượng", "Object"},
	"audit.object-id": {"Mã đối tượng", "Object ID"},
	"audit.address":   {"Địa chỉ IP", "Address"},
	"audit.outcome":   {"Kết quả", "Outcome"},
	"audit.from":      {"Từ ngày", "From"},
	"audit.to":        {"Đến ngày", "To"},
	"audit.detail":    {"Chi tiết", "Detail"},
	"audit.none":      {"Không có mục nào.", "No entry."},
	"preview.band":    {"Bản xem trước — bạn đọc chưa thấy nội dung này", "Preview — readers do not see this"},
	"preview.back":    {"Quay lại sửa bài", "Back to the editor"},
}
