package feed

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/orgnews/orgnews/news"
)

// atomSchema returns the path of the RFC 4287 RELAX NG schema, or skips
// the test when xmllint or the schema is missing.
func atomSchema(t *testing.T) (xmllint, schema string) {
	t.Helper()
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint not installed (Debian: libxml2-utils); .ci/run installs it")
	}
	for _, p := range []string{"testdata/atom.rng", "../../shared/testdata/atom.rng"} {
		if _, err := os.Stat(p); err == nil {
			return xmllint, p
		}
	}
	t.Skip("atom.rng not found in testdata/ or ../../shared/testdata/")
	return "", ""
}

// TestAtomSchema checks the Atom golden files and feeds built from other
// inputs (empty, mixed languages, no base URL, a WebSub hub, a handler's category feed)
// against the RFC 4287 schema with xmllint.
func TestAtomSchema(t *testing.T) {
	xmllint, schema := atomSchema(t)
	dir := t.TempDir()
	mixed := articles()
	mixed[1].Lang = "en"
	inputs := map[string]struct {
		arts []*news.Article
		m    *Meta
	}{
		"empty":   {nil, nil},
		"mixed":   {mixed, meta()},
		"no-base": {hostileArticles(), &Meta{Title: "\x00"}},
		"bench":   {benchArticles(3), meta()},
		"hub":     {articles(), withHub(meta())},
	}
	files, err := filepath.Glob("testdata/*.atom")
	if err != nil {
		t.Fatal(err)
	}
	for name, in := range inputs {
		data, err := Build(Atom, in.arts, in.m)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name+".atom")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	e := newEnv(t, nil)
	w := e.get(e.h, "GET", "/feed?format=atom&category=hoat-dong-so&lang=vi")
	p := filepath.Join(dir, "handler.atom")
	if err := os.WriteFile(p, w.Body.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	files = append(files, p)

	out, err := exec.Command(xmllint, append([]string{"--noout", "--relaxng", schema}, files...)...).CombinedOutput()
	if err != nil {
		t.Errorf("xmllint --relaxng %s: %v\n%s", schema, err, out)
	}
}

// withHub returns m with the WebSub hub of the tests.
func withHub(m *Meta) *Meta {
	m.Hub = hubURL
	return m
}
