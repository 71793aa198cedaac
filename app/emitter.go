package app

import (
	"context"
	"sync/atomic"

	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// WailsEmitter sends desk events to the window. Wails' runtime may only be
// called with the context it hands to OnStartup (anything else kills the
// process), so events before Attach are dropped: the first sync after start
// re-announces everything.
type WailsEmitter struct {
	ctx atomic.Pointer[context.Context]
}

// Attach starts delivery with the Wails context.
func (e *WailsEmitter) Attach(ctx context.Context) { e.ctx.Store(&ctx) }

// Emit implements desk.Emitter.
func (e *WailsEmitter) Emit(event string, data any) {
	if ctx := e.ctx.Load(); ctx != nil {
		runtime.EventsEmit(*ctx, event, data)
	}
}
