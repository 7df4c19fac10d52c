package widget_test

import (
	"context"
	"sync"
	"testing"
	"time"
)

// TestConcurrent serves many routes from several goroutines while an
// editor writes, under the race detector: no 5xx, and every answer whole.
func TestConcurrent(t *testing.T) {
	s := newNewsSite(t, nil)
	ctx := context.Background()
	targets := []string{"/", "/articles/dai-hoi", "/categories/hoat-dong", "/tags/dang-bo", "/search?q=chi+bo",
		"/api/articles", "/api/articles/dai-hoi", "/api/categories", "/fragment", "/embed?layout=ticker", "/feed.rss", "/widget.js"}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		id := s.arts["sinh-hoat"].ID
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			var err error
			if i%2 == 0 {
				_, err = s.svc.Unpublish(ctx, id)
			} else {
				_, err = s.svc.Publish(ctx, id)
			}
			if err != nil {
				t.Error(err)
				return
			}
			s.clock.Set(time.Date(2022, 12, 1, 3, 0, i%3, 0, time.UTC))
		}
	}()
	var readers sync.WaitGroup
	for g := range 6 {
		readers.Add(1)
		go func() {
			defer readers.Done()
			for i := range 40 {
				target := targets[(g+i)%len(targets)]
				res, body := get(t, s.h, target)
				if res.StatusCode != 200 || len(body) == 0 {
					t.Errorf("GET %s: %d, %d bytes", target, res.StatusCode, len(body))
				}
			}
		}()
	}
	readers.Wait()
	close(stop)
	wg.Wait()
}
