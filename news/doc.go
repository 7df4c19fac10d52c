// Package news is the domain of orgnews: the news an organisation
// publishes, the rules every write follows, and the only view readers get.
//
// # Model
//
// An [Article] has a permanent [uuid.UUID], a slug for its URL (and the
// slugs it had before, its Aliases, so old links keep working), a plain
// text title and summary, a sanitised HTML body, an optional cover
// [Image], [Attachment] files, tags, a BCP 47 language ("vi" by default), a
// [Category] and a [Status]: draft, submitted, awaiting approval,
// returned, published or archived (see The newsroom). A published
// article whose PublishAt is still in the future is scheduled: it stays
// invisible until that instant, with no cron and no rebuild (see
// [Article.Visible]). Categories form a tree through ParentID;
// [NewCategoryTree] gives menus, breadcrumbs and ancestor checks. The
// Service keeps the tree small enough for every page to show it: at most
// 8 levels and 1,000 categories by default (ServiceOptions.MaxCategoryDepth
// and MaxCategories), and no two siblings with the same name after [Fold].
//
// A [Store] persists articles and categories and answers a [Query]. It
// keeps what it is given: normalising, validating, sanitising and stamping
// times are the [Service]'s job, so every Store gets the same rules. The
// stores live in sub-packages (news/memstore, news/sqlstore) and pass the
// conformance suite news/storetest.
//
// # Publishing
//
// [NewService] returns the one way to write. [Service.CreateDraft] and
// [Service.Update] take an [ArticleInput]; every text field is normalised
// ([Normalize], [NormalizeLine]: NFC, control and zero-width characters
// gone), the body is sanitised ([Sanitize]), an empty summary becomes
// [Excerpt] of the body, and the article is validated. [Service.Patch]
// takes an [ArticlePatch] and changes only the fields it sets. A validation error
// wraps [ErrInvalid] and lists every broken rule as a [FieldErrors], such
// as "title: required; tags[3]: longer than 64 characters". The slug comes
// from the title ([Slugify]) unless given, and is unique: a second "Đại hội
// chi bộ" becomes dai-hoi-chi-bo-2. When a slug changes, the old one
// becomes an alias. [Service.Publish], [Service.Schedule],
// [Service.Unpublish], [Service.Archive] and [Service.Delete] move an
// article through its life; the service's clock (ServiceOptions.Now)
// stamps every time, in UTC to the microsecond. A failed write changes
// nothing.
//
// # Old Vietnamese encodings
//
// Text from old Word documents was typed in the 8-bit TCVN3 (ABC, the .Vn
// fonts) or VNI encodings and reads "Céng hoµ x· héi" until converted.
// [FromTCVN3], [FromTCVN3Capitals] (the .VnTimeH fonts) and [FromVNI]
// convert it to Unicode in NFC, for imports too; [LegacyFont] says which
// encoding a font name means, and [DetectLegacy] whether text with no font
// is clearly in one. [Sanitize] converts the runs of a pasted fragment
// whose font is a legacy one and drops the font.
//
// # Reading
//
// [NewPublic] returns the read side that feeds, widgets and pages use. Every
// method of [Public] returns only articles visible at its clock: drafts,
// archived and scheduled articles cannot leak through a forgotten filter.
// [Public.Articles] lists with a [Query] and keyset paging;
// [Public.ArticleBySlug] also finds an article by an old slug, so the caller
// can redirect, and [Public.ArticleByOldURL] by one of its addresses on
// the site it came from ([Article.OldURLs], [NormalizeOldURL]); [Public.SameCategory] is the "other news in this category"
// list; [Public.Adjacent] gives the previous and next articles. Caches key
// on [Public.State]: its [State.Key] changes on every write that may change
// public content and when the next scheduled article falls due.
//
// A search (Query.Text) is read once, here, for every store: its distinct
// words ([SearchWords]: a word repeated in any case counts once), at most
// [MaxQueryWords] of them and [MaxQueryTextBytes] bytes, and a text with no
// letter or digit lists nothing ([Query.MatchesNothing]). Every store
// matches whole words by [MatchWord] (marks typed narrow the match),
// indexing [SearchKeys] and matching them by [KeyMatches], and ranks the
// matches as [Store] says: the words as a phrase first, title over summary
// over body, then every word in one field; a match whose words are spread
// over its fields ranks by where the search's rarest word stands
// ([Rarest], [RankRareTitle]): "hội nghị điện mặt trời" lists an article
// titled "Điện mặt trời …" before one titled "Hội nghị …". Each rank is
// one query of a full-text index, so the SQL stores read the ranks in
// order and stop at a full page. Rarity is an estimate that every search
// measures again: the articles of the whole archive that hold each word,
// counted up to [MaxRarityCount].
//
// # The newsroom
//
// [NewNewsroom] returns the staff's side: accounts and sign-in, sessions,
// API tokens, the editorial workflow, revisions and the audit log, over a
// [NewsroomStore] (a Store that also keeps those). Every method takes the
// acting [Actor] and the domain decides, so the HTTP API, the pages, an
// import and a Go program obey the same rules; each refusal names its
// rule and wraps a sentinel the HTTP layer maps to a status:
// [ErrUnauthenticated] (401), [ErrForbidden] (403), [ErrNotFound] (404,
// also for an article the actor may not see), [ErrConflict] (409: a
// [*TransitionError] for a wrong state, a [*StaleError] for a stale
// revision), [ErrInvalid] (422, a [FieldError]) and [ErrThrottled] (429).
//
// Roles ([Role]), lowest first:
//
//	contributor  phóng viên / cộng tác viên   writes drafts in their scope, submits them; sees only their own
//	editor       biên tập viên                edits drafts and submitted articles in scope, returns, sends for approval
//	approver     lãnh đạo / Ban biên tập      approves, publishes now or at a time, unpublishes, archives
//	admin        quản trị                     accounts, categories, tokens, settings, and everything above
//
// States ([Status]):
//
//	draft              bản nháp       being written
//	submitted          chờ biên tập   submitted for editing
//	awaiting_approval  chờ duyệt      edited, awaiting approval
//	returned           trả lại        sent back to the writer, with a comment
//	published          đã đăng        public from PublishAt; before it, scheduled (hẹn giờ đăng)
//	archived           lưu trữ        withdrawn from every public read
//
// [Permit] is the whole workflow, a pure function of the role, the action,
// the state, the approval setting, the scope and ownership. With the
// approval step on (the default), a role may do an action in these states
// (dr draft, su submitted, aw awaiting approval, re returned, pu
// published, ar archived; the article in the actor's scope, and owned by
// them for a contributor):
//
//	action             contributor  editor       approver           admin
//	view               all          all          all                all
//	create             (in scope)   (in scope)   (in scope)         yes
//	edit               dr re        dr su re     dr su aw re pu     dr su aw re pu
//	submit             dr re        dr re        dr re              dr re
//	return             -            su           su aw              su aw
//	send-for-approval  -            dr su re     dr su re           dr su re
//	approve            -            -            aw                 aw
//	publish            -            -            all                all
//	schedule           -            -            all                all
//	unpublish          -            -            pu ar              pu ar
//	archive            -            -            dr su aw re pu     dr su aw re pu
//	delete             dr re        dr su re     dr su aw re ar     all
//	restore-revision   dr re        dr su re     dr su aw re pu     dr su aw re pu
//
// With the approval step off ([NewsroomOptions].SkipApproval), nobody
// sends for approval or approves, and editors act as approvers for
// publish, schedule, unpublish and archive, and may also edit and restore
// articles awaiting approval or published, and return those awaiting
// approval. An action no role may do in the state (submitting a published
// article) is ErrConflict; one the role may not do, or outside the
// actor's scope, is ErrForbidden; an article a contributor does not own,
// or outside an editor's or approver's scope, is ErrNotFound. Admins are
// never limited by scope.
//
// Every save through the Newsroom (an edit, an autosave, a transition, a
// restore) is a new [Revision] with a snapshot of the editable fields, who
// and when, and a note (a return's comment). An [ArticlePatch] changes
// only the fields it sets and carries the revision it was made on; on a
// stale one the save is refused with a [*StaleError] and the rejected
// change kept as a revision of its own, so two editors never silently
// overwrite each other. [Newsroom.Diff] compares the title, summary and
// body text of two revisions word by word ([DiffText]);
// [Newsroom.RestoreRevision] makes an old revision current as a new one.
// The store writes the article, its revision and the audit entry in one
// transaction ([NewsroomStore.SaveArticle]).
//
// Passwords are hashed with argon2id in PHC string format ([HashPassword],
// [VerifyPassword]) and checked against the account's own names
// ([CheckPassword]); an [Account] never logs its hash. Sessions and API
// tokens are random, shown once, and stored as their SHA-256
// ([HashToken]); sessions end when idle or old, and all of an account's
// sessions end when its password changes or it is disabled. Sign-in is
// throttled per username and per client address by counting failures in
// the audit log, so every instance agrees. The [AuditEntry] log is
// append-only, filtered with an [AuditFilter] and exported as JSON lines.
//
// Staff writing drafts do not move what readers' caches key on: a store
// that is a [PublicVersioner] moves its public version only when a write
// touches a published article, a category, or imports, and
// [Public.State] keys on it.
//
// # Related articles
//
// [Public.Related] scores articles against one: shared tags weighted by
// their rarity, shared title keywords ([TitleKeywords]: folded, without
// Vietnamese and English stop words, with two-syllable pairs), the same or
// an ancestor category, and closeness in time, with the weights of a
// [RelatedConfig] (each field left zero takes [DefaultRelatedConfig]'s
// value; Disable switches signals off, OlderOnly keeps to older articles).
// Only articles in the
// same language are returned; the order is deterministic (score, then
// publish time, then slug) and each result's [Why] names the matched tags
// and words. When fewer articles score than asked for, the list is filled
// from SameCategory. The result is exact, the best articles sharing a tag,
// a keyword or the category, as a scan scoring all of them would rank them;
// lookups use an in-memory inverted index that the Public view keeps at
// the store's public version, reading again only the articles a
// [ChangeLogger] store logged as written since, and read only the part of
// it that can hold the best, never the whole archive. The index is built
// by the first lookup from a [PublishedLister] store's narrow listing (no
// bodies), and holds about 200 bytes an article.
//
// A store that is a [RelatedSnapshotter] (sqlstore) keeps a snapshot of
// the index, so a process starting does not fold every title again: the
// first lookup reads the snapshot (its languages, categories, terms and,
// per article, its ID, slug, time and term numbers: about 70 bytes an
// article) and follows the change log from the version it reflects. A
// view saves a snapshot in the background after it builds the index and
// after every 64 steps of the public version it follows, never in a
// write; the snapshot holds no weights, so views of any [RelatedConfig]
// share it. A snapshot of another format or stop-word list, one the
// change log no longer reaches back to (after an Import, or more steps
// behind than the log keeps), or one whose checksum or content is wrong
// is not used: the index is built from the articles, a damaged snapshot
// is logged to PublicOptions.Logger, and the lookup does not fail.
//
// # Import and export format
//
// [Service.Export] writes, and [Service.Import] reads, one JSON document,
// the format in which users and the demo load data. It is a public
// contract, versioned by its "version" member ([ArchiveVersion]; a file
// without one is read as version 1):
//
//	{
//	  "version": 1,
//	  "categories": [
//	    {"slug": "tin-tuc", "name": "Tin tức", "parent": "", "description": "", "position": 0,
//	     "aliases": ["tin-moi"]}             // optional: the category's old slugs
//	  ],
//	  "articles": [
//	    {
//	      "id": "0b5e1f3a-…",            // optional: an existing id updates that article
//	      "slug": "dai-hoi-chi-bo",      // optional: made from the title when empty
//	      "aliases": ["dai-hoi"],        // optional: old slugs
//	      "old_urls": ["/tin-tuc/dai-hoi-chi-bo-123.html", "/?p=123"], // optional: its paths on the old site
//	      "title": "Đại hội Chi bộ",     // required
//	      "summary": "…",                // optional: Excerpt of the body when empty
//	      "body_html": "<p>…</p>",       // sanitised on import
//	      "category": "tin-tuc",         // required: a category slug, in the file or the store
//	      "tags": ["Đại hội"],
//	      "author": "Văn phòng Sở",
//	      "lang": "vi",                  // BCP 47; "vi" when empty
//	      "status": "published",         // draft (the default), published or archived
//	      "featured": false,
//	      "publish_at": "2026-11-20T08:00:00+07:00", // now for a published article without one
//	      "updated_at": "2026-11-21 15:30", // when the content last changed; see below
//	      "cover": {"url": "/uploads/a.jpg", "alt": "…", "caption": "…",
//	                "width": 1200, "height": 800, "type": "image/jpeg", "size": 183402},
//	      "attachments": [{"url": "/files/qd.pdf", "title": "…", "type": "application/pdf", "size": 245760}]
//	    }
//	  ]
//	}
//
// (The comments are for this page only; the file is plain JSON.) Times
// are RFC 3339, a date ("2026-12-05", midnight) or a date and time
// ("2026-12-05 08:00" or "2026-12-05T08:00") in the site's time zone,
// ServiceOptions.Location. updated_at is when the content last changed,
// which pages compare with publish_at to show "updated"; left out, it is
// publish_at for a new record published in the past, and the time of the
// import otherwise. Unknown members, a second JSON value and files over
// ServiceOptions.MaxImportSize are rejected; a UTF-8 byte order mark is
// skipped. Import reads the file one record at a time, so it holds the
// articles it writes but never the file. Categories are matched by slug
// and may list a parent before or after its children. A record whose id exists replaces that article: a
// member it leaves out takes its default (a draft, no tags), as for a new
// record, so update from a file that Export wrote, which holds every member.
// Every record goes through the same rules as a write through the Service,
// and the file is all or nothing: one bad record rejects it with errors
// naming the record, such as "articles[12].title: required" or
// `articles[3]: unknown field "tittle"`, and the store is unchanged;
// malformed JSON is reported with its line and column. Export then Import into an empty store gives the same
// archive back.
//
// [Service.ExportBundle] writes the archive with the media library as one
// ZIP file, and [Service.ImportBundle] reads it back, all or nothing:
//
//	archive.json                 the JSON archive above
//	media/<id>.json              a medium's record: {"id", "kind" ("image" or "attachment"), "name",
//	                             "type", "width", "height", "variants": [{"key", "type", "width",
//	                             "height", "size"}], "created_at", "creator_id", "creator"}
//	media/files/<key>            the content of each variant, named by its key
//
// Articles refer to media files by URL (the library's prefix and a key),
// so serving the imported library under the same prefix serves the same
// URLs. Every record and file is checked before anything is written (each
// file must have its record's size and the hash its key names); when the
// archive does not import, the media just stored are deleted again.
//
// To bring news in from an old portal, its RSS or Atom feed or a WordPress
// export, use package news/migrate: it builds such an archive and imports
// it through the Service.
//
// # Photos and files
//
// A [MediaLibrary] keeps the newsroom's uploads in a [MediaStore]: a
// directory (news/mediadir) by default, or news/sqlstore, which every
// instance over one PostgreSQL database shares. [ProcessUpload], which
// [MediaLibrary.Upload] calls, decides an upload's type from its content
// alone ([SniffMediaType]: JPEG, PNG, GIF and WebP photos; PDF, DOC/DOCX,
// XLS/XLSX, ODT and ZIP files, DOCX, XLSX and ODT told from a plain ZIP by
// their members), refuses what is over [MediaOptions].MaxBytes or, from
// the image header before decoding, MaxPixels (a [*LimitError]), and
// re-encodes every photo: turned upright by its EXIF orientation, resized
// with Catmull-Rom to the widths of MediaOptions (480, 960 and 1600 by
// default, never enlarged), with every piece of metadata gone (EXIF with
// the GPS position and the device, thumbnails, XMP, comments) but its RGB
// ICC colour profile, which each variant carries so colours stay as shot.
// The original upload is not kept: it holds the metadata.
//
// Files are named by their content ([MediaKey]: 128 bits of SHA-256 and
// the type's extension), so a URL never changes meaning and is cached
// for ever; [Media.Srcset] and [Media.Fit] give pages their srcset and
// feeds one sensible size, and [LookupMedia] (or [MediaLibrary.ByURL]) finds the variants
// of an article's cover from its URL; [ResponsiveImages] gives the photos
// of a body, as it is shown, their srcset, sizes, width and height. A medium that an article uses (as
// its cover, an attachment, or anywhere in its body) is not deleted: the
// refusal is a [*MediaInUseError] naming the articles. Uploads and
// deletions are in the audit log ([ActionMediaUpload],
// [ActionMediaDelete]).
//
// # Errors and concurrency
//
// Errors wrap [ErrNotFound], [ErrConflict] or [ErrInvalid]; test them with
// errors.Is. [Service] and [Public] are safe for concurrent use, as are the
// text helpers.
package news
