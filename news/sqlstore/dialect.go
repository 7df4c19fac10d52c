package sqlstore

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// A Dialect is the SQL database a Store speaks to. The zero Dialect is not
// valid.
type Dialect int

// The dialects a Store speaks.
const (
	SQLite     Dialect = iota + 1 // SQLite 3.38 or later with FTS5, as in modernc.org/sqlite
	PostgreSQL                    // PostgreSQL 13 or later
)

// String returns "sqlite" or "postgres".
func (d Dialect) String() string {
	switch d {
	case SQLite:
		return "sqlite"
	case PostgreSQL:
		return "postgres"
	}
	return "Dialect(" + strconv.Itoa(int(d)) + ")"
}

func (d Dialect) valid() bool { return d == SQLite || d == PostgreSQL }

// dialectOf returns the dialect of a database/sql driver name.
func dialectOf(driverName string) (Dialect, error) {
	switch driverName {
	case "sqlite":
		return SQLite, nil
	case "pgx", "pgx/v5", "postgres", "postgresql":
		return PostgreSQL, nil
	}
	return 0, fmt.Errorf("sqlstore: driver %q: unknown; use \"sqlite\" (modernc.org/sqlite) or \"pgx\" (github.com/jackc/pgx/v5/stdlib)", driverName)
}

// rebind rewrites the ? placeholders of query into the dialect's: $1, $2, …
// for PostgreSQL. Queries in this package never hold a ? in a literal.
func (d Dialect) rebind(query string) string {
	if d != PostgreSQL || !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 16)
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(query[i])
	}
	return b.String()
}

// The error interfaces of the drivers, matched without importing them:
// modernc.org/sqlite's *sqlite.Error has Code (an extended result code) and
// pgx's *pgconn.PgError (like lib/pq's *pq.Error) has SQLState.
type (
	sqliteError   interface{ Code() int }
	sqlStateError interface{ SQLState() string }
)

// SQLite result codes (https://sqlite.org/rescode.html).
const (
	sqliteBusy             = 5
	sqliteLocked           = 6
	sqliteConstraintPK     = 1555 // SQLITE_CONSTRAINT_PRIMARYKEY
	sqliteConstraintUnique = 2067 // SQLITE_CONSTRAINT_UNIQUE
)

// conflict reports whether err is a unique violation.
func (d Dialect) conflict(err error) bool {
	if d == SQLite {
		var e sqliteError
		if errors.As(err, &e) {
			return e.Code() == sqliteConstraintUnique || e.Code() == sqliteConstraintPK
		}
		return false
	}
	var e sqlStateError
	return errors.As(err, &e) && e.SQLState() == "23505" // unique_violation
}

// transient reports whether err aborted a transaction only because of a
// concurrent one, so that running it again may succeed.
func (d Dialect) transient(err error) bool {
	if d == SQLite {
		var e sqliteError
		if errors.As(err, &e) {
			primary := e.Code() & 0xff
			return primary == sqliteBusy || primary == sqliteLocked
		}
		return false
	}
	var e sqlStateError
	if errors.As(err, &e) {
		switch e.SQLState() {
		case "40001", "40P01": // serialization_failure, deadlock_detected
			return true
		}
	}
	return false
}

// ftsQuery returns the FTS5 query that matches rows where every word is
// the prefix of a word, in any column or, with column set, in that column.
// Each word is a quoted string, so no word is read as query syntax.
func ftsQuery(words []string, column string) string {
	var b strings.Builder
	for i, w := range words {
		if i > 0 {
			b.WriteString(" AND ")
		}
		if column != "" {
			b.WriteString(column)
			b.WriteString(" : ")
		}
		b.WriteByte('"')
		b.WriteString(strings.ReplaceAll(w, `"`, `""`))
		b.WriteString(`"*`)
	}
	return b.String()
}

// maxLexeme is the longest word, in bytes, kept in a PostgreSQL tsvector
// (whose limit is 2047 bytes); a longer word is cut at a character
// boundary, in documents and queries alike, so prefix matching still works.
const maxLexeme = 2000

// cutLexeme returns w cut to at most maxLexeme bytes at a character
// boundary.
func cutLexeme(w string) string {
	if len(w) <= maxLexeme {
		return w
	}
	i := maxLexeme
	for i > 0 && w[i]&0xC0 == 0x80 {
		i--
	}
	return w[:i]
}

// tsQuery returns the PostgreSQL tsquery text that matches documents
// where every word is the prefix of a lexeme: 'w1':* & 'w2':*. Each word is
// a quoted lexeme, so no word is read as query syntax.
func tsQuery(words []string) string {
	var b strings.Builder
	for i, w := range words {
		if i > 0 {
			b.WriteString(" & ")
		}
		w = cutLexeme(w)
		w = strings.ReplaceAll(w, `\`, `\\`)
		w = strings.ReplaceAll(w, `'`, `''`)
		b.WriteByte('\'')
		b.WriteString(w)
		b.WriteString("':*")
	}
	return b.String()
}

// tsLexemes returns the distinct words, cut to maxLexeme bytes, joined by
// spaces: the argument of array_to_tsvector(string_to_array(?, ' ')).
func tsLexemes(words []string) string {
	seen := make(map[string]bool, len(words))
	var b strings.Builder
	for _, w := range words {
		w = cutLexeme(w)
		if w == "" || seen[w] {
			continue
		}
		seen[w] = true
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return b.String()
}
