package news

import "testing"

// TestSanitizeTidy checks the tidy pass: blank paragraphs, headings and
// inline elements go, and the parser balances and completes the markup.
func TestSanitizeTidy(t *testing.T) {
	t.Parallel()
	testSanitizeCases(t, []sanitizeCase{
		{"table body implied", "<table><tr><td>Ô</td></tr></table>", "<table><tbody><tr><td>Ô</td></tr></tbody></table>"},
		{"empty paragraphs", "<p></p><p> </p><p>&nbsp;</p><p><br></p><p><o:p>&nbsp;</o:p></p><p>a</p><p>&nbsp;&nbsp;</p><p>b</p><p>\u00a0</p>", "<p>a</p><p>b</p>"},
		{"empty heading and quote", "<h2> </h2><blockquote><p>&nbsp;</p></blockquote><p>a</p>", "<p>a</p>"},
		{"empty inline elements", "<p>a<b></b>b<strong> </strong>c<a href=/x></a></p>", "<p>ab c</p>"},
		{"blank paragraph with an image is kept", `<p><img src="/a.jpg"></p>`, `<p><img src="/a.jpg"/></p>`},
		{"unbalanced tags balanced", "<p><b>a<i>b</p>c", "<p><b>a<i>b</i></b></p><b><i>c</i></b>"},
	})
}
