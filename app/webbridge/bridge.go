// Package webbridge serves the built frontend to an ordinary browser with
// the same bound facades the desktop window gets, over HTTP: window.go.app.*
// and window.runtime events behave as under Wails. End-to-end tests drive the
// real app this way in Chromium without a display. It listens on loopback
// only and is a development and test tool, not a way to ship Keydesk.
package webbridge

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"path"
	"reflect"
	"sort"
	"strings"
	"sync"
)

// Bus fans desk events out to every open browser tab (Server-Sent Events).
type Bus struct {
	mu   sync.Mutex
	subs map[chan []byte]struct{}
}

// NewBus returns an event bus with no subscribers.
func NewBus() *Bus { return &Bus{subs: map[chan []byte]struct{}{}} }

// Emit implements desk.Emitter.
func (b *Bus) Emit(event string, data any) {
	msg, err := json.Marshal(struct {
		Name string `json:"name"`
		Data any    `json:"data"`
	}{event, data})
	if err != nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for ch := range b.subs {
		select {
		case ch <- msg:
		default: // a stalled tab misses events rather than blocking the desk
		}
	}
}

func (b *Bus) subscribe() (chan []byte, func()) {
	ch := make(chan []byte, 64)
	b.mu.Lock()
	b.subs[ch] = struct{}{}
	b.mu.Unlock()
	return ch, func() {
		b.mu.Lock()
		delete(b.subs, ch)
		b.mu.Unlock()
	}
}

var errorType = reflect.TypeOf((*error)(nil)).Elem()

// Handler serves assets with the bridge script injected into index.html,
// and the bridge itself under /__bridge/. formatError plays the part of
// Wails' ErrorFormatter; middleware goes in front of the assets, as Wails'
// AssetServer.Middleware does.
func Handler(bindings []any, assets fs.FS, bus *Bus, formatError func(error) any, middleware ...func(http.Handler) http.Handler) (http.Handler, error) {
	methods := map[string]reflect.Value{}
	for _, b := range bindings {
		v := reflect.ValueOf(b)
		t := v.Type()
		if t.Kind() != reflect.Pointer || t.Elem().Kind() != reflect.Struct {
			return nil, fmt.Errorf("binding %T must be a pointer to a struct", b)
		}
		prefix := path.Base(t.Elem().PkgPath()) + "." + t.Elem().Name() + "."
		for i := 0; i < t.NumMethod(); i++ {
			methods[prefix+t.Method(i).Name] = v.Method(i)
		}
	}
	names := make([]string, 0, len(methods))
	for n := range methods {
		names = append(names, n)
	}
	sort.Strings(names)
	namesJSON, _ := json.Marshal(names)
	script := strings.Replace(runtimeJS, "__METHODS__", string(namesJSON), 1)

	mux := http.NewServeMux()
	mux.HandleFunc("GET /__bridge/runtime.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		io.WriteString(w, script)
	})
	mux.HandleFunc("POST /__bridge/call", func(w http.ResponseWriter, r *http.Request) {
		// Only the page's own script may call: a custom header and a JSON
		// body force a CORS preflight that other sites never pass, and the
		// loopback Host check defeats DNS rebinding.
		if r.Header.Get("X-Keydesk-Bridge") != "1" || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
			http.Error(w, "calls must come from the Keydesk page", http.StatusForbidden)
			return
		}
		var req struct {
			Name string            `json:"name"`
			Args []json.RawMessage `json:"args"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, "bad call", http.StatusBadRequest)
			return
		}
		m, ok := methods[req.Name]
		if !ok {
			http.Error(w, "no such method "+req.Name, http.StatusNotFound)
			return
		}
		result, callErr, err := call(m, req.Args)
		w.Header().Set("Content-Type", "application/json")
		switch {
		case err != nil:
			http.Error(w, err.Error(), http.StatusBadRequest)
		case callErr != nil:
			w.WriteHeader(http.StatusUnprocessableEntity)
			json.NewEncoder(w).Encode(map[string]any{"error": formatError(callErr)})
		default:
			json.NewEncoder(w).Encode(map[string]any{"result": result})
		}
	})
	mux.HandleFunc("GET /__bridge/events", func(w http.ResponseWriter, r *http.Request) {
		flusher, ok := w.(http.Flusher)
		if !ok {
			http.Error(w, "streaming unsupported", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/event-stream")
		w.Header().Set("Cache-Control", "no-store")
		ch, cancel := bus.subscribe()
		defer cancel()
		io.WriteString(w, ": connected\n\n")
		flusher.Flush()
		for {
			select {
			case <-r.Context().Done():
				return
			case msg := <-ch:
				fmt.Fprintf(w, "data: %s\n\n", msg)
				flusher.Flush()
			}
		}
	})
	index, err := fs.ReadFile(assets, "index.html")
	if err != nil {
		return nil, fmt.Errorf("the frontend is not built (run `npm run build` in frontend/): %w", err)
	}
	index = bytes.Replace(index, []byte("<head>"), []byte(`<head><script src="/__bridge/runtime.js"></script>`), 1)
	files := http.FileServerFS(assets)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/" || r.URL.Path == "/index.html" {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(index)
			return
		}
		files.ServeHTTP(w, r)
	})
	var h http.Handler = mux
	for _, m := range middleware {
		h = m(h)
	}
	return loopbackOnly(h), nil
}

// loopbackOnly refuses requests whose Host is not this computer.
func loopbackOnly(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, err := net.SplitHostPort(r.Host)
		if err != nil {
			host = r.Host
		}
		if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
			http.Error(w, "keydesk-web answers only to localhost", http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// call invokes m with JSON arguments, as Wails does for a bound method.
func call(m reflect.Value, raw []json.RawMessage) (result any, callErr, err error) {
	t := m.Type()
	if len(raw) != t.NumIn() {
		return nil, nil, fmt.Errorf("%d arguments given, %d expected", len(raw), t.NumIn())
	}
	args := make([]reflect.Value, t.NumIn())
	for i := range args {
		p := reflect.New(t.In(i))
		if err := json.Unmarshal(raw[i], p.Interface()); err != nil {
			return nil, nil, fmt.Errorf("argument %d: %w", i+1, err)
		}
		args[i] = p.Elem()
	}
	out := m.Call(args)
	if n := len(out); n > 0 && t.Out(n-1) == errorType {
		if e := out[n-1]; !e.IsNil() {
			return nil, e.Interface().(error), nil
		}
		out = out[:n-1]
	}
	if len(out) > 0 {
		result = out[0].Interface()
	}
	return result, nil, nil
}

// runtimeJS stands in for Wails' window.go and window.runtime.
const runtimeJS = `(function () {
  const methods = __METHODS__;
  const go = (window.go = {});
  for (const name of methods) {
    const [pkg, struct, fn] = name.split('.');
    go[pkg] = go[pkg] || {};
    go[pkg][struct] = go[pkg][struct] || {};
    go[pkg][struct][fn] = async (...args) => {
      const r = await fetch('/__bridge/call', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Keydesk-Bridge': '1' },
        body: JSON.stringify({ name, args }),
      });
      // As Wails' runtime does (calls.js): a formatted error becomes an Error's message.
      if (r.status === 422) {
        const error = (await r.json()).error;
        throw error instanceof Error ? error : new Error(error);
      }
      if (!r.ok) throw { code: 'internal', message: await r.text() };
      return (await r.json()).result;
    };
  }
  const listeners = {};
  function on(name, cb, max) {
    const l = { cb, left: max };
    (listeners[name] = listeners[name] || []).push(l);
    return () => { listeners[name] = (listeners[name] || []).filter((x) => x !== l); };
  }
  function dispatch(name, data) {
    for (const l of [...(listeners[name] || [])]) {
      l.cb(...data);
      if (l.left > 0 && --l.left === 0) listeners[name] = listeners[name].filter((x) => x !== l);
    }
  }
  const log = (level) => (msg) => console[level](msg);
  window.runtime = {
    EventsOnMultiple: on,
    EventsOff: (...names) => names.forEach((n) => delete listeners[n]),
    EventsOffAll: () => Object.keys(listeners).forEach((n) => delete listeners[n]),
    EventsEmit: (name, ...data) => dispatch(name, data),
    LogPrint: log('log'), LogTrace: log('debug'), LogDebug: log('debug'), LogInfo: log('info'),
    LogWarning: log('warn'), LogError: log('error'), LogFatal: log('error'),
    ClipboardSetText: async (text) => { await navigator.clipboard.writeText(text); return true; },
    ClipboardGetText: () => navigator.clipboard.readText(),
    BrowserOpenURL: (url) => window.open(url, '_blank'),
    WindowSetTitle: (title) => { document.title = title; },
    Environment: async () => ({ buildType: 'web', platform: 'web', arch: '' }),
  };
  const events = new EventSource('/__bridge/events');
  events.onmessage = (e) => { const m = JSON.parse(e.data); dispatch(m.name, [m.data]); };
})();
`
