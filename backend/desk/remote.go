package desk

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"gorm.io/gorm"

	"github.com/keydesk/keydesk/backend/api"
	"github.com/keydesk/keydesk/backend/client"
	"github.com/keydesk/keydesk/backend/fsfail"
	"github.com/keydesk/keydesk/backend/keys"
	"github.com/keydesk/keydesk/backend/netfail"
	"github.com/keydesk/keydesk/backend/secrets"
)

// Connection says how to reach a remote workspace.
type Connection struct {
	ServerURL     string
	WorkspaceID   string // optional: the access key tells it
	AccessKey     string
	AllowInsecure bool
	CAFile        string
}

// ErrLocalWorkspace protects the Local workspace from edits and removal.
var ErrLocalWorkspace = errors.New("the Local workspace belongs to this computer and cannot be edited or removed")

func fieldError(field, format string, args ...any) error {
	return &keys.FieldError{Field: field, Rule: fmt.Sprintf(format, args...)}
}

// secretFieldError says why field is not a Keydesk secret, after
// keys.ParseSecret refused it. ParseSecret's own words already say "not a
// Keydesk key", so they are not appended to ours: the message would say it
// twice. Like ParseSecret, it never echoes the secret.
func secretFieldError(field string, err error) error {
	if errors.Is(err, keys.ErrChecksum) {
		return fieldError(field, "has a checksum that does not match: it was mistyped, cut short or is not a Keydesk key")
	}
	return fieldError(field, "must be a Keydesk key: a prefix such as kd, an underscore and 49 letters and digits")
}

// normalizeServerURL checks a server URL: http(s), a host, no query; plain
// http only to this computer unless allowInsecure.
func normalizeServerURL(raw string, allowInsecure bool) (string, error) {
	raw = strings.TrimSpace(raw)
	u, err := client.ParseServerURL(raw)
	if err != nil {
		return "", fieldError("serverUrl", "%s", keys.Redact(err.Error()))
	}
	if !allowInsecure && client.Cleartext(u.String()) {
		return "", fieldError("serverUrl", "uses plain http:// to %s, which would send your access key unencrypted: use https://, or tick \"allow insecure\"", u.Hostname())
	}
	return strings.TrimRight(u.String(), "/"), nil
}

// httpClient trusts the system roots, plus caFile when given. Redirects
// are client.New's to check (same origin only: the access key goes with them).
func httpClient(caFile string) (*http.Client, error) {
	transport := http.DefaultTransport.(*http.Transport).Clone()
	if caFile != "" {
		pem, err := os.ReadFile(caFile)
		if err != nil {
			return nil, fieldError("caFile", "cannot be read: %s", fsfail.Explain(caFile, err))
		}
		pool, err := x509.SystemCertPool()
		if err != nil || pool == nil {
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fieldError("caFile", "%s holds no PEM certificate", caFile)
		}
		transport.TLSClientConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	}
	return &http.Client{Timeout: client.Timeout, Transport: transport}, nil
}

// absolute is path made absolute, as it is stored: a path relative to the
// directory the app was started from would name another file next time.
// "" stays "" (the system's roots).
func absolute(path string) string {
	path = strings.TrimSpace(path)
	if path == "" {
		return ""
	}
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return path
}

func newClient(serverURL, accessKey, caFile string) (*client.Client, error) {
	hc, err := httpClient(caFile)
	if err != nil {
		return nil, err
	}
	return client.New(serverURL, accessKey, client.WithHTTPClient(hc))
}

// TestConnection checks a connection with whoami and says what the key may
// do. Problems are named by the field that causes them. A workspace that
// Keydesk has already is refused, as AddWorkspace refuses it, unless it is
// editing: the workspace whose connection changes ("" when adding one),
// whose stored access key is tested when conn has none. Nothing is written.
func (d *Desk) TestConnection(ctx context.Context, editing string, conn Connection) (api.WhoAmI, string, error) {
	if editing != "" {
		ws, err := d.workspace(editing)
		if err != nil {
			return api.WhoAmI{}, "", err
		}
		if ws.Kind == KindLocal {
			return api.WhoAmI{}, "", ErrLocalWorkspace
		}
		// The workspace itself cannot change.
		if strings.TrimSpace(conn.WorkspaceID) == "" {
			conn.WorkspaceID = ws.RemoteID
		}
		if conn, err = d.withStoredKey(editing, conn); err != nil {
			return api.WhoAmI{}, "", err
		}
	}
	who, serverURL, err := d.whoAmI(ctx, conn)
	if err != nil {
		return api.WhoAmI{}, "", err
	}
	if err := d.notAddedYet(serverURL, who, editing); err != nil {
		return api.WhoAmI{}, "", err
	}
	return who, serverURL, nil
}

// whoAmI asks the server who the connection's access key is.
func (d *Desk) whoAmI(ctx context.Context, conn Connection) (api.WhoAmI, string, error) {
	serverURL, err := normalizeServerURL(conn.ServerURL, conn.AllowInsecure)
	if err != nil {
		return api.WhoAmI{}, "", err
	}
	secret := strings.TrimSpace(conn.AccessKey)
	if secret == "" {
		return api.WhoAmI{}, "", fieldError("accessKey", "is required")
	}
	if _, err := keys.ParseSecret(secret); err != nil {
		return api.WhoAmI{}, "", secretFieldError("accessKey", err)
	}
	c, err := newClient(serverURL, secret, conn.CAFile)
	if err != nil {
		return api.WhoAmI{}, "", err
	}
	who, err := c.WhoAmI(ctx)
	var timeout *client.TimeoutError
	switch {
	case errors.Is(err, client.ErrUnreachable), errors.As(err, &timeout):
		// A certificate or http/https mix-up: something answered there.
		var ne *client.NetworkError
		if errors.As(err, &ne) && ne.Kind() == netfail.KindTLS {
			return api.WhoAmI{}, "", fieldError("serverUrl", "does not work: %s", networkCause(err))
		}
		return api.WhoAmI{}, "", fieldError("serverUrl", "cannot be reached: %s", networkCause(err))
	case errors.Is(err, client.ErrUnauthorized):
		return api.WhoAmI{}, "", fieldError("accessKey", "was rejected by the server: %v", err)
	case err != nil:
		return api.WhoAmI{}, "", fieldError("serverUrl", "did not answer like a Keydesk server: %v", err)
	}
	if who.Role == string(keys.RoleAPI) {
		return api.WhoAmI{}, "", fieldError("accessKey", "is an api key, which cannot read a workspace: use an admin or member key")
	}
	if id := strings.TrimSpace(conn.WorkspaceID); id != "" && id != who.WorkspaceID {
		return api.WhoAmI{}, "", fieldError("workspaceId", "does not match the access key, which belongs to workspace %s (%s)", who.WorkspaceID, who.WorkspaceName)
	}
	return who, serverURL, nil
}

// notAddedYet refuses the workspace who belongs to on serverURL when
// Keydesk has it already, as another workspace than except: a remote
// workspace on the same server (sameServer: 127.0.0.1 and localhost are
// one), or Local itself, reached through its embedded server's address.
func (d *Desk) notAddedYet(serverURL string, who api.WhoAmI, except string) error {
	var candidates []Workspace
	err := d.db.Where("remote_id = ? AND id <> ?", who.WorkspaceID, except).Order("position").Find(&candidates).Error
	if err != nil {
		return err
	}
	for _, ws := range candidates {
		at := ws.ServerURL
		if ws.Kind == KindLocal {
			at = d.local.url
		}
		if sameServer(at, serverURL) {
			// Under the URL, the field the user typed: the workspace ID is optional.
			// Often meant: the same workspace with another key (a member's).
			// Local's key is Keydesk's own: nothing to switch to.
			instead := ". To reach it with this access key instead, choose Edit connection in its menu in the sidebar"
			if ws.Kind == KindLocal {
				instead = ""
			}
			return fieldError("serverUrl", "and access key lead to a workspace Keydesk has already: “%s” (%s)%s", ws.Name, who.WorkspaceID, instead)
		}
	}
	return nil
}

// sameServer reports whether two server URLs reach the same server: the
// host's case, a default port written out, a trailing slash and the
// loopback names (localhost, 127.0.0.0/8, ::1) make no difference.
func sameServer(a, b string) bool {
	ua, errA := url.Parse(strings.TrimRight(a, "/"))
	ub, errB := url.Parse(strings.TrimRight(b, "/"))
	if errA != nil || errB != nil {
		return a == b
	}
	return ua.Scheme == ub.Scheme && serverHost(ua) == serverHost(ub) && ua.Path == ub.Path
}

// serverHost is u's host:port as compared by sameServer.
func serverHost(u *url.URL) string {
	host, port := strings.ToLower(u.Hostname()), u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[u.Scheme]
	}
	if ip := net.ParseIP(host); host == "localhost" || (ip != nil && ip.IsLoopback()) {
		host = "loopback"
	}
	return net.JoinHostPort(host, port)
}

// AddWorkspace tests the connection, keeps the access key in the keychain
// and syncs the new workspace.
func (d *Desk) AddWorkspace(ctx context.Context, conn Connection) (WorkspaceView, error) {
	conn.CAFile = absolute(conn.CAFile)
	who, serverURL, err := d.TestConnection(ctx, "", conn)
	if err != nil {
		return WorkspaceView{}, err
	}
	id, err := keys.NewID("wsl", nil)
	if err != nil {
		return WorkspaceView{}, err
	}
	var maxPos int
	d.db.Model(&Workspace{}).Select("COALESCE(MAX(position), 0)").Scan(&maxPos)
	ws := Workspace{
		ID: id, Name: who.WorkspaceName, Kind: KindRemote, ServerURL: serverURL, AllowInsecure: conn.AllowInsecure,
		CAFile: conn.CAFile, RemoteID: who.WorkspaceID, AccessKeyID: who.KeyID, Role: who.Role, Position: maxPos + 1,
		CreatedAt: d.now(),
	}
	if err := d.secretStore().Set(secrets.WorkspaceAccessKey(id), strings.TrimSpace(conn.AccessKey)); err != nil {
		return WorkspaceView{}, err
	}
	if err := d.db.Create(&ws).Error; err != nil {
		_ = d.secretStore().Delete(secrets.WorkspaceAccessKey(id))
		return WorkspaceView{}, err
	}
	d.opts.Log.Info("workspace added", "workspace", id, "server", serverURL, "role", who.Role)
	if err := d.Sync(ctx, id); err != nil {
		d.opts.Log.Warn("first sync of a new workspace failed", "workspace", id, "err", err)
	}
	return d.Workspace(ctx, id)
}

// UpdateWorkspace changes how a remote workspace is reached. An empty
// access key keeps the stored one; the workspace itself cannot change.
func (d *Desk) UpdateWorkspace(ctx context.Context, id string, conn Connection) (WorkspaceView, error) {
	ws, err := d.workspace(id)
	if err != nil {
		return WorkspaceView{}, err
	}
	if ws.Kind == KindLocal {
		return WorkspaceView{}, ErrLocalWorkspace
	}
	// No sync may run between the new key and the new URL.
	lock := d.workspaceLock(id)
	lock.Lock()
	err = d.updateConnection(ctx, id, conn)
	lock.Unlock()
	if err != nil {
		return WorkspaceView{}, err
	}
	if err := d.Sync(ctx, id); err != nil {
		d.opts.Log.Warn("sync after editing a workspace failed", "workspace", id, "err", err)
	}
	return d.Workspace(ctx, id)
}

// updateConnection tests and stores a workspace's new connection; the
// caller holds the workspace lock.
func (d *Desk) updateConnection(ctx context.Context, id string, conn Connection) error {
	conn.CAFile = absolute(conn.CAFile)
	conn, err := d.withStoredKey(id, conn)
	if err != nil {
		return err
	}
	who, serverURL, err := d.TestConnection(ctx, id, conn)
	if err != nil {
		return err
	}
	if err := d.secretStore().Set(secrets.WorkspaceAccessKey(id), strings.TrimSpace(conn.AccessKey)); err != nil {
		return err
	}
	err = d.db.Model(&Workspace{}).Where("id = ?", id).Updates(map[string]any{
		"server_url": serverURL, "allow_insecure": conn.AllowInsecure, "ca_file": conn.CAFile,
		"access_key_id": who.KeyID, "role": who.Role, "name": who.WorkspaceName,
	}).Error
	d.dropClient(id)
	return err
}

// withStoredKey fills in the workspace's stored access key when conn has
// none: an edit that leaves the key field empty keeps, and tests, that key.
// It goes only to the host it was added for: a server URL typed for
// another host (a typo, a test of an address) must not receive it.
func (d *Desk) withStoredKey(id string, conn Connection) (Connection, error) {
	if strings.TrimSpace(conn.AccessKey) != "" {
		return conn, nil
	}
	ws, err := d.workspace(id)
	if err != nil {
		return conn, err
	}
	was, _ := client.ParseServerURL(ws.ServerURL)
	now, err := client.ParseServerURL(strings.TrimSpace(conn.ServerURL))
	if err != nil {
		return conn, nil // the URL's own problem is said first
	}
	if was != nil && !strings.EqualFold(was.Hostname(), now.Hostname()) {
		return conn, fieldError("accessKey", "is required for another server: Keydesk sends the stored access key only to %s, where it was added", was.Hostname())
	}
	stored, err := d.secretStore().Get(secrets.WorkspaceAccessKey(id))
	if errors.Is(err, ErrKeychainLocked) {
		return conn, fieldError("accessKey", "is in the encrypted file, which is locked: unlock it (Settings) or enter the access key")
	}
	if err != nil {
		return conn, fieldError("accessKey", "is required: the stored one is no longer in the keychain")
	}
	conn.AccessKey = stored
	return conn, nil
}

// RemoveWorkspace forgets a remote workspace on this computer: its cache,
// its access key and the secrets remembered for it. The server is not
// touched.
func (d *Desk) RemoveWorkspace(ctx context.Context, id string) error {
	ws, err := d.workspace(id)
	if err != nil {
		return err
	}
	if ws.Kind == KindLocal {
		return ErrLocalWorkspace
	}
	lock := d.workspaceLock(id)
	lock.Lock()
	defer lock.Unlock()
	var remembered []Remembered
	d.db.Where("workspace_id = ?", id).Find(&remembered)
	err = d.db.Transaction(func(tx *gorm.DB) error {
		for _, m := range []any{&CachedKey{}, &CachedProfile{}, &Remembered{}, &TestRun{}} {
			if err := tx.Where("workspace_id = ?", id).Delete(m).Error; err != nil {
				return err
			}
		}
		return tx.Delete(&Workspace{}, "id = ?", id).Error
	})
	if err != nil {
		return err
	}
	for _, r := range remembered {
		_ = d.secretStore().Delete(secrets.RememberedKey(id, r.KeyID))
	}
	_ = d.secretStore().Delete(secrets.WorkspaceAccessKey(id))
	d.dropClient(id)
	d.emit(EventWorkspaceStatus, WorkspaceEvent{WorkspaceID: id})
	return nil
}

// ReorderWorkspaces puts the workspaces in the given order (Local always
// comes first in the sidebar).
func (d *Desk) ReorderWorkspaces(ctx context.Context, ids []string) error {
	return d.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		for i, id := range ids {
			res := tx.Model(&Workspace{}).Where("id = ?", id).Update("position", i+1)
			if res.Error != nil {
				return res.Error
			}
			if res.RowsAffected == 0 {
				return fmt.Errorf("workspace %s: %w", id, ErrUnknownWorkspace)
			}
		}
		return nil
	})
}

func (d *Desk) dropClient(id string) {
	d.mu.Lock()
	delete(d.clients, id)
	d.mu.Unlock()
}
