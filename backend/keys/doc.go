// Package keys is Keydesk's domain: the secret format (prefix, base62 random
// part, CRC32 checksum), hashing, masking, roles, statuses and the expiry
// rules. It does no I/O: randomness and time are passed in, so every rule is
// tested without sleeping.
package keys
