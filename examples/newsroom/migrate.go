package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/orgnews/orgnews/news/migrate"
)

// migrateIn runs the migrations the command line asks for, a WordPress
// export first and then a feed, through the publishing service; the
// photos and files they refer to move into the newsroom's media library.
// Each migration writes all of its items or none: one that fails is an
// error naming the items, and the demo exits. The reports are kept for
// run to print.
func (a *app) migrateIn(ctx context.Context, cfg *config) error {
	opts := &migrate.Options{DryRun: cfg.importDryRun, Media: a.library, Service: &a.svcOpts}
	if cfg.importWXR != "" {
		f, err := os.Open(cfg.importWXR)
		if err != nil {
			return fmt.Errorf("-import-wxr: %w", err)
		}
		rep, err := migrate.FromWXR(ctx, a.svc, a.store, cfg.importWXR, f, opts)
		f.Close()
		if err != nil {
			return fmt.Errorf("-import-wxr %s: %w", cfg.importWXR, err)
		}
		a.migrations = append(a.migrations, rep)
	}
	if cfg.importFeed != "" {
		rep, err := migrate.FromFeed(ctx, a.svc, a.store, cfg.importFeed, opts)
		if err != nil {
			return fmt.Errorf("-import-feed %s: %w", cfg.importFeed, err)
		}
		a.migrations = append(a.migrations, rep)
	}
	for _, rep := range a.migrations {
		a.log.Info("migrated", "source", rep.Source, "dry_run", rep.DryRun, "created", rep.Created, "updated", rep.Updated,
			"unchanged", rep.Unchanged, "skipped", rep.Skipped, "media_fetched", rep.MediaFetched, "media_failed", rep.MediaFailed)
	}
	return nil
}

// printReport writes a migration's report for a person: the summary,
// then each item and each photo or file that stayed on the old site.
func printReport(w io.Writer, rep *migrate.Report) {
	fmt.Fprintf(w, "Migrated from %s: %s\n", rep.Source, rep)
	for _, it := range rep.Items {
		line := fmt.Sprintf("  %-10s %-9s %s", it.Position, it.Outcome, it.Title)
		if it.Reason != "" {
			line += " (" + it.Reason + ")"
		}
		fmt.Fprintln(w, line)
	}
	for _, m := range rep.Media {
		if m.Error != "" {
			fmt.Fprintf(w, "  kept on the old site: %s: %s\n", m.URL, m.Error)
		}
	}
}
