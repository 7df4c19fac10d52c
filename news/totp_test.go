package news_test

import (
	"testing"
	"time"

	"github.com/orgnews/orgnews/news"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rfcSecret is the SHA-1 key of RFC 6238's test vectors,
// "12345678901234567890", in base32.
const rfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

func TestTOTP(t *testing.T) {
	t.Parallel()
	// RFC 6238, appendix B, SHA-1: the last six digits of each code.
	vectors := []struct {
		unix int64
		code string
	}{
		{59, "287082"},
		{1111111109, "081804"},
		{1111111111, "050471"},
		{1234567890, "005924"},
		{2000000000, "279037"},
	}
	for _, v := range vectors {
		at := time.Unix(v.unix, 0)
		code, err := news.TOTPCode(rfcSecret, at)
		require.NoError(t, err)
		assert.Equal(t, v.code, code, "TOTPCode at %d", v.unix)
		assert.True(t, news.ValidateTOTP(rfcSecret, v.code, at), "ValidateTOTP at %d", v.unix)
	}
	at := time.Unix(1111111109, 0)
	tests := []struct {
		name string
		at   time.Time
		code string
		want bool
	}{
		{"one step later", at.Add(30 * time.Second), "081804", true},
		{"one step earlier", at.Add(-30 * time.Second), "081804", true},
		{"two steps later", at.Add(60 * time.Second), "081804", false},
		{"wrong code", at, "081805", false},
		{"empty code", at, "", false},
		{"too long", at, "0818040", false},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, news.ValidateTOTP(rfcSecret, tc.code, tc.at), tc.name)
	}
	assert.False(t, news.ValidateTOTP("không phải base32", "081804", at))
	_, err := news.TOTPCode("không phải base32", at)
	assert.ErrorIs(t, err, news.ErrInvalid)
}
