package widget_test

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A crNotice is what a box shows when its category does not exist.
type crNotice struct {
	Lang, Heading, Text, Link string
	Links                     int // article links: none
}

// crNoticeJS reads the notice of the box under root, or returns null
// before it shows.
const crNoticeJS = `const notice = (root) => {
	const box = root && root.querySelector('.news-box'), p = box && box.querySelector('.news-box__empty');
	if (!p) return null;
	return {Lang: box.lang, Heading: box.querySelector('.news-box__title').textContent.trim(), Text: p.textContent.trim(),
		Link: box.querySelector('.news-box__more a').href, Links: box.querySelectorAll('.news-box__link').length};
};`

// TestChromiumBoxNotice embeds a box whose category does not exist, as the
// web component and as an iframe: each shows a short notice in the box's
// language with a link to the news section, not a bare link or JSON.
func TestChromiumBoxNotice(t *testing.T) {
	bctx := crStartBrowser(t)
	newsURL, hostURL := crLayoutSites(t)
	tb := crNewTab(t, bctx)
	for _, tc := range []struct {
		lang string
		want crNotice
	}{
		{"vi", crNotice{Lang: "vi", Heading: "Tin tức", Text: "Không tìm thấy chuyên mục tin này: có thể chuyên mục đã được đổi tên hoặc gỡ bỏ.", Link: newsURL}},
		{"en", crNotice{Lang: "en", Heading: "News", Text: "This news category could not be found: it may have been renamed or removed.", Link: newsURL}},
	} {
		box := url.Values{"category": {"khong-co"}, "lang": {tc.lang}}
		t.Run("script/"+tc.lang, func(t *testing.T) {
			tb.t = t
			tb.navigate(hostURL + "/?" + url.Values{"mode": {"script"}, "layout": {"column"}, "box": {box.Encode()}}.Encode())
			got := crWaitFor[crNotice](tb, `(() => { `+crNoticeJS+` const w = document.querySelector('news-widget'); return notice(w.shadowRoot); })()`)
			assert.Equal(t, tc.want, got)
			reports, console := tb.take()
			assert.Empty(t, reports, "no CSP report, no dialog")
			for _, c := range console {
				assert.Contains(t, c, "status of 404", "only the 404 itself is an error in the console")
			}
		})
		t.Run("iframe/"+tc.lang, func(t *testing.T) {
			tb.t = t
			tb.navigate(hostURL + "/?" + url.Values{"mode": {"iframe"}, "layout": {"column"}, "box": {box.Encode()}}.Encode())
			got, err := crFrameWait[crNotice](tb, newsURL+"embed?"+box.Encode(), `(() => { `+crNoticeJS+` return notice(document); })()`)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
			_, _ = tb.take() // the console has the 404 of the iframe
		})
	}
}
