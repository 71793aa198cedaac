package app

import (
	"context"
	"sync/atomic"
	"testing"
	"time"
)

// releaseCounter makes big lists of 3 keys and counts the releases, with a
// schedule of 50 and 150 ms.
func releaseCounter(t *testing.T) *atomic.Int32 {
	var released atomic.Int32
	saved, savedAfter, savedFree := bigList, releaseMemoryAfter, freeOSMemory
	t.Cleanup(func() { bigList, releaseMemoryAfter, freeOSMemory = saved, savedAfter, savedFree })
	bigList, releaseMemoryAfter, freeOSMemory = 3, []time.Duration{50 * time.Millisecond, 150 * time.Millisecond}, func() { released.Add(1) }
	return &released
}

// startedWithKeys is a started app whose Local workspace holds n keys
// besides its own access key.
func startedWithKeys(t *testing.T, n int) (*App, string) {
	t.Setenv("KEYDESK_KEYRING", "memory")
	a := New(Config{Home: t.TempDir(), LocalAddr: "127.0.0.1:0"})
	if err := a.Startup(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Shutdown() })
	list, _ := a.Workspaces.List()
	ws := list[0].ID
	for i := range n {
		if _, err := a.Keys.Create(ws, CreateKeyRequest{Name: "key " + string(rune('a'+i))}); err != nil {
			t.Fatal(err)
		}
	}
	return a, ws
}

// until waits for want releases, for two seconds at most.
func until(n *atomic.Int32, want int32) {
	deadline := time.Now().Add(2 * time.Second)
	for n.Load() < want && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
}

// exactly waits for want releases, then long enough for one too many.
func exactly(t *testing.T, n *atomic.Int32, want int32) {
	t.Helper()
	until(n, want)
	time.Sleep(250 * time.Millisecond)
	if got := n.Load(); got != want {
		t.Fatalf("released %d times, want %d", got, want)
	}
}

// A big list hands its memory back to the OS at each step of the schedule,
// once for a whole burst; a small list does not.
func TestBigListReleasesMemoryOnSchedule(t *testing.T) {
	released := releaseCounter(t)
	a, ws := startedWithKeys(t, 0)
	if _, err := a.Keys.List(ws); err != nil { // the desk's own key only: small
		t.Fatal(err)
	}
	time.Sleep(250 * time.Millisecond)
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
	exactly(t, released, 2)
}

// A big list between two releases starts the schedule again: the earlier
// list's later release does not come on top.
func TestBigListRestartsTheSchedule(t *testing.T) {
	released := releaseCounter(t)
	a, ws := startedWithKeys(t, 2)
	if _, err := a.Keys.List(ws); err != nil {
		t.Fatal(err)
	}
	until(released, 1)
	if _, err := a.Keys.List(ws); err != nil {
		t.Fatal(err)
	}
	exactly(t, released, 3)
}
