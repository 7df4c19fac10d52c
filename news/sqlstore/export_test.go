package sqlstore

import (
	"context"

	"github.com/orgnews/orgnews/news"
)

// MeasureRarity returns the index of the rarest word of the search text,
// as a ranked search measures it, for the benchmarks of that step alone;
// cold empties the Store's cache of counts first.
func MeasureRarity(ctx context.Context, s *Store, text string, cold bool) (int, error) {
	if cold {
		s.rarity.mu.Lock()
		s.rarity.counts = nil
		s.rarity.mu.Unlock()
	}
	search, err := news.ParseSearch(text)
	if err != nil {
		return 0, err
	}
	x := newTextSearch(search)
	err = s.measureRarity(ctx, &x)
	return x.rarest, err
}
