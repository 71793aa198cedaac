package server_test

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"io"
	"net/http"
	"sync"
	"testing"

	"github.com/keydesk/keydesk/backend/api"
	"github.com/keydesk/keydesk/backend/keys"
	"github.com/keydesk/keydesk/backend/server"
)

// recordingReader is crypto/rand that remembers what it handed out.
type recordingReader struct {
	mu   sync.Mutex
	seen []byte
}

func (r *recordingReader) Read(p []byte) (int, error) {
	n, err := rand.Read(p)
	r.mu.Lock()
	r.seen = append(r.seen, p[:n]...)
	r.mu.Unlock()
	return n, err
}

// TestNearMissIsAnsweredLikeAnUnknownKey: a secret one character away from
// a real key (checksum right), a deleted key's secret and a random one get
// the same answer, byte for byte, and each counts as a failure of the
// address: the lookup is by the hash of the whole secret, so nothing tells
// a near miss from a wild guess.
func TestNearMissIsAnsweredLikeAnUnknownKey(t *testing.T) {
	rec := &recordingReader{}
	e := newEnvWith(t, server.Options{Rand: rec, FailureBurst: 3, FailuresPerMinute: 1})
	created := e.create(e.admin, api.CreateKeyRequest{Name: "real"})
	// The last 32 random bytes drawn were the secret's.
	random := append([]byte(nil), rec.seen[len(rec.seen)-32:]...)
	if s, _ := keys.NewSecret(keys.DefaultPrefix, bytes.NewReader(random)); s != created.Secret {
		t.Fatal("could not rebuild the issued secret from its random bytes")
	}
	random[31] ^= 1
	nearMiss, _ := keys.NewSecret(keys.DefaultPrefix, bytes.NewReader(random))
	deleted := e.create(e.admin, api.CreateKeyRequest{Name: "gone"})
	e.call(e.admin, "DELETE", e.keyPath(deleted.Key.ID), "", nil)
	wild, _ := keys.NewSecret(keys.DefaultPrefix, nil)

	answer := func(secret string) (int, string) {
		t.Helper()
		body, _ := json.Marshal(api.VerifyRequest{Key: secret})
		resp, err := http.Post(e.url+"/v1/keys/verify", "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		data, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(data)
	}
	wantStatus, want := answer(wild)
	if wantStatus != http.StatusOK || want != `{"valid":false,"reason":"not_found"}`+"\n" {
		t.Fatalf("unknown key = %d %s", wantStatus, want)
	}
	for name, secret := range map[string]string{"near miss": nearMiss, "deleted key": deleted.Secret} {
		if status, got := answer(secret); status != wantStatus || got != want {
			t.Errorf("%s = %d %s, want the unknown key's answer", name, status, got)
		}
	}
	// Three failures spent the burst: the next is refused, whatever it is.
	if status, _ := answer(nearMiss); status != http.StatusTooManyRequests {
		t.Fatalf("fourth failure = %d, want 429", status)
	}
	// The real key still verifies: only failures count.
	if v := e.verify(created.Secret); !v.Valid {
		t.Fatalf("the real key after the limit = %+v", v)
	}
}
