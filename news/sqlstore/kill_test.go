package sqlstore_test

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/sqlstore"
	"github.com/orgnews/orgnews/news/storetest"
)

// The kill test's child process: TestKillWriterChild imports batches into
// the SQLite file named by killDBEnv, from batch killFromEnv on, printing
// "committed N" after each Import returns.
const (
	killDBEnv   = "ORGNEWS_SQLSTORE_KILL_DB"
	killFromEnv = "ORGNEWS_SQLSTORE_KILL_FROM"
	killBatch   = 80  // articles per batch
	killMax     = 400 // batches the child writes if nobody kills it
)

// killCategory is the category of every article the kill test writes.
var killCategory = uuid.MustParse("6b1a2f0e-7c55-4d8a-9a57-1f5b3c0d2e11")

// killArticle returns article j of batch n, the same every time.
func killArticle(n, j int) *news.Article {
	var id uuid.UUID
	binary.BigEndian.PutUint32(id[0:], uint32(n))
	binary.BigEndian.PutUint32(id[4:], uint32(j))
	id[6], id[8] = 0x40|id[6]&0x0f, 0x80|id[8]&0x3f
	id[15] = 0x4b
	at := testBase.Add(time.Duration(n*killBatch+j) * time.Minute)
	a := storetest.NewArticle(killCategory, fmt.Sprintf("dot-%d-bai-%d", n, j),
		fmt.Sprintf("Đợt %d, bài %d: Sở Khoa học và Công nghệ tổng kết nhiệm vụ", n, j), at)
	a.ID = id
	a.Summary = "Báo cáo kết quả thực hiện các nhiệm vụ khoa học và công nghệ cấp tỉnh."
	a.Body = strings.Repeat("<p>Hội đồng nghiệm thu đánh giá đề tài đạt yêu cầu, đề nghị chuyển giao kết quả cho địa phương ứng dụng.</p>", 6)
	a.Tags = []string{"Khoa học", "Đợt " + strconv.Itoa(n)}
	return a
}

func TestKillWriterChild(t *testing.T) {
	path := os.Getenv(killDBEnv)
	if path == "" {
		t.Skip("the kill test's child process; TestKillWriter runs it")
	}
	from, err := strconv.Atoi(os.Getenv(killFromEnv))
	if err != nil {
		t.Fatalf("%s: %v", killFromEnv, err)
	}
	ctx := context.Background()
	s, err := sqlstore.Open(ctx, "sqlite", path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for n := from; n < from+killMax; n++ {
		b := &news.Batch{Articles: make([]*news.Article, killBatch)}
		if n == 0 {
			c := storetest.NewCategory("khoa-hoc-cong-nghe", "Khoa học công nghệ", uuid.Nil)
			c.ID = killCategory
			b.Categories = []*news.Category{c}
		}
		for j := range b.Articles {
			b.Articles[j] = killArticle(n, j)
		}
		if err := s.Import(ctx, b); err != nil {
			t.Fatalf("Import batch %d: %v", n, err)
		}
		fmt.Printf("committed %d\n", n)
	}
}

// killSeedEnv names the variable that replays TestKillWriter's kill
// points: set it to the seed a run logged.
const killSeedEnv = "ORGNEWS_KILL_SEED"

// The kill points of TestKillWriter: killRounds times, the writer commits
// 1 to killMaxAfter batches, then is killed a random fraction, below
// killMaxDelay, of a batch's duration into the next Import.
const (
	killRounds   = 6
	killMaxAfter = 3
	killMaxDelay = 1.25
)

// TestKillWriter kills a process with SIGKILL while it imports batches of
// articles into an SQLite file, killRounds times at random points, and
// checks after each kill that the file is sound and that every batch is
// complete or absent, and complete when the writer had seen it committed.
//
// A kill comes a random delay after the writer reported a batch committed:
// up to killMaxDelay times the last batch's duration as measured between
// two reports, so most kills land inside an Import (its statements, the
// fsync of its commit, a WAL checkpoint) and some just after the next
// commit. The points follow from a seed the test logs; ORGNEWS_KILL_SEED
// set to it replays them. A delay is a fraction of the measured batch
// time, so a replay kills at about the same point of an Import, not at
// the same instant.
func TestKillWriter(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL is a Unix signal")
	}
	if testing.Short() {
		t.Skip("starts child processes; skipped in -short mode")
	}
	seed := uint64(time.Now().UnixNano())
	if env := os.Getenv(killSeedEnv); env != "" {
		var err error
		if seed, err = strconv.ParseUint(env, 10, 64); err != nil {
			t.Fatalf("%s=%q: want the seed a run logged: %v", killSeedEnv, env, err)
		}
	}
	t.Logf("kill points from seed %d; replay them with %s=%d", seed, killSeedEnv, seed)
	rng := rand.New(rand.NewPCG(seed, seed))

	path := filepath.Join(t.TempDir(), "news.db")
	next := 0               // the first batch the next child writes
	var batch time.Duration // the last batch's duration
	for round := range killRounds {
		killAfter := 1 + rng.IntN(killMaxAfter)
		fraction := rng.Float64() * killMaxDelay
		cmd := exec.Command(os.Args[0], "-test.run=^TestKillWriterChild$", "-test.v")
		cmd.Env = append(os.Environ(), killDBEnv+"="+path, killFromEnv+"="+strconv.Itoa(next))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr strings.Builder
		cmd.Stderr = &stderr
		started := time.Now()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		seen := next - 1  // the last batch the child reported committed
		killedAfter := -1 // the batch after whose report the child was killed
		var delay time.Duration
		var reported time.Time // when the child last reported a batch
		lines := bufio.NewScanner(out)
		for lines.Scan() {
			var n int
			if _, err := fmt.Sscanf(lines.Text(), "committed %d", &n); err != nil {
				continue
			}
			seen = n
			if killedAfter >= 0 {
				continue // a report the pipe held while the test waited to kill
			}
			now := time.Now()
			switch {
			case !reported.IsZero():
				batch = now.Sub(reported)
			case batch == 0: // the first report of all: start-up and a batch
				batch = now.Sub(started)
			}
			reported = now
			if n-next+1 >= killAfter {
				// Kill a while into the next Import.
				delay = time.Duration(fraction * float64(batch))
				time.Sleep(delay)
				if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
					t.Fatal(err)
				}
				killedAfter = n
			}
		}
		err = cmd.Wait()
		if killedAfter < 0 {
			t.Fatalf("round %d: the writer ended before it was killed: %v\n%s", round, err, stderr.String())
		}
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
			t.Fatalf("round %d: writer ended with %v, not by SIGKILL\n%s", round, err, stderr.String())
		}
		complete := checkKilledDB(t, path, seen)
		t.Logf("round %d: killed %v (%.2f of a %v batch) after batch %d was reported; the last reported was %d; %d batches (%d articles) complete",
			round, delay.Round(time.Millisecond), fraction, batch.Round(time.Millisecond), killedAfter, seen, complete, complete*killBatch)
		next = complete
	}
}

// checkKilledDB checks the database a writer was killed on: SQLite's
// integrity checks pass (see checkSQLiteIntegrity), batches 0..n-1 are complete for some n > seen,
// no other article exists, and the store opens and reads the last one
// whole. It returns n.
func checkKilledDB(t *testing.T, path string, seen int) int {
	t.Helper()
	checkSQLiteIntegrity(t, path)
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var articles, slugs, tags, search int
	for q, dst := range map[string]*int{
		"SELECT count(*) FROM articles":       &articles,
		"SELECT count(*) FROM article_slugs":  &slugs,
		"SELECT count(*) FROM article_tags":   &tags,
		"SELECT count(*) FROM article_search": &search,
	} {
		if err := db.QueryRow(q).Scan(dst); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if articles%killBatch != 0 {
		t.Fatalf("%d articles: a batch of %d is half-written", articles, killBatch)
	}
	n := articles / killBatch
	if n <= seen {
		t.Fatalf("%d batches complete, but the writer saw batch %d committed", n, seen)
	}
	if slugs != articles || tags != 2*articles || search != articles {
		t.Errorf("%d articles but %d slugs, %d tag rows, %d search rows; want %d, %d, %d", articles, slugs, tags, search, articles, 2*articles, articles)
	}
	var version int64
	if err := db.QueryRow("SELECT version FROM store_version").Scan(&version); err != nil || version != int64(n) {
		t.Errorf("version = %d, %v; want %d (one per committed Import)", version, err, n)
	}

	s, err := sqlstore.Open(context.Background(), "sqlite", path, nil)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	for _, j := range []int{0, killBatch - 1} {
		want := killArticle(n-1, j)
		got, err := s.Article(context.Background(), want.ID)
		if err != nil {
			t.Fatalf("Article(%q): %v", want.Slug, err)
		}
		if got.Title != want.Title || got.Body != want.Body || !got.PublishAt.Equal(want.PublishAt) {
			t.Errorf("Article(%q) = %q, published %v; want %q, %v", want.Slug, got.Title, got.PublishAt, want.Title, want.PublishAt)
		}
	}
	p, err := s.Articles(context.Background(), news.Query{Tag: "Đợt " + strconv.Itoa(n-1), Limit: news.MaxLimit})
	if want := min(killBatch, news.MaxLimit); err != nil || len(p.Articles) != want {
		t.Errorf("Articles(tag of batch %d) = %d articles, %v; want %d", n-1, len(p.Articles), err, want)
	}
	return n
}
