// Package keystest helps tests that handle secrets.
package keystest

import "strings"

// Mistyped is secret with its last character changed: to "x", or to "y"
// when it already is "x" (a random secret ends in "x" about once in 60 runs,
// and a test that always wrote "x" then typed the real secret).
func Mistyped(secret string) string {
	last := "x"
	if strings.HasSuffix(secret, last) {
		last = "y"
	}
	return secret[:len(secret)-1] + last
}
