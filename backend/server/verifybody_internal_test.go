package server

import (
	"testing"

	"github.com/keydesk/keydesk/backend/api"
)

// FuzzPlainVerifyBody: whenever the fast path takes a body, the strict
// decoder accepts it too and reads the same key.
func FuzzPlainVerifyBody(f *testing.F) {
	for _, seed := range []string{
		`{"key":"kd_0FA3acQSTMeXk1GNctGSZAaNo6nWjCfjzHMZ2NcfNEG041abh"}`,
		` {"key":"kd_x"}` + "\n", `{"key":""}`, `{"key":"a\"b"}`, `{"key":"a\\u0000"}`, `{"key":"x"}{"key":"y"}`,
		`{"key":"x","key":"y"}`, `{"KEY":"x"}`, `{"key":"é"}`, `{"key":"x"} trailing`, `{"key":"a"}"}`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		key, ok := plainVerifyBody([]byte(body))
		if !ok {
			return
		}
		var req api.VerifyRequest
		if err := decodeBytes([]byte(body), &req); err != nil {
			t.Fatalf("fast path took %q, the decoder refuses it: %v", body, err)
		}
		if req.Key != key {
			t.Fatalf("fast path read %q from %q, the decoder %q", key, body, req.Key)
		}
	})
}
