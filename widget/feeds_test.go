package widget_test

import (
	"encoding/xml"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/feed"
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

// TestFeedsAdvertiseHub checks that the WebSub hub of Options.Feed reaches
// the feeds in every format, and that without it they name none.
func TestFeedsAdvertiseHub(t *testing.T) {
	const hub = "https://hub.example.gov.vn/"
	s := newNewsSite(t, &widget.Options{Feed: feed.Options{Hub: hub}})
	plain := newNewsSite(t, nil)
	for _, path := range []string{"/feed.rss", "/feed.atom", "/feed.json"} {
		t.Run(path, func(t *testing.T) {
			res, body := get(t, s.h, path)
			require.Equal(t, 200, res.StatusCode, body)
			assert.Contains(t, res.Header.Get("Link"), "<"+hub+`>; rel="hub"`)
			assert.Contains(t, res.Header.Get("Link"), path+`>; rel="self"`)
			assert.Contains(t, body, hub)

			res, body = get(t, plain.h, path)
			require.Equal(t, 200, res.StatusCode, body)
			assert.Empty(t, res.Header.Get("Link"))
			assert.NotContains(t, body, hub)
		})
	}
}
