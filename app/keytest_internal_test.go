package app

import (
	"testing"

	"github.com/keydesk/keydesk/backend/keytest"
)

// A redirect's target reaches the key test dialog, which explains it.
func TestTestResultViewKeepsTheRedirect(t *testing.T) {
	res := keytest.Result{Status: 302, StatusText: "Found", ErrorKind: keytest.KindRedirect,
		Location: "https://login.example.com/", Error: "the server redirected (302) to https://login.example.com/; Keydesk does not follow redirects with a key"}
	view := testResultView(res)
	if view.Location != res.Location || view.Error != res.Error || view.ErrorKind != keytest.KindRedirect {
		t.Fatalf("view = %+v", view)
	}
}
