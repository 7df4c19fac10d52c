package web

import (
	"errors"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/news"
)

func TestParseQuery(t *testing.T) {
	feedParams := []string{"format", "category", "tag", "lang", "limit"}
	many := strings.Repeat("limit=1&", 33)
	for _, tc := range []struct {
		name     string
		raw      string
		accepted []string
		want     Query
		field    string // of the error; "" for none
		msg      string
	}{
		{"empty", "", feedParams, Query{}, "", ""},
		{"values", "limit=5&tag=chuy%E1%BB%83n+%C4%91%E1%BB%95i+s%E1%BB%91&lang=", feedParams,
			Query{"limit": "5", "tag": "chuyển đổi số", "lang": ""}, "", ""},
		{"tracking dropped", "utm_source=zalo&limit=5&fbclid=abc&utm_medium=social", feedParams, Query{"limit": "5"}, "", ""},
		{"tracking on an address with no parameters", "gclid=1", nil, Query{}, "", ""},
		{"tracking given twice", "utm_source=a&utm_source=b", nil, Query{}, "", ""},
		{"empty pairs", "&&limit=5&", feedParams, Query{"limit": "5"}, "", ""},
		{"unknown", "limt=5", feedParams, nil, "limt", `unknown parameter "limt"; accepted: format, category, tag, lang, limit`},
		{"unknown, none accepted", "page=2", nil, nil, "page", `unknown parameter "page"; this address accepts no parameters`},
		{"first unknown in byte order", "zz=1&limit=5&bb=2", feedParams, nil, "bb", `unknown parameter "bb"; accepted: format, category, tag, lang, limit`},
		{"long unknown name cut", strings.Repeat("đ", 30) + "=1", nil, nil, strings.Repeat("đ", 20) + "…", ""},
		{"repeated", "limit=5&limit=6", feedParams, nil, "limit", "limit: given more than once"},
		{"repeated empty", "tag&tag=", feedParams, nil, "tag", "tag: given more than once"},
		{"first wrong in byte order", "tag=a&tag=b&x=1", feedParams, nil, "tag", "tag: given more than once"},
		{"not UTF-8", "tag=%FF", feedParams, nil, "tag", "tag: not valid UTF-8"},
		{"semicolon", "limit=5;tag=a", feedParams, nil, "query", "query: malformed: bad percent-encoding or separator"},
		{"bad escape", "tag=%zz", feedParams, nil, "query", "query: malformed: bad percent-encoding or separator"},
		{"too long", "tag=" + strings.Repeat("a", MaxQueryBytes), feedParams, nil, "query", "query: longer than 4096 bytes"},
		{"too many", many, feedParams, nil, "query", "query: more than 32 parameters"},
		{"too many tracking", strings.Repeat("utm_x=1&", 33), nil, nil, "query", "query: more than 32 parameters"},
		{"32 parameters and empty pairs", strings.Repeat("&", 100) + strings.Repeat("utm_x=1&&", 31) + "limit=1&", feedParams,
			Query{"limit": "1"}, "", ""},
		{"33 parameters among empty pairs", strings.Repeat("&utm_x=1&", 32) + "limit=1", feedParams, nil, "query", "query: more than 32 parameters"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q, err := ParseQuery(tc.raw, tc.accepted...)
			if tc.field == "" {
				require.NoError(t, err)
				assert.Equal(t, tc.want, q)
				return
			}
			require.Error(t, err)
			assert.ErrorIs(t, err, news.ErrInvalid)
			e := Classify(err)
			assert.Equal(t, 400, e.Status)
			assert.Equal(t, "invalid_parameter", e.Code)
			assert.Equal(t, tc.field, e.Field)
			if tc.msg != "" {
				assert.Equal(t, tc.msg, err.Error())
			}
		})
	}
}

func TestParseKnownQuery(t *testing.T) {
	pageParams := []string{"cursor", "lang"}
	for _, tc := range []struct {
		name  string
		raw   string
		want  Query
		field string // of the error; "" for none
	}{
		{"shared from Zalo", "ref=zalo&lang=en", Query{"lang": "en"}, ""},
		{"an old portal's paging", "page=2&amp=1&share=1", Query{}, ""},
		{"unknown given twice", "page=1&page=2", Query{}, ""},
		{"unknown not UTF-8", "x=%FF&lang=vi", Query{"lang": "vi"}, ""},
		{"known given twice", "lang=vi&lang=en&ref=zalo", nil, "lang"},
		{"known not UTF-8", "cursor=%FF", nil, "cursor"},
		{"malformed", "lang=%zz", nil, "query"},
		{"too many", strings.Repeat("ref=1&", 33), nil, "query"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q, err := ParseKnownQuery(tc.raw, pageParams...)
			if tc.field == "" {
				require.NoError(t, err)
				assert.Equal(t, tc.want, q)
				return
			}
			require.ErrorIs(t, err, news.ErrInvalid)
			assert.Equal(t, tc.field, Classify(err).Field)
		})
	}
}

func TestQuote(t *testing.T) {
	assert.Equal(t, `"abc"`, Quote("abc", 3))
	assert.Equal(t, `"ab…"`, Quote("abc", 2))
	assert.Equal(t, `"\x00"`, Quote("\x00", 5))
	assert.Equal(t, `"…"`, Quote("đ", 1), "a character is never split")
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"", "limit=5&tag=a", "utm_source=x", "a;b", "%zz", "tag=%FF", "limit=1&limit=2", "=&=", "x=1&tag=%E1%BB%83"} {
		f.Add(s)
	}
	accepted := []string{"category", "tag", "limit"}
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := ParseQuery(raw, accepted...)
		if err != nil {
			var up *UnknownParamError
			var fe *news.FieldError
			require.True(t, errors.As(err, &up) || errors.As(err, &fe), "error of type %T", err)
			require.ErrorIs(t, err, news.ErrInvalid)
			require.Equal(t, 400, Classify(err).Status)
			return
		}
		again := url.Values{}
		for k, v := range q {
			require.Contains(t, accepted, k)
			require.True(t, utf8.ValidString(v), "value %q", v)
			again.Set(k, v)
		}
		q2, err := ParseQuery(again.Encode(), accepted...)
		require.NoError(t, err, "the parsed query, encoded again")
		require.Equal(t, q, q2)
	})
}

func TestTagName(t *testing.T) {
	arts := []*news.Article{{Tags: []string{"Đảng bộ"}}, {Tags: []string{"Khoa học", "Nông nghiệp"}}}
	for _, tc := range []struct{ tag, want string }{
		{"nong-nghiep", "Nông nghiệp"},
		{"Dang bo", "Đảng bộ"},
		{"chuyen-doi-so", "chuyen-doi-so"},
	} {
		assert.Equal(t, tc.want, TagName(arts, tc.tag), "TagName(%q)", tc.tag)
	}
}
