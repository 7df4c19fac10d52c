package admin_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/news"
)

// editorLegacy is the shape of editor/src/legacy.json, the tables the
// body editor converts TCVN3 and VNI text with on paste. They are made
// from news.FromTCVN3 and news.FromVNI, so that the editor and the
// server's sanitiser convert alike.
type editorLegacy struct {
	// TCVN3 maps each TCVN3 character to its letter.
	TCVN3 map[string]string `json:"tcvn3"`
	// VNILetters maps each VNI character that is a letter alone to it.
	VNILetters map[string]string `json:"vniLetters"`
	// VNIPairs maps each letter and mark character VNI joins to the
	// marked letter.
	VNIPairs map[string]string `json:"vniPairs"`
	// Syllable is news.SyllablePattern.
	Syllable string `json:"syllable"`
}

// legacyTables derives the editor's tables from the news package's
// conversions, trying every Latin-1 character alone and every pair of a
// letter and a Latin-1 character.
func legacyTables() editorLegacy {
	t := editorLegacy{TCVN3: map[string]string{}, VNILetters: map[string]string{}, VNIPairs: map[string]string{}, Syllable: news.SyllablePattern}
	bases := []string{}
	for c := rune(0xa1); c <= 0xff; c++ {
		s := string(c)
		if u := news.FromTCVN3(s); u != s {
			t.TCVN3[s] = u
		}
		if u := news.FromVNI(s); u != s {
			t.VNILetters[s] = u
			bases = append(bases, s)
		}
	}
	for c := 'A'; c <= 'z'; c++ {
		bases = append(bases, string(c))
	}
	for _, b := range bases {
		for c := rune(0xc0); c <= 0xff; c++ {
			in := b + string(c)
			if u := news.FromVNI(in); utf8.RuneCountInString(u) == 1 {
				t.VNIPairs[in] = u
			}
		}
	}
	return t
}

// TestEditorLegacyTables checks the committed editor/src/legacy.json is
// what the news package converts with; -update rewrites it (then rebuild
// the bundle: editor/build.sh).
func TestEditorLegacyTables(t *testing.T) {
	t.Parallel()
	path := filepath.Join("editor", "src", "legacy.json")
	got, err := json.MarshalIndent(legacyTables(), "", " ")
	require.NoError(t, err)
	got = append(got, '\n')
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./admin -run TestEditorLegacyTables -update")
	assert.Equal(t, string(want), string(got), "editor/src/legacy.json is stale: run go test ./admin -run TestEditorLegacyTables -update, then editor/build.sh")
	tables := legacyTables()
	assert.Len(t, tables.TCVN3, 73, "every TCVN3 character but ý, which is itself")
	assert.Equal(t, "ớ", tables.VNIPairs["ôù"])
	assert.Equal(t, "Ặ", tables.VNIPairs["AË"])
}
