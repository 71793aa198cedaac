package desk

import (
	"errors"
	"sync"

	"github.com/keydesk/keydesk/backend/secrets"
)

// keychain keeps the desk working when the keychain fails (locked,
// its daemon gone, a D-Bus error): a secret it cannot store is kept in
// memory for this session, and the first failure is kept for Settings to
// show. Nothing is removed from the keychain because it failed, so what it
// holds is there again once it works.
type keychain struct {
	store  secrets.Store // the keychain chosen at start
	mem    secrets.Store // secrets it could not take
	locked bool          // store stands in for the encrypted file until its passphrase is given

	mu      sync.Mutex
	problem error
}

func newKeychain(store secrets.Store, info secrets.Info) *keychain {
	return &keychain{store: store, mem: secrets.NewMemory(), locked: info.Locked}
}

func (k *keychain) Get(name string) (string, error) {
	if v, err := k.mem.Get(name); err == nil {
		return v, nil
	}
	v, err := k.store.Get(name)
	if errors.Is(err, secrets.ErrNotFound) && k.locked {
		return "", ErrKeychainLocked // it may be in the file
	}
	if err != nil && !errors.Is(err, secrets.ErrNotFound) {
		k.failed(err)
	}
	return v, err
}

func (k *keychain) Set(name, value string) error {
	if err := k.store.Set(name, value); err != nil {
		k.failed(err)
		return k.mem.Set(name, value)
	}
	return k.mem.Delete(name) // the keychain holds it now
}

func (k *keychain) Delete(name string) error {
	_ = k.mem.Delete(name)
	if err := k.store.Delete(name); err != nil {
		k.failed(err)
		return err
	}
	return nil
}

func (k *keychain) failed(err error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.problem == nil {
		k.problem = err
	}
}

// failure is the first error of the keychain, nil while it works.
func (k *keychain) failure() error {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.problem
}
