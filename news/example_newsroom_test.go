package news_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/memstore"
)

func ExampleNewsroom() {
	ctx := context.Background()
	now, advance := exampleClock()
	store := memstore.New()
	nr := news.NewNewsroom(store, &news.NewsroomOptions{Now: now,
		// Cheap hashing for the example; leave Argon2 zero for the defaults.
		Password: news.PasswordOptions{Argon2: news.Argon2Params{Memory: 64, Time: 1, Threads: 1}}})
	const pw = "Mật khẩu đủ dài 2026"

	// The first account is an admin; it creates the staff.
	if _, err := nr.Bootstrap(ctx, news.AccountInput{Username: "admin", DisplayName: "Quản trị", Password: pw}); err != nil {
		panic(err)
	}
	signIn := func(username string) news.Actor {
		s, err := nr.SignIn(ctx, news.SignInInput{Username: username, Password: pw, Address: "203.0.113.1"})
		if err != nil {
			panic(err)
		}
		return s.Actor
	}
	admin := signIn("admin")
	cat, err := nr.CreateCategory(ctx, admin, news.CategoryInput{Name: "Tin hoạt động"})
	if err != nil {
		panic(err)
	}
	for _, in := range []news.AccountInput{
		{Username: "phongvien", DisplayName: "Phóng viên", Role: news.RoleContributor, Password: pw},
		{Username: "bientap", DisplayName: "Biên tập viên", Role: news.RoleEditor, Password: pw},
		{Username: "lanhdao", DisplayName: "Lãnh đạo Sở", Role: news.RoleApprover, Password: pw},
	} {
		if _, err := nr.CreateAccount(ctx, admin, in); err != nil {
			panic(err)
		}
	}
	writer, editor, leader := signIn("phongvien"), signIn("bientap"), signIn("lanhdao")

	a, err := nr.CreateArticle(ctx, writer, news.ArticleInput{Title: "Nghiệm thu đề tài cấp tỉnh",
		BodyHTML: "<p>Hội đồng khoa học đã nghiệm thu đề tài.</p>", CategoryID: cat.ID}, "bản đầu")
	if err != nil {
		panic(err)
	}
	move := func(actor news.Actor, t news.TransitionInput) {
		advance(time.Minute)
		a, err = nr.Transition(ctx, actor, a.ID, t)
		fmt.Printf("%-17s → %s (%s)\n", t.Action, a.Status, a.Status.Label())
	}
	move(writer, news.TransitionInput{Action: news.ActionSubmit})
	move(editor, news.TransitionInput{Action: news.ActionReturn, Comment: "Ghi rõ tên đề tài."})
	a, err = nr.PatchArticle(ctx, writer, a.ID, news.ArticlePatch{Base: a.Revision,
		Title: ptr("Nghiệm thu đề tài về giống lúa chịu mặn")})
	if err != nil {
		panic(err)
	}
	move(writer, news.TransitionInput{Action: news.ActionSubmit})
	move(editor, news.TransitionInput{Action: news.ActionSendForApproval})

	// The writer may not publish; the rule says why.
	_, err = nr.Transition(ctx, writer, a.ID, news.TransitionInput{Action: news.ActionApprove})
	var te *news.TransitionError
	fmt.Println(errors.Is(err, news.ErrForbidden), errors.As(err, &te), te.Rule)
	fmt.Println(a.Slug)
	move(leader, news.TransitionInput{Action: news.ActionApprove})

	revs, err := nr.Revisions(ctx, admin, a.ID)
	if err != nil {
		panic(err)
	}
	for _, r := range revs {
		fmt.Println(strings.TrimSpace(fmt.Sprintf("%d %-17s %-13s %s", r.Number, r.Action, r.ActorName, r.Note)))
	}
	// Output:
	// submit            → submitted (chờ biên tập)
	// return            → returned (trả lại)
	// submit            → submitted (chờ biên tập)
	// send-for-approval → awaiting_approval (chờ duyệt)
	// true true only approver or admin may approve an awaiting approval article
	// nghiem-thu-de-tai-ve-giong-lua-chiu-man
	// approve           → published (đã đăng)
	// 1 create            Phóng viên    bản đầu
	// 2 submit            Phóng viên
	// 3 return            Biên tập viên Ghi rõ tên đề tài.
	// 4 edit              Phóng viên
	// 5 submit            Phóng viên
	// 6 send-for-approval Biên tập viên
	// 7 approve           Lãnh đạo Sở
}

func ExamplePermit() {
	err := news.Permit(news.Attempt{Role: news.RoleEditor, Action: news.ActionPublish, State: news.StatusAwaitingApproval,
		ApprovalRequired: true, InScope: true})
	fmt.Println(err)
	fmt.Println(errors.Is(err, news.ErrForbidden))

	// With the approval step off, editors publish.
	err = news.Permit(news.Attempt{Role: news.RoleEditor, Action: news.ActionPublish, State: news.StatusSubmitted, InScope: true})
	fmt.Println(err)
	// Output:
	// editor may not publish an awaiting approval article: only approver or admin may publish an awaiting approval article while the approval step is on
	// true
	// <nil>
}

func ExampleDiffText() {
	for _, op := range news.DiffText("Hội nghị tổng kết năm 2025", "Hội nghị sơ kết năm 2025") {
		fmt.Printf("%s %q\n", op.Kind, op.Text)
	}
	// Output:
	// equal "Hội nghị "
	// delete "tổng "
	// insert "sơ "
	// equal "kết năm 2025"
}

func ExampleHashPassword() {
	params := news.Argon2Params{Memory: 64, Time: 1, Threads: 1} // cheap, for the example
	hash, err := news.HashPassword("Mùa thu Hà Nội 2026", params, nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(hash[:28])
	ok, _ := news.VerifyPassword(hash, "Mùa thu Hà Nội 2026")
	fmt.Println(ok)
	ok, _ = news.VerifyPassword(hash, "mùa thu hà nội 2026")
	fmt.Println(ok)
	// Output:
	// $argon2id$v=19$m=64,t=1,p=1$
	// true
	// false
}
