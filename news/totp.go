package news

import (
	"fmt"
	"io"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
)

// totpOptions are the TOTP parameters every authenticator app supports:
// SHA-1, six digits, 30 seconds, one step of clock skew either way.
var totpOptions = totp.ValidateOpts{Period: 30, Skew: 1, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

// ValidateTOTP reports whether code is the TOTP code of secret (base32) at
// the instant at, or one 30-second step before or after it.
func ValidateTOTP(secret, code string, at time.Time) bool {
	ok, err := totp.ValidateCustom(code, secret, at, totpOptions)
	return err == nil && ok
}

// TOTPCode returns the TOTP code of secret at the instant at, as an
// authenticator app shows it. Errors wrap ErrInvalid when secret is not
// base32.
func TOTPCode(secret string, at time.Time) (string, error) {
	code, err := totp.GenerateCodeCustom(secret, at, totpOptions)
	if err != nil {
		return "", fmt.Errorf("news: totp: %w", &FieldError{Field: "totp_secret", Rule: "not base32"})
	}
	return code, nil
}

// A TOTPEnrolment is a new second-factor secret offered to an account: the
// user adds it to an authenticator app (by the URL, as a QR code, or by
// the secret) and confirms with a code (see Newsroom.EnableTOTP).
type TOTPEnrolment struct {
	Secret string // base32
	URL    string // otpauth://totp/<issuer>:<username>?secret=…&issuer=…
}

// newTOTPEnrolment makes a secret of 20 random bytes for username.
func newTOTPEnrolment(issuer, username string, random io.Reader) (*TOTPEnrolment, error) {
	key, err := totp.Generate(totp.GenerateOpts{Issuer: issuer, AccountName: username, Rand: random,
		Period: totpOptions.Period, Digits: totpOptions.Digits, Algorithm: totpOptions.Algorithm})
	if err != nil {
		return nil, fmt.Errorf("news: totp secret: %w", err)
	}
	return &TOTPEnrolment{Secret: key.Secret(), URL: key.URL()}, nil
}
