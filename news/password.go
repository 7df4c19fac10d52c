package news

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Argon2Params are the cost parameters of argon2id password hashes. The
// zero value means DefaultArgon2Params; tests use cheap ones (Memory 64,
// Time 1, Threads 1).
type Argon2Params struct {
	Memory  uint32 // KiB; 0 means 65536 (64 MiB)
	Time    uint32 // passes; 0 means 3
	Threads uint8  // lanes; 0 means 4
	SaltLen uint32 // bytes; 0 means 16
	KeyLen  uint32 // bytes of hash; 0 means 32
}

// DefaultArgon2Params are the parameters RFC 9106 recommends for memory
// constrained servers: 64 MiB, three passes, four lanes.
var DefaultArgon2Params = Argon2Params{Memory: 64 << 10, Time: 3, Threads: 4, SaltLen: 16, KeyLen: 32}

// withDefaults returns p with every zero field set from
// DefaultArgon2Params.
func (p Argon2Params) withDefaults() Argon2Params {
	d := DefaultArgon2Params
	if p.Memory == 0 {
		p.Memory = d.Memory
	}
	if p.Time == 0 {
		p.Time = d.Time
	}
	if p.Threads == 0 {
		p.Threads = d.Threads
	}
	if p.SaltLen == 0 {
		p.SaltLen = d.SaltLen
	}
	if p.KeyLen == 0 {
		p.KeyLen = d.KeyLen
	}
	return p
}

// A PasswordHash is an argon2id hash in its parts, as the PHC string
// format "$argon2id$v=19$m=65536,t=3,p=4$<salt>$<hash>" writes it (salt
// and hash in unpadded standard base64).
type PasswordHash struct {
	Params Argon2Params // Memory, Time, Threads; SaltLen and KeyLen from Salt and Key
	Salt   []byte
	Key    []byte
}

// Limits ParsePasswordHash accepts, so that a stored hash cannot make
// verification arbitrarily costly.
const (
	maxArgon2Memory = 4 << 20 // KiB: 4 GiB
	maxArgon2Time   = 100
	maxHashBytes    = 1024 // salt or key
)

// String returns h in PHC string format.
func (h *PasswordHash) String() string {
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version,
		h.Params.Memory, h.Params.Time, h.Params.Threads, enc.EncodeToString(h.Salt), enc.EncodeToString(h.Key))
}

// ParsePasswordHash parses an argon2id hash in PHC string format. It
// accepts only argon2id version 19 with the parameters m, t and p in that
// order, memory up to 4 GiB, time up to 100, at least one thread, and a
// salt and a hash of 8 to 1024 bytes. Errors wrap ErrInvalid.
func ParsePasswordHash(s string) (*PasswordHash, error) {
	bad := func(rule string) error {
		return fmt.Errorf("news: password hash: %w", &FieldError{Field: "password_hash", Rule: rule})
	}
	parts := strings.Split(s, "$")
	if len(parts) != 6 || parts[0] != "" {
		return nil, bad("not a PHC string")
	}
	if parts[1] != "argon2id" {
		return nil, bad("not argon2id")
	}
	if parts[2] != "v="+strconv.Itoa(argon2.Version) {
		return nil, bad("not version 19")
	}
	var h PasswordHash
	params := strings.Split(parts[3], ",")
	if len(params) != 3 {
		return nil, bad("parameters are not m, t and p")
	}
	for i, name := range []string{"m", "t", "p"} {
		val, ok := strings.CutPrefix(params[i], name+"=")
		if !ok {
			return nil, bad("parameters are not m, t and p")
		}
		n, err := strconv.ParseUint(val, 10, 32)
		if err != nil || val != strconv.FormatUint(n, 10) || n == 0 {
			return nil, bad("parameter " + name + " is not a positive number")
		}
		switch name {
		case "m":
			if n > maxArgon2Memory {
				return nil, bad("memory over 4 GiB")
			}
			h.Params.Memory = uint32(n)
		case "t":
			if n > maxArgon2Time {
				return nil, bad("time over 100")
			}
			h.Params.Time = uint32(n)
		case "p":
			if n > 255 {
				return nil, bad("more than 255 threads")
			}
			h.Params.Threads = uint8(n)
		}
	}
	if h.Params.Memory < 8*uint32(h.Params.Threads) {
		return nil, bad("memory below 8 KiB per thread")
	}
	for i, dst := range []*[]byte{&h.Salt, &h.Key} {
		// Decoding skips line breaks; encoding back refuses them.
		b, err := base64.RawStdEncoding.Strict().DecodeString(parts[4+i])
		if err != nil || len(b) < 8 || len(b) > maxHashBytes || base64.RawStdEncoding.EncodeToString(b) != parts[4+i] {
			return nil, bad([]string{"salt", "hash"}[i] + " is not 8 to 1024 bytes of base64")
		}
		*dst = b
	}
	h.Params.SaltLen, h.Params.KeyLen = uint32(len(h.Salt)), uint32(len(h.Key))
	return &h, nil
}

// HashPassword returns the argon2id hash of password in PHC string format,
// with a random salt read from random (nil means crypto/rand) and the
// parameters p (zero fields from DefaultArgon2Params).
func HashPassword(password string, p Argon2Params, random io.Reader) (string, error) {
	p = p.withDefaults()
	if random == nil {
		random = rand.Reader
	}
	salt := make([]byte, p.SaltLen)
	if _, err := io.ReadFull(random, salt); err != nil {
		return "", fmt.Errorf("news: password salt: %w", err)
	}
	h := PasswordHash{Params: p, Salt: salt, Key: argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, p.KeyLen)}
	return h.String(), nil
}

// VerifyPassword reports whether password matches hash, a PHC string that
// HashPassword wrote (with any parameters), comparing in constant time.
// Errors wrap ErrInvalid when hash is malformed.
func VerifyPassword(hash, password string) (bool, error) {
	h, err := ParsePasswordHash(hash)
	if err != nil {
		return false, err
	}
	key := argon2.IDKey([]byte(password), h.Salt, h.Params.Time, h.Params.Memory, h.Params.Threads, uint32(len(h.Key)))
	return subtle.ConstantTimeCompare(key, h.Key) == 1, nil
}

// PasswordOptions configures password hashing and the password rules. The
// zero value gives the defaults each field describes.
type PasswordOptions struct {
	// MinLength is the fewest characters a password may have. 0 means
	// DefaultMinPassword (10).
	MinLength int
	// Argon2 are the hash's parameters; zero fields mean those of
	// DefaultArgon2Params.
	Argon2 Argon2Params
}

// CheckPassword checks password against the rules: at least minLen
// characters (0 means DefaultMinPassword), at most MaxPasswordLen, and,
// folded (see [Fold]), neither equal to nor containing the username, the
// display name or the local part of the email (each when it has at least
// three characters). The error is a *FieldError for "password" wrapping
// ErrInvalid; it never repeats the password.
func CheckPassword(password string, minLen int, username, displayName, email string) error {
	if minLen <= 0 {
		minLen = DefaultMinPassword
	}
	bad := func(rule string) error { return &FieldError{Field: "password", Rule: rule} }
	n := utf8.RuneCountInString(password)
	switch {
	case n < minLen:
		return bad(fmt.Sprintf("shorter than %d characters", minLen))
	case n > MaxPasswordLen:
		return bad(longer(MaxPasswordLen))
	}
	local, _, _ := strings.Cut(email, "@")
	fp := strings.Join(strings.Fields(Fold(password)), "")
	for _, own := range []struct{ name, value string }{
		{"username", username}, {"display name", displayName}, {"email", local},
	} {
		fv := strings.Join(strings.Fields(Fold(own.value)), "")
		if utf8.RuneCountInString(fv) >= 3 && strings.Contains(fp, fv) {
			return bad("contains the " + own.name)
		}
	}
	return nil
}
