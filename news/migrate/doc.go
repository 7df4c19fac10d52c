// Package migrate moves an organisation's news from its old portal into
// orgnews: from an RSS 2.0 or Atom feed ([FromFeed]), followed through its
// pages, or from a WordPress export ([FromWXR]).
//
// # A migration
//
//	rep, err := migrate.FromWXR(ctx, svc, store, "skhcn.wordpress.xml", f, &migrate.Options{
//		Media: library, // photos and files move into the media library
//	})
//	fmt.Println(rep) // 12 created, 0 updated, 0 unchanged, 3 skipped; …
//
// Every write goes through [news.Service.Import]: bodies are sanitised,
// fields validated, and the migration is all or nothing. A broken item is
// a [Problem] naming its position in the source ("items[12].title") and
// its link, and then nothing is written.
//
// # Old links
//
// Every article keeps its item's link, and a WordPress post its short link
// /?p=ID, as news.Article.OldURLs, so that the old portal's links can be
// sent on to it (the widget answers them with a 301). An old URL another
// article holds is a problem of the item.
//
// # Running it again
//
// Each article's ID is derived from its item's GUID (else its link), so a
// migration run again, say after the old portal published more, creates
// the new items, updates the changed ones and leaves the others: when
// nothing changed, it writes nothing, and the store's version and the
// public pages stay as they were. [Options.DryRun] reports the same
// outcomes without fetching a photo or writing anything.
//
// # Photos and files
//
// With [Options.Media], the covers, attachments, body photos and linked
// files on the old site's hosts (and [Options.Hosts]) are fetched, politely
// (three at a time, each with a timeout, a size limit and a type check),
// processed as uploads and kept in the library; the articles point at the
// new URLs. A file that cannot be fetched keeps its old URL and is listed
// in [Report.Media] with the reason: it never stops a migration.
package migrate
