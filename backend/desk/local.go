package desk

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"strconv"
	"time"

	"gorm.io/gorm"

	"github.com/keydesk/keydesk/backend/api"
	"github.com/keydesk/keydesk/backend/keys"
	"github.com/keydesk/keydesk/backend/secrets"
	"github.com/keydesk/keydesk/backend/server"
)

// localServer is the embedded Keydesk server behind the Local workspace.
type localServer struct {
	srv   *server.Server
	store *server.Store
	http  *http.Server
	url   string
}

// portAttempts is how many ports after the preferred one are tried.
const portAttempts = 20

func startLocalServer(dbPath, addr string, log *slog.Logger) (*localServer, error) {
	store, err := server.OpenStore("sqlite:"+dbPath, nil, log)
	if err != nil {
		return nil, err
	}
	if err := store.ClaimSQLite(); err != nil {
		store.Close()
		if errors.Is(err, server.ErrDatabaseInUse) {
			return nil, fmt.Errorf("Keydesk is already running with the data folder %s", filepath.Dir(dbPath))
		}
		return nil, err
	}
	ln, err := listenNextFree(addr)
	if err != nil {
		store.Close()
		return nil, err
	}
	srv := server.New(store, server.Options{Log: log})
	if err := srv.Start(); err != nil {
		ln.Close()
		store.Close()
		return nil, err
	}
	l := &localServer{
		srv: srv, store: store, url: "http://" + ln.Addr().String(),
		http: &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second},
	}
	go func() {
		if err := l.http.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("embedded server stopped", "err", err)
		}
	}()
	return l, nil
}

// listenNextFree listens on addr, or on the next free port after it.
func listenNextFree(addr string) (net.Listener, error) {
	host, portStr, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("embedded server address %q: %w", addr, err)
	}
	port, _ := strconv.Atoi(portStr)
	var firstErr error
	for i := 0; i <= portAttempts; i++ {
		ln, err := net.Listen("tcp", net.JoinHostPort(host, strconv.Itoa(port+i)))
		if err == nil {
			return ln, nil
		}
		if firstErr == nil {
			firstErr = err
		}
		if port == 0 {
			break
		}
	}
	return nil, fmt.Errorf("start the embedded server: no free port from %d to %d: %w", port, port+portAttempts, firstErr)
}

func (l *localServer) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := l.http.Shutdown(ctx)
	return errors.Join(err, l.srv.Stop(), l.store.Close())
}

const desktopKeyName = "Keydesk desktop"

// ensureLocalWorkspace makes sure the Local workspace exists on the embedded
// server and that the keychain holds a working admin key for it. The desk
// owns that server, so a lost or rejected key is simply replaced.
func (d *Desk) ensureLocalWorkspace(ctx context.Context) error {
	var ws Workspace
	err := d.db.Where("kind = ?", KindLocal).Take(&ws).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return d.createLocalWorkspace(ctx)
	}
	if err != nil {
		return err
	}
	if _, err := d.local.store.Workspace(ctx, ws.RemoteID); errors.Is(err, server.ErrNotFound) {
		// local-server.db was removed: start over, and drop the cache of
		// the workspace that no longer exists.
		d.opts.Log.Warn("the Local workspace is missing from local-server.db; creating it again")
		if err := d.db.Transaction(func(tx *gorm.DB) error {
			if err := tx.Where("workspace_id = ?", ws.ID).Delete(&CachedKey{}).Error; err != nil {
				return err
			}
			return tx.Delete(&ws).Error
		}); err != nil {
			return err
		}
		return d.createLocalWorkspace(ctx)
	} else if err != nil {
		return err
	}
	secret, err := d.secretStore().Get(secrets.WorkspaceAccessKey(ws.ID))
	if err == nil {
		if k, err := d.local.srv.Authenticate(ctx, secret); err == nil && k.WorkspaceID == ws.RemoteID && k.Role == keys.RoleAdmin {
			return nil
		}
	}
	// The keychain lost the key (or holds one that no longer works): a
	// keychain that keeps nothing past a restart, or a locked encrypted
	// file. The same key gets a new secret, so that its ID, and the table's
	// "this app" row, stay; a key that cannot serve again is replaced.
	if ws.AccessKeyID != "" {
		regenerated, err := d.local.srv.RegenerateKey(ctx, ws.RemoteID, ws.AccessKeyID, api.RegenerateRequest{ExpiresInDays: api.Some[int](nil)}, server.Actor{})
		if err == nil {
			if k, err := d.local.srv.Authenticate(ctx, regenerated.Secret); err == nil && k.Role == keys.RoleAdmin {
				d.opts.Log.Info("gave the desktop's Local access key a new secret", "key", ws.AccessKeyID)
				return d.secretStore().Set(secrets.WorkspaceAccessKey(ws.ID), regenerated.Secret)
			}
		}
	}
	created, err := d.local.srv.IssueKey(ctx, ws.RemoteID, api.CreateKeyRequest{Name: desktopKeyName, Role: string(keys.RoleAdmin), ExpiresInDays: api.Some[int](nil)}, server.Actor{})
	if err != nil {
		return err
	}
	if err := d.secretStore().Set(secrets.WorkspaceAccessKey(ws.ID), created.Secret); err != nil {
		return err
	}
	if ws.AccessKeyID != "" {
		if err := d.local.srv.DeleteKey(ctx, ws.RemoteID, ws.AccessKeyID, server.Actor{KeyID: created.Key.ID}); err != nil && !errors.Is(err, server.ErrNotFound) {
			return err
		}
	}
	d.opts.Log.Info("replaced the desktop's Local access key", "key", created.Key.ID)
	return d.db.Model(&ws).Update("access_key_id", created.Key.ID).Error
}

func (d *Desk) createLocalWorkspace(ctx context.Context) error {
	remote, created, err := d.local.srv.CreateWorkspace(ctx, "Local", desktopKeyName)
	if err != nil {
		return err
	}
	id, err := keys.NewID("wsl", nil)
	if err != nil {
		return err
	}
	ws := Workspace{
		ID: id, Name: remote.Name, Kind: KindLocal, RemoteID: remote.ID,
		AccessKeyID: created.Key.ID, Role: string(keys.RoleAdmin), CreatedAt: d.now(),
	}
	if err := d.secretStore().Set(secrets.WorkspaceAccessKey(ws.ID), created.Secret); err != nil {
		return err
	}
	return d.db.Create(&ws).Error
}
