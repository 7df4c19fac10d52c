package sqlstore

import "testing"

func TestMigrationsEmbedded(t *testing.T) {
	for _, d := range []Dialect{SQLite, PostgreSQL} {
		ms, err := migrations(d)
		if err != nil {
			t.Fatalf("migrations(%s): %v", d, err)
		}
		if len(ms) != SchemaVersion {
			t.Errorf("migrations(%s) has %d files, SchemaVersion is %d", d, len(ms), SchemaVersion)
		}
	}
}

func TestRebind(t *testing.T) {
	tests := []struct {
		d        Dialect
		in, want string
	}{
		{SQLite, "SELECT 1 FROM t WHERE a = ? AND b = ?", "SELECT 1 FROM t WHERE a = ? AND b = ?"},
		{PostgreSQL, "SELECT 1 FROM t WHERE a = ? AND b = ?", "SELECT 1 FROM t WHERE a = $1 AND b = $2"},
		{PostgreSQL, "SELECT 1", "SELECT 1"},
	}
	for _, tc := range tests {
		if got := tc.d.rebind(tc.in); got != tc.want {
			t.Errorf("%s.rebind(%q) = %q, want %q", tc.d, tc.in, got, tc.want)
		}
	}
}

func TestQuoting(t *testing.T) {
	words := []string{"dai", `a"b`, `c'd\e`}
	if got, want := ftsQuery(words, ""), `"dai"* AND "a""b"* AND "c'd\e"*`; got != want {
		t.Errorf("ftsQuery(%q, \"\") = %s, want %s", words, got, want)
	}
	if got, want := ftsQuery(words[:1], "title"), `title : "dai"*`; got != want {
		t.Errorf("ftsQuery(%q, \"title\") = %s, want %s", words[:1], got, want)
	}
	if got, want := tsQuery(words), `'dai':* & 'a"b':* & 'c''d\\e':*`; got != want {
		t.Errorf("tsQuery(%q) = %s, want %s", words, got, want)
	}
}

func TestSQLiteDSN(t *testing.T) {
	tests := []struct {
		in, want string
		memory   bool
	}{
		{"news.db", "news.db?_pragma=busy_timeout%2810000%29&_pragma=foreign_keys%281%29&_pragma=journal_mode%28WAL%29&_pragma=synchronous%28FULL%29&_txlock=immediate", false},
		{"file:news.db?_pragma=synchronous(NORMAL)&_txlock=deferred", "file:news.db?_pragma=synchronous(NORMAL)&_txlock=deferred&_pragma=busy_timeout%2810000%29&_pragma=foreign_keys%281%29&_pragma=journal_mode%28WAL%29", false},
		{":memory:", ":memory:?_pragma=busy_timeout%2810000%29&_pragma=foreign_keys%281%29&_pragma=journal_mode%28WAL%29&_pragma=synchronous%28FULL%29&_txlock=immediate", true},
	}
	for _, tc := range tests {
		got, memory, err := sqliteDSN(tc.in)
		if err != nil || got != tc.want || memory != tc.memory {
			t.Errorf("sqliteDSN(%q) = %q, %v, %v; want %q, %v, nil", tc.in, got, memory, err, tc.want, tc.memory)
		}
	}
	if _, _, err := sqliteDSN("news.db?%zz"); err == nil {
		t.Errorf("sqliteDSN(%q): no error", "news.db?%zz")
	}
}
