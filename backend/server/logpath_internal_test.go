package server

import (
	"bytes"
	"errors"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/keydesk/keydesk/backend/keys"
)

// A request that fails with a 5xx is logged at Error level, always written:
// a key pasted where a key ID belongs is masked in its path there too.
func TestErrorLogMasksAKeyInThePath(t *testing.T) {
	var logged bytes.Buffer
	s := &Server{log: slog.New(slog.NewTextHandler(&logged, nil))}
	secret, err := keys.NewSecret("kd", nil)
	if err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest("GET", "/v1/workspaces/ws_x/keys/"+secret, nil)
	s.writeError(httptest.NewRecorder(), r, errors.New("database is closed"))
	out := logged.String()
	if !strings.Contains(out, `msg="request failed"`) || !strings.Contains(out, "/keys/"+keys.Mask(secret)) {
		t.Fatalf("the failure is not logged with the key masked:\n%s", out)
	}
	if strings.Contains(out, secret[3:30]) {
		t.Fatalf("the log holds the secret:\n%s", out)
	}
}
