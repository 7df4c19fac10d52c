package sqlstore

import (
	"context"
	"time"
)

// Watch reports the change version whenever it moves, whichever process
// wrote: it reads the version every Options.PollInterval (250 ms by
// default) and sends each new value on the returned channel. The channel
// holds one value; a reader that falls behind gets the latest version, not
// every one. The first value sent is the version when Watch starts. The
// channel is closed when ctx is done.
//
// Caches keyed by news.Public.State need no Watch: State asks
// PublicVersion on every request, which reads the database once per
// PollInterval, so another instance's publish renews them within it while
// its draft saves leave them hot. Watch is for a process that wants to act
// on another one's write, such as pushing fresh pages or dropping a
// rendered cache eagerly; it reports every write, drafts, sessions and
// audit entries included. A failed read is logged to Options.Logger once per run of
// failures and retried at the next tick. Watch is safe for concurrent use;
// each call starts one goroutine.
func (s *Store) Watch(ctx context.Context) <-chan int64 {
	ch := make(chan int64, 1)
	go func() {
		defer close(ch)
		ticker := time.NewTicker(s.poll)
		defer ticker.Stop()
		last := int64(-1)
		failing := false
		for {
			vs, err := s.readVersions(ctx)
			v := vs.change
			switch {
			case ctx.Err() != nil:
				return
			case err != nil:
				if !failing {
					s.log.Warn("sqlstore: watch: reading the change version failed", "err", err)
				}
				failing = true
			default:
				if failing {
					s.log.Info("sqlstore: watch: reading the change version works again")
				}
				failing = false
				if v != last {
					last = v
					select { // keep only the latest value
					case <-ch:
					default:
					}
					ch <- v
				}
			}
			select {
			case <-ctx.Done():
				return
			case <-ticker.C:
			}
		}
	}()
	return ch
}
