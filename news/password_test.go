package news_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/orgnews/orgnews/news"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cheap are argon2id parameters fast enough for tests.
var cheap = news.Argon2Params{Memory: 64, Time: 1, Threads: 1}

func TestCheckPassword(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, password string
		min            int
		want           string // "" for no error
	}{
		{"long enough", "mua-thu-Ha-Noi-2026", 0, ""},
		{"default minimum", "ngan-qua", 0, "password: shorter than 10 characters"},
		{"exactly the minimum", "0123456789", 0, ""},
		{"counted in characters", "đường-phố!", 0, ""},
		{"own minimum", "mua-thu-Ha-Noi", 16, "password: shorter than 16 characters"},
		{"too long", strings.Repeat("x", news.MaxPasswordLen+1), 0, "password: longer than 256 characters"},
		{"the username", "phongvien1", 0, "password: contains the username"},
		{"the username in capitals", "PHONGVIEN-2026", 0, "password: contains the username"},
		{"the display name folded", "nguyenvanan@2026", 0, "password: contains the display name"},
		{"the display name with marks and spaces", "Nguyễn Văn An 2026", 0, "password: contains the display name"},
		{"the email's local part", "xx-an.nguyen-xx", 0, "password: contains the email"},
		{"a short name is not checked", "xy-mat-khau-dai", 0, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := news.CheckPassword(tc.password, tc.min, "phongvien", "Nguyễn Văn An", "an.nguyen@so.gov.vn")
			if tc.want == "" {
				assert.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, news.ErrInvalid)
			assert.Equal(t, tc.want, err.Error())
			assert.NotContains(t, err.Error(), tc.password, "the error repeats the password")
		})
	}
	assert.NoError(t, news.CheckPassword("mot-mat-khau-dai", 0, "xy", "", ""), "names under three characters")
}

func TestHashPassword(t *testing.T) {
	t.Parallel()
	hash, err := news.HashPassword("Sở KH&CN 2026!", cheap, nil)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(hash, "$argon2id$v=19$m=64,t=1,p=1$"), "hash %q", hash)
	ph, err := news.ParsePasswordHash(hash)
	require.NoError(t, err)
	assert.Len(t, ph.Salt, 16)
	assert.Len(t, ph.Key, 32)
	assert.Equal(t, hash, ph.String())

	for _, tc := range []struct {
		password string
		want     bool
	}{
		{"Sở KH&CN 2026!", true},
		{"Sở KH&CN 2026", false},
		{"so kh&cn 2026!", false},
		{"", false},
	} {
		ok, err := news.VerifyPassword(hash, tc.password)
		require.NoError(t, err)
		assert.Equal(t, tc.want, ok, "VerifyPassword(%q)", tc.password)
	}

	again, err := news.HashPassword("Sở KH&CN 2026!", cheap, nil)
	require.NoError(t, err)
	assert.NotEqual(t, hash, again, "two hashes of one password share a salt")

	// The salt comes from the reader given; the same salt gives the same hash.
	salt := bytes.Repeat([]byte{7}, 16)
	h1, err := news.HashPassword("mat-khau-co-dinh", cheap, bytes.NewReader(salt))
	require.NoError(t, err)
	h2, err := news.HashPassword("mat-khau-co-dinh", cheap, bytes.NewReader(salt))
	require.NoError(t, err)
	assert.Equal(t, h1, h2)
	_, err = news.HashPassword("x", cheap, bytes.NewReader(nil))
	assert.Error(t, err, "a reader with no salt")

	// Defaults fill the zero fields.
	def, err := news.HashPassword("mac-dinh", news.Argon2Params{Memory: 128, Time: 1}, nil)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(def, "$argon2id$v=19$m=128,t=1,p=4$"), "hash %q", def)

	_, err = news.VerifyPassword("$2a$10$bcrypt", "x")
	assert.ErrorIs(t, err, news.ErrInvalid)
}

func TestParsePasswordHash(t *testing.T) {
	t.Parallel()
	const salt, key = "c2FsdHNhbHQ", "aGFzaGhhc2hoYXNoaGFzaA"
	tests := []struct {
		name, hash string
		want       string // "" when valid
	}{
		{"valid", "$argon2id$v=19$m=65536,t=3,p=4$" + salt + "$" + key, ""},
		{"empty", "", "not a PHC string"},
		{"no leading dollar", "argon2id$v=19$m=64,t=1,p=1$" + salt + "$" + key + "$", "not a PHC string"},
		{"argon2i", "$argon2i$v=19$m=64,t=1,p=1$" + salt + "$" + key, "not argon2id"},
		{"version 16", "$argon2id$v=16$m=64,t=1,p=1$" + salt + "$" + key, "not version 19"},
		{"parameters reordered", "$argon2id$v=19$t=1,m=64,p=1$" + salt + "$" + key, "parameters are not m, t and p"},
		{"parameter missing", "$argon2id$v=19$m=64,t=1$" + salt + "$" + key, "parameters are not m, t and p"},
		{"zero time", "$argon2id$v=19$m=64,t=0,p=1$" + salt + "$" + key, "parameter t is not a positive number"},
		{"leading zero", "$argon2id$v=19$m=064,t=1,p=1$" + salt + "$" + key, "parameter m is not a positive number"},
		{"sign", "$argon2id$v=19$m=+64,t=1,p=1$" + salt + "$" + key, "parameter m is not a positive number"},
		{"huge memory", "$argon2id$v=19$m=4194305,t=1,p=1$" + salt + "$" + key, "memory over 4 GiB"},
		{"huge time", "$argon2id$v=19$m=64,t=101,p=1$" + salt + "$" + key, "time over 100"},
		{"too many threads", "$argon2id$v=19$m=4096,t=1,p=256$" + salt + "$" + key, "more than 255 threads"},
		{"too little memory", "$argon2id$v=19$m=8,t=1,p=2$" + salt + "$" + key, "memory below 8 KiB per thread"},
		{"short salt", "$argon2id$v=19$m=64,t=1,p=1$c2FsdA$" + key, "salt is not 8 to 1024 bytes of base64"},
		{"padded salt", "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ=$" + key, "salt is not 8 to 1024 bytes of base64"},
		{"bad hash", "$argon2id$v=19$m=64,t=1,p=1$" + salt + "$!!!", "hash is not 8 to 1024 bytes of base64"},
		{"trailing part", "$argon2id$v=19$m=64,t=1,p=1$" + salt + "$" + key + "$", "not a PHC string"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h, err := news.ParsePasswordHash(tc.hash)
			if tc.want == "" {
				require.NoError(t, err)
				assert.Equal(t, tc.hash, h.String())
				assert.Equal(t, news.Argon2Params{Memory: 65536, Time: 3, Threads: 4, SaltLen: 8, KeyLen: 16}, h.Params)
				return
			}
			require.ErrorIs(t, err, news.ErrInvalid)
			assert.Equal(t, "news: password hash: password_hash: "+tc.want, err.Error())
		})
	}
}

func FuzzParsePasswordHash(f *testing.F) {
	f.Add("$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")
	f.Add("$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")
	f.Add("$argon2id$v=19$m=4294967295,t=1,p=1$$")
	f.Add("$argon2id$v=19$m=1,t=1,p=0$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		h, err := news.ParsePasswordHash(s)
		if err != nil {
			require.ErrorIs(t, err, news.ErrInvalid)
			require.Nil(t, h)
			return
		}
		// What parses is canonical, within the bounds, and prints back as
		// it was read.
		require.Equal(t, s, h.String())
		require.LessOrEqual(t, h.Params.Memory, uint32(4<<20))
		require.LessOrEqual(t, h.Params.Time, uint32(100))
		require.Positive(t, h.Params.Threads)
		require.GreaterOrEqual(t, h.Params.Memory, 8*uint32(h.Params.Threads))
		require.GreaterOrEqual(t, len(h.Salt), 8)
		require.GreaterOrEqual(t, len(h.Key), 8)
	})
}

func TestAccountNeverShowsSecrets(t *testing.T) {
	t.Parallel()
	a := &news.Account{Username: "bientap", Role: news.RoleEditor, PasswordHash: "$argon2id$v=19$bi-mat", TOTPSecret: "JBSWY3DPEHPK3PXP"}
	var logged bytes.Buffer
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("đăng nhập", "account", a)
	for _, s := range []string{a.String(), fmt.Sprintf("%v %+v %s", a, a, a), logged.String()} {
		assert.NotContains(t, s, "bi-mat")
		assert.NotContains(t, s, "JBSWY3DP")
		assert.Contains(t, s, "bientap")
	}
	pub := a.Public()
	assert.Empty(t, pub.PasswordHash)
	assert.Empty(t, pub.TOTPSecret)
	assert.NotEmpty(t, a.PasswordHash, "Public changed the account")
}
