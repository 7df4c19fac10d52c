package sqlstore_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/sqlstore"
	"github.com/orgnews/orgnews/news/storetest"
)

// v1Articles returns the articles of testdata/v1 as the release that wrote
// the database read them back.
func v1Articles(t *testing.T) []*news.Article {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "v1", "articles.json"))
	require.NoError(t, err)
	var out []*news.Article
	require.NoError(t, json.Unmarshal(b, &out))
	require.NotEmpty(t, out)
	return out
}

// v1Database makes a database of schema version 1 holding the content of
// testdata/v1 (see its README.md) and returns its DSN.
var v1Database = map[string]func(t *testing.T) string{
	"sqlite": func(t *testing.T) string {
		b, err := os.ReadFile(filepath.Join("testdata", "v1", "newsroom.db"))
		require.NoError(t, err)
		path := filepath.Join(t.TempDir(), "newsroom.db")
		require.NoError(t, os.WriteFile(path, b, 0o600))
		return path
	},
	"postgres": func(t *testing.T) string {
		dump, err := os.ReadFile(filepath.Join("testdata", "v1", "postgres.sql"))
		require.NoError(t, err)
		dsn := postgresSchema(t)
		_, err = rawDB(t, "postgres", dsn).Exec(string(dump))
		require.NoError(t, err, "applying testdata/v1/postgres.sql")
		return dsn
	},
}

// TestUpgradeFromV1 opens a database written by the release before the
// newsroom (schema version 1) and checks that every article is intact,
// the migration ran, and the newsroom works on it.
func TestUpgradeFromV1(t *testing.T) {
	want := v1Articles(t)
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			ctx := t.Context()
			dsn := v1Database[b.name](t)
			db := rawDB(t, b.name, dsn)
			var oldVersion int64
			require.NoError(t, db.QueryRow("SELECT version FROM store_version").Scan(&oldVersion))
			var migrated int
			require.NoError(t, db.QueryRow("SELECT max(version) FROM schema_migrations").Scan(&migrated))
			require.Equal(t, 1, migrated, "the test database is not of schema version 1")

			s := b.reopen(t, dsn, nil)
			require.NoError(t, db.QueryRow("SELECT max(version) FROM schema_migrations").Scan(&migrated))
			assert.Equal(t, sqlstore.SchemaVersion, migrated, "schema version after the upgrade")
			v, err := s.Version(ctx)
			require.NoError(t, err)
			assert.Equal(t, oldVersion, v, "Version after the upgrade")
			pv, err := s.PublicVersion(ctx)
			require.NoError(t, err)
			assert.Equal(t, oldVersion, pv, "PublicVersion starts at the change version")

			statuses := map[news.Status]int{}
			var slugs []string
			for _, a := range want {
				slugs = append(slugs, a.Slug)
				statuses[a.Status]++
				got, err := s.Article(ctx, a.ID)
				require.NoError(t, err, "article %q", a.Slug)
				assert.Equal(t, a, got, "article %q after the upgrade", a.Slug)
				assert.Equal(t, uuid.Nil, got.OwnerID)
				assert.Zero(t, got.Revision)
				assert.Contains(t, walk(t, s, news.Query{Text: a.Title}), a.Slug, "search for the title of %q", a.Slug)
				for _, slug := range append([]string{a.Slug}, a.Aliases...) {
					bySlug, err := s.ArticleBySlug(ctx, slug)
					if assert.NoError(t, err, "slug %q", slug) {
						assert.Equal(t, a.ID, bySlug.ID, "slug %q", slug)
					}
				}
			}
			assert.Len(t, statuses, 3, "the database holds drafts, published and archived articles: %v", statuses)
			assert.Equal(t, slugs, walk(t, s, news.Query{Limit: 3}), "every article, in order, after the upgrade")
			found := walk(t, s, news.Query{Text: "công nghệ sinh học"})
			assert.Len(t, found, 1, "search after the upgrade")
			var queued int
			require.NoError(t, db.QueryRow("SELECT count(*) FROM search_reindex").Scan(&queued))
			assert.Zero(t, queued, "articles left to index after the upgrade")
			snap, err := s.RelatedSnapshot(ctx)
			require.NoError(t, err)
			assert.Nil(t, snap, "no related snapshot after the upgrade")
			require.NoError(t, s.SaveRelatedSnapshot(ctx, pv, []byte("ảnh chụp")))
			snap, err = s.RelatedSnapshot(ctx)
			require.NoError(t, err)
			assert.Equal(t, []byte("ảnh chụp"), snap, "a related snapshot saved after the upgrade")
			mine := walk(t, s, news.Query{OwnerID: uuid.New()})
			assert.Empty(t, mine, "old articles have no owner")
			cats, err := s.Categories(ctx)
			require.NoError(t, err)
			assert.Len(t, cats, 3)
			for _, c := range cats {
				assert.Nil(t, c.Aliases, "category %q has no aliases after the upgrade", c.Slug)
			}
			// The upgraded categories' slugs are in the one namespace of
			// slugs and aliases: another category may not take one as an
			// alias, and a renamed category keeps its old slug.
			taken := storetest.NewCategory("chuyen-muc-moi", "Chuyên mục mới", uuid.Nil)
			taken.Aliases = []string{cats[0].Slug}
			assert.ErrorIs(t, s.CreateCategory(ctx, taken), news.ErrConflict, "alias %q of an upgraded category's slug", cats[0].Slug)
			renamed := cats[1].Clone()
			renamed.Slug, renamed.Aliases = renamed.Slug+"-moi", []string{renamed.Slug}
			require.NoError(t, s.UpdateCategory(ctx, renamed))
			again, err := s.Categories(ctx)
			require.NoError(t, err)
			assert.Contains(t, again, renamed, "the renamed category, with its old slug as an alias")
			// The upgraded articles have no old URLs (assert.Equal above
			// tells nil from empty); one takes some, and they are its alone.
			_, err = s.ArticleByOldURL(ctx, "/?p=1")
			assert.ErrorIs(t, err, news.ErrNotFound, "an old URL before any was written")
			moved := want[1].Clone()
			moved.OldURLs = []string{"/?p=1", "/tin-tuc/tong-ket-1.html"}
			require.NoError(t, s.UpdateArticle(ctx, moved))
			for _, path := range moved.OldURLs {
				byOld, err := s.ArticleByOldURL(ctx, path)
				require.NoError(t, err, "old URL %q", path)
				assert.Equal(t, moved, byOld, "old URL %q", path)
			}
			thief := want[2].Clone()
			thief.OldURLs = []string{"/?p=1"}
			assert.ErrorIs(t, s.UpdateArticle(ctx, thief), news.ErrConflict, "another article's old URL")
			if b.name == "sqlite" {
				checkSQLiteIntegrity(t, dsn)
			}

			// The newsroom works on the upgraded database: an editor takes
			// over an article of the old release.
			acc := storetest.NewAccount("bientap", news.RoleEditor)
			require.NoError(t, s.CreateAccount(ctx, acc, nil))
			old := want[0].Clone()
			old.Title, old.OwnerID = "Tiêu đề biên tập lại", acc.ID
			rev := &news.Revision{ArticleID: old.ID, ActorID: acc.ID, ActorName: acc.DisplayName, At: testBase,
				Action: news.ActionEdit, Status: old.Status, Snapshot: news.SnapshotOf(old)}
			e := &news.AuditEntry{At: testBase, ActorID: acc.ID, ActorName: acc.DisplayName, Action: news.ActionEdit,
				ObjectType: news.ObjectArticle, ObjectID: old.ID.String(), Outcome: news.OutcomeSuccess}
			require.NoError(t, s.SaveArticle(ctx, &news.ArticleSave{Article: old, Base: 0, Revision: rev, Audit: e}))
			assert.Equal(t, 1, rev.Number, "the first revision of an old article")
			got, err := s.Article(ctx, old.ID)
			require.NoError(t, err)
			assert.Equal(t, old, got)
			page, err := s.Audit(ctx, news.AuditFilter{ObjectType: news.ObjectArticle, ObjectID: old.ID.String()})
			require.NoError(t, err)
			assert.Equal(t, []*news.AuditEntry{e}, page.Entries)
			after, err := s.PublicVersion(ctx)
			require.NoError(t, err)
			assert.Greater(t, after, pv, "editing a published article moves the public version")
		})
	}
}

// TestSaveArticleForcedFailure makes the database refuse the last
// statements of SaveArticle (the revision, then the audit entry) and
// checks that the article, its revisions, the audit log and both versions
// are as before: the three writes are one transaction.
func TestSaveArticleForcedFailure(t *testing.T) {
	// Triggers that refuse a row whose column holds "hỏng".
	triggers := map[string]func(table, column string) []string{
		"sqlite": func(table, column string) []string {
			return []string{"CREATE TRIGGER fail_" + table + " BEFORE INSERT ON " + table +
				" WHEN NEW." + column + " = 'hỏng' BEGIN SELECT RAISE(ABORT, 'forced failure'); END"}
		},
		"postgres": func(table, column string) []string {
			return []string{
				"CREATE FUNCTION fail_" + table + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW." + column +
					" = 'hỏng' THEN RAISE EXCEPTION 'forced failure'; END IF; RETURN NEW; END $$",
				"CREATE TRIGGER fail_" + table + " BEFORE INSERT ON " + table + " FOR EACH ROW EXECUTE FUNCTION fail_" + table + "()",
			}
		},
	}
	tests := []struct {
		name, table, column string
		spoil               func(w *news.ArticleSave)
	}{
		{"revision", "revisions", "note", func(w *news.ArticleSave) { w.Revision.Note = "hỏng" }},
		{"audit entry", "audit_log", "detail", func(w *news.ArticleSave) { w.Audit.Detail = "hỏng" }},
	}
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			ctx := t.Context()
			s, dsn := b.open(t, nil)
			db := rawDB(t, b.name, dsn)
			for _, tc := range tests {
				for _, q := range triggers[b.name](tc.table, tc.column) {
					_, err := db.Exec(q)
					require.NoError(t, err, q)
				}
			}
			cat := storetest.NewCategory("tin-tuc", "Tin tức", uuid.Nil)
			require.NoError(t, s.CreateCategory(ctx, cat))
			a := storetest.NewArticle(cat.ID, "hoi-thao", "Hội thảo chuyển đổi số", testBase)
			save := func(a *news.Article, create bool, base int) *news.ArticleSave {
				return &news.ArticleSave{Article: a, Create: create, Base: base,
					Revision: &news.Revision{ArticleID: a.ID, At: a.UpdatedAt, Action: news.ActionEdit, Status: a.Status, Snapshot: news.SnapshotOf(a)},
					Audit: &news.AuditEntry{At: a.UpdatedAt, Action: news.ActionEdit, ObjectType: news.ObjectArticle,
						ObjectID: a.ID.String(), Outcome: news.OutcomeSuccess}}
			}
			require.NoError(t, s.SaveArticle(ctx, save(a, true, 0)))
			stored, err := s.Article(ctx, a.ID)
			require.NoError(t, err)

			for _, tc := range tests {
				v, err := s.Version(ctx)
				require.NoError(t, err)
				pv, err := s.PublicVersion(ctx)
				require.NoError(t, err)
				changed := stored.Clone()
				changed.Title, changed.Slug, changed.Status = "Tiêu đề không được lưu", "khong-luu", news.StatusArchived
				w := save(changed, false, stored.Revision)
				tc.spoil(w)
				err = s.SaveArticle(ctx, w)
				require.Error(t, err, tc.name)
				assert.Contains(t, err.Error(), "forced failure", tc.name)
				assert.Zero(t, w.Revision.Number, "%s: Number set by a failed save", tc.name)
				assert.Zero(t, w.Audit.Seq, "%s: Seq set by a failed save", tc.name)

				got, err := s.Article(ctx, a.ID)
				require.NoError(t, err)
				assert.Equal(t, stored, got, "%s: the article changed", tc.name)
				_, err = s.ArticleBySlug(ctx, "khong-luu")
				assert.ErrorIs(t, err, news.ErrNotFound, "%s: the new slug was kept", tc.name)
				revs, err := s.Revisions(ctx, a.ID)
				require.NoError(t, err)
				assert.Len(t, revs, 1, "%s: a revision was added", tc.name)
				log, err := s.Audit(ctx, news.AuditFilter{})
				require.NoError(t, err)
				assert.Len(t, log.Entries, 1, "%s: an audit entry was appended", tc.name)
				expectVersion(t, s, tc.name, v)
				after, err := s.PublicVersion(ctx)
				require.NoError(t, err)
				assert.Equal(t, pv, after, "%s: PublicVersion moved", tc.name)
			}
		})
	}
}

// TestAuditLogAppendOnly checks that the database itself refuses to change
// or delete an audit entry, whoever asks.
func TestAuditLogAppendOnly(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			ctx := t.Context()
			s, dsn := b.open(t, nil)
			e := &news.AuditEntry{At: testBase, ActorName: "Quản trị", Address: "203.0.113.7", Action: news.ActionSignIn,
				ObjectType: news.ObjectUsername, ObjectID: "admin", Outcome: news.OutcomeFailure}
			require.NoError(t, s.AppendAudit(ctx, e))
			db := rawDB(t, b.name, dsn)
			for _, q := range []string{
				"UPDATE audit_log SET outcome = 'success'",
				"DELETE FROM audit_log",
			} {
				_, err := db.Exec(q)
				require.Error(t, err, q)
				assert.Contains(t, err.Error(), "append-only", q)
			}
			page, err := s.Audit(ctx, news.AuditFilter{})
			require.NoError(t, err)
			assert.Equal(t, []*news.AuditEntry{e}, page.Entries)
		})
	}
}

// TestTwoInstances runs two Stores over one database, as two instances of
// a program behind a load balancer: a session ended through one is
// refused through the other at once, and a publish through one moves the
// other's public version within a second, with the default options.
func TestTwoInstances(t *testing.T) {
	const poll = sqlstore.DefaultPollInterval
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			ctx := t.Context()
			one, dsn := b.open(t, nil)
			two := b.reopen(t, dsn, nil)

			acc := storetest.NewAccount("lanhdao", news.RoleApprover)
			require.NoError(t, one.CreateAccount(ctx, acc, nil))
			sessions := []*news.Session{
				{Hash: news.HashToken(news.SessionTokenPrefix + "mot"), AccountID: acc.ID, CreatedAt: testBase, LastSeen: testBase,
					IdleExpiresAt: testBase.Add(time.Hour), ExpiresAt: testBase.Add(12 * time.Hour), Address: "203.0.113.7"},
				{Hash: news.HashToken(news.SessionTokenPrefix + "hai"), AccountID: acc.ID, CreatedAt: testBase, LastSeen: testBase,
					IdleExpiresAt: testBase.Add(time.Hour), ExpiresAt: testBase.Add(12 * time.Hour), Address: "198.51.100.4"},
			}
			for _, ses := range sessions {
				require.NoError(t, one.CreateSession(ctx, ses, nil))
				got, err := two.Session(ctx, ses.Hash)
				require.NoError(t, err, "a session made through one instance, read through the other")
				assert.Equal(t, ses, got)
			}
			require.NoError(t, one.DeleteSession(ctx, sessions[0].Hash, nil))
			_, err := two.Session(ctx, sessions[0].Hash)
			assert.ErrorIs(t, err, news.ErrNotFound, "a signed-out session, read at once through the other instance")
			acc.Disabled = true
			require.NoError(t, two.UpdateAccount(ctx, acc, true, nil))
			_, err = one.Session(ctx, sessions[1].Hash)
			assert.ErrorIs(t, err, news.ErrNotFound, "a session of a disabled account, read at once through the other instance")

			before, err := two.PublicVersion(ctx) // cached by two from now on
			require.NoError(t, err)
			cat := storetest.NewCategory("thong-bao", "Thông báo", uuid.Nil)
			require.NoError(t, one.CreateCategory(ctx, cat))
			published := time.Now()
			require.NoError(t, one.CreateArticle(ctx, storetest.NewArticle(cat.ID, "thong-bao-moi", "Thông báo mới", testBase)))
			want, err := one.PublicVersion(ctx)
			require.NoError(t, err)
			require.Greater(t, want, before)
			assert.Eventually(t, func() bool {
				seen, err := two.PublicVersion(ctx)
				return err == nil && seen == want
			}, time.Second, poll/10, "the other instance's PublicVersion within a second")
			t.Logf("the other instance saw the publish after %v (PollInterval %v)", time.Since(published).Round(time.Millisecond), poll)
		})
	}
}

// TestConcurrentSaves runs saves on one base revision at once, from two
// Stores over one database: one wins, every other is refused as stale and
// kept as a rejected revision, and the revisions are numbered 1 to n
// without a gap or a repeat.
func TestConcurrentSaves(t *testing.T) {
	const writers = 8
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			ctx := t.Context()
			one, dsn := b.open(t, nil)
			stores := []*sqlstore.Store{one, b.reopen(t, dsn, nil)}
			cat := storetest.NewCategory("tin-tuc", "Tin tức", uuid.Nil)
			require.NoError(t, one.CreateCategory(ctx, cat))
			a := storetest.NewArticle(cat.ID, "du-thao", "Dự thảo kế hoạch", time.Time{})
			a.Status = news.StatusDraft
			require.NoError(t, one.SaveArticle(ctx, &news.ArticleSave{Article: a, Create: true,
				Revision: &news.Revision{ArticleID: a.ID, Action: news.ActionCreate, Snapshot: news.SnapshotOf(a)}}))

			errs := make([]error, writers)
			var wg sync.WaitGroup
			for i := range writers {
				wg.Go(func() {
					s := stores[i%len(stores)]
					edit := a.Clone()
					edit.Title = fmt.Sprintf("Dự thảo kế hoạch, bản sửa %d", i)
					rev := &news.Revision{ArticleID: a.ID, Action: news.ActionEdit, Base: 1, Snapshot: news.SnapshotOf(edit)}
					errs[i] = s.SaveArticle(ctx, &news.ArticleSave{Article: edit, Base: 1, Revision: rev})
					var se *news.StaleError
					if errors.As(errs[i], &se) {
						rej := &news.Revision{ArticleID: a.ID, Action: news.ActionConflict, Base: 1, Rejected: true, Snapshot: news.SnapshotOf(edit)}
						if err := s.AddRevision(ctx, rej, nil); err != nil {
							errs[i] = err
						}
					}
				})
			}
			wg.Wait()
			won := 0
			for i, err := range errs {
				if err == nil {
					won++
					continue
				}
				var se *news.StaleError
				assert.ErrorAs(t, err, &se, "writer %d", i)
			}
			assert.Equal(t, 1, won, "saves on one base that succeeded")
			revs, err := one.Revisions(ctx, a.ID)
			require.NoError(t, err)
			require.Len(t, revs, writers+1)
			rejected := 0
			for i, r := range revs {
				assert.Equal(t, i+1, r.Number)
				if r.Rejected {
					rejected++
				}
			}
			assert.Equal(t, writers-1, rejected, "rejected changes kept")
			got, err := one.Article(ctx, a.ID)
			require.NoError(t, err)
			current, err := one.Revision(ctx, a.ID, got.Revision)
			require.NoError(t, err)
			assert.False(t, current.Rejected)
			assert.Equal(t, got.Title, current.Snapshot.Title, "the article is its current revision")
		})
	}
}

// TestConcurrentAudit appends entries from many goroutines of two Stores
// over one database: the log numbers them 1 to n, each once.
func TestConcurrentAudit(t *testing.T) {
	const writers, each = 8, 5
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			ctx := t.Context()
			one, dsn := b.open(t, nil)
			stores := []*sqlstore.Store{one, b.reopen(t, dsn, nil)}
			var wg sync.WaitGroup
			for i := range writers {
				wg.Go(func() {
					for j := range each {
						e := &news.AuditEntry{At: testBase, ActorName: "Văn thư", Address: "203.0.113.7", Action: news.ActionSignIn,
							ObjectType: news.ObjectUsername, ObjectID: fmt.Sprintf("nguoi-%d-%d", i, j), Outcome: news.OutcomeFailure}
						assert.NoError(t, stores[i%len(stores)].AppendAudit(ctx, e))
					}
				})
			}
			wg.Wait()
			var seqs []int64
			f := news.AuditFilter{Limit: news.MaxLimit}
			for {
				p, err := one.Audit(ctx, f)
				require.NoError(t, err)
				for _, e := range p.Entries {
					seqs = append(seqs, e.Seq)
				}
				if p.Next == "" {
					break
				}
				f.Cursor = p.Next
			}
			want := make([]int64, writers*each)
			for i := range want {
				want[i] = int64(len(want) - i)
			}
			assert.Equal(t, want, seqs)
		})
	}
}
