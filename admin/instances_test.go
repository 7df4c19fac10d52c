package admin_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
	"github.com/stretchr/testify/require"
	_ "modernc.org/sqlite"

	"github.com/orgnews/orgnews/admin"
	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/sqlstore"
)

// TestSessionEndsOnEveryInstance runs two instances of the newsroom, each
// its own Store and Handler over one database, as behind a load
// balancer: a session opened on one works on the other, and signing out
// or disabling the account on one ends it on the other at its next
// request. On SQLite always; on PostgreSQL when ORGNEWS_TEST_POSTGRES is
// set.
func TestSessionEndsOnEveryInstance(t *testing.T) {
	for _, db := range []struct {
		name   string
		driver string
		dsn    func(t *testing.T) string
	}{
		{"sqlite", "sqlite", func(t *testing.T) string { return filepath.Join(t.TempDir(), "newsroom.db") }},
		{"postgres", "pgx", postgresSchema},
	} {
		t.Run(db.name, func(t *testing.T) {
			dsn := db.dsn(t)
			clk := &clock{t: time.Date(2026, 12, 4, 8, 0, 0, 0, time.UTC)}
			instance := func() *client {
				s, err := sqlstore.Open(t.Context(), db.driver, dsn, nil)
				require.NoError(t, err)
				t.Cleanup(func() { require.NoError(t, s.Close()) })
				nr := news.NewNewsroom(s, &news.NewsroomOptions{Now: clk.Now,
					Password: news.PasswordOptions{Argon2: news.Argon2Params{Memory: 64, Time: 1, Threads: 1}}})
				f := &fixture{t: t, clock: clk, nr: nr, srv: http.StripPrefix("/admin", admin.New(nr, &admin.Options{Now: clk.Now}))}
				return f.anon()
			}
			one, two := instance(), instance()
			root, err := one.f.nr.Bootstrap(t.Context(), news.AccountInput{Username: "admin", DisplayName: "Quản trị", Password: password})
			require.NoError(t, err)
			adm := news.Actor{AccountID: root.ID, Username: root.Username, Name: root.DisplayName, Role: root.Role}
			ed, err := one.f.nr.CreateAccount(t.Context(), adm, news.AccountInput{Username: "bientap", DisplayName: "Lê Minh Châu",
				Role: news.RoleEditor, Password: password})
			require.NoError(t, err)

			signIn := func(c *client) *client {
				w := c.do("POST", "/admin/api/session", `{"username":"bientap","password":"`+password+`"}`)
				require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
				return &client{f: c.f, cookie: sessionCookie(t, w).Value, header: http.Header{}}
			}
			on := func(c *client, cookie string) *client { return &client{f: c.f, cookie: cookie, header: http.Header{}} }

			// Signed in on one, known on two; signed out on two, ended on one.
			a := signIn(one)
			require.Equal(t, http.StatusOK, on(two, a.cookie).do("GET", "/admin/api/session", "").Code)
			require.Equal(t, http.StatusNoContent, on(two, a.cookie).do("DELETE", "/admin/api/session", "").Code)
			requireError(t, a.do("GET", "/admin/api/session", ""), http.StatusUnauthorized, "unauthorized")

			// Disabled through one: ended on two.
			b := signIn(two)
			require.Equal(t, http.StatusOK, on(one, b.cookie).do("GET", "/admin/api/session", "").Code)
			_, err = one.f.nr.UpdateAccount(t.Context(), adm, ed.ID, news.AccountPatch{Disabled: new(true)})
			require.NoError(t, err)
			requireError(t, b.do("GET", "/admin/api/session", ""), http.StatusUnauthorized, "unauthorized")
		})
	}
}

// postgresSchema returns the DSN of a schema of its own in the database
// of ORGNEWS_TEST_POSTGRES, dropped at cleanup, or skips the test when the
// variable is unset.
func postgresSchema(t *testing.T) string {
	base := os.Getenv("ORGNEWS_TEST_POSTGRES")
	if base == "" {
		t.Skip("PostgreSQL tests skipped: set ORGNEWS_TEST_POSTGRES to a database URL, such as postgres://postgres@127.0.0.1:5432/test?sslmode=disable")
	}
	db, err := sql.Open("pgx", base)
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, db.Close()) })
	name := fmt.Sprintf("orgnews_admin_test_%d_%d", os.Getpid(), time.Now().UnixNano())
	_, err = db.ExecContext(t.Context(), "CREATE SCHEMA "+name)
	require.NoError(t, err)
	t.Cleanup(func() {
		_, err := db.ExecContext(context.Background(), "DROP SCHEMA "+name+" CASCADE")
		require.NoError(t, err)
	})
	u, err := url.Parse(base)
	require.NoError(t, err)
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String()
}
