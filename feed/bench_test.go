package feed

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/gorilla/feeds"

	"github.com/orgnews/orgnews/news"
)

// benchArticles returns n published articles with full bodies of about
// 5 KB each: paragraphs, a figure with srcset and relative links, as the
// publishing service stores them.
func benchArticles(n int) []*news.Article {
	arts := make([]*news.Article, n)
	for i := range arts {
		var body strings.Builder
		for p := range 12 {
			fmt.Fprintf(&body, `<p>Tin %d, đoạn %d: Sở Khoa học và Công nghệ phối hợp với Ủy ban nhân dân các huyện triển khai kế hoạch hỗ trợ doanh nghiệp đổi mới công nghệ, đạt 46,27%% chỉ tiêu năm; xem <a href="/tin-tuc/articles/ke-hoach-%d">kế hoạch</a>.</p>`, i, p, p)
			if p%4 == 0 {
				fmt.Fprintf(&body, `<figure><img src="/uploads/2026/11/anh-%d.jpg" srcset="/uploads/2026/11/anh-%d-640.jpg 640w, /uploads/2026/11/anh-%d-1280.jpg 1280w" alt="Ảnh %d" width="1280" height="720"><figcaption>Quang cảnh buổi làm việc.</figcaption></figure>`, p, p, p, p)
			}
		}
		t := at(26, 9, 0).Add(-time.Duration(i) * time.Hour)
		arts[i] = &news.Article{
			ID:         uuid.NewSHA1(uuid.NameSpaceOID, []byte{byte(i)}),
			Slug:       fmt.Sprintf("tin-so-%d-ve-hoat-dong-khoa-hoc", i),
			Title:      fmt.Sprintf("Tin số %d: Sở Khoa học và Công nghệ làm việc với doanh nghiệp", i),
			Summary:    "Đoàn công tác của Sở làm việc với các doanh nghiệp về đổi mới công nghệ và chuyển đổi số.",
			Body:       body.String(),
			Cover:      &news.Image{URL: fmt.Sprintf("/uploads/2026/11/bia-%d.jpg", i), Alt: "Ảnh bìa", Type: "image/jpeg", Size: 123456},
			Author:     "Văn phòng Sở",
			CategoryID: catKHCN.ID,
			Tags:       []string{"doanh nghiệp", "chuyển đổi số"},
			Lang:       "vi",
			Status:     news.StatusPublished,
			PublishAt:  t,
			CreatedAt:  t,
			UpdatedAt:  t,
		}
	}
	return arts
}

// gorillaFeed is the same articles as gorilla/feeds' generic Feed, with
// every field it has: the baseline the builder is measured against.
func gorillaFeed(arts []*news.Article) *feeds.Feed {
	f := &feeds.Feed{
		Title:       "Sở Khoa học và Công nghệ – Tin tức",
		Link:        &feeds.Link{Href: base},
		Description: "Tin tức, thông báo và hoạt động của Sở Khoa học và Công nghệ",
		Author:      &feeds.Author{Name: "Sở Khoa học và Công nghệ"},
		Updated:     arts[0].UpdatedAt,
	}
	for _, a := range arts {
		f.Items = append(f.Items, &feeds.Item{
			Title:       a.Title,
			Link:        &feeds.Link{Href: base + "articles/" + a.Slug},
			Author:      &feeds.Author{Name: a.Author},
			Description: a.Summary,
			Id:          "urn:uuid:" + a.ID.String(),
			IsPermaLink: "false",
			Created:     a.PublishAt,
			Updated:     a.UpdatedAt,
			Content:     a.Body,
			Enclosure:   &feeds.Enclosure{Url: "https://sokhcn.example.gov.vn" + a.Cover.URL, Length: "123456", Type: a.Cover.Type},
		})
	}
	return f
}

// BenchmarkBuild builds a 50-item feed with full bodies in each format,
// beside gorilla/feeds alone writing the same items from its generic Feed.
// "cold" is Build, which prepares every body (links made absolute, text
// normalised to NFC) on every call, as the Handler does once per feed
// after a write. Goal: orgnews at most 1.5× gorilla.
func BenchmarkBuild(b *testing.B) {
	arts := benchArticles(50)
	m := meta()
	for _, f := range Formats {
		b.Run("format="+string(f)+"/impl=gorilla", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				// Convert inside the loop, as Build does from articles, and
				// write into memory, as Build returns the bytes.
				gf := gorillaFeed(arts)
				var buf bytes.Buffer
				var err error
				switch f {
				case RSS:
					err = gf.WriteRss(&buf)
				case Atom:
					err = gf.WriteAtom(&buf)
				case JSON:
					err = gf.WriteJSON(&buf)
				}
				if err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("format="+string(f)+"/impl=cold", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Build(f, arts, m); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkServe serves a cached 50-item feed through the Handler (State
// lookup, cache hit, validators, headers), beside a bare handler writing
// the same response from memory, both through httptest recorders in
// parallel, plain and gzipped. Goal: the Handler at least 0.9× the bare
// handler's throughput.
func BenchmarkServe(b *testing.B) {
	e := newEnv(b, nil)
	ctx := context.Background()
	for _, a := range benchArticles(50) {
		if err := e.store.CreateArticle(ctx, a); err != nil {
			b.Fatal(err)
		}
	}
	for _, gz := range []bool{false, true} {
		for _, f := range Formats {
			target := "/feed?limit=50&format=" + string(f)
			accept := ""
			name := string(f)
			if gz {
				accept, name = "gzip", name+"-gzip"
			}
			warm := e.get(e.h, "GET", target, "Accept-Encoding", accept)
			if warm.Code != 200 {
				b.Fatalf("GET %s = %d", target, warm.Code)
			}
			// The bare handler writes the same response, headers and body,
			// from memory: the difference is the Handler's own work (State
			// lookup, parameters, cache, validators).
			body, header := warm.Body.Bytes(), warm.Header().Clone()
			bare := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				h := w.Header()
				for k, v := range header {
					h[k] = v
				}
				w.WriteHeader(http.StatusOK)
				_, _ = w.Write(body)
			})
			for _, c := range []struct {
				name string
				h    http.Handler
			}{{"bytes", bare}, {"handler", e.h}} {
				b.Run("feed="+name+"/impl="+c.name, func(b *testing.B) {
					b.ReportAllocs()
					b.SetBytes(int64(len(body)))
					b.RunParallel(func(pb *testing.PB) {
						r := httptest.NewRequest("GET", target, nil)
						if accept != "" {
							r.Header.Set("Accept-Encoding", accept)
						}
						for pb.Next() {
							w := httptest.NewRecorder()
							c.h.ServeHTTP(w, r)
							if w.Code != 200 {
								b.Fatalf("GET %s = %d", target, w.Code)
							}
						}
					})
				})
			}
		}
	}
}

// BenchmarkServeLoopback is BenchmarkServe through a loopback HTTP server
// and keep-alive clients, for the gzipped RSS feed.
func BenchmarkServeLoopback(b *testing.B) {
	e := newEnv(b, nil)
	ctx := context.Background()
	for _, a := range benchArticles(50) {
		if err := e.store.CreateArticle(ctx, a); err != nil {
			b.Fatal(err)
		}
	}
	const target = "/feed?limit=50"
	warm := e.get(e.h, "GET", target, "Accept-Encoding", "gzip")
	body, header := warm.Body.Bytes(), warm.Header().Clone()
	bare := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		for k, v := range header {
			h[k] = v
		}
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(body)
	})
	for _, c := range []struct {
		name string
		h    http.Handler
	}{{"bytes", bare}, {"handler", e.h}} {
		b.Run("impl="+c.name, func(b *testing.B) {
			srv := httptest.NewServer(c.h)
			defer srv.Close()
			client := &http.Client{Transport: &http.Transport{
				MaxIdleConnsPerHost: 64,
				DisableCompression:  true, // send our own Accept-Encoding, keep the bytes gzipped
			}}
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				req, err := http.NewRequest("GET", srv.URL+target, nil)
				if err != nil {
					b.Fatal(err)
				}
				req.Header.Set("Accept-Encoding", "gzip")
				for pb.Next() {
					res, err := client.Do(req)
					if err != nil {
						b.Fatal(err)
					}
					_, _ = io.Copy(io.Discard, res.Body)
					res.Body.Close()
					if res.StatusCode != 200 {
						b.Fatalf("GET = %d", res.StatusCode)
					}
				}
			})
		})
	}
}

// discardWriter is a ResponseWriter that keeps headers and drops the body,
// so BenchmarkServeOverhead measures handlers, not copying.
type discardWriter struct{ h http.Header }

func (d *discardWriter) Header() http.Header         { return d.h }
func (d *discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (d *discardWriter) WriteHeader(int)             {}

// BenchmarkServeOverhead measures the Handler's own work per request on a
// cached feed (query, State lookup, cache hit, validators, headers) with a
// writer that drops the body, beside the bare handler setting the same
// headers: the difference is what the Handler adds to any response.
func BenchmarkServeOverhead(b *testing.B) {
	e := newEnv(b, nil)
	ctx := context.Background()
	for _, a := range benchArticles(50) {
		if err := e.store.CreateArticle(ctx, a); err != nil {
			b.Fatal(err)
		}
	}
	const target = "/feed?limit=50"
	warm := e.get(e.h, "GET", target, "Accept-Encoding", "gzip")
	body, header := warm.Body.Bytes(), warm.Header().Clone()
	bare := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		for k, v := range header {
			h[k] = v
		}
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(body)
	})
	for _, c := range []struct {
		name string
		h    http.Handler
	}{{"bytes", bare}, {"handler", e.h}} {
		b.Run("impl="+c.name, func(b *testing.B) {
			r := httptest.NewRequest("GET", target, nil)
			r.Header.Set("Accept-Encoding", "gzip, deflate, br")
			w := &discardWriter{h: http.Header{}}
			b.ReportAllocs()
			for b.Loop() {
				clear(w.h)
				c.h.ServeHTTP(w, r)
			}
		})
	}
}
