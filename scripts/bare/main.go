// Command bare is the baseline for scripts/load.sh: a minimal HTTP server
// that serves, from memory, the exact bytes another server returned.
//
// At start it fetches each path given as an argument once from -upstream,
// keeps the body and every header but Date (which the server writes), and
// then serves those bytes at the same paths on -addr: the same response,
// headers included, with none of the work of making it. Any other path is
// 404. It exits non-zero when a fetch fails or does not answer 200.
//
// Its http.Server has the newsroom demo's timeouts and header limit, so
// that the two servers differ only in their handlers: a read or write
// timeout costs a deadline per request, which is the server's work, not
// the handler's.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// page is one response kept in memory.
type page struct {
	body   []byte
	header http.Header // without Date
}

func main() {
	addr := flag.String("addr", "127.0.0.1:18182", "`address` to listen on")
	upstream := flag.String("upstream", "http://127.0.0.1:18181", "base `URL` the pages are fetched from")
	flag.Parse()
	if flag.NArg() == 0 {
		log.Fatal("bare: no paths given")
	}
	pages, err := fetchAll(*upstream, flag.Args())
	if err != nil {
		log.Fatalf("bare: %v", err)
	}
	srv := &http.Server{
		Addr:              *addr,
		Handler:           handler(pages),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Fatalf("bare: %v", err)
	}
}

// fetchAll GETs every path from base without compression, so the stored
// bytes are what a client that sends no Accept-Encoding (such as wrk) gets.
func fetchAll(base string, paths []string) (map[string]page, error) {
	client := &http.Client{
		Timeout:   10 * time.Second,
		Transport: &http.Transport{DisableCompression: true},
	}
	pages := make(map[string]page, len(paths))
	for _, p := range paths {
		resp, err := client.Get(base + p)
		if err != nil {
			return nil, fmt.Errorf("fetch %s: %w", p, err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", p, err)
		}
		if resp.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("fetch %s: status %d, want 200", p, resp.StatusCode)
		}
		resp.Header.Del("Date")
		pages[p] = page{body: body, header: resp.Header}
	}
	return pages, nil
}

// handler serves pages by request URI (path and query).
func handler(pages map[string]page) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, ok := pages[r.URL.RequestURI()]
		if !ok {
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		for k, v := range p.header {
			h[k] = v
		}
		_, _ = w.Write(p.body)
	})
}
