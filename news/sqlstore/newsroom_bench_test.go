package sqlstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/memstore"
	"github.com/orgnews/orgnews/news/storetest"
)

// benchAuditLog is the size of the audit log BenchmarkNewsroom reads.
const benchAuditLog = 10_000

// BenchmarkNewsroom measures what the newsroom asks of a store on every
// request (a session by its hash), on every sign-in attempt (the two
// throttling counts over an audit log of benchAuditLog entries) and on
// every save (a draft with its revision and audit entry):
//
//	go test -run '^$' -bench Newsroom -benchtime 500x ./news/sqlstore/
func BenchmarkNewsroom(b *testing.B) {
	ctx := context.Background()
	for _, backend := range benchBackends() {
		b.Run(backend, func(b *testing.B) {
			var s news.NewsroomStore
			switch backend {
			case "memstore":
				s = memstore.New()
			case "sqlite":
				s, _ = openSQLite(b, nil)
			case "postgres":
				s, _ = openPostgres(b, nil)
			}
			acc := storetest.NewAccount("bientap", news.RoleEditor)
			if err := s.CreateAccount(ctx, acc, nil); err != nil {
				b.Fatal(err)
			}
			ses := &news.Session{Hash: news.HashToken(news.SessionTokenPrefix + "bench"), AccountID: acc.ID, CreatedAt: testBase,
				LastSeen: testBase, IdleExpiresAt: testBase.Add(time.Hour), ExpiresAt: testBase.Add(12 * time.Hour)}
			if err := s.CreateSession(ctx, ses, nil); err != nil {
				b.Fatal(err)
			}
			// Failed sign-ins spread over 100 usernames and 50 addresses,
			// one a second, then other entries.
			for i := range benchAuditLog {
				e := &news.AuditEntry{At: testBase.Add(time.Duration(i) * time.Second), ActorName: "khách",
					Address: fmt.Sprintf("203.0.113.%d", i%50), Action: news.ActionSignIn, ObjectType: news.ObjectUsername,
					ObjectID: fmt.Sprintf("nguoi-%d", i%100), Outcome: news.OutcomeFailure}
				if i%3 == 0 {
					e.Action, e.ObjectType, e.ObjectID, e.Outcome = news.ActionEdit, news.ObjectArticle, uuid.NewString(), news.OutcomeSuccess
				}
				if err := s.AppendAudit(ctx, e); err != nil {
					b.Fatal(err)
				}
			}
			since := testBase.Add((benchAuditLog - 15*60) * time.Second)
			b.Run("session", func(b *testing.B) {
				measure(b, func(int) error {
					_, err := s.Session(ctx, ses.Hash)
					return err
				})
			})
			b.Run("throttle-counts", func(b *testing.B) {
				measure(b, func(i int) error {
					for _, f := range []news.AuditFilter{
						{Action: news.ActionSignIn, Outcome: news.OutcomeFailure, ObjectType: news.ObjectUsername,
							ObjectID: fmt.Sprintf("nguoi-%d", i%100), From: since, Limit: news.MaxLimit},
						{Action: news.ActionSignIn, Outcome: news.OutcomeFailure, Address: fmt.Sprintf("203.0.113.%d", i%50),
							From: since, Limit: news.MaxLimit},
					} {
						if _, err := s.Audit(ctx, f); err != nil {
							return err
						}
					}
					return nil
				})
			})
			cat := storetest.NewCategory("tin-tuc", "Tin tức", uuid.Nil)
			if err := s.CreateCategory(ctx, cat); err != nil {
				b.Fatal(err)
			}
			a := storetest.NewArticle(cat.ID, "ban-nhap", "Bản nháp", time.Time{})
			a.Status = news.StatusDraft
			save := func(create bool) error {
				return s.SaveArticle(ctx, &news.ArticleSave{Article: a, Create: create, Base: a.Revision,
					Revision: &news.Revision{ArticleID: a.ID, ActorID: acc.ID, Action: news.ActionEdit, Status: a.Status, Snapshot: news.SnapshotOf(a)},
					Audit: &news.AuditEntry{At: testBase, ActorID: acc.ID, Action: news.ActionEdit, ObjectType: news.ObjectArticle,
						ObjectID: a.ID.String(), Outcome: news.OutcomeSuccess}})
			}
			if err := save(true); err != nil {
				b.Fatal(err)
			}
			b.Run("save-draft", func(b *testing.B) {
				measure(b, func(i int) error {
					a.Body = fmt.Sprintf("<p>Bản nháp, lần lưu %d.</p>", i)
					return save(false)
				})
			})
		})
	}
}
