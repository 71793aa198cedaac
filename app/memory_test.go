package app

import (
	"context"
	"sync/atomic"
	"testing"
	"time"
)

// A big list hands its memory back to the OS once, after the last of a burst.
func TestBigListReleasesMemoryOnce(t *testing.T) {
	var released atomic.Int32
	saved, savedAfter, savedFree := bigList, releaseMemoryAfter, freeOSMemory
	t.Cleanup(func() { bigList, releaseMemoryAfter, freeOSMemory = saved, savedAfter, savedFree })
	bigList, releaseMemoryAfter, freeOSMemory = 3, 50*time.Millisecond, func() { released.Add(1) }
	t.Setenv("KEYDESK_KEYRING", "memory")
	a := New(Config{Home: t.TempDir(), LocalAddr: "127.0.0.1:0"})
	if err := a.Startup(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Shutdown() })
	list, _ := a.Workspaces.List()
	ws := list[0].ID
	if _, err := a.Keys.List(ws); err != nil { // the desk's own key only: small
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond)
	if n := released.Load(); n != 0 {
		t.Fatalf("released after a small list: %d", n)
	}
	for _, name := range []string{"one", "two"} {
		if _, err := a.Keys.Create(ws, CreateKeyRequest{Name: name}); err != nil {
			t.Fatal(err)
		}
	}
	for range 3 {
		if _, err := a.Keys.List(ws); err != nil {
			t.Fatal(err)
		}
	}
	deadline := time.Now().Add(2 * time.Second)
	for released.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(100 * time.Millisecond)
	if n := released.Load(); n != 1 {
		t.Fatalf("released %d times after a burst of big lists, want 1", n)
	}
}
