package main

import (
	"encoding/json"
	"encoding/xml"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/news"
)

// TestSitemaps checks the demo's robots.txt and sitemaps: the index lists
// parts that hold every public article exactly once and no hidden one,
// the news sitemap holds the articles of the last two days, and, when
// xmllint is installed, all of them are valid against the sitemaps.org
// and Google schemas kept by package sitemap.
func TestSitemaps(t *testing.T) {
	a := startApp(t, "-db", "memory")
	resp, robots := get(t, a.siteURL+"robots.txt")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Contains(t, robots, "Disallow: /admin/\n")
	assert.Contains(t, robots, "Sitemap: "+a.siteURL+"sitemap.xml\n")
	assert.Contains(t, robots, "Sitemap: "+a.siteURL+"sitemap-news.xml\n")

	dir := t.TempDir()
	fetch := func(url, file string) string {
		resp, body := get(t, url)
		require.Equal(t, http.StatusOK, resp.StatusCode, "GET %s: %s", url, body)
		require.Equal(t, "application/xml; charset=utf-8", resp.Header.Get("Content-Type"))
		require.NoError(t, os.WriteFile(filepath.Join(dir, file), []byte(body), 0o644))
		return body
	}
	var ix struct {
		Locs []string `xml:"sitemap>loc"`
	}
	require.NoError(t, xml.Unmarshal([]byte(fetch(a.siteURL+"sitemap.xml", "index.xml")), &ix))
	require.NotEmpty(t, ix.Locs)
	seen := map[string]int{}
	var parts []string
	for i, loc := range ix.Locs {
		require.True(t, strings.HasPrefix(loc, a.siteURL+"sitemaps/"), loc)
		file := "part-" + string(rune('a'+i)) + ".xml"
		var u struct {
			Locs []string `xml:"url>loc"`
		}
		require.NoError(t, xml.Unmarshal([]byte(fetch(loc, file)), &u))
		for _, l := range u.Locs {
			seen[l]++
		}
		parts = append(parts, filepath.Join(dir, file))
	}
	now := a.now()
	for _, x := range allArticles(t, a.store, news.Query{}) {
		u := a.siteURL + "news/articles/" + x.Slug
		if x.Visible(now) {
			assert.Equal(t, 1, seen[u], "public article %s in the sitemaps", x.Slug)
		} else {
			assert.Zero(t, seen[u], "the %s article %s in the sitemaps", x.Status, x.Slug)
		}
	}
	assert.Equal(t, 1, seen[a.siteURL+"news/"], "the news section's home")

	var ns struct {
		URLs []struct {
			Loc  string `xml:"loc"`
			Name string `xml:"news>publication>name"`
		} `xml:"url"`
	}
	require.NoError(t, xml.Unmarshal([]byte(fetch(a.siteURL+"sitemap-news.xml", "news.xml")), &ns))
	require.NotEmpty(t, ns.URLs, "the demo has articles of the last two days")
	for _, u := range ns.URLs {
		assert.Equal(t, siteName, u.Name)
		assert.Equal(t, 1, seen[u.Loc], "%s is public", u.Loc)
	}

	bin, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint not installed (Debian: libxml2-utils), so the sitemaps are not checked against their schemas; .ci/run installs it")
	}
	schemas := filepath.Join("..", "..", "sitemap", "testdata", "schema")
	for schema, files := range map[string][]string{
		"siteindex.xsd": {filepath.Join(dir, "index.xml")},
		"urlset.xsd":    append(parts, filepath.Join(dir, "news.xml")),
	} {
		out, err := exec.Command(bin, append([]string{"--noout", "--schema", filepath.Join(schemas, schema)}, files...)...).CombinedOutput()
		assert.NoError(t, err, "xmllint --schema %s:\n%s", schema, out)
	}
}

// TestOEmbed checks that a demo article page links to the oEmbed provider
// and that the provider answers a valid card for it.
func TestOEmbed(t *testing.T) {
	a := startApp(t, "-db", "memory")
	var art *news.Article
	for _, x := range allArticles(t, a.store, news.Query{}) {
		if x.Visible(a.now()) && x.Cover != nil {
			art = x
			break
		}
	}
	require.NotNil(t, art, "a public article with a cover")
	page := a.siteURL + "news/articles/" + art.Slug
	_, html := get(t, page)
	endpoint := a.siteURL + "oembed?format=json&amp;url=" + url.QueryEscape(page)
	assert.Contains(t, html, `<link rel="alternate" type="application/json+oembed" href="`+endpoint+`"`)

	resp, body := get(t, a.siteURL+"oembed?"+url.Values{"url": {page}, "maxwidth": {"480"}}.Encode())
	require.Equal(t, http.StatusOK, resp.StatusCode, body)
	var card struct {
		Version, Type, Title, HTML, URL string
		Provider                        string `json:"provider_name"`
		Thumbnail                       string `json:"thumbnail_url"`
		Width                           int
	}
	require.NoError(t, json.Unmarshal([]byte(body), &card))
	assert.Equal(t, "1.0", card.Version)
	assert.Equal(t, "rich", card.Type)
	assert.Equal(t, art.Title, card.Title)
	assert.Equal(t, siteName, card.Provider)
	assert.Equal(t, page, card.URL)
	assert.Equal(t, 480, card.Width)
	assert.Contains(t, card.HTML, `href="`+page+`"`)
}
