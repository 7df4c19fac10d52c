package main

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// startBrowser starts a headless Chromium ($ORGNEWS_CHROMIUM, or the first
// found on PATH) and returns its context; the browser stops when the test
// ends. It skips the test when no browser is found, or fails it when
// ORGNEWS_REQUIRE_BROWSER=1.
func startBrowser(t *testing.T) context.Context {
	t.Helper()
	path := os.Getenv("ORGNEWS_CHROMIUM")
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if path != "" {
			break
		}
		path, _ = exec.LookPath(name)
	}
	required := os.Getenv("ORGNEWS_REQUIRE_BROWSER") == "1"
	if path == "" {
		if required {
			t.Fatal("no Chromium found (looked for $ORGNEWS_CHROMIUM, chromium, chromium-browser, google-chrome); ORGNEWS_REQUIRE_BROWSER=1 makes the browser tests required")
		}
		t.Skip("no Chromium found: set ORGNEWS_CHROMIUM, or ORGNEWS_REQUIRE_BROWSER=1 to make this a failure")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox, // the tests run as root in CI containers
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("lang", "vi-VN"),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"),
		// A page the test serves through the DevTools protocol has no
		// address: let it load the demo's boxes from the loopback address.
		chromedp.Flag("disable-features", "LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests"),
		chromedp.UserDataDir(t.TempDir()),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(func() {
		cancelTimeout()
		cancel()
		cancelAlloc()
	})
	if err := chromedp.Do(ctx); err != nil {
		if required {
			t.Fatalf("starting %s: %v", path, err)
		}
		t.Skipf("starting %s: %v (set ORGNEWS_REQUIRE_BROWSER=1 to make this a failure)", path, err)
	}
	return ctx
}

// pageWidthJS returns the page's width and its viewport's once every
// <news-widget> shows its news and every iframe's box has loaded, or null
// before.
const pageWidthJS = `(() => {
	if (document.readyState !== 'complete') return null;
	const widgets = Array.from(document.querySelectorAll('news-widget'));
	if (!widgets.every(w => w.shadowRoot && w.shadowRoot.querySelector('.news-box__link'))) return null;
	const frames = Array.from(document.querySelectorAll('iframe.news-embed'));
	if (!frames.every(f => Number(f.height) > 0)) return null;
	const de = document.documentElement;
	return {ScrollWidth: de.scrollWidth, ClientWidth: de.clientWidth, Widgets: widgets.length, Frames: frames.length};
})()`

// A pageWidth is what pageWidthJS measures.
type pageWidth struct {
	ScrollWidth, ClientWidth float64
	Widgets, Frames          int
}

// TestChromiumPartnerNoSideScroll opens the demo's partner page on a phone,
// a tablet and a desktop: once its boxes have rendered, it is never wider
// than the screen.
func TestChromiumPartnerNoSideScroll(t *testing.T) {
	bctx := startBrowser(t)
	a := startApp(t, "-db", "memory")
	for _, width := range []int64{390, 800, 1280} {
		ctx, cancel := chromedp.NewContext(bctx)
		defer cancel()
		_, err := chromedp.Run(ctx, chromedp.EmulateViewport(width, 844))
		require.NoError(t, err)
		_, err = chromedp.Run(ctx, chromedp.Navigate(a.partnerURL))
		require.NoError(t, err)
		got, err := chromedp.Run(ctx, chromedp.Poll[pageWidth](pageWidthJS, chromedp.WithPollingInterval(20*time.Millisecond), chromedp.WithPollingTimeout(15*time.Second)))
		require.NoError(t, err, "waiting for the partner page's boxes at %d px", width)
		assert.Equal(t, 3, got.Widgets, "at %d px", width)
		assert.Equal(t, 1, got.Frames, "at %d px", width)
		assert.Equal(t, got.ClientWidth, got.ScrollWidth, "at %d px the partner page scrolls sideways", width)
	}
}
