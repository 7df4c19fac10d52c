package news_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
)

// readmeBlock matches a fenced Go block of the README that is a whole
// program, and the text block that may follow it with what it prints.
var readmeBlock = regexp.MustCompile("(?s)```go\n(package main\n.*?)```\n(?:\nIt prints:\n\n```text\n(.*?)```)?")

// readmeModule is the module line of go.mod.
var readmeModule = regexp.MustCompile(`(?m)^module .*$`)

// TestREADMEPrograms builds and runs every whole program of the README
// against this checkout and compares what it prints with the README.
func TestREADMEPrograms(t *testing.T) {
	if testing.Short() {
		t.Skip("builds programs with the go command; skipped with -short")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	gomod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	blocks := readmeBlock.FindAllStringSubmatch(string(readme), -1)
	if len(blocks) < 2 {
		t.Fatalf("README.md has %d whole Go programs, want the two of the news section", len(blocks))
	}
	for i, b := range blocks {
		dir := t.TempDir()
		// The program's module requires what orgnews requires, at the same
		// versions, so that the go command needs no go.mod file beyond those
		// the module cache holds for orgnews itself.
		mod := readmeModule.ReplaceAllString(string(gomod), "module readme") +
			"\nrequire github.com/orgnews/orgnews v0.0.0\n\nreplace github.com/orgnews/orgnews => " + root + "\n"
		for name, data := range map[string]string{"go.mod": mod, "go.sum": string(sum), "main.go": b[1]} {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		cmd := exec.Command(gobin, "run", ".")
		cmd.Dir = dir
		// Modules come from the cache that built this test; nothing is fetched.
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Errorf("README program %d: %v\n%s", i+1, err, out)
			continue
		}
		if want := b[2]; want != "" && string(out) != want {
			t.Errorf("README program %d prints:\n%s\nthe README says:\n%s", i+1, out, want)
		}
	}
}
