package web

import (
	"crypto/sha256"
	"encoding/base64"
	"strings"

	"github.com/orgnews/orgnews/news"
)

// AlignStyleSources returns the sources of a style-src-attr directive
// that allow the style attributes news.Sanitize keeps in article bodies
// (text-align) and nothing else: 'unsafe-hashes' and one hash each.
func AlignStyleSources() string {
	var b strings.Builder
	b.WriteString("'unsafe-hashes'")
	for _, s := range news.AlignStyles() {
		sum := sha256.Sum256([]byte(s))
		b.WriteString(" 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'")
	}
	return b.String()
}
