// Command keydesk-seed fills a Keydesk data folder with many keys, for the
// desktop and UI benchmarks (scripts/bench-desktop.sh, the Playwright perf
// spec): it prepares the folder as the app would (desk.db, local-server.db,
// the Local workspace and its admin key in the keychain chosen by
// KEYDESK_KEYRING), inserts n keys straight into the Local workspace's
// server store with servertest.SeedKeys, and syncs them into desk.db, so the
// app starts with n cached keys. For tests and benchmarks only.
//
//	KEYDESK_KEYRING=file KEYDESK_KEYRING_PASSWORD=pw keydesk-seed -home DIR -n 10000
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/keydesk/keydesk/backend/desk"
	"github.com/keydesk/keydesk/backend/server"
	"github.com/keydesk/keydesk/backend/server/servertest"
)

func main() {
	home := flag.String("home", "", "the data folder (KEYDESK_HOME); required")
	n := flag.Int("n", 10000, "how many keys to add to the Local workspace")
	flag.Parse()
	if err := run(*home, *n); err != nil {
		fmt.Fprintln(os.Stderr, "keydesk-seed:", err)
		os.Exit(1)
	}
}

func run(home string, n int) error {
	if home == "" {
		return errors.New("-home is required")
	}
	ctx := context.Background()
	start := time.Now()

	// 1. The app's own first start: desk.db, local-server.db, the Local workspace.
	d, err := desk.Open(ctx, desk.Options{Home: home, LocalAddr: "127.0.0.1:0"})
	if err != nil {
		return err
	}
	if err := d.Close(); err != nil {
		return err
	}

	// 2. The keys, straight into the Local workspace's server store.
	store, err := server.OpenStore("sqlite:"+filepath.Join(home, "local-server.db"), nil, nil)
	if err != nil {
		return err
	}
	list, err := store.Workspaces(ctx)
	if err != nil || len(list) != 1 {
		store.Close()
		return fmt.Errorf("expected the Local workspace alone in local-server.db, found %d (%v)", len(list), err)
	}
	err = servertest.SeedKeys(ctx, store, list[0].ID, n, time.Now().UTC())
	if cerr := store.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}

	// 3. A sync, so that desk.db caches them before the app starts.
	d, err = desk.Open(ctx, desk.Options{Home: home, LocalAddr: "127.0.0.1:0"})
	if err != nil {
		return err
	}
	defer d.Close()
	views, err := d.Workspaces(ctx)
	if err != nil {
		return err
	}
	for _, ws := range views {
		if ws.Kind != desk.KindLocal {
			continue
		}
		if err := d.Sync(ctx, ws.ID); err != nil {
			return err
		}
		ws, err := d.Workspace(ctx, ws.ID)
		if err != nil {
			return err
		}
		fmt.Printf("keydesk-seed: %d keys cached in %s in %s\n", ws.KeyCount, home, time.Since(start).Round(time.Millisecond))
		return nil
	}
	return errors.New("no Local workspace")
}
