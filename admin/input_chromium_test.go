package admin_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/unicode/norm"

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/widget"
)

// inParagraph is the paragraph of the demo's article every input method
// types after the motto.
const inParagraph = "Thực hiện thông báo của Ủy ban nhân dân tỉnh, Sở Khoa học và Công nghệ thông báo lịch nghỉ Tết Dương lịch năm 2027. " +
	"Các phòng, đơn vị bố trí cán bộ trực, bảo đảm an toàn cơ quan trong thời gian nghỉ."

// TestVietnameseInputChromium types the motto and a paragraph into a
// draft on the newsroom's own editor page with each input method, while
// autosave runs, and checks the editor's document, the saved body and the
// published page hold exactly that text in NFC, and that no autosaved
// revision of a composed text holds half a syllable.
func TestVietnameseInputChromium(t *testing.T) {
	bctx := edStartBrowser(t)
	f := newFixture(t, nil, nil)
	mux := http.NewServeMux()
	mux.Handle("/news/", http.StripPrefix("/news", widget.New(news.NewPublic(f.store, &news.PublicOptions{Now: f.clock.Now}), nil)))
	mux.Handle("/", f.srv)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	ctx := context.Background()
	want := "<p>" + edMotto + "</p><p>" + inParagraph + "</p>"
	require.True(t, norm.NFC.IsNormalString(want))

	for _, m := range []struct {
		name     string
		typ      func(t *testing.T, ctx context.Context, text string)
		composed bool // each syllable arrives whole
	}{
		{"Composition", edTypeComposition, true},
		{"Unikey", func(t *testing.T, ctx context.Context, text string) { edTypeUnikey(t, ctx, text, false) }, false},
		{"Unikey clipboard", func(t *testing.T, ctx context.Context, text string) { edTypeUnikey(t, ctx, text, true) }, false},
	} {
		t.Run(m.name, func(t *testing.T) {
			writer := f.actor("phongvien")
			a, err := f.nr.CreateArticle(ctx, writer, news.ArticleInput{Title: "Quốc hiệu và tiêu ngữ (" + m.name + ")", CategoryID: f.cats["khoa-hoc"]}, "")
			require.NoError(t, err)

			tab, cancel := chromedp.NewContext(bctx, chromedp.WithNewBrowserContext())
			t.Cleanup(cancel)
			tab, cancelTimeout := context.WithTimeout(tab, 4*time.Minute)
			t.Cleanup(cancelTimeout)
			run := func(what string, actions ...chromedp.Action[chromedp.Void]) {
				t.Helper()
				require.NoError(t, chromedp.Do(tab, actions...), what)
			}
			wait := func(what, cond string) {
				t.Helper()
				for {
					_, err := chromedp.Run(tab, chromedp.Poll[bool](cond))
					// -32000: the page the condition ran in went away mid-poll.
					if err == nil || !strings.Contains(err.Error(), "(-32000)") {
						require.NoError(t, err, "waiting for %s", what)
						return
					}
				}
			}
			run("sign in", chromedp.Navigate(srv.URL+"/admin/sign-in"))
			wait("the sign-in page", `document.readyState === "complete" && !!document.querySelector("#username")`)
			run("sign in",
				chromedp.SendKeys(chromedp.CSS("#username"), "phongvien"),
				chromedp.SendKeys(chromedp.CSS("#password"), password),
				chromedp.Click(chromedp.CSS(`form button[type="submit"]`)))
			wait("the dashboard", `location.pathname === "/admin/" && document.readyState === "complete"`)
			run("open the draft", chromedp.Navigate(srv.URL+"/admin/articles/"+a.ID.String()))
			wait("the editor", `document.readyState === "complete" && !!document.querySelector(".ProseMirror")`)
			edEval[chromedp.Void](t, tab, edWatchComposition)
			run("focus the body", chromedp.Click(chromedp.CSS(".ProseMirror")))

			m.typ(t, tab, edMotto)
			edKey(t, tab, "Enter", 0)
			m.typ(t, tab, inParagraph)

			assert.Equal(t, want, edEval[string](t, tab, `document.getElementById("body").value`), "the editor's document")
			assert.Equal(t, edMotto+inParagraph, edEval[string](t, tab, `document.querySelector(".ProseMirror").textContent`), "the page shows it")
			require.Eventually(t, func() bool {
				got, err := f.nr.Article(ctx, writer, a.ID)
				return err == nil && got.Body == want
			}, 30*time.Second, 200*time.Millisecond, "autosave keeps the whole text")
			assert.Equal(t, want, edEval[string](t, tab, `document.getElementById("body").value`), "the editor shows the saved body unchanged")

			if m.composed {
				inAssertWholeSyllables(t, f, writer, a.ID)
			}

			_, err = f.nr.Transition(ctx, f.actor("lanhdao"), a.ID, news.TransitionInput{Action: news.ActionPublish})
			require.NoError(t, err)
			got, err := f.nr.Article(ctx, writer, a.ID)
			require.NoError(t, err)
			w := httptest.NewRecorder()
			mux.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/news/articles/"+got.Slug, nil))
			require.Equal(t, http.StatusOK, w.Code)
			page := w.Body.String()
			assert.True(t, norm.NFC.IsNormalString(page), "the published page is NFC")
			assert.Contains(t, page, "<p>"+edMotto+"</p>", "the published page has the motto")
			assert.Contains(t, page, "<p>"+inParagraph+"</p>", "the published page has the paragraph")
		})
	}
}

// inAssertWholeSyllables asserts no revision autosave kept of the
// article holds a word that is not one of the typed text's.
func inAssertWholeSyllables(t *testing.T, f *fixture, actor news.Actor, id uuid.UUID) {
	t.Helper()
	words := map[string]bool{}
	for _, w := range strings.FieldsFunc(edMotto+" "+inParagraph, func(r rune) bool { return r == ' ' || r == ',' || r == '.' }) {
		words[w] = true
	}
	revs, err := f.nr.Revisions(context.Background(), actor, id)
	require.NoError(t, err)
	require.NotEmpty(t, revs)
	tags := regexp.MustCompile(`<[^>]*>`)
	for _, r := range revs {
		full, err := f.nr.Revision(context.Background(), actor, id, r.Number)
		require.NoError(t, err)
		body := tags.ReplaceAllString(full.Snapshot.Body, " ")
		for _, w := range strings.FieldsFunc(body, func(r rune) bool { return r == ' ' || r == ',' || r == '.' }) {
			assert.True(t, words[w], "revision %d holds %q, half a syllable", r.Number, w)
		}
	}
}
