package keys

import "regexp"

// secretLike matches what could be a Keydesk secret or most of one: a
// prefix, "_" and a long run of base62. A secret mistyped, cut short or
// with something stuck to it is still nearly all of a secret, so the run
// needs only 40 of the 49 characters. IDs (key_ and 12 characters) are far
// shorter.
var secretLike = regexp.MustCompile(`[a-z][a-z0-9]{0,11}_[0-9A-Za-z]{40,}`)

// Redact replaces everything in text that looks like a secret with its
// mask, for text built from what a user typed (a flag's value, an unknown
// argument, a URL) that is about to be printed: a key given in the wrong
// place must not end up in a terminal's scrollback or a CI log.
func Redact(text string) string {
	return secretLike.ReplaceAllStringFunc(text, Mask)
}
