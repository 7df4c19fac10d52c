package sqlstore

import (
	"fmt"
	"testing"

	"github.com/orgnews/orgnews/news"
)

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

func TestSearchQueries(t *testing.T) {
	x := newTextSearch(news.Search{Words: []string{"dai", "Hội"}, Phrases: []string{"khoa học"}, Excluded: []string{"bưởi", "a'b\\c"}})
	y := newTextSearch(news.Search{Words: []string{"dai", "Hội"}, Excluded: []string{"bưởi"}})
	z := newTextSearch(news.Search{Words: []string{"dai"}})
	rare := x
	rare.rarest = 1 // "Hội"
	m := newTextSearch(news.Search{Words: []string{"Hội"}, Phrases: []string{"đại hội"}, Excluded: []string{"bưởi"}})
	mx := newTextSearch(news.Search{Words: []string{"Hội"}, Excluded: []string{"buoi"}})
	tests := []struct {
		name, got, want string
	}{
		{"fts", x.fts(), `("dai_"* AND "hoi_2ctj" AND "khoa_"* + "hoc_tj") NOT ("buoi_2h3htr" OR "a_"* + "b_"* + "c_"*)`},
		{"ftsRank title phrase", x.ftsRank(news.RankTitlePhrase), `{title} : ("dai_"* + "hoi_2ctj" AND "khoa_"* + "hoc_tj")`},
		{"ftsRank body words", x.ftsRank(news.RankBodyWords), `{body} : ("dai_"* AND "hoi_2ctj" AND "khoa_"* + "hoc_tj")`},
		{"ts", x.ts(), `'dai_':* & 'hoi_2ctj' & ('khoa_':* <-> 'hoc_tj') & !('buoi_2h3htr') & !('a_':* <-> 'b_':* <-> 'c_':*)`},
		{"tsRank summary phrase", x.tsRank(news.RankSummaryPhrase), `('dai_':*B <-> 'hoi_2ctj':B) & ('khoa_':*B <-> 'hoc_tj':B)`},
		{"tsRank title words", x.tsRank(news.RankTitleWords), `'dai_':*A & 'hoi_2ctj':A & ('khoa_':*A <-> 'hoc_tj':A)`},
		{"ftsMatch summary words", y.ftsMatch(news.RankSummaryWords), `({summary} : ("dai_"* AND "hoi_2ctj")) NOT ("buoi_2h3htr")`},
		{"ftsMatch without exclusions", z.ftsMatch(news.RankBodyPhrase), `{body} : ("dai_"*)`},
		{"tsLevel summary phrase", y.tsLevel(news.RankSummaryPhrase), `(('dai_':*B <-> 'hoi_2ctj':B)) & !(('dai_':*A <-> 'hoi_2ctj':A)) & !('buoi_2h3htr')`},
		{"tsLevel one word, spread", z.tsLevel(news.RankSpread), `('dai_':*) & !(('dai_':*A)) & !(('dai_':*B)) & !(('dai_':*C))`},
		{"ranks without a rarest word", fmt.Sprint(y.ranks()), "[0 1 2 3 4 5]"},
		{"ranks with a rarest word", fmt.Sprint(rare.ranks()), "[0 1 2 3 4 5 6 7]"},
		{"ranks of one word", fmt.Sprint(z.ranks()), "[0 1 2]"},
		{"ftsRank rarest in title", rare.ftsRank(news.RankRareTitle), `{title} : ("hoi_2ctj") AND ("dai_"* AND "hoi_2ctj" AND "khoa_"* + "hoc_tj")`},
		{"ftsMatch rarest in summary", rare.ftsMatch(news.RankRareSummary),
			`({summary} : ("hoi_2ctj") AND ("dai_"* AND "hoi_2ctj" AND "khoa_"* + "hoc_tj")) NOT ("buoi_2h3htr" OR "a_"* + "b_"* + "c_"*)`},
		{"tsFields rarest in title", rare.tsFields(news.RankRareTitle),
			`'A hoi' & (('A khoa hoc') | ('B khoa hoc') | ('C khoa hoc')) & (('A dai') | ('B dai') | ('C dai')) & (('A hoi') | ('B hoi') | ('C hoi'))`},
		{"tsRank rarest in summary", rare.tsRank(news.RankRareSummary), `'hoi_2ctj':B & 'dai_':* & 'hoi_2ctj' & ('khoa_':* <-> 'hoc_tj')`},
		{"ftsLevel first rank", y.ftsLevel(y.ranks(), 0), `({title} : ("dai_"* + "hoi_2ctj")) NOT ("buoi_2h3htr")`},
		{"ftsLevel one word, spread", z.ftsLevel(z.ranks(), 3), `(("dai_"*)) NOT ({title} : ("dai_"*) OR {summary} : ("dai_"*) OR {body} : ("dai_"*))`},
		{"ftsLevel sorted by date", y.ftsLevel(nil, 0), y.fts()},
		{"seeks", fmt.Sprint(x.seeks(), z.seeks(), m.seeks(), mx.seeks()), "false false true false"},
		{"oneKey", fmt.Sprint(x.oneKey(), z.oneKey(), m.oneKey(), mx.oneKey()), "false true false true"},
		{"tsVector", searchKeys{title: []string{"dai_0dtj", "hoi_"}, body: []string{"x'_"}}.tsVector(), `'dai_0dtj':1A 'hoi_':2A 'x''_':5C`},
		{"quotes", ftsTerm(`a"b_`) + " " + tsTerm(`c'd\e`, 'A'), `"a""b_"* 'c''d\\e':A`},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%s = %s, want %s", tc.name, tc.got, tc.want)
		}
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
