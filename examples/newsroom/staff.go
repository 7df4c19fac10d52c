package main

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/google/uuid"

	"github.com/orgnews/orgnews/admin"
	"github.com/orgnews/orgnews/news"
)

// adminPasswordEnv names the environment variable that holds the password
// of the newsroom's first account, admin, and of the demo's staff.
const adminPasswordEnv = "NEWSROOM_ADMIN_PASSWORD"

// adminUsername and adminName are the newsroom's first account.
const (
	adminUsername = "admin"
	adminName     = "Quản trị hệ thống"
)

// A staffMember is an account of the demo's newsroom, made with -demo.
type staffMember struct {
	username, name string
	role           news.Role
	scope          []string // category slugs; nil for every category
}

// demoStaff is the demo's newsroom staff: a reporter (phóng viên) writing
// in two categories, an editor (biên tập viên) and a leader who approves
// (lãnh đạo).
var demoStaff = []staffMember{
	{"phongvien", "Nguyễn Thị Thu Hà", news.RoleContributor, []string{"khoa-hoc-cong-nghe", "doi-moi-sang-tao"}},
	{"bientap", "Đỗ Minh Tuấn", news.RoleEditor, nil},
	{"lanhdao", "Hoàng Văn Thắng", news.RoleApprover, nil},
}

// A staffArticle is an article the demo's staff write through the
// newsroom and take to its state: the reporter writes it and, past draft,
// submits it; the editor edits and returns it or sends it for approval;
// the leader schedules it.
type staffArticle struct {
	state    string // "draft", "submitted", "awaiting_approval", "returned" or "scheduled"
	category string // slug, in the reporter's scope
	title    string
	summary  string
	body     string
	tags     []string
	edit     string // the summary the editor (or, for a draft, the reporter) writes in a second revision
	comment  string // why it is returned, or the note of its last step
	in       time.Duration
}

// staffArticles are the demo newsroom's articles, two in each state. None
// of them is visible to readers.
var staffArticles = []staffArticle{
	{state: "draft", category: "nhiem-vu-khcn",
		title:   "Bản thảo: đề xuất đặt hàng nhiệm vụ về cây dược liệu vùng núi Hòa An",
		summary: "Các huyện miền núi gửi đề xuất đặt hàng nhiệm vụ khoa học về bảo tồn và phát triển cây dược liệu.",
		body:    "<p>Phòng Quản lý khoa học đang tổng hợp đề xuất của các huyện miền núi về bảo tồn nguồn gen và trồng thử nghiệm cây dược liệu dưới tán rừng.</p>",
		tags:    []string{"dược liệu", "đặt hàng nhiệm vụ"},
		edit:    "Năm huyện miền núi gửi đề xuất đặt hàng nhiệm vụ khoa học về bảo tồn và phát triển cây dược liệu."},
	{state: "draft", category: "doi-moi-sang-tao",
		title: "Bản thảo: chương trình ươm tạo khởi nghiệp cho sinh viên khối kỹ thuật",
		body:  "<p>Trung tâm Hỗ trợ khởi nghiệp dự kiến mở khóa ươm tạo thứ hai cho các nhóm sinh viên có sản phẩm mẫu.</p>",
		tags:  []string{"khởi nghiệp"},
		edit:  "Trung tâm Hỗ trợ khởi nghiệp dự kiến mở khóa ươm tạo thứ hai dành cho sinh viên khối kỹ thuật."},
	{state: "submitted", category: "chuyen-giao-cong-nghe",
		title:   "Chuyển giao quy trình sấy lạnh nông sản cho hợp tác xã Tân Lập",
		summary: "Hợp tác xã Tân Lập nhận chuyển giao quy trình sấy lạnh, giữ màu và hương của sản phẩm.",
		body:    "<p>Viện nghiên cứu cơ điện hướng dẫn hợp tác xã vận hành hệ thống sấy lạnh công suất 500 kg mẻ.</p><p>Sản phẩm sấy giữ được màu sắc và hương vị tự nhiên.</p>",
		tags:    []string{"chuyển giao công nghệ", "nông sản"}},
	{state: "submitted", category: "so-huu-tri-tue",
		title:   "Hướng dẫn đăng ký nhãn hiệu chứng nhận cho đặc sản mật ong bạc hà",
		summary: "Sở hướng dẫn hội nuôi ong hoàn thiện hồ sơ đăng ký nhãn hiệu chứng nhận.",
		body:    "<p>Cán bộ Phòng Quản lý công nghệ làm việc với hội nuôi ong về bản đồ vùng nuôi, quy chế sử dụng và dấu hiệu nhận diện.</p>",
		tags:    []string{"sở hữu trí tuệ", "nhãn hiệu"}},
	{state: "awaiting_approval", category: "khoa-hoc-cong-nghe",
		title:   "Hội đồng tư vấn xét duyệt thuyết minh ba nhiệm vụ khoa học năm 2027",
		summary: "Hội đồng tư vấn họp xét duyệt thuyết minh nhiệm vụ khoa học cấp tỉnh.",
		body:    "<p>Hội đồng tư vấn đề nghị các chủ nhiệm nhiệm vụ chỉnh sửa thuyết minh trước khi trình phê duyệt kinh phí.</p>",
		tags:    []string{"nhiệm vụ khoa học"},
		edit:    "Hội đồng tư vấn họp xét duyệt thuyết minh ba nhiệm vụ khoa học cấp tỉnh thực hiện từ năm 2027.",
		comment: "Đã biên tập, đề nghị lãnh đạo Sở duyệt."},
	{state: "awaiting_approval", category: "doi-moi-sang-tao",
		title:   "Ngày hội trình diễn sản phẩm đổi mới sáng tạo của thanh niên nông thôn",
		summary: "Hai mươi sản phẩm của thanh niên nông thôn được trình diễn tại ngày hội.",
		body:    "<p>Các sản phẩm gồm thiết bị tưới tiết kiệm nước, máy bóc vỏ lạc mini và phần mềm quản lý đàn gia cầm.</p>",
		tags:    []string{"đổi mới sáng tạo", "thanh niên"},
		edit:    "Hai mươi sản phẩm của thanh niên nông thôn được trình diễn; năm sản phẩm được chọn hỗ trợ hoàn thiện.",
		comment: "Đã biên tập xong, trình duyệt."},
	{state: "returned", category: "nhiem-vu-khcn",
		title:   "Kết quả kiểm tra tiến độ các đề tài cấp tỉnh quý IV",
		summary: "Đoàn kiểm tra làm việc với chủ nhiệm các đề tài đang thực hiện.",
		body:    "<p>Đoàn kiểm tra ghi nhận phần lớn đề tài đúng tiến độ; một số đề tài cần gia hạn.</p>",
		tags:    []string{"kiểm tra tiến độ"},
		comment: "Đề nghị bổ sung số đề tài được kiểm tra và tên các đề tài phải gia hạn."},
	{state: "returned", category: "chuyen-giao-cong-nghe",
		title:   "Mô hình nuôi cá lồng ứng dụng cảm biến đo oxy hòa tan",
		summary: "Mô hình nuôi cá lồng trên hồ thủy lợi dùng cảm biến cảnh báo thiếu oxy.",
		body:    "<p>Hệ thống cảm biến gửi cảnh báo qua điện thoại khi oxy hòa tan xuống thấp.</p>",
		tags:    []string{"thủy sản", "cảm biến"},
		comment: "Cần ảnh minh họa và ý kiến của hộ nuôi trước khi biên tập."},
	{state: "scheduled", category: "khoa-hoc-cong-nghe",
		title:   "Thông cáo: tổng kết chương trình ứng dụng khoa học vào sản xuất giai đoạn 2021 đến 2025",
		summary: "Sở tổ chức hội nghị tổng kết chương trình ứng dụng tiến bộ khoa học vào sản xuất.",
		body:    "<p>Hội nghị đánh giá kết quả của các mô hình ứng dụng và đề xuất chương trình giai đoạn tiếp theo.</p>",
		tags:    []string{"tổng kết"},
		edit:    "Sở tổ chức hội nghị tổng kết chương trình ứng dụng tiến bộ khoa học vào sản xuất giai đoạn 2021–2025.",
		comment: "Duyệt, đăng vào ngày khai mạc hội nghị.", in: 3 * 24 * time.Hour},
	{state: "scheduled", category: "doi-moi-sang-tao",
		title:   "Phát động cuộc thi ý tưởng số hóa làng nghề truyền thống",
		summary: "Cuộc thi tìm ý tưởng đưa sản phẩm làng nghề lên môi trường số.",
		body:    "<p>Cuộc thi dành cho cá nhân và nhóm dưới 35 tuổi; hồ sơ nhận đến hết tháng Ba.</p>",
		tags:    []string{"chuyển đổi số", "làng nghề"},
		edit:    "Cuộc thi tìm ý tưởng đưa sản phẩm làng nghề truyền thống lên môi trường số, dành cho người dưới 35 tuổi.",
		comment: "Đồng ý, đăng theo lịch phát động.", in: 7 * 24 * time.Hour},
}

// newNewsroom builds the newsroom and its media library over the
// stores, and on a store without accounts creates the accounts (see
// bootstrap).
func (a *app) newNewsroom(ctx context.Context, cfg *config) error {
	a.nr = news.NewNewsroom(a.store, &news.NewsroomOptions{Now: a.now})
	a.library = news.NewMediaLibrary(a.nr, a.media, nil, "/media/")
	return a.bootstrap(ctx, cfg.adminPassword, cfg.demo)
}

// newAdmin returns the newsroom's pages and API to mount at /admin/,
// previewing drafts with the news section's article page.
func (a *app) newAdmin() http.Handler {
	return http.StripPrefix("/admin", admin.New(a.nr, &admin.Options{
		Now: a.now, Logger: a.log, Media: a.library, Preview: a.news.Preview,
	}))
}

// bootstrap creates, on a store without accounts, the account admin with
// password, or with a generated one logged this once; with demo, also the
// demo's staff (demoStaff) with the same password and their articles
// (staffArticles). A store with accounts is left as it is. It is safe to
// race: of instances started at once on one new database, one creates
// admin, the others find it taken and go on without creating anything.
func (a *app) bootstrap(ctx context.Context, password string, demo bool) error {
	accounts, err := a.store.Accounts(ctx)
	if err != nil {
		return fmt.Errorf("newsroom accounts: %w", err)
	}
	if len(accounts) > 0 {
		if password != "" {
			a.log.Info(adminPasswordEnv + " is not used: the newsroom has its accounts")
		}
		return nil
	}
	generated := password == ""
	if generated {
		password = rand.Text()
	}
	var tree *news.CategoryTree
	if demo {
		if tree, err = a.staffCategories(ctx); err != nil {
			return err
		}
	}
	if tree != nil {
		for _, m := range demoStaff {
			if err := news.CheckPassword(password, 0, m.username, m.name, ""); err != nil {
				return fmt.Errorf("%s, also the password of the demo account %s: %w", adminPasswordEnv, m.username, err)
			}
		}
	}
	root, err := a.nr.Bootstrap(ctx, news.AccountInput{Username: adminUsername, DisplayName: adminName, Password: password})
	switch {
	case errors.Is(err, news.ErrConflict):
		a.log.Info("the newsroom's accounts were created by another instance")
		return nil
	case errors.Is(err, news.ErrInvalid):
		return fmt.Errorf("%s: %w", adminPasswordEnv, err)
	case err != nil:
		return fmt.Errorf("newsroom account %s: %w", adminUsername, err)
	}
	if generated {
		a.log.Warn("created the newsroom account admin with a generated password, shown only this once; sign in at /admin/",
			"username", adminUsername, "password", password)
	} else {
		a.log.Info("created the newsroom account admin with the password of "+adminPasswordEnv, "username", adminUsername)
	}
	if tree == nil {
		return nil
	}
	staff, err := a.createStaff(ctx, actorOf(root), tree, password)
	if err != nil {
		return err
	}
	if err := a.writeStaffArticles(ctx, staff, tree); err != nil {
		return err
	}
	a.log.Info("created the demo newsroom", "accounts", len(staff), "articles", len(staffArticles))
	return nil
}

// staffCategories returns the category tree when it holds every category
// the demo's staff and articles use, or nil, logged, when it does not
// (a store filled from another archive).
func (a *app) staffCategories(ctx context.Context) (*news.CategoryTree, error) {
	tree, err := a.pub.CategoryTree(ctx)
	if err != nil {
		return nil, fmt.Errorf("newsroom: %w", err)
	}
	var slugs []string
	for _, m := range demoStaff {
		slugs = append(slugs, m.scope...)
	}
	for _, x := range staffArticles {
		slugs = append(slugs, x.category)
	}
	for _, s := range slugs {
		if tree.BySlug(s) == nil {
			a.log.Info("the demo newsroom's staff and articles are not created: the store lacks a category they use", "category", s)
			return nil, nil
		}
	}
	return tree, nil
}

// actorOf returns the actor of an account, as signing in makes it.
func actorOf(acc *news.Account) news.Actor {
	return news.Actor{AccountID: acc.ID, Username: acc.Username, Name: acc.DisplayName, Role: acc.Role, Categories: acc.Categories}
}

// createStaff creates the demo's staff as root, and returns their actors
// by role.
func (a *app) createStaff(ctx context.Context, root news.Actor, tree *news.CategoryTree, password string) (map[news.Role]news.Actor, error) {
	staff := map[news.Role]news.Actor{}
	for _, m := range demoStaff {
		var scope []uuid.UUID
		for _, s := range m.scope {
			scope = append(scope, tree.BySlug(s).ID)
		}
		acc, err := a.nr.CreateAccount(ctx, root, news.AccountInput{Username: m.username, DisplayName: m.name,
			Role: m.role, Categories: scope, Password: password})
		if err != nil {
			return nil, fmt.Errorf("demo newsroom account %s: %w", m.username, err)
		}
		staff[m.role] = actorOf(acc)
	}
	return staff, nil
}

// writeStaffArticles writes staffArticles through the newsroom, each step
// as the staff member who takes it, so that every article has its
// revisions and audit entries.
func (a *app) writeStaffArticles(ctx context.Context, staff map[news.Role]news.Actor, tree *news.CategoryTree) error {
	reporter, editor, leader := staff[news.RoleContributor], staff[news.RoleEditor], staff[news.RoleApprover]
	for _, x := range staffArticles {
		art, err := a.nr.CreateArticle(ctx, reporter, news.ArticleInput{Title: x.title, Summary: x.summary, BodyHTML: x.body,
			Author: reporter.Name, CategoryID: tree.BySlug(x.category).ID, Tags: x.tags}, "bản đầu")
		if err != nil {
			return fmt.Errorf("demo newsroom article %q: %w", x.title, err)
		}
		id := art.ID
		edit := func(who news.Actor, note string) func() error {
			return func() error {
				if x.edit == "" {
					return nil
				}
				_, err := a.nr.PatchArticle(ctx, who, id, news.ArticlePatch{Summary: &x.edit, Note: note})
				return err
			}
		}
		step := func(who news.Actor, action news.Action, comment string, at time.Time) func() error {
			return func() error {
				_, err := a.nr.Transition(ctx, who, id, news.TransitionInput{Action: action, Comment: comment, PublishAt: at})
				return err
			}
		}
		submit := step(reporter, news.ActionSubmit, "", time.Time{})
		var plan []func() error
		switch x.state {
		case "draft":
			plan = []func() error{edit(reporter, "sửa tóm tắt")}
		case "submitted":
			plan = []func() error{submit}
		case "returned":
			plan = []func() error{submit, step(editor, news.ActionReturn, x.comment, time.Time{})}
		case "awaiting_approval":
			plan = []func() error{submit, edit(editor, "biên tập tóm tắt"), step(editor, news.ActionSendForApproval, x.comment, time.Time{})}
		case "scheduled":
			plan = []func() error{submit, edit(editor, "biên tập tóm tắt"), step(editor, news.ActionSendForApproval, "", time.Time{}),
				step(leader, news.ActionSchedule, x.comment, a.now().Add(x.in).Truncate(time.Hour))}
		default:
			return fmt.Errorf("demo newsroom article %q: unknown state %q", x.title, x.state)
		}
		for _, f := range plan {
			if err = f(); err != nil {
				break
			}
		}
		if err != nil {
			return fmt.Errorf("demo newsroom article %q: %w", x.title, err)
		}
	}
	return nil
}
