package feed

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares got with testdata/name, or rewrites the file with -update.
// JSON is compared, and kept, indented, so that the golden file reads
// well; TestBuildJSONCompact checks the compact form Build writes.
func golden(tb testing.TB, name string, got []byte) {
	tb.Helper()
	if filepath.Ext(name) == ".json" {
		var buf bytes.Buffer
		if err := json.Indent(&buf, got, "", "  "); err != nil {
			tb.Fatalf("%s: %v", name, err)
		}
		got = buf.Bytes()
	}
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			tb.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		tb.Errorf("%s differs from the golden file (run go test -update and review the diff):\n%s", name, firstDiff(got, want))
	}
}

// firstDiff shows the lines around the first difference of a and b.
func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-200)
	return "got:  ..." + string(a[from:min(len(a), i+200)]) + "\nwant: ..." + string(b[from:min(len(b), i+200)])
}

func TestBuildGolden(t *testing.T) {
	for _, f := range Formats {
		t.Run(string(f), func(t *testing.T) {
			m := meta()
			m.SelfURL = base + "feed." + string(f)
			got, err := Build(f, articles(), m)
			if err != nil {
				t.Fatalf("Build(%s) error: %v", f, err)
			}
			golden(t, "site."+string(f), got)

			got, err = Build(f, hostileArticles(), m)
			if err != nil {
				t.Fatalf("Build(%s, hostile) error: %v", f, err)
			}
			golden(t, "hostile."+string(f), got)
		})
	}
}

func TestBuildJSONCompact(t *testing.T) {
	got, err := Build(JSON, articles(), meta())
	if err != nil {
		t.Fatalf("Build(json) error: %v", err)
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, got); err != nil {
		t.Fatalf("Build(json) is not JSON: %v", err)
	}
	compact.WriteByte('\n')
	if !bytes.Equal(got, compact.Bytes()) {
		t.Errorf("Build(json) is not compact JSON ending in a newline:\n%s", firstDiff(got, compact.Bytes()))
	}
}

func TestBuildExtremeTimes(t *testing.T) {
	arts := articles()
	arts[0].PublishAt = time.Date(12000, 1, 1, 0, 0, 0, 0, time.UTC)
	arts[1].UpdatedAt = time.Date(-5, 1, 1, 0, 0, 0, 0, time.UTC)
	arts[2].PublishAt = time.Time{}
	for _, f := range Formats {
		data, err := Build(f, arts, meta())
		if err != nil {
			t.Fatalf("Build(%s) with extreme times error: %v", f, err)
		}
		parse(t, f, data)
	}
}
