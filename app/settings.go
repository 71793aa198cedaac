package app

import "time"

// SettingsAPI is the Settings view.
type SettingsAPI struct {
	app *App
}

// Get returns the settings and which keychain is in use.
func (s *SettingsAPI) Get() (Settings, error) {
	d, _, cancel, err := s.app.call()
	if err != nil {
		return Settings{}, err
	}
	defer cancel()
	info := d.SecretsInfo()
	return Settings{
		DataDir: d.Home(), KeychainBackend: info.Backend, KeychainLabel: info.Label,
		KeychainPersistent: info.Persistent, KeychainProblem: info.Problem, KeychainLocked: info.Locked, CacheRebuilt: d.CacheRebuilt(),
		SyncIntervalMinutes: int(d.SyncInterval() / time.Minute),
	}, nil
}

// SetSyncInterval changes how often every workspace syncs.
func (s *SettingsAPI) SetSyncInterval(minutes int) (Settings, error) {
	d, _, cancel, err := s.app.call()
	if err != nil {
		return Settings{}, err
	}
	cancel()
	if err := d.SetSyncInterval(minutes); err != nil {
		return Settings{}, wrap(err)
	}
	return s.Get()
}

// UseEncryptedFile keeps secrets in a passphrase-encrypted file when no OS
// keychain can be used.
func (s *SettingsAPI) UseEncryptedFile(passphrase string) (Settings, error) {
	d, ctx, cancel, err := s.app.call()
	if err != nil {
		return Settings{}, err
	}
	defer cancel()
	if err := d.UseEncryptedFile(ctx, passphrase); err != nil {
		return Settings{}, wrap(err)
	}
	return s.Get()
}
