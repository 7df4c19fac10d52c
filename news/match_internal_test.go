package news

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"golang.org/x/text/unicode/norm"
)

// TestDecompose checks decompose against norm.NFD on every letter of its
// table, alone, in a word and before combining marks, and on words it
// leaves to norm.
func TestDecompose(t *testing.T) {
	var words []string
	for r := rune(0xA0); r < 0x2000; r++ {
		words = append(words, string(r), "ng"+string(r)+"y", string(r)+"\u0301", "a"+string(r)+"\u0323\u0300")
	}
	words = append(words, "", "dai", "đại", "hoà", "thuỷ", "ﬁ", "ω\u0301", "x\u0308y", "ệ\u0300")
	for _, w := range words {
		w = norm.NFC.String(w)
		assert.Equal(t, norm.NFD.String(w), decompose(w), "decompose(%q)", w)
	}
}
