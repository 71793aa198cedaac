package desk

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"gorm.io/gorm"

	"github.com/keydesk/keydesk/backend/keys"
	"github.com/keydesk/keydesk/backend/keytest"
	"github.com/keydesk/keydesk/backend/secrets"
)

// historyPerKey is how many test results are kept per key.
const historyPerKey = 20

// TestRun is a kept key-test result. It holds no secret: the URL is masked
// and the body is kept only as its preview.
type TestRun struct {
	ID          int64  `gorm:"primaryKey;autoIncrement"`
	WorkspaceID string `gorm:"size:40;not null;index:idx_test_runs_key,priority:1"`
	KeyID       string `gorm:"size:40;not null;index:idx_test_runs_key,priority:2"` // "" for a pasted key
	Result      string `gorm:"not null"`                                            // keytest.Result as JSON, without the body
}

// ErrNoSecret means the key's secret is not remembered, so a test needs it
// pasted.
var ErrNoSecret = errors.New("the secret of this key is not in the keychain: paste it to test the key")

// ErrNoSecretYet is ErrNoSecret while the encrypted file, which may hold
// the secret, is locked.
var ErrNoSecretYet = fmt.Errorf("%w (the encrypted file is locked)", ErrNoSecret)

// KeyTest is one test to run: a key of the cache (KeyID, secret from the
// keychain unless Secret is given) or any pasted secret (KeyID "").
type KeyTest struct {
	WorkspaceID string
	KeyID       string
	Secret      string
}

// prepare resolves the target and the secret of a test.
func (d *Desk) prepare(ctx context.Context, t KeyTest) (keytest.Request, error) {
	ws, err := d.workspace(t.WorkspaceID)
	if err != nil {
		return keytest.Request{}, err
	}
	secret := strings.TrimSpace(t.Secret)
	// No header can carry one: say so instead of Go's "invalid header field value".
	if strings.ContainsFunc(secret, unicode.IsControl) {
		return keytest.Request{}, fieldError("secret", "holds a control character, which no key has: paste the key as it was shown")
	}
	target := keytest.Target{Method: "GET", URL: "{server}/v1/whoami", Auth: keytest.AuthBearer}
	keyID := t.KeyID // the {keyId} of a test endpoint's URL
	if t.KeyID != "" {
		var k CachedKey
		if err := d.db.WithContext(ctx).Where("workspace_id = ? AND id = ?", ws.ID, t.KeyID).Take(&k).Error; err != nil {
			return keytest.Request{}, fmt.Errorf("key %s: %w", t.KeyID, ErrUnknownKey)
		}
		// The desktop's own access key is in the keychain as such: no need
		// to remember it a second time.
		name := secrets.RememberedKey(ws.ID, k.ID)
		if k.ID == ws.AccessKeyID {
			name = secrets.WorkspaceAccessKey(ws.ID)
		}
		if secret == "" {
			if secret, err = d.secretStore().Get(name); errors.Is(err, secrets.ErrNotFound) {
				if errors.Is(err, ErrKeychainLocked) {
					return keytest.Request{}, ErrNoSecretYet
				}
				return keytest.Request{}, ErrNoSecret
			} else if err != nil {
				return keytest.Request{}, err
			}
		} else if keys.Mask(secret) != k.MaskedKey {
			return keytest.Request{}, fieldError("secret", "does not match %s (%s): paste that key's own secret", k.Name, k.MaskedKey)
		}
		target = d.testTarget(ctx, ws, k)
	} else if _, err := keys.ParseSecret(secret); err == nil {
		// A pasted key the cache knows (by its masked form, which only
		// one key has) is tested as its row's test would: by its role and
		// profile, not always with whoami.
		var known []CachedKey
		if d.db.WithContext(ctx).Where("workspace_id = ? AND masked_key = ?", ws.ID, keys.Mask(secret)).Limit(2).Find(&known).Error == nil && len(known) == 1 {
			target, keyID = d.testTarget(ctx, ws, known[0]), known[0].ID
		}
	}
	if secret == "" {
		return keytest.Request{}, fieldError("secret", "is required: paste the key to test")
	}
	hc, err := httpClient(ws.CAFile)
	if err != nil {
		return keytest.Request{}, err
	}
	return keytest.Request{Target: target, Server: d.serverURL(ws), Workspace: ws.RemoteID, KeyID: keyID, Secret: secret, HTTPClient: hc}, nil
}

// TestKey runs a key test and keeps its result (without the body) in the
// key's history.
func (d *Desk) TestKey(ctx context.Context, t KeyTest) (keytest.Result, error) {
	req, err := d.prepare(ctx, t)
	if err != nil {
		return keytest.Result{}, err
	}
	res := keytest.Run(ctx, req)
	kept := res
	kept.Body, kept.Headers = "", nil
	data, err := json.Marshal(kept)
	if err != nil {
		return res, err
	}
	err = d.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(&TestRun{WorkspaceID: t.WorkspaceID, KeyID: t.KeyID, Result: string(data)}).Error; err != nil {
			return err
		}
		// Keep the newest 20.
		return tx.Where("workspace_id = ? AND key_id = ? AND id NOT IN (?)", t.WorkspaceID, t.KeyID,
			tx.Model(&TestRun{}).Select("id").Where("workspace_id = ? AND key_id = ?", t.WorkspaceID, t.KeyID).Order("id DESC").Limit(historyPerKey),
		).Delete(&TestRun{}).Error
	})
	return res, err
}

// TestCurl renders the cURL command of a test; with reveal, the secret is
// in it, for the user to copy.
func (d *Desk) TestCurl(ctx context.Context, t KeyTest, reveal bool) (string, error) {
	req, err := d.prepare(ctx, t)
	if err != nil {
		return "", err
	}
	return req.Curl(reveal), nil
}

// TestHistory returns a key's last test results, newest first.
func (d *Desk) TestHistory(ctx context.Context, workspaceID, keyID string) ([]keytest.Result, error) {
	var runs []TestRun
	err := d.db.WithContext(ctx).Where("workspace_id = ? AND key_id = ?", workspaceID, keyID).Order("id DESC").Limit(historyPerKey).Find(&runs).Error
	if err != nil {
		return nil, err
	}
	out := make([]keytest.Result, 0, len(runs))
	for _, r := range runs {
		var res keytest.Result
		if json.Unmarshal([]byte(r.Result), &res) == nil {
			out = append(out, res)
		}
	}
	return out, nil
}

// testTarget is what a test of k calls: its profile's test endpoint, else
// the default for its role.
func (d *Desk) testTarget(ctx context.Context, ws Workspace, k CachedKey) keytest.Target {
	target := keytest.DefaultTarget(k.Role)
	if k.ProfileID != "" {
		var p CachedProfile
		if d.db.WithContext(ctx).Where("workspace_id = ? AND id = ?", ws.ID, k.ProfileID).Take(&p).Error == nil && p.TestEndpoint != "" {
			_ = json.Unmarshal([]byte(p.TestEndpoint), &target)
		}
	}
	return target
}
