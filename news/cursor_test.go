package news

import (
	"encoding/base64"
	"errors"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCursorRoundTrip(t *testing.T) {
	t.Parallel()
	id := uuid.MustParse("0b5e1f3a-6c1d-4d53-9a53-3f2a0e1c9b11")
	tests := []struct {
		name string
		c    Cursor
	}{
		{"title rank", Cursor{Rank: 0, PublishAt: time.Date(2022, 11, 28, 1, 2, 3, 4000, time.UTC), ID: id}},
		{"highest rank", Cursor{Rank: MaxRank, PublishAt: time.Date(2026, 7, 27, 8, 0, 0, 0, time.UTC), ID: id}},
		{"other rank", Cursor{Rank: 1, PublishAt: time.Date(2026, 7, 27, 8, 0, 0, 0, time.UTC), ID: id}},
		{"zero time", Cursor{Rank: 0, PublishAt: time.Time{}, ID: uuid.Nil}},
		{"before 1970", Cursor{Rank: 1, PublishAt: time.Date(1945, 9, 2, 0, 0, 0, 0, time.UTC), ID: id}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := ParseCursor(tc.c.String())
			if err != nil {
				t.Fatalf("ParseCursor(%q) error: %v", tc.c.String(), err)
			}
			if got.Rank != tc.c.Rank || !got.PublishAt.Equal(tc.c.PublishAt) || got.ID != tc.c.ID {
				t.Errorf("ParseCursor(String(%+v)) = %+v", tc.c, got)
			}
		})
	}
}

func TestParseCursorRejects(t *testing.T) {
	t.Parallel()
	good := Cursor{Rank: 1, PublishAt: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), ID: uuid.New()}.String()
	tests := []struct {
		name, in, rule string
	}{
		{"empty", "", "malformed"},
		{"not base64", "!!!!", "malformed"},
		{"truncated", good[:len(good)-2], "malformed"},
		{"too long", good + good + good, "too long"},
		{"unknown version", withByte(good, 0, 3), "unknown version 3"},
		{"version 0", withByte(good, 0, 0), "unknown version 0"},
		{"bad rank", Cursor{Rank: MaxRank + 1}.String(), "malformed"},
		{"version 1, spread rank", withByte(Cursor{Rank: 6}.String(), 0, 1),
			"rank 6 of version 1: words spread over fields rank by rarity now; search again"},
		{"version 1, past spread", withByte(Cursor{Rank: 7}.String(), 0, 1),
			"rank 7 of version 1: words spread over fields rank by rarity now; search again"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := ParseCursor(tc.in)
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("ParseCursor(%q) error = %v, want ErrInvalid", tc.in, err)
			}
			if want := "cursor: " + tc.rule; err.Error() != want {
				t.Errorf("ParseCursor(%q) error = %q, want %q", tc.in, err, want)
			}
		})
	}
}

// withByte returns the cursor text c with its i-th byte set to b.
func withByte(c string, i int, b byte) string {
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		panic(err)
	}
	raw[i] = b
	return base64.RawURLEncoding.EncodeToString(raw)
}

func TestParseCursorVersion1(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for rank := RankTitlePhrase; rank <= RankBodyWords; rank++ {
		c := Cursor{Rank: rank, PublishAt: at, ID: uuid.New()}
		got, err := ParseCursor(withByte(c.String(), 0, 1))
		require.NoError(t, err, "rank %d", rank)
		assert.Equal(t, c, got, "version 1 cursor at rank %d", rank)
	}
}

func FuzzParseCursor(f *testing.F) {
	f.Add(Cursor{Rank: 1, PublishAt: time.Date(2022, 11, 28, 0, 0, 0, 0, time.UTC), ID: uuid.New()}.String())
	f.Add("")
	f.Add("AQA")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCursor(s)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("ParseCursor(%q) error %v does not wrap ErrInvalid", s, err)
			}
			return
		}
		again, err := ParseCursor(c.String())
		if err != nil || again != c {
			t.Fatalf("ParseCursor(%q) = %+v; re-encoded gives %+v, %v", s, c, again, err)
		}
	})
}

func TestQueryPageBounds(t *testing.T) {
	t.Parallel()
	c := Cursor{Rank: 0, PublishAt: time.Date(2026, 3, 8, 0, 0, 0, 0, time.UTC), ID: uuid.New()}
	tests := []struct {
		name      string
		q         Query
		wantLimit int
		wantCur   bool
		wantErr   string
	}{
		{"zero", Query{}, DefaultLimit, false, ""},
		{"max", Query{Limit: MaxLimit}, MaxLimit, false, ""},
		{"cursor", Query{Limit: 5, Cursor: c.String()}, 5, true, ""},
		{"negative", Query{Limit: -1}, 0, false, "limit: must be from 1 to 100, or 0 for 20, not -1"},
		{"too large", Query{Limit: MaxLimit + 1}, 0, false, "limit: must be from 1 to 100, or 0 for 20, not 101"},
		{"bad cursor", Query{Cursor: "x"}, 0, false, "cursor: malformed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			limit, cur, err := tc.q.PageBounds()
			if tc.wantErr != "" {
				if !errors.Is(err, ErrInvalid) || err.Error() != tc.wantErr {
					t.Fatalf("%+v.PageBounds() error = %v, want %q wrapping ErrInvalid", tc.q, err, tc.wantErr)
				}
				return
			}
			if err != nil || limit != tc.wantLimit || (cur != nil) != tc.wantCur {
				t.Fatalf("%+v.PageBounds() = %d, %v, %v; want %d, cursor %v", tc.q, limit, cur, err, tc.wantLimit, tc.wantCur)
			}
			if cur != nil && *cur != c {
				t.Errorf("PageBounds cursor = %+v, want %+v", *cur, c)
			}
		})
	}
}
