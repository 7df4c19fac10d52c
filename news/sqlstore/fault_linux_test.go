//go:build linux

package sqlstore_test

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/orgnews/orgnews/news/sqlstore"
)

// tmpfsSize is the size of the disk TestFullDiskTmpfs fills: room for
// seed and a small import, not for bigBatch(600, 6).
const tmpfsSize = "1m"

// TestFullDiskTmpfs fills a real disk during an Import: the SQLite file
// lives on a tmpfs of tmpfsSize mounted for the test, so SQLite meets
// ENOSPC writing its WAL. The Import must fail with SQLITE_FULL and leave
// every row as it was; the store must take a smaller import afterwards,
// and keep it across a restart. It needs root with CAP_SYS_ADMIN to mount
// the tmpfs; TestFullDiskImport covers the same failure without it.
func TestFullDiskTmpfs(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a tmpfs needs root; TestFullDiskImport simulates a full disk without it")
	}
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", syscall.MS_NOSUID|syscall.MS_NODEV, "size="+tmpfsSize+",mode=0700"); err != nil {
		t.Skipf("cannot mount a tmpfs on %s (%v): needs CAP_SYS_ADMIN; TestFullDiskImport simulates a full disk without it", dir, err)
	}
	// Registered after TempDir and before the Store and raw connection,
	// so it runs after they are closed and before the directory goes.
	t.Cleanup(func() {
		if err := syscall.Unmount(dir, 0); err != nil {
			t.Errorf("unmount the tmpfs on %s: %v", dir, err)
		}
	})
	ctx := context.Background()
	path := filepath.Join(dir, "news.db")
	s := openSQLiteFile(t, path, nil)
	seed(t, s)
	raw := rawDB(t, "sqlite", path)
	v, err := s.Version(ctx)
	if err != nil {
		t.Fatal(err)
	}
	before := contents(t, raw, sqlstore.SQLite)

	err = s.Import(ctx, bigBatch(600, 6))
	expectFailed(t, "Import onto a full tmpfs", err, "sqlstore: import", "database or disk is full", sqliteCode(sqliteFull))
	expectSame(t, "Import onto a full tmpfs", before, contents(t, raw, sqlstore.SQLite))
	expectVersion(t, s, "a failed Import", v)
	checkSQLiteIntegrity(t, path)

	small := bigBatch(3, 1)
	if err := s.Import(ctx, small); err != nil {
		t.Fatalf("a small Import after the failed one: %v", err)
	}
	expectVersion(t, s, "a small Import", v+1)
	expectChanged(t, "a small Import", before, contents(t, raw, sqlstore.SQLite))
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	s = openSQLiteFile(t, path, nil)
	expectVersion(t, s, "a restart", v+1)
	expectImported(t, s, small)
	checkSQLiteIntegrity(t, path)
}
