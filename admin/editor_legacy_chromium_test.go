package admin_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/unicode/norm"

	"github.com/orgnews/orgnews/news"
)

// edTestLegacy pastes the Word fragments typed in TCVN3 and VNI: the runs
// in a legacy font arrive converted, and what the server saves of them is
// what the editor shows. Text with no font that reads as TCVN3 or VNI is
// pasted as it is, with an offer to convert it.
func edTestLegacy(t *testing.T, bctx context.Context, base string) {
	ctx := edOpen(t, bctx, base)
	for _, tc := range []struct{ name, fixture string }{
		{"TCVN3", "news/sanitize_tcvn3.html"},
		{"VNI", "news/sanitize_vni.html"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			edEval[chromedp.Void](t, ctx, "editor.setHTML(''); editor.focus()")
			got := edEval[string](t, ctx, "pasteFixture("+edJS(tc.fixture)+")")
			assert.True(t, norm.NFC.IsNormalString(got), "the pasted body is NFC")
			assert.Contains(t, got, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")
			assert.Contains(t, got, "Độc lập - Tự do - Hạnh phúc")
			assert.Contains(t, got, "Sở Khoa học và Công nghệ")
			for _, debris := range []string{"Céng", "Coäng", "µ", "aø", "VnTime", "VNI-", "font"} {
				assert.NotContains(t, got, debris)
			}
			assert.True(t, edEval[bool](t, ctx, "document.querySelector('.orgnews-editor__notice').hidden"),
				"a fragment whose fonts say its encoding is converted with no question")
			// The server converts the same fragment alike, and keeps what the
			// editor made.
			saved := news.Sanitize(got)
			server := news.Sanitize(edEval[string](t, ctx, "fetch('/"+tc.fixture+"').then(r => r.text())"))
			assert.Equal(t, edText(server), edText(saved), "the editor and the server convert alike")
			edEval[chromedp.Void](t, ctx, "editor.setHTML("+edJS(saved)+")")
			assert.Equal(t, saved, edEval[string](t, ctx, "editor.getHTML()"), "the editor shows the saved body unchanged")
		})
	}

	for _, tc := range []struct {
		name, typed, kind, notice, want string
		convert                         bool
	}{
		{"plain TCVN3 converted", "Héi nghÞ tæng kÕt nhiÖm vô khoa häc vµ c«ng nghÖ n¨m 2026.", "tcvn3", "TCVN3",
			"Hội nghị tổng kết nhiệm vụ khoa học và công nghệ năm 2026.", true},
		{"plain VNI kept", "Hoäi nghò toång keát nhieäm vuï khoa hoïc vaø coâng ngheä.", "vni", "VNI",
			"Hoäi nghò toång keát nhieäm vuï khoa hoïc vaø coâng ngheä.", false},
		{"plain VNI converted", "Hoäi nghò toång keát nhieäm vuï khoa hoïc vaø coâng ngheä.", "vni", "VNI",
			"Hội nghị tổng kết nhiệm vụ khoa học và công nghệ.", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.kind, strings.ToLower(news.DetectLegacy(tc.typed).String()))
			// setHTML puts the caret at the start.
			edEval[chromedp.Void](t, ctx, "editor.setHTML('<p>(bản cũ)</p>'); editor.focus()")
			edEval[chromedp.Void](t, ctx, "pasteText("+edJS(tc.typed+" ")+")")
			assert.Equal(t, "<p>"+tc.typed+" (bản cũ)</p>", edEval[string](t, ctx, "editor.getHTML()"), "the paste is kept as it came")
			require.False(t, edEval[bool](t, ctx, "document.querySelector('.orgnews-editor__notice').hidden"), "the conversion is offered")
			assert.Contains(t, edEval[string](t, ctx, "document.querySelector('.orgnews-editor__notice').textContent"), tc.notice)
			button := "keep"
			if tc.convert {
				button = "convert"
			}
			edEval[chromedp.Void](t, ctx, "document.querySelector('[data-legacy="+button+"]').click()")
			assert.Equal(t, "<p>"+tc.want+" (bản cũ)</p>", edEval[string](t, ctx, "editor.getHTML()"))
			assert.Equal(t, "<p>"+tc.want+" (bản cũ)</p>", edEval[string](t, ctx, "document.getElementById('body').value"))
			assert.True(t, edEval[bool](t, ctx, "document.querySelector('.orgnews-editor__notice').hidden"))
		})
	}

	t.Run("Unicode paste asks nothing", func(t *testing.T) {
		edEval[chromedp.Void](t, ctx, "editor.setHTML(''); editor.focus()")
		edEval[chromedp.Void](t, ctx, "pasteText("+edJS("Tôi là cô giáo, chú ý giờ vào lớp.")+")")
		assert.True(t, edEval[bool](t, ctx, "document.querySelector('.orgnews-editor__notice').hidden"))
	})

	// The bundle's helpers agree with the news package's.
	samples := []string{
		"Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Coäng hoaø xaõ hoäi chuû nghóa Vieät Nam",
		"COÄNG HOAØ XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "tr\u00adêng, ¡¢£¤¥¦§", "Sôû Khoa hoïc öùng duïng, bø aøø",
		"Tôi là cô giáo, chú ý giờ vào lớp", "Le café près de la fenêtre était très agréable à côté",
		"Héi nghÞ tæng kÕt", "kyõ thuaät, ñòa chæ", "",
	}
	for _, s := range samples {
		got := edEval[[]string](t, ctx, "[OrgnewsEditor.convertLegacy('tcvn3', "+edJS(s)+"), OrgnewsEditor.convertLegacy('tcvn3caps', "+edJS(s)+
			"), OrgnewsEditor.convertLegacy('vni', "+edJS(s)+"), String(OrgnewsEditor.detectLegacy("+edJS(s)+"))]")
		detected := strings.ToLower(news.DetectLegacy(s).String())
		if detected == "" {
			detected = "null"
		}
		assert.Equal(t, []string{news.FromTCVN3(s), news.FromTCVN3Capitals(s), news.FromVNI(s), detected}, got, "%q", s)
	}
	for _, f := range []string{`".VnTime"`, `.VnArialH, sans-serif`, `'VNI-Times'`, `"Times New Roman", ".VnTime"`, `".Vn"`} {
		want := map[news.Legacy]string{news.LegacyNone: "null", news.LegacyTCVN3: "tcvn3", news.LegacyTCVN3Capitals: "tcvn3caps", news.LegacyVNI: "vni"}[news.LegacyFont(f)]
		assert.Equal(t, want, edEval[string](t, ctx, "String(OrgnewsEditor.legacyFont("+edJS(f)+"))"), "legacyFont(%q)", f)
	}
	edClean(t, ctx)
}

// edText is the text of an HTML fragment, its tags and the line breaks
// between its blocks removed.
func edText(h string) string {
	var b strings.Builder
	in := false
	for _, r := range h {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
		case !in && r != '\n':
			b.WriteRune(r)
		}
	}
	return b.String()
}

// edTestCombining types text with combining marks, as Unikey's "Unicode
// tổ hợp" writes it: the editor shows it as typed, the server stores it
// NFC, and the editor then shows the stored body unchanged.
func edTestCombining(t *testing.T, bctx context.Context, base string) {
	ctx := edOpen(t, bctx, base)
	const composed = "Hội nghị tổng kết năm 2026 của Sở Khoa học và Công nghệ"
	decomposed := norm.NFD.String(composed)
	edEval[chromedp.Void](t, ctx, "editor.setHTML(''); editor.focus()")
	edInsertText(t, ctx, decomposed)
	typed := edEval[string](t, ctx, "editor.getHTML()")
	assert.Equal(t, "<p>"+decomposed+"</p>", typed, "the editor keeps what was typed")
	saved := news.Sanitize(typed)
	assert.Equal(t, "<p>"+composed+"</p>", saved, "the server stores NFC")
	edEval[chromedp.Void](t, ctx, "editor.setHTML("+edJS(saved)+")")
	assert.Equal(t, saved, edEval[string](t, ctx, "editor.getHTML()"))
	assert.Equal(t, composed, edEval[string](t, ctx, "document.querySelector('[role=textbox]').textContent"))
	assert.Equal(t, news.Slugify(composed), news.Slugify(decomposed))
	edClean(t, ctx)
}
