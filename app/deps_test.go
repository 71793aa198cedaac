package app_test

import (
	"os/exec"
	"strings"
	"testing"
)

// The desktop links no PostgreSQL driver: its Local workspace is SQLite, and
// every package linked is code resident in the desktop's process (pgx alone
// was 3 MB of it). server.OpenStore takes the driver from the CLI instead.
func TestDesktopLinksNoPostgresDriver(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-tags", "desktop,production", "github.com/keydesk/keydesk").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 100 {
		t.Fatalf("go list named %d packages, want the desktop's (hundreds)", len(deps))
	}
	for _, dep := range deps {
		if strings.Contains(dep, "jackc/pgx") || strings.HasPrefix(dep, "gorm.io/driver/postgres") {
			t.Errorf("the desktop links %s", dep)
		}
	}
}
