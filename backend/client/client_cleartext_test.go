package client_test

import (
	"testing"

	"github.com/keydesk/keydesk/backend/client"
)

func TestCleartext(t *testing.T) {
	for url, want := range map[string]bool{
		"http://192.0.2.2:8470":    true,
		"http://keydesk:8470":      true,
		"http://127.0.0.1:8470":    false,
		"http://[::1]:8470":        false,
		"http://LOCALHOST:8470":    false,
		"https://keys.example.com": false,
		"https://192.0.2.2":        false,
	} {
		if got := client.Cleartext(url); got != want {
			t.Errorf("Cleartext(%q) = %v, want %v", url, got, want)
		}
	}
}
