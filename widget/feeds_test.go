package widget_test

import (
	"encoding/xml"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/widget"
)

// TestFeedsFollowSiteOptions checks that the feeds take their language
// from the site's language, not from the articles they happen to hold,
// and describe the site rather than repeat its title.
func TestFeedsFollowSiteOptions(t *testing.T) {
	for _, lang := range []string{"vi", "en"} {
		t.Run(lang, func(t *testing.T) {
			s := newNewsSite(t, &widget.Options{Lang: lang})
			res, body := get(t, s.h, "/feed.rss")
			require.Equal(t, 200, res.StatusCode, body)
			var doc struct {
				Channel struct {
					Title       string `xml:"title"`
					Description string `xml:"description"`
					Language    string `xml:"language"`
				} `xml:"channel"`
			}
			require.NoError(t, xml.Unmarshal([]byte(body), &doc))
			assert.Equal(t, lang, doc.Channel.Language)
			assert.Equal(t, "Sở Khoa học và Công nghệ", doc.Channel.Title)
			assert.Contains(t, doc.Channel.Description, "Sở Khoa học và Công nghệ")
			assert.NotEqual(t, doc.Channel.Title, doc.Channel.Description)
		})
	}
}
