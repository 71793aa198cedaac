package keys

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math/big"
	"strings"
	"unsafe"
)

// DefaultPrefix starts every secret whose workspace or profile sets no prefix.
const DefaultPrefix = "kd"

const (
	randomBytes    = 32
	randomChars    = 43 // 62^43 > 2^256, so 32 bytes always fit
	checksumChars  = 6  // 62^6 > 2^32
	maskVisible    = 4
	maskHidden     = 16 // at least this many characters stay hidden
	maskEllipsis   = "…"
	base62Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
)

var (
	// ErrMalformed means a string does not have the shape of a Keydesk secret.
	ErrMalformed = errors.New("not a Keydesk key: expected <prefix>_<49 base62 characters>")
	// ErrChecksum means the shape is right but the checksum does not match:
	// a typo, a truncated paste or a look-alike.
	ErrChecksum = errors.New("the key's checksum does not match: it was mistyped or is not a Keydesk key")
	// ErrInvalidPrefix rejects prefixes outside [a-z][a-z0-9]{1,11}.
	ErrInvalidPrefix = errors.New("prefix must be a lowercase letter followed by 1–11 lowercase letters or digits")
)

// ValidatePrefix reports whether p may start a secret: [a-z][a-z0-9]{1,11}.
func ValidatePrefix(p string) error {
	if !validPrefix(p) {
		return fmt.Errorf("%w, got %q", ErrInvalidPrefix, p)
	}
	return nil
}

// validPrefix is ValidatePrefix without the error, for the verify hot path.
func validPrefix(p string) bool {
	if len(p) < 2 || len(p) > 12 || p[0] < 'a' || p[0] > 'z' {
		return false
	}
	for i := 1; i < len(p); i++ {
		if c := p[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// NewSecret draws 32 random bytes from r (crypto/rand.Reader in production)
// and returns `<prefix>_<random><checksum>`.
func NewSecret(prefix string, r io.Reader) (string, error) {
	if err := ValidatePrefix(prefix); err != nil {
		return "", err
	}
	if r == nil {
		r = rand.Reader
	}
	buf := make([]byte, randomBytes)
	if _, err := io.ReadFull(r, buf); err != nil {
		return "", fmt.Errorf("read random bytes: %w", err)
	}
	body := prefix + "_" + base62(buf, randomChars)
	return body + checksum(body), nil
}

// ParseSecret checks the shape and checksum of s offline and returns its
// prefix. It never echoes s in an error: callers log errors. It allocates
// nothing: it runs on every verification.
func ParseSecret(s string) (prefix string, err error) {
	prefix, rest, ok := strings.Cut(s, "_")
	if !ok || !validPrefix(prefix) || len(rest) != randomChars+checksumChars || !isBase62(rest) {
		return "", ErrMalformed
	}
	body := s[:len(s)-checksumChars]
	want := checksumOf(body)
	if subtle.ConstantTimeCompare(want[:], bytesOf(s[len(s)-checksumChars:])) != 1 {
		return "", ErrChecksum
	}
	return prefix, nil
}

// HashSum is the SHA-256 of a secret: what the server indexes, as bytes.
func HashSum(secret string) [sha256.Size]byte { return sha256.Sum256(bytesOf(secret)) }

// Hash is what the server stores and indexes instead of the secret.
func Hash(secret string) string { return HexHash(HashSum(secret)) }

// HexHash is the stored form of a HashSum.
func HexHash(sum [sha256.Size]byte) string { return hex.EncodeToString(sum[:]) }

// bytesOf views s as bytes without copying; callers only read them.
func bytesOf(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }

// HashEqual compares two hashes in constant time.
func HashEqual(a, b string) bool {
	return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

// Mask shows the prefix, the first 4 and the last 4 characters of a secret:
// enough to recognise a key, far too little to use it. A pasted string that
// is not a Keydesk secret gets no prefix (the part before its first "_" may
// be most of it), and one too short to keep 16 characters hidden, or not
// UTF-8, is all bullets.
func Mask(secret string) string {
	prefix, rest, ok := strings.Cut(secret, "_")
	if !ok || ValidatePrefix(prefix) != nil {
		prefix, rest = "", secret
	}
	runes := []rune(rest)
	if len(runes) < 2*maskVisible+maskHidden || strings.ToValidUTF8(rest, "\uFFFD") != rest {
		return strings.Repeat("•", 8)
	}
	masked := string(runes[:maskVisible]) + maskEllipsis + string(runes[len(runes)-maskVisible:])
	if prefix == "" {
		return masked
	}
	return prefix + "_" + masked
}

// NewID returns a short public identifier such as key_3kT9xQ2mB7pL.
func NewID(kind string, r io.Reader) (string, error) {
	if r == nil {
		r = rand.Reader
	}
	buf := make([]byte, 9)
	if _, err := io.ReadFull(r, buf); err != nil {
		return "", fmt.Errorf("read random bytes: %w", err)
	}
	return kind + "_" + base62(buf, 12), nil
}

func checksum(body string) string {
	sum := checksumOf(body)
	return string(sum[:])
}

// checksumOf is the CRC-32 of body in checksumChars base62 digits.
func checksumOf(body string) [checksumChars]byte {
	n := crc32.ChecksumIEEE(bytesOf(body))
	var out [checksumChars]byte
	for i := checksumChars - 1; i >= 0; i-- {
		out[i] = base62Alphabet[n%62]
		n /= 62
	}
	return out
}

// base62 encodes b as a big-endian number, left-padded with '0' to width.
func base62(b []byte, width int) string {
	n := new(big.Int).SetBytes(b)
	out := make([]byte, width)
	for i := range out {
		out[i] = '0'
	}
	base, mod := big.NewInt(62), new(big.Int)
	for i := width - 1; i >= 0 && n.Sign() > 0; i-- {
		n.DivMod(n, base, mod)
		out[i] = base62Alphabet[mod.Int64()]
	}
	return string(out)
}

func isBase62(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z') {
			return false
		}
	}
	return true
}
