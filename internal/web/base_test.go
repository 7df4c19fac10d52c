package web_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/orgnews/orgnews/internal/web"
)

func TestBaseURL(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"https://skhcn.example.gov.vn/tin-tuc", "https://skhcn.example.gov.vn/tin-tuc/"},
		{"  http://127.0.0.1:8080/news/?utm_source=zalo#top ", "http://127.0.0.1:8080/news/"},
		{"https://skhcn.example.gov.vn", "https://skhcn.example.gov.vn/"},
		{"", ""},
		{"/tin-tuc/", ""},
		{"ftp://skhcn.example.gov.vn/", ""},
		{"https:///tin-tuc/", ""},
		{"https://[::1", ""},
	} {
		got := ""
		if u := web.BaseURL(tc.in); u != nil {
			got = u.String()
		}
		assert.Equal(t, tc.want, got, "%q", tc.in)
	}
}
