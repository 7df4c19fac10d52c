package feed

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/news"
)

// jsonItems returns the items of a JSON Feed as maps, so a test sees
// which members are present.
func jsonItems(tb testing.TB, data []byte) []map[string]any {
	tb.Helper()
	var doc struct {
		Items []map[string]any `json:"items"`
	}
	require.NoError(tb, json.Unmarshal(data, &doc))
	return doc.Items
}

// TestBuildJSONContentTextWhenBodyEmpty checks that every JSON Feed item
// has content_html or content_text, as JSON Feed 1.1 requires: an article
// whose body is empty (the sanitiser removed all of it) gets its summary,
// or else its title, as content_text.
func TestBuildJSONContentTextWhenBodyEmpty(t *testing.T) {
	tests := []struct {
		name, summary, body string
		wantHTML, wantText  string
	}{
		{"summary", "Sở thông báo lịch tiếp công dân tháng 12.", "", "", "Sở thông báo lịch tiếp công dân tháng 12."},
		{"title", "", "  \n", "", "Lịch tiếp công dân tháng 12/2026"},
		{"body", "Tóm tắt.", "<p>Nội dung.</p>", "<p>Nội dung.</p>", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := articles()[2]
			a.Title, a.Summary, a.Body, a.Attachments = "Lịch tiếp công dân tháng 12/2026", tc.summary, tc.body, nil
			data, err := Build(JSON, []*news.Article{a}, meta())
			require.NoError(t, err)
			it := jsonItems(t, data)[0]
			if tc.wantHTML != "" {
				assert.Equal(t, tc.wantHTML, it["content_html"])
			} else {
				assert.NotContains(t, it, "content_html")
			}
			if tc.wantText != "" {
				assert.Equal(t, tc.wantText, it["content_text"])
			} else {
				assert.NotContains(t, it, "content_text")
			}
			parse(t, JSON, data)
		})
	}
}
