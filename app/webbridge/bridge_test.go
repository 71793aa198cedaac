package webbridge_test

import (
	"bufio"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/keydesk/keydesk/app/webbridge"
)

type Greeter struct{}

type Greeting struct {
	Text string `json:"text"`
}

func (Greeter) Hello(name string, times int) (Greeting, error) {
	if name == "" {
		return Greeting{}, errors.New("name is required")
	}
	return Greeting{Text: strings.Repeat("hi "+name+" ", times)}, nil
}

func (Greeter) Ping() error { return nil }

func newBridge(t *testing.T) (*httptest.Server, *webbridge.Bus) {
	t.Helper()
	bus := webbridge.NewBus()
	assets := fstest.MapFS{"index.html": {Data: []byte("<html><head></head><body></body></html>")}}
	h, err := webbridge.Handler([]any{&Greeter{}}, assets, bus, func(err error) any {
		return map[string]string{"code": "test", "message": err.Error()}
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv, bus
}

func post(t *testing.T, url, body string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest("POST", url+"/__bridge/call", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Keydesk-Bridge", "1")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

func TestCallsBoundMethodsLikeWails(t *testing.T) {
	srv, _ := newBridge(t)
	status, out := post(t, srv.URL, `{"name":"webbridge_test.Greeter.Hello","args":["ada",2]}`)
	if status != 200 || out["result"].(map[string]any)["text"] != "hi ada hi ada " {
		t.Fatalf("= %d %v", status, out)
	}
	status, out = post(t, srv.URL, `{"name":"webbridge_test.Greeter.Hello","args":["",1]}`)
	if status != 422 || out["error"].(map[string]any)["message"] != "name is required" {
		t.Fatalf("error call = %d %v", status, out)
	}
	if status, _ = post(t, srv.URL, `{"name":"webbridge_test.Greeter.Ping","args":[]}`); status != 200 {
		t.Fatalf("ping = %d", status)
	}
	if status, _ = post(t, srv.URL, `{"name":"webbridge_test.Greeter.Hello","args":["x"]}`); status != 400 {
		t.Fatalf("wrong arity = %d", status)
	}
	if status, _ = post(t, srv.URL, `{"name":"nope.Nope.Nope","args":[]}`); status != 404 {
		t.Fatalf("unknown = %d", status)
	}
}

func TestIndexLoadsTheBridgeScript(t *testing.T) {
	srv, _ := newBridge(t)
	resp, _ := http.Get(srv.URL + "/")
	var b strings.Builder
	bufio.NewReader(resp.Body).WriteTo(&b)
	if !strings.Contains(b.String(), `<script src="/__bridge/runtime.js"></script>`) {
		t.Fatalf("index = %s", b.String())
	}
	resp, _ = http.Get(srv.URL + "/__bridge/runtime.js")
	b.Reset()
	bufio.NewReader(resp.Body).WriteTo(&b)
	if !strings.Contains(b.String(), `"webbridge_test.Greeter.Hello"`) {
		t.Fatal("runtime.js does not list the bound methods")
	}
}

func TestEventsReachSubscribers(t *testing.T) {
	srv, bus := newBridge(t)
	resp, err := http.Get(srv.URL + "/__bridge/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	lines := make(chan string, 10)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	<-lines // ": connected"
	bus.Emit("keys:changed", map[string]string{"workspaceId": "wsl_1"})
	deadline := time.After(5 * time.Second)
	for {
		select {
		case l := <-lines:
			if strings.HasPrefix(l, "data: ") {
				if l != `data: {"name":"keys:changed","data":{"workspaceId":"wsl_1"}}` {
					t.Fatalf("event line %q", l)
				}
				return
			}
		case <-deadline:
			t.Fatal("no event")
		}
	}
}

func TestOtherSitesCannotCall(t *testing.T) {
	srv, _ := newBridge(t)
	body := `{"name":"webbridge_test.Greeter.Ping","args":[]}`
	// A form post from another site: no custom header, not JSON.
	resp, _ := http.Post(srv.URL+"/__bridge/call", "text/plain", strings.NewReader(body))
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("simple cross-site post = %d", resp.StatusCode)
	}
	// DNS rebinding: the right headers, but another host name.
	req, _ := http.NewRequest("POST", srv.URL+"/__bridge/call", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Keydesk-Bridge", "1")
	req.Host = "evil.example.com"
	resp, _ = http.DefaultClient.Do(req)
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("rebound host = %d", resp.StatusCode)
	}
}
