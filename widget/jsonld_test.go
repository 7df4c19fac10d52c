package widget_test

import (
	"encoding/json"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/widget"
)

// TestJSONLDShapes checks an article page's structured data against the
// shapes search engines document: Google's Article (a NewsArticle with
// headline, image, dates, author and a publisher Organization with name,
// url and an ImageObject logo) and BreadcrumbList (ListItems numbered
// from 1, each with a name and, but for the last, the page itself, an
// item URL).
func TestJSONLDShapes(t *testing.T) {
	s := newNewsSite(t, &widget.Options{Logo: "/static/logo-so-khcn.png"})
	_, page := get(t, s.h, "/articles/dai-hoi")
	blocks := regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`).FindAllStringSubmatch(page, -1)
	require.Len(t, blocks, 2)

	var article struct {
		Context       string   `json:"@context"`
		Type          string   `json:"@type"`
		Headline      string   `json:"headline"`
		Image         []string `json:"image"`
		DatePublished string   `json:"datePublished"`
		DateModified  string   `json:"dateModified"`
		Author        struct {
			Type string `json:"@type"`
			Name string `json:"name"`
		} `json:"author"`
		Publisher struct {
			Type string `json:"@type"`
			Name string `json:"name"`
			URL  string `json:"url"`
			Logo struct {
				Type string `json:"@type"`
				URL  string `json:"url"`
			} `json:"logo"`
		} `json:"publisher"`
	}
	require.NoError(t, json.Unmarshal([]byte(blocks[0][1]), &article))
	assert.Equal(t, "https://schema.org", article.Context)
	assert.Equal(t, "NewsArticle", article.Type)
	assert.Equal(t, "Đại hội Chi bộ Chuyên ngành nhiệm kỳ 2022–2025", article.Headline)
	assert.NotEmpty(t, article.Image)
	assert.Equal(t, "2022-11-28T09:00:00+07:00", article.DatePublished)
	assert.Equal(t, "Person", article.Author.Type)
	assert.Equal(t, "Văn phòng Sở", article.Author.Name)
	assert.Equal(t, "Organization", article.Publisher.Type)
	assert.Equal(t, "Sở Khoa học và Công nghệ", article.Publisher.Name)
	assert.Equal(t, testBase, article.Publisher.URL)
	assert.Equal(t, "ImageObject", article.Publisher.Logo.Type)
	assert.Equal(t, "https://skhcn.example.gov.vn/static/logo-so-khcn.png", article.Publisher.Logo.URL, "resolved against BaseURL")

	var crumbs struct {
		Context string `json:"@context"`
		Type    string `json:"@type"`
		Items   []struct {
			Type     string `json:"@type"`
			Position int    `json:"position"`
			Name     string `json:"name"`
			Item     string `json:"item"`
		} `json:"itemListElement"`
	}
	require.NoError(t, json.Unmarshal([]byte(blocks[1][1]), &crumbs))
	assert.Equal(t, "https://schema.org", crumbs.Context)
	assert.Equal(t, "BreadcrumbList", crumbs.Type)
	var names, items []string
	for i, it := range crumbs.Items {
		assert.Equal(t, "ListItem", it.Type)
		assert.Equal(t, i+1, it.Position)
		names, items = append(names, it.Name), append(items, it.Item)
	}
	assert.Equal(t, []string{"Tin tức", "Hoạt động của Sở", "Chi bộ – Đoàn thể", "Đại hội Chi bộ Chuyên ngành nhiệm kỳ 2022–2025"}, names)
	assert.Equal(t, []string{testBase, testBase + "categories/hoat-dong", testBase + "categories/chi-bo-doan-the", ""}, items)

	_, plain := get(t, newNewsSite(t, nil).h, "/articles/dai-hoi")
	assert.NotContains(t, plain, `"logo"`, "no logo without Options.Logo")
}
