// Package servertest fills a Keydesk store with many keys, for benchmarks
// and load tests that need a realistic workspace without issuing each key
// through the API.
package servertest

import (
	"context"
	"fmt"
	"time"

	"github.com/keydesk/keydesk/backend/keys"
	"github.com/keydesk/keydesk/backend/server"
)

// SeedKeys adds n keys to a workspace in one transaction: one in ten
// disabled, one in ten expired, one in five never expiring, the rest
// expiring over the next year; a third used within the last month. Their
// secrets are thrown away.
func SeedKeys(ctx context.Context, store *server.Store, workspaceID string, n int, now time.Time) error {
	return store.Update(ctx, workspaceID, now, server.Actor{}, func(w *server.WorkspaceTx) error {
		for i := range n {
			secret, err := keys.NewSecret(keys.DefaultPrefix, nil)
			if err != nil {
				return err
			}
			id, err := keys.NewID("key", nil)
			if err != nil {
				return err
			}
			k := &server.Key{
				ID: id, Name: fmt.Sprintf("service-%06d", i), Role: keys.RoleAPI, Hash: keys.Hash(secret),
				MaskedKey: keys.Mask(secret), Enabled: i%10 != 3,
			}
			switch {
			case i%10 == 7:
				t := now.Add(-time.Duration(1+i%300) * time.Hour)
				k.ExpiresAt = &t
			case i%5 != 0:
				t := now.Add(time.Duration(1+i%365) * 24 * time.Hour)
				k.ExpiresAt = &t
			}
			if i%3 == 0 {
				t := now.Add(-time.Duration(i%720) * time.Hour)
				k.LastUsedAt = &t
			}
			if err := w.InsertKey(k); err != nil {
				return err
			}
		}
		return nil
	})
}
