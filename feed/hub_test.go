package feed

import (
	"encoding/json"
	"encoding/xml"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/news"
)

// hubURL is the WebSub hub the tests configure.
const hubURL = "https://hub.example.gov.vn/"

func TestHandlerAdvertisesHub(t *testing.T) {
	e := newEnv(t, &Options{Hub: hubURL})
	type xmlLink struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr"`
	}
	for _, tc := range []struct {
		target, self string
		links        func(t *testing.T, body []byte) []xmlLink
	}{
		{"/feed?format=atom", base + "feed.atom", func(t *testing.T, body []byte) []xmlLink {
			var doc struct {
				Links []xmlLink `xml:"http://www.w3.org/2005/Atom link"`
			}
			require.NoError(t, xml.Unmarshal(body, &doc))
			return doc.Links
		}},
		{"/feed?format=rss&category=" + categories[0].Slug, base + "categories/" + categories[0].Slug + "/feed.rss", func(t *testing.T, body []byte) []xmlLink {
			var doc struct {
				Channel struct {
					Links []xmlLink `xml:"http://www.w3.org/2005/Atom link"`
				} `xml:"channel"`
			}
			require.NoError(t, xml.Unmarshal(body, &doc))
			return doc.Channel.Links
		}},
		{"/feed?format=json&lang=vi", base + "feed.json?lang=vi", func(t *testing.T, body []byte) []xmlLink {
			var doc struct {
				FeedURL string `json:"feed_url"`
				Hubs    []struct {
					Type string `json:"type"`
					URL  string `json:"url"`
				} `json:"hubs"`
			}
			require.NoError(t, json.Unmarshal(body, &doc))
			require.Len(t, doc.Hubs, 1)
			assert.Equal(t, "WebSub", doc.Hubs[0].Type)
			return []xmlLink{{doc.FeedURL, "self"}, {doc.Hubs[0].URL, "hub"}}
		}},
	} {
		t.Run(tc.target, func(t *testing.T) {
			res := e.get(e.h, http.MethodGet, tc.target)
			require.Equal(t, http.StatusOK, res.Code, res.Body.String())
			assert.Equal(t, `<`+hubURL+`>; rel="hub", <`+tc.self+`>; rel="self"`, res.Header().Get("Link"))
			links := tc.links(t, res.Body.Bytes())
			assert.Contains(t, links, xmlLink{hubURL, "hub"})
			assert.Contains(t, links, xmlLink{tc.self, "self"})
		})
	}
}

func TestHandlerWithoutHub(t *testing.T) {
	e := newEnv(t, nil)
	res := e.get(e.h, http.MethodGet, "/feed?format=atom")
	require.Equal(t, http.StatusOK, res.Code)
	assert.Empty(t, res.Header().Get("Link"))
	assert.NotContains(t, res.Body.String(), `rel="hub"`)
}

func TestNewRejectsRelativeHub(t *testing.T) {
	_, err := New(news.NewPublic(nil, nil), &Options{BaseURL: base, Hub: "/hub"})
	require.ErrorIs(t, err, news.ErrInvalid)
	assert.ErrorContains(t, err, "Hub")
}
