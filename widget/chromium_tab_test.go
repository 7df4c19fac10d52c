package widget_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// A crReport is what probe.js sends from a page.
type crReport struct {
	Kind   string `json:"kind"` // "dialog", "csp", "probe" or "flush"
	Detail string `json:"detail"`
	URL    string `json:"url"`
}

// A crTab is a browser tab that records what its pages report: probe.js
// reports, console errors and exceptions, and dialogs that opened.
type crTab struct {
	t   *testing.T
	ctx context.Context

	mu      sync.Mutex
	reports []crReport
	console []string
	flushed map[string]chan struct{}
	loads   chan string // URLs of the top documents that fired load
}

// crNewTab opens a tab in the browser with probe.js installed in every
// document it loads. The tab closes when the test ends.
func crNewTab(t *testing.T, bctx context.Context) *crTab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(bctx)
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(cancelTimeout)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("opening a crTab: %v", err)
	}
	tb := &crTab{t: t, ctx: ctx, flushed: map[string]chan struct{}{}, loads: make(chan string, 16)}
	bindings := chromedp.Events(ctx, runtime.BindingCalled)
	dialogs := chromedp.Events(ctx, page.JavascriptDialogOpening)
	console := chromedp.Console(ctx)
	go func() {
		for ev, err := range bindings {
			if err != nil {
				return
			}
			var r crReport
			if ev.Name != "__orgnewsReport" || json.Unmarshal([]byte(ev.Payload), &r) != nil {
				continue
			}
			if r.Kind == "load" {
				select {
				case tb.loads <- r.URL:
				default:
				}
				continue
			}
			tb.mu.Lock()
			if r.Kind == "flush" {
				if c := tb.flushed[r.Detail]; c != nil {
					close(c)
					delete(tb.flushed, r.Detail)
				}
			} else {
				tb.reports = append(tb.reports, r)
			}
			tb.mu.Unlock()
		}
	}()
	go func() {
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			tb.mu.Lock()
			tb.reports = append(tb.reports, crReport{Kind: "dialog", Detail: string(ev.Type) + ": " + ev.Message, URL: ev.URL})
			tb.mu.Unlock()
			// Close it, or the page stays blocked. The error is dropped: the
			// page may be gone already, and the report above is what counts.
			_, _ = chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	go func() {
		for m, err := range console {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				tb.mu.Lock()
				tb.console = append(tb.console, m.URL+": "+m.String())
				tb.mu.Unlock()
			}
		}
	}()
	_, err := chromedp.Call(ctx, runtime.AddBinding, runtime.AddBindingParams{Name: "__orgnewsReport"})
	if err != nil {
		t.Fatalf("adding the report binding: %v", err)
	}
	_, err = chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: crProbeJS})
	if err != nil {
		t.Fatalf("installing probe.js: %v", err)
	}
	return tb
}

// navigate loads url in the tab and waits for its load event.
func (tb *crTab) navigate(url string) {
	tb.t.Helper()
	resp, err := chromedp.Run(tb.ctx, chromedp.NavigateResponse(url))
	if err != nil {
		tb.t.Fatalf("navigate to %s: %v", url, err)
	}
	if resp.Status != http.StatusOK {
		tb.t.Fatalf("navigate to %s: status %d", url, resp.Status)
	}
}

// crEval evaluates a JavaScript expression in the page and decodes its value
// (awaited when it is a promise) into T.
func crEval[T any](tb *crTab, expr string) T {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("evaluating %s: %v", crFirstLine(expr), err)
	}
	return v
}

// crPolling polls on a timer: requestAnimationFrame, the default, does not
// run in a tab that is not in front.
var crPolling = chromedp.WithPollingInterval(20 * time.Millisecond)

// crWaitFor polls a JavaScript expression until it is truthy, for at most
// ten seconds, and returns its value.
func crWaitFor[T any](tb *crTab, expr string, opts ...chromedp.PollOption) T {
	tb.t.Helper()
	opts = append([]chromedp.PollOption{crPolling, chromedp.WithPollingTimeout(10 * time.Second)}, opts...)
	v, err := chromedp.Run(tb.ctx, chromedp.Poll[T](expr, opts...))
	if err != nil {
		tb.t.Fatalf("waiting for %s: %v", crFirstLine(expr), err)
	}
	return v
}

func crFirstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " …"
	}
	return s
}

// flush waits until every report the page sent before now has been
// recorded: binding events arrive in order, so a last "flush" report that
// arrives proves the earlier ones did.
func (tb *crTab) flush() {
	tb.t.Helper()
	id := strconv.FormatInt(time.Now().UnixNano(), 36)
	c := make(chan struct{})
	tb.mu.Lock()
	tb.flushed[id] = c
	tb.mu.Unlock()
	crEval[chromedp.Void](tb, `window.__orgnewsReport(JSON.stringify({kind: "flush", detail: `+strconv.Quote(id)+`}))`)
	select {
	case <-c:
	case <-tb.ctx.Done():
		tb.t.Fatalf("flushing reports: %v", tb.ctx.Err())
	}
}

// take returns and clears what the tab recorded.
func (tb *crTab) take() (reports []crReport, console []string) {
	tb.flush()
	tb.mu.Lock()
	defer tb.mu.Unlock()
	reports, console = tb.reports, tb.console
	tb.reports, tb.console = nil, nil
	return reports, console
}

// expectClean fails the test for every report and console error the tab
// recorded since the last call.
func (tb *crTab) expectClean(what string) {
	tb.t.Helper()
	reports, console := tb.take()
	for _, r := range reports {
		tb.t.Errorf("%s: %s report from %s: %s", what, r.Kind, r.URL, r.Detail)
	}
	for _, c := range console {
		tb.t.Errorf("%s: console: %s", what, c)
	}
}
