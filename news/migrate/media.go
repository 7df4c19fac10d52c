package migrate

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strings"
	"sync"
	"time"

	"golang.org/x/net/html"

	"github.com/orgnews/orgnews/news"
)

// fileExts are the extensions of the files a body links to that are
// fetched with the photos: those the media library accepts.
var fileExts = map[string]bool{
	".pdf": true, ".doc": true, ".docx": true, ".xls": true, ".xlsx": true, ".odt": true, ".zip": true,
	".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".webp": true,
}

// isImageURL reports whether a URL's path ends as a photo's name does.
func isImageURL(u string) bool {
	switch strings.ToLower(path.Ext(urlPath(u))) {
	case ".jpg", ".jpeg", ".png", ".gif", ".webp":
		return true
	}
	return false
}

// isFileURL reports whether a URL's path ends as a photo's or a file's
// name does.
func isFileURL(u string) bool { return fileExts[strings.ToLower(path.Ext(urlPath(u)))] }

// urlPath returns the path of a URL, or "".
func urlPath(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	return p.Path
}

// hostSet returns the set of the hosts whose media are fetched.
func hostSet(lists ...[]string) map[string]bool {
	set := map[string]bool{}
	for _, l := range lists {
		for _, h := range l {
			if h = strings.ToLower(strings.TrimSpace(h)); h != "" {
				set[h] = true
			}
		}
	}
	return set
}

// A fetcher moves the old site's photos and files into the media library.
type fetcher struct {
	o       Options
	hosts   map[string]bool
	reports []MediaReport

	mu      sync.Mutex
	created []string // the media this migration added to the library, for undo
}

// undo deletes the media the migration added, when it writes no article
// after all; those the library held before stay.
func (f *fetcher) undo(ctx context.Context) {
	ctx = context.WithoutCancel(ctx)
	for _, id := range f.created {
		f.o.Media.Store().DeleteMedia(ctx, id)
	}
	f.created = nil
}

// fetched is what became of one URL.
type fetched struct {
	url string
	m   *news.Media // nil when it failed
	err error
}

// migrate fetches every photo and file the items refer to on the old
// site, at most o.Concurrency at once, and points the items at their new
// URLs; a failure keeps the old URL and is reported.
func (f *fetcher) migrate(ctx context.Context, items []*item) {
	var urls []string
	seen := map[string]bool{}
	add := func(u string) {
		if u != "" && !seen[u] && f.hosts[hostOf(u)] {
			seen[u] = true
			urls = append(urls, u)
		}
	}
	for _, it := range items {
		if it.skip != "" {
			continue
		}
		if it.cover != nil {
			add(it.cover.URL)
		}
		for _, at := range it.attachments {
			add(at.URL)
		}
		rewriteBody(it.body, func(tag, u string) string {
			if tag == "img" || isFileURL(u) {
				add(u)
			}
			return u
		})
	}
	results := make([]fetched, len(urls))
	sem := make(chan struct{}, f.o.Concurrency)
	var wg sync.WaitGroup
	for i, u := range urls {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			m, err := f.fetch(ctx, u)
			results[i] = fetched{url: u, m: m, err: err}
		}()
	}
	wg.Wait()
	byURL := map[string]*news.Media{}
	for _, r := range results {
		rep := MediaReport{URL: r.url}
		if r.err != nil {
			rep.Error = r.err.Error()
		} else {
			byURL[r.url] = r.m
			rep.New = f.o.Media.URL(r.m.Widest().Key)
		}
		f.reports = append(f.reports, rep)
	}
	for _, it := range items {
		if it.skip != "" {
			continue
		}
		if c := it.cover; c != nil {
			if m := byURL[c.URL]; m != nil {
				v := m.Widest()
				c.URL, c.Width, c.Height, c.Type, c.Size = f.o.Media.URL(v.Key), v.Width, v.Height, v.Type, v.Size
			}
		}
		for k := range it.attachments {
			at := &it.attachments[k]
			if m := byURL[at.URL]; m != nil {
				v := m.Widest()
				at.URL, at.Type, at.Size = f.o.Media.URL(v.Key), v.Type, v.Size
			}
		}
		it.body = rewriteBody(it.body, func(_, u string) string {
			if m := byURL[u]; m != nil {
				return f.o.Media.URL(m.Widest().Key)
			}
			return u
		})
	}
}

// acceptedTypes are the declared types of a response that may hold a
// photo or a file; the content decides after (news.ProcessUpload).
func acceptedType(declared string) bool {
	t, _, err := mime.ParseMediaType(declared)
	if err != nil {
		return declared == ""
	}
	return strings.HasPrefix(t, "image/") || (strings.HasPrefix(t, "application/") && t != "application/xhtml+xml" &&
		t != "application/json" && t != "application/javascript" && !strings.HasSuffix(t, "+xml"))
}

// fetch fetches one photo or file and keeps it in the media library.
func (f *fetcher) fetch(ctx context.Context, u string) (*news.Media, error) {
	ctx, cancel := context.WithTimeout(ctx, f.o.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	resp, err := f.o.Client.Do(req)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, fmt.Errorf("no answer within %s", f.o.Timeout)
		}
		return nil, errors.New("cannot fetch: " + strings.TrimPrefix(err.Error(), "Get \""+u+"\": "))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("HTTP %s", resp.Status)
	}
	declared := resp.Header.Get("Content-Type")
	if !acceptedType(declared) {
		return nil, fmt.Errorf("type %q is not a photo or a file", declared)
	}
	max := f.o.MaxMediaBytes
	if resp.ContentLength > max {
		return nil, fmt.Errorf("larger than %d bytes (%d)", max, resp.ContentLength)
	}
	data, err := readLimited(resp.Body, max)
	if err != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, fmt.Errorf("no answer within %s", f.o.Timeout)
		}
		var fe *news.FieldError
		if errors.As(err, &fe) {
			return nil, errors.New(fe.Rule)
		}
		return nil, err
	}
	if sniffed := http.DetectContentType(data); strings.HasPrefix(sniffed, "text/") {
		return nil, fmt.Errorf("the content is %s, not a photo or a file", strings.TrimSuffix(sniffed, "; charset=utf-8"))
	}
	name, _ := url.PathUnescape(lastElem(u))
	opts := f.o.Media.Options()
	opts.MaxBytes = max
	m, files, err := news.ProcessUpload(name, data, &opts)
	if err != nil {
		return nil, err
	}
	m.CreatedAt = time.Now()
	if f.o.Service != nil && f.o.Service.Now != nil {
		m.CreatedAt = f.o.Service.Now()
	}
	m.CreatedAt = m.CreatedAt.UTC().Truncate(time.Microsecond)
	store := f.o.Media.Store()
	if err := store.PutMedia(ctx, m, files); err != nil {
		if errors.Is(err, news.ErrConflict) {
			if held, herr := store.Media(ctx, m.ID); herr == nil {
				return held, nil
			}
		}
		return nil, err
	}
	f.mu.Lock()
	f.created = append(f.created, m.ID)
	f.mu.Unlock()
	return m, nil
}

// rewriteBody returns the HTML body h with the src of every img and the
// href of every a replaced by fn(tag, url); an img whose src changes loses
// its srcset and sizes, which name the old site's sizes. Everything else
// is copied as it is.
func rewriteBody(h string, fn func(tag, u string) string) string {
	if !strings.Contains(h, "<") {
		return h
	}
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(h))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return b.String()
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			b.Write(z.Raw())
			continue
		}
		// A copy: Token unescapes attribute values in the tokenizer's
		// buffer, under Raw's slice.
		raw := append([]byte(nil), z.Raw()...)
		tok := z.Token()
		attr := ""
		switch tok.Data {
		case "img":
			attr = "src"
		case "a":
			attr = "href"
		}
		changed := false
		if attr != "" {
			for k, a := range tok.Attr {
				if a.Key == attr && a.Namespace == "" {
					if v := fn(tok.Data, a.Val); v != a.Val {
						tok.Attr[k].Val, changed = v, true
					}
				}
			}
		}
		if !changed {
			b.Write(raw)
			continue
		}
		if tok.Data == "img" {
			kept := tok.Attr[:0]
			for _, a := range tok.Attr {
				if a.Key != "srcset" && a.Key != "sizes" {
					kept = append(kept, a)
				}
			}
			tok.Attr = kept
		}
		b.WriteString(tok.String())
	}
}

// assumeMoved prepares a dry run with a media library: it points each item
// that was migrated before at the media its article holds in the place of
// the old site's, so that the check compares like with like and an
// unchanged article counts as unchanged without a fetch. A place whose
// article holds another URL, or a body whose photos and links no longer
// line up, is left as it is: the article then counts as updated.
func (f *fetcher) assumeMoved(ctx context.Context, store news.Store, items []*item, rep *Report) error {
	prefix := f.o.Media.URL("")
	moved := func(old, now string) bool {
		return f.hosts[hostOf(old)] && strings.HasPrefix(now, prefix)
	}
	for i, it := range items {
		if it.skip != "" {
			continue
		}
		cur, err := store.Article(ctx, rep.Items[i].ID)
		if errors.Is(err, news.ErrNotFound) {
			continue
		}
		if err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		if c := it.cover; c != nil && cur.Cover != nil && moved(c.URL, cur.Cover.URL) {
			c.URL, c.Width, c.Height, c.Type, c.Size = cur.Cover.URL, cur.Cover.Width, cur.Cover.Height, cur.Cover.Type, cur.Cover.Size
		}
		if len(it.attachments) == len(cur.Attachments) {
			for k := range it.attachments {
				at, was := &it.attachments[k], cur.Attachments[k]
				if moved(at.URL, was.URL) {
					at.URL, at.Type, at.Size = was.URL, was.Type, was.Size
				}
			}
		}
		var held []string
		rewriteBody(cur.Body, func(tag, u string) string {
			if tag == "img" || isFileURL(u) {
				held = append(held, u)
			}
			return u
		})
		var refs []string
		rewriteBody(it.body, func(tag, u string) string {
			if tag == "img" || isFileURL(u) {
				refs = append(refs, u)
			}
			return u
		})
		if len(refs) != len(held) {
			continue
		}
		k := 0
		it.body = rewriteBody(it.body, func(tag, u string) string {
			if tag != "img" && !isFileURL(u) {
				return u
			}
			k++
			if moved(u, held[k-1]) {
				return held[k-1]
			}
			return u
		})
	}
	return nil
}
