// Command newsroom is the orgnews demo: the news site of a fictional
// provincial Department of Science and Technology, with a partner portal on
// a second origin that embeds the department's news box.
//
// Run it with
//
//	go run ./examples/newsroom
//
// and open the URLs it prints. By default it keeps its data in newsroom.db,
// a SQLite file in the working directory, filled with demo content on the
// first run; -db memory keeps everything in memory, -db postgres://…
// uses PostgreSQL and -db sqlite:PATH another SQLite file. See -help for
// every flag.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/orgnews/orgnews/admin"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "newsroom:", err)
		}
		os.Exit(1)
	}
}

// config is the demo's command line.
type config struct {
	addr      string // address of the department's site
	baseURL   string // public URL of the site, "" for http://addr/
	embedAddr string // address of the partner portal, "" for none
	db        string // what parseDB reads
	importF   string // import file loaded before serving, "" for none
	// importFeed and importWXR are the old portal's feed (URL or file)
	// and WordPress export to migrate before serving, "" for none;
	// importDryRun reports what they would do and exits.
	importFeed, importWXR string
	importDryRun          bool
	demo                  bool   // load the demo content into an empty store, the demo staff into a newsroom without accounts
	webSubHub             string // WebSub hub the feeds advertise and notify, "" for none
	// adminPassword is the password of the newsroom's first account,
	// from NEWSROOM_ADMIN_PASSWORD; "" to generate one.
	adminPassword string
}

// parseFlags reads the command line, and the newsroom's admin password
// from the environment. Errors, and the usage asked for with
// -help, are written to stderr.
func parseFlags(args []string, stderr io.Writer) (*config, error) {
	var c config
	fs := flag.NewFlagSet("newsroom", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.addr, "addr", "127.0.0.1:8080", "`address` the department's site listens on")
	fs.StringVar(&c.baseURL, "base-url", "", "public `URL` of the site (default http://<addr>/)")
	fs.StringVar(&c.embedAddr, "embed-addr", "127.0.0.1:8081", "`address` of the partner portal that embeds the news box; empty disables it")
	fs.StringVar(&c.db, "db", "newsroom.db", "`database`: memory, a postgres:// URL, sqlite:PATH, or a SQLite file name ending in .db or .sqlite or holding a slash")
	fs.StringVar(&c.importF, "import", "", "import `file` (orgnews JSON format, or a .zip with its media) loaded before serving")
	fs.StringVar(&c.importFeed, "import-feed", "", "migrate the RSS or Atom feed of an old portal, a `URL` (followed through its pages) or a file, before serving")
	fs.StringVar(&c.importWXR, "import-wxr", "", "migrate a WordPress export `file` (WXR) before serving")
	fs.BoolVar(&c.importDryRun, "import-dry-run", false, "report what -import-feed and -import-wxr would do, fetching and writing nothing, and exit")
	fs.StringVar(&c.webSubHub, "websub-hub", os.Getenv(webSubHubEnv), "`URL` of a WebSub hub the feeds advertise and notify when they change (default $"+webSubHubEnv+"; empty for none)")
	fs.BoolVar(&c.demo, "demo", true, "load the demo content into an empty store, and the demo newsroom's staff and articles into one without accounts")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: newsroom [flags]\n\nRuns the orgnews demo site.\n\n"+
			"On a store without newsroom accounts it creates admin with the password in %s,\n"+
			"or with a generated one that it logs once.\n\n", adminPasswordEnv)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	c.adminPassword = os.Getenv(adminPasswordEnv)
	if c.addr == "" {
		return nil, errors.New("-addr: must not be empty")
	}
	if c.db == "" {
		return nil, errors.New("-db: must not be empty")
	}
	if _, err := parseDB(c.db); err != nil {
		return nil, err
	}
	if c.baseURL != "" {
		u, err := url.Parse(c.baseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
			return nil, fmt.Errorf("-base-url %q: want an absolute http(s) URL without query or fragment", c.baseURL)
		}
		if !strings.HasSuffix(c.baseURL, "/") {
			c.baseURL += "/"
		}
	}
	if c.importDryRun && c.importFeed == "" && c.importWXR == "" {
		return nil, errors.New("-import-dry-run: needs -import-feed or -import-wxr")
	}
	if c.webSubHub != "" {
		u, err := url.Parse(c.webSubHub)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("-websub-hub %q: want an absolute http(s) URL", c.webSubHub)
		}
	}
	return &c, nil
}

// webSubHubEnv is the environment variable -websub-hub defaults to.
const webSubHubEnv = "NEWSROOM_WEBSUB_HUB"

// run runs the demo with the command-line args until ctx ends, then shuts
// the servers down gracefully. It prints the URLs to stdout and logs to
// stderr. An import that fails, a store that does not open or an address
// that cannot be listened on is an error, returned before serving.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	a, err := newApp(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer a.close()
	for _, rep := range a.migrations {
		printReport(stdout, rep)
	}
	if cfg.importDryRun {
		return nil
	}
	fmt.Fprintf(stdout, "Department site: %s\n", a.siteURL)
	fmt.Fprintf(stdout, "News section:    %snews/\n", a.siteURL)
	fmt.Fprintf(stdout, "News box script: %snews/widget.js\n", a.siteURL)
	fmt.Fprintf(stdout, "Newsroom:        %sadmin/ (sign in as admin: examples/newsroom/README.md)\n", a.siteURL)
	if a.partnerURL != "" {
		fmt.Fprintf(stdout, "Partner portal:  %s\n", a.partnerURL)
	}
	fmt.Fprintf(stdout, "Database:        %s\n", a.dbName)
	return a.serve(ctx)
}

// Server limits. Only the newsroom's API takes request bodies, and it
// answers those over its own limit (admin.DefaultMaxBodyBytes) in its
// JSON shape; the server caps every body a little above it. scripts/bare,
// the load test's baseline, uses the same timeouts and header limit.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 15 * time.Second
	writeTimeout      = 30 * time.Second
	idleTimeout       = 2 * time.Minute
	maxHeaderBytes    = 64 << 10
	maxBodyBytes      = admin.DefaultMaxBodyBytes + 64<<10
	shutdownTimeout   = 15 * time.Second
)

// newServer returns an http.Server for h with the demo's timeouts and
// limits.
func newServer(h http.Handler, log *slog.Logger) *http.Server {
	return &http.Server{
		Handler:           limitBody(h, maxBodyBytes),
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}

// limitBody caps the body of every request to n bytes: a handler reading
// more gets an error, and the client a 413 when the handler reports it.
// A request without a body, as every GET is, passes as it is.
func limitBody(h http.Handler, n int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > n {
			http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
			return
		}
		if r.Body != http.NoBody {
			r.Body = http.MaxBytesReader(w, r.Body, n)
		}
		h.ServeHTTP(w, r)
	})
}

// listen opens a TCP listener on addr, named for errors.
func listen(ctx context.Context, name, addr string) (net.Listener, error) {
	var lc net.ListenConfig
	l, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return l, nil
}

// originOf returns the scheme://host of a URL.
func originOf(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	return p.Scheme + "://" + p.Host
}
