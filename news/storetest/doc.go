// Package storetest is the conformance suite of [news.Store]: every store,
// ours or a user's, runs it from its own tests, as handlers run
// testing/slogtest.
//
// # Use
//
//	func TestStore(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) news.Store {
//			db := openEmptyDatabase(t) // closed by t.Cleanup
//			return sqlstore.New(db)
//		})
//	}
//
// [Run] runs one sub-test per part of the contract (ArticleRoundTrip,
// ArticlesFilters, Search, ImportAtomic, Concurrent, …); run one alone with
// go test -run 'TestStore/Search$'. Each sub-test asks newStore for an empty
// store. The suite writes articles directly, with every field already set
// as the Service would set it ([NewArticle] and [NewCategory] help
// a store's own tests do the same), so it needs no Service and no clock.
//
// # What the suite pins down
//
// Beyond what the [news.Store] documentation says, the suite holds stores
// to these readings of it, so that every store answers alike:
//
//   - Values: every field round-trips; nil and empty slices are equal; times
//     come back as the same instant, to the microsecond, in time.UTC. Stores
//     copy what they are given and what they return.
//   - Uniqueness: slugs and aliases of all articles share one namespace; a
//     failed write changes nothing (not even part of the slugs it brought).
//   - Order: PublishAt descending, then ID descending compared as 16 bytes
//     (the order of lower-case UUID text). A zero PublishAt is the oldest:
//     it sorts last, passes any To and fails any From.
//   - Filters: CategoryID takes in every descendant; Tag matches a whole tag
//     by [news.Slugify] ("Khoa học" = "khoa-hoc" ≠ "khoa"); Author matches
//     the whole name by [news.Fold]; Lang and Status compare exactly; From
//     and To are inclusive.
//   - Pages: Page.Next is news.CursorAfter(last article, its rank).String(),
//     the public view relies on it; every page but the last holds exactly
//     Limit articles, and the last has no Next even when it is full (read
//     one article ahead). A Cursor stays valid when articles are added or
//     deleted, the cursor's own article included. A malformed Cursor is an
//     error wrapping [news.ErrInvalid]; a Limit above [news.MaxLimit] is
//     either that error or at most MaxLimit articles.
//   - Search: an article's words are those of its Title, of its Summary
//     and of news.Excerpt(Body, len(Body)+1) (so markup and attribute
//     values are not text, character references are), matched whole by
//     [news.MatchWord] (a word typed without marks matches any marks, a
//     word typed with marks those marks). An article matches when every
//     word is found in some field, every phrase as consecutive words of one
//     field, and no exclusion is found. Ranks are those of
//     [news.Store.Articles] ([news.RankTitlePhrase] to [news.RankSpread]),
//     lowest first, each rank in list order; the SearchVietnamese table
//     states the rule in the words readers type. The rarest word
//     ([news.Rarest]) is counted over every article the store holds,
//     whatever the query filters, each word matched as typed, and
//     follows writes (SearchRarity).
//   - NextPublishAt counts only published articles and is strictly after t.
//   - Categories are ordered by Position, then Name compared byte-wise, then
//     ID; DeleteCategory refuses while articles of any status or
//     subcategories refer to the category.
//   - Import writes the categories in order, then the articles in order,
//     each creating or replacing by ID as if alone, so a slug freed by an
//     earlier record may be taken by a later one. When one record conflicts
//     the error wraps [news.ErrConflict] and the store, version included,
//     is as before.
//   - Version strictly increases with every successful write (an update
//     that changes nothing included) and stays put on reads and failed
//     writes.
//
// # The newsroom
//
// A store that is a [news.NewsroomStore] also runs the newsroom sub-tests
// (NewsroomArticleFields, PublicVersion, SaveArticle, Accounts, Sessions,
// Tokens, AuditFilters, …); for any other store they are skipped. They pin
// down:
//
//   - Articles: OwnerID, Revision and every status round-trip; Query.OwnerID
//     selects one owner's articles and Query.Categories any of several
//     categories with their descendants, combined with the other filters.
//   - PublicVersion moves with every category write, import, and write of an
//     article published before or after it (scheduled too), and stays put
//     on draft saves (through UpdateArticle or SaveArticle), revisions,
//     accounts, sessions, tokens, audit entries and failed writes.
//   - SaveArticle numbers revisions from 1, counting rejected ones
//     (AddRevision), sets Article.Revision and the revision's Number, and on
//     a stale base, a taken slug or a taken ID writes nothing: no article
//     change, no revision, no audit entry, no version move. Revisions lists
//     oldest first without snapshots; Revision returns the snapshot exactly.
//     RemoveArticle and DeleteArticle take the revisions with the article.
//   - Accounts: unique ID and Username (compared exactly); renaming frees the
//     old username; UpdateAccount with endSessions deletes that account's
//     sessions only. Sessions and tokens: unique hash, an existing account,
//     newest first; expiry is inclusive (a session idle at now is expired).
//   - Audit: Seq increases; entries come back exactly, highest Seq first;
//     each filter (ObjectID with or without ObjectType, Address, From
//     inclusive, To exclusive) narrows; Next is AuditCursor of the last
//     entry only when more follow; a malformed cursor or limit is
//     news.ErrInvalid.
//
// Audit entries and revisions are compared whole, so a store must keep
// every field, times in UTC to the microsecond.
package storetest
