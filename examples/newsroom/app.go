package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/orgnews/orgnews/feed"
	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/migrate"
	"github.com/orgnews/orgnews/oembed"
	"github.com/orgnews/orgnews/sitemap"
	"github.com/orgnews/orgnews/widget"
)

// siteName is the publisher shown on every page.
const siteName = "Sở Khoa học và Công nghệ tỉnh Hòa An"

// An app is the running demo: a store, the publishing service, the public
// view, the newsroom, the department's site and the partner portal.
type app struct {
	log        *slog.Logger
	now        func() time.Time
	store      news.NewsroomStore
	closeStore func() error
	dbName     string
	media      news.MediaStore // photos and files, served at /media/
	closeMedia func() error
	svc        *news.Service
	svcOpts    news.ServiceOptions // svc's options, which migrations check articles with
	migrations []*migrate.Report   // the reports of -import-wxr and -import-feed
	pub        *news.Public
	news       *widget.Handler
	sitemap    *sitemap.Handler // the sitemaps, at the site's root
	oembed     *oembed.Handler  // the oEmbed provider, at /oembed
	nr         *news.Newsroom
	library    *news.MediaLibrary // the newsroom's photos and files, over media
	admin      http.Handler       // the newsroom's pages and API, to mount at /admin/
	websub     *feed.WebSub       // tells the WebSub hub of changed feeds, nil without -websub-hub

	siteURL    string // http://addr/ of the department's site, with a trailing slash
	partnerURL string // http://addr/ of the partner portal, "" when disabled

	site, partner     *http.Server
	siteLn, partnerLn net.Listener
	closeOnce         sync.Once
}

// newApp opens the store, loads the demo content and the import file,
// creates the newsroom's first accounts on a store without any, and
// listens on the configured addresses; it does not serve yet. On error,
// everything opened is closed again.
func newApp(ctx context.Context, cfg *config, log *slog.Logger) (_ *app, err error) {
	a := &app{log: log, now: time.Now}
	defer func() {
		if err != nil {
			a.close()
		}
	}()
	a.store, a.closeStore, a.dbName, err = openStore(ctx, cfg.db, log)
	if err != nil {
		return nil, err
	}
	if a.media, a.closeMedia, err = openMedia(cfg.db, a.store); err != nil {
		return nil, err
	}
	a.svcOpts = news.ServiceOptions{Now: a.now}
	a.svc = news.NewService(a.store, &a.svcOpts)
	a.pub = news.NewPublic(a.store, &news.PublicOptions{Now: a.now})
	// The demo content first, so that an import file may use its
	// categories.
	if cfg.demo {
		if err := a.loadDemo(ctx); err != nil {
			return nil, err
		}
	}
	if cfg.importF != "" {
		if err := a.importFile(ctx, cfg.importF); err != nil {
			return nil, err
		}
	}
	if err = a.newNewsroom(ctx, cfg); err != nil {
		return nil, err
	}
	// After the newsroom, whose media library the photos move into.
	if err := a.migrateIn(ctx, cfg); err != nil {
		return nil, err
	}
	if cfg.importDryRun {
		return a, nil // nothing to serve
	}

	if a.siteLn, err = listen(ctx, "-addr", cfg.addr); err != nil {
		return nil, err
	}
	a.siteURL = cfg.baseURL
	if a.siteURL == "" {
		a.siteURL = "http://" + a.siteLn.Addr().String() + "/"
	}
	if cfg.embedAddr != "" {
		if a.partnerLn, err = listen(ctx, "-embed-addr", cfg.embedAddr); err != nil {
			return nil, err
		}
		a.partnerURL = "http://" + a.partnerLn.Addr().String() + "/"
	}

	var frameAncestors []string
	if a.partnerURL != "" {
		frameAncestors = []string{"'self'", originOf(a.partnerURL)}
	}
	layout, err := newsLayout(a.frame("news"))
	if err != nil {
		return nil, err
	}
	a.news = widget.New(a.pub, &widget.Options{
		BaseURL:        a.siteURL + "news/",
		SiteName:       siteName,
		Logger:         log,
		FrameAncestors: frameAncestors,
		Layout:         layout,
		OEmbed:         a.siteURL + "oembed",
		Feed:           feed.Options{Media: a.media, Hub: cfg.webSubHub},
		Media:          a.library,
	})
	if cfg.webSubHub != "" {
		a.websub, err = feed.NewWebSub(ctx, a.pub, &feed.WebSubOptions{
			Hub: cfg.webSubHub, BaseURL: a.siteURL + "news/", Logger: log,
		})
		if err != nil {
			return nil, err
		}
	}
	a.oembed, err = oembed.New(a.pub, &oembed.Options{
		BaseURL:      a.siteURL + "news/",
		ProviderName: siteName,
		ProviderURL:  a.siteURL,
		Logger:       log,
	})
	if err != nil {
		return nil, err
	}
	a.sitemap, err = sitemap.New(a.pub, &sitemap.Options{
		BaseURL:         a.siteURL + "news/",
		URL:             a.siteURL,
		PublicationName: siteName,
		Logger:          log,
	})
	if err != nil {
		return nil, err
	}
	a.admin = a.newAdmin()
	site, err := newSite(a)
	if err != nil {
		return nil, err
	}
	a.site = newServer(site, log)
	if a.partnerLn != nil {
		p, err := newPartner(a.siteURL, a.partnerURL)
		if err != nil {
			return nil, err
		}
		a.partner = newServer(p, log)
	}
	return a, nil
}

// importFile loads an import file through the publishing service, which
// writes all of it or nothing: a JSON archive, or a .zip bundle of the
// archive and its media (news.Service.ExportBundle).
func (a *app) importFile(ctx context.Context, name string) error {
	f, err := os.Open(name)
	if err != nil {
		return fmt.Errorf("-import: %w", err)
	}
	defer f.Close()
	var res *news.ImportResult
	media := 0
	if strings.HasSuffix(strings.ToLower(name), ".zip") {
		info, err := f.Stat()
		if err != nil {
			return fmt.Errorf("-import: %w", err)
		}
		br, err := a.svc.ImportBundle(ctx, f, info.Size(), a.media)
		if err != nil {
			return fmt.Errorf("-import %s: %w", name, err)
		}
		res, media = &br.ImportResult, br.MediaCreated
	} else if res, err = a.svc.Import(ctx, f); err != nil {
		return fmt.Errorf("-import %s: %w", name, err)
	}
	a.log.Info("imported", "file", name,
		"categories_created", res.CategoriesCreated, "categories_updated", res.CategoriesUpdated,
		"articles_created", res.ArticlesCreated, "articles_updated", res.ArticlesUpdated, "media_created", media)
	return nil
}

// loadDemo loads the demo content, its dates moved to now, when the store
// holds no category and no article; a store already filled is left as it
// is. It is safe to race: instances started at once on one new database
// each find it empty and import, in one transaction each, and the store's
// unique slugs let only the first commit. The others fail with a conflict,
// find the store filled by then, and go on with what it holds.
func (a *app) loadDemo(ctx context.Context) error {
	empty, err := storeEmpty(ctx, a.store)
	if err != nil {
		return err
	}
	if !empty {
		return nil
	}
	data, err := demoArchive(a.now())
	if err != nil {
		return err
	}
	res, err := a.svc.Import(ctx, bytes.NewReader(data))
	if errors.Is(err, news.ErrConflict) {
		if empty, eerr := storeEmpty(ctx, a.store); eerr == nil && !empty {
			a.log.Info("the demo content was loaded by another instance")
			return nil
		}
	}
	if err != nil {
		return fmt.Errorf("demo content: %w", err)
	}
	a.log.Info("loaded the demo content", "categories", res.CategoriesCreated, "articles", res.ArticlesCreated)
	return nil
}

// storeEmpty reports whether s holds no category and no article.
func storeEmpty(ctx context.Context, s news.Store) (bool, error) {
	cats, err := s.Categories(ctx)
	if err != nil {
		return false, err
	}
	if len(cats) > 0 {
		return false, nil
	}
	p, err := s.Articles(ctx, news.Query{Limit: 1})
	if err != nil {
		return false, err
	}
	return len(p.Articles) == 0, nil
}

// serve serves both origins until ctx ends or a server fails, then shuts
// both down, letting requests in flight finish within the shutdown timeout.
func (a *app) serve(ctx context.Context) error {
	servers := []*http.Server{a.site}
	listeners := []net.Listener{a.siteLn}
	if a.partner != nil {
		servers = append(servers, a.partner)
		listeners = append(listeners, a.partnerLn)
	}
	errc := make(chan error, len(servers))
	for i, srv := range servers {
		go func() { errc <- srv.Serve(listeners[i]) }()
	}
	a.log.Info("serving", "site", a.siteURL, "partner", a.partnerURL)
	var err error
	select {
	case <-ctx.Done():
	case err = <-errc:
	}
	a.log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownTimeout)
	defer cancel()
	for _, srv := range servers {
		if serr := srv.Shutdown(sctx); serr != nil {
			err = errors.Join(err, fmt.Errorf("shutdown: %w", serr))
		}
	}
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// close releases the listeners and the store. It is safe to call more than
// once.
func (a *app) close() {
	a.closeOnce.Do(func() {
		if a.websub != nil {
			a.websub.Close()
		}
		for _, l := range []net.Listener{a.siteLn, a.partnerLn} {
			if l != nil {
				l.Close()
			}
		}
		if a.closeStore != nil {
			if err := a.closeStore(); err != nil {
				a.log.Error("closing the store", "err", err)
			}
		}
		if a.closeMedia != nil {
			if err := a.closeMedia(); err != nil {
				a.log.Error("closing the media store", "err", err)
			}
		}
	})
}
