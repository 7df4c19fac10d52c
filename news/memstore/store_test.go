package memstore

import (
	"fmt"
	"strings"
	"testing"
)

func TestCachedBounded(t *testing.T) {
	m := make(map[string]string)
	for i := range maxKeys + 10 {
		k := fmt.Sprintf("Chủ đề %d", i)
		if got := cached(m, k, strings.ToUpper); got != strings.ToUpper(k) {
			t.Fatalf("cached(%q) = %q, want %q", k, got, strings.ToUpper(k))
		}
		if len(m) > maxKeys {
			t.Fatalf("cache holds %d keys, more than %d", len(m), maxKeys)
		}
	}
	if len(m) != 10 {
		t.Errorf("cache holds %d keys after overflowing once, want 10", len(m))
	}
}
