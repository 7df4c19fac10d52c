package widget_test

import (
	"context"
	_ "embed"
	"flag"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The browser tests run the widget in a real headless Chromium: a host page
// on a second origin, with a strict Content-Security-Policy (Trusted Types
// required) and aggressive CSS, embeds the box by script, by iframe and by
// server-side inclusion; XSS payloads in every field an editor sets must
// execute nothing on any surface. They skip when no Chromium is found,
// unless ORGNEWS_REQUIRE_BROWSER=1.
//
// go test ./widget -run Chromium -update-screenshots (or
// ORGNEWS_UPDATE_SCREENSHOTS=1) also writes the screenshots under ../docs/.

var crUpdateScreenshots = flag.Bool("update-screenshots", false, "write the browser test's screenshots to ../docs/screenshots/")

//go:embed testdata/chromium/probe.js
var crProbeJS string

// Files shared with the demo: its content and the images it refers to.
const (
	crDemoContent = "../examples/newsroom/content/demo.json"
	crDemoStatic  = "../examples/newsroom/static"
	crSharedXSS   = "testdata/chromium/xss-vectors.txt" // the shared list, copied: see its README
)

// crDemoNow is the clock of the clean fixture: the instant the demo content
// was written for, so its scheduled articles stay hidden and screenshots
// show the same dates on every run.
var crDemoNow = time.Date(2026, 11, 27, 9, 0, 0, 0, time.FixedZone("ICT", 7*60*60))

func TestChromium(t *testing.T) {
	bctx := crStartBrowser(t)
	f := crNewFixture(t)
	t.Run("Box", func(t *testing.T) { crTestBox(t, bctx, f) })     // chromium_box_test.go
	t.Run("Pages", func(t *testing.T) { crTestPages(t, bctx, f) }) // chromium_pages_test.go
	t.Run("XSS", func(t *testing.T) { crTestXSS(t, bctx, f) })     // chromium_xss_test.go
}

// crFindChromium returns the browser to run: $ORGNEWS_CHROMIUM, or the first
// of the usual names found on PATH, or "".
func crFindChromium() string {
	if p := os.Getenv("ORGNEWS_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// crStartBrowser starts a headless Chromium for the test and returns its
// context; the browser stops when the test ends. It skips the test when no
// browser is found, or fails it when ORGNEWS_REQUIRE_BROWSER=1.
func crStartBrowser(t *testing.T) context.Context {
	t.Helper()
	path := crFindChromium()
	if path == "" {
		msg := "no Chromium found (looked for $ORGNEWS_CHROMIUM, /usr/bin/chromium, chromium, chromium-browser, google-chrome): install Debian's chromium package"
		if os.Getenv("ORGNEWS_REQUIRE_BROWSER") == "1" {
			t.Fatal(msg + "; ORGNEWS_REQUIRE_BROWSER=1 makes the browser tests required")
		}
		t.Skip(msg + "; set ORGNEWS_REQUIRE_BROWSER=1 to make this a failure")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox, // the tests run as root in CI containers
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("lang", "vi-VN"),
		// Only the test servers answer: payloads that load from other hosts
		// fail at once instead of waiting on the network.
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancelBrowser()
		cancelAlloc()
	})
	if err := chromedp.Do(bctx); err != nil {
		if os.Getenv("ORGNEWS_REQUIRE_BROWSER") == "1" {
			t.Fatalf("starting %s: %v", path, err)
		}
		t.Skipf("starting %s: %v (set ORGNEWS_REQUIRE_BROWSER=1 to make this a failure)", path, err)
	}
	return bctx
}
