package sitemap

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// xmllint returns the path of xmllint, or skips the test when it is
// missing.
func xmllint(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint not installed (Debian: libxml2-utils), so the sitemaps are not checked against their schemas; .ci/run installs it")
	}
	return p
}

// validate checks the files against the schema in testdata/schema with
// xmllint.
func validate(t *testing.T, bin, schema string, files []string) {
	t.Helper()
	require.NotEmpty(t, files)
	args := append([]string{"--noout", "--schema", filepath.Join("testdata", "schema", schema)}, files...)
	out, err := exec.Command(bin, args...).CombinedOutput()
	require.NoError(t, err, "xmllint --schema %s:\n%s", schema, out)
}

// TestSchemas checks every sitemap the handler serves (the golden ones,
// split ones, one with a thousand news articles) against the sitemaps.org
// schemas and Google's image and news extensions.
func TestSchemas(t *testing.T) {
	bin := xmllint(t)
	dir := t.TempDir()
	var indexes, urlsets []string
	save := func(name string, body []byte) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, body, 0o644))
		return p
	}
	for _, opts := range []*Options{nil, {URL: site, MaxURLs: 1}, {URL: site, MaxBytes: 700}} {
		e := newEnv(t, opts)
		if opts == nil { // a full news sitemap, with characters to escape
			for i := range MaxNewsURLs {
				a := article(300+i, fmt.Sprintf("tin-ngan-%04d", i), fmt.Sprintf("Tin ngắn số %d <&> \"KH&CN\"", i), catHTQT,
					at(25, 12, 0).Add(time.Duration(i)*time.Second), at(25, 12, 0))
				require.NoError(t, e.store.CreateArticle(t.Context(), a))
			}
		}
		n := len(indexes)
		indexes = append(indexes, save(fmt.Sprintf("index-%d.xml", n), e.mustGet(t, "/sitemap.xml")))
		var ix index
		parse(t, e.mustGet(t, "/sitemap.xml"), &ix)
		for j, s := range ix.Sitemaps {
			urlsets = append(urlsets, save(fmt.Sprintf("part-%d-%d.xml", n, j), e.mustGet(t, partPath(s.Loc))))
		}
		urlsets = append(urlsets, save(fmt.Sprintf("news-%d.xml", n), e.mustGet(t, "/sitemap-news.xml")))
	}
	validate(t, bin, "siteindex.xsd", indexes)
	validate(t, bin, "urlset.xsd", urlsets)
}

// TestSchemasCatchErrors makes sure the validation can fail: a news
// sitemap with an upper-case language and an index without loc are
// refused.
func TestSchemasCatchErrors(t *testing.T) {
	bin := xmllint(t)
	dir := t.TempDir()
	for _, tc := range []struct{ schema, body string }{
		{"urlset.xsd", newsOpen + `<url><loc>https://a.example/x</loc><news:news><news:publication><news:name>A</news:name><news:language>VI</news:language></news:publication><news:publication_date>2026-11-26</news:publication_date><news:title>T</news:title></news:news></url>` + urlsetClose},
		{"urlset.xsd", urlsetOpen + `<url><loc>https://a.example/x</loc><lastmod>26/11/2026</lastmod></url>` + urlsetClose},
		{"siteindex.xsd", indexOpen + `<sitemap><lastmod>2026-11-26</lastmod></sitemap>` + indexClose},
	} {
		p := filepath.Join(dir, "bad.xml")
		require.NoError(t, os.WriteFile(p, []byte(tc.body), 0o644))
		out, err := exec.Command(bin, "--noout", "--schema", filepath.Join("testdata", "schema", tc.schema), p).CombinedOutput()
		require.Error(t, err, "xmllint accepted:\n%s\n%s", tc.body, out)
	}
}
