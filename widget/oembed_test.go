package widget_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/orgnews/orgnews/widget"
)

// TestOEmbedDiscovery checks that an article page links to the oEmbed
// provider Options.OEmbed names, in JSON and XML, and that no page does
// without it.
func TestOEmbedDiscovery(t *testing.T) {
	const endpoint = "https://skhcn.example.gov.vn/oembed"
	s := newNewsSite(t, &widget.Options{OEmbed: endpoint})
	_, body := get(t, s.h, "/articles/dai-hoi")
	q := url.Values{"url": {testBase + "articles/dai-hoi"}}
	for _, format := range []struct{ name, ctype string }{{"json", "application/json+oembed"}, {"xml", "text/xml+oembed"}} {
		q.Set("format", format.name)
		href := strings.ReplaceAll(endpoint+"?"+q.Encode(), "&", "&amp;")
		assert.Contains(t, body, `<link rel="alternate" type="`+format.ctype+`" href="`+href+`"`, "the %s link", format.name)
	}
	_, index := get(t, s.h, "/")
	assert.NotContains(t, index, "oembed", "only article pages link to the provider")

	_, plain := get(t, newNewsSite(t, nil).h, "/articles/dai-hoi")
	assert.NotContains(t, plain, "oembed")
}
