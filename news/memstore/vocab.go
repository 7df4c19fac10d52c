package memstore

import (
	"strings"
)

// A vocabulary holds the words of a Store's word index in byte order, for
// prefix lookups. It is guarded by the Store's mutex.
type vocabulary struct {
	words sorted[string]
}

// byteOrder reports whether a sorts before b.
func byteOrder(a, b string) bool { return a < b }

// add records a word that is not in v.
func (v *vocabulary) add(w string) { v.words.insert(w, byteOrder) }

// remove forgets a word; it does nothing when w is not in v.
func (v *vocabulary) remove(w string) { v.words.remove(w, byteOrder) }

// withPrefix calls fn with every word that begins with prefix, in byte
// order, until fn returns false.
func (v *vocabulary) withPrefix(prefix string, fn func(w string) bool) {
	p := v.words.search(func(w string) bool { return w >= prefix })
	for ; p.b < len(v.words.blocks); p = v.words.next(p) {
		w := v.words.at(p)
		if !strings.HasPrefix(w, prefix) || !fn(w) {
			return
		}
	}
}
