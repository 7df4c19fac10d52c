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
