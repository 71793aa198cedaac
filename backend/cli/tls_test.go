package cli_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/keydesk/keydesk/backend/client"
)

// selfSigned writes a certificate for 127.0.0.1 and its key.
func selfSigned(t *testing.T, dir string) (certFile, keyFile string, pool *x509.CertPool) {
	t.Helper()
	priv, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "keydesk test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &priv.PublicKey, priv)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, _ := x509.MarshalECPrivateKey(priv)
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600)
	cert, _ := x509.ParseCertificate(der)
	pool = x509.NewCertPool()
	pool.AddCert(cert)
	return certFile, keyFile, pool
}

func TestServeTLS(t *testing.T) {
	dir := t.TempDir()
	db := "sqlite:" + filepath.Join(dir, "k.db")
	out, err := exec.Command(binary, "admin", "create-workspace", "Acme", "--db", db, "--json").Output()
	if err != nil {
		t.Fatal(err)
	}
	var ws struct{ WorkspaceID, AdminKey string }
	json.Unmarshal(out, &ws)
	certFile, keyFile, pool := selfSigned(t, dir)

	cmd := exec.Command(binary, "serve", "--addr", "127.0.0.1:0", "--db", db, "--tls-cert", certFile, "--tls-key", keyFile)
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Signal(os.Interrupt); cmd.Wait() }()
	url := waitForURL(t, stderr)
	if url[:8] != "https://" {
		t.Fatalf("served at %s", url)
	}
	trusting := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	c, _ := client.New(url, ws.AdminKey, client.WithHTTPClient(trusting))
	if who, err := c.WhoAmI(context.Background()); err != nil || who.WorkspaceID != ws.WorkspaceID {
		t.Fatalf("whoami over TLS = %+v, %v", who, err)
	}
	// A client that does not trust the certificate is refused.
	strict, _ := client.New(url, ws.AdminKey)
	if _, err := strict.WhoAmI(context.Background()); err == nil {
		t.Fatal("an untrusted certificate was accepted")
	}
}
