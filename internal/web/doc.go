// Package web is the one serving layer of orgnews: feed, widget and the
// newsroom answer through it, so every answer is rendered once, cached by
// what its bytes depend on, validated, compressed and failed the same way.
// It knows nothing of feeds or pages.
//
// A handler parses the query with [ParseQuery], builds a [Key] of the
// route, the canonical parameters, the public state (news.State.Key, which
// moves on every write and when a scheduled article falls due) and its
// [Fingerprint], and asks its [Cache], which renders a miss once however
// many requests wait for it (x/sync/singleflight):
//
//	key := web.Key("box", q["category"], q["limit"], state.Key(), h.fingerprint)
//	resp, err := h.cache.Get(r.Context(), key, func(ctx context.Context) (*web.Response, error) {
//		body, err := h.render(ctx, q) // an error goes to web.Fail, not to the cache
//		if err != nil {
//			return nil, err
//		}
//		return h.cache.Response(body, "text/html; charset=utf-8", h.header), nil
//	})
//
// and answers with [Serve], or with [Fail] for an error. Since a key holds
// everything the bytes depend on, a cached answer is never stale and
// nothing is invalidated: old keys age out of the budget. [Cache.Response]
// hashes a body once for its strong ETag and gzips it once, with a writer
// from the Cache's pool ([NewResponse] for an answer made once); Serve owns
// conditional GET (RFC 9110), gzip negotiation and HEAD, and is only given
// 200 answers, so 304 never stands for an error. [Classify] is the one
// mapper of errors to statuses and the JSON error shape
// {"error":{"code","field","message"}}, which Fail writes; the newsroom's
// API uses [ClassifyBody] for 422 on invalid body fields.
package web
