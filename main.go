// Keydesk desktop: the Wails entry point. Options, bindings and lifecycle;
// everything else lives in app/ and backend/.
package main

import (
	"context"
	"embed"
	"log/slog"
	"os"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"

	"github.com/keydesk/keydesk/app"
	"github.com/keydesk/keydesk/backend/reminders"
)

// frontend/dist/.gitkeep is committed, so this embed compiles (and
// `go vet ./...` runs) on a checkout that has no frontend build yet.
//
//go:embed all:frontend/dist
var assets embed.FS

func main() {
	app.TuneWebEngine() // before the window's web engine starts
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	emitter := &app.WailsEmitter{}
	a := app.New(app.Config{Emitter: emitter, Notifier: reminders.OSNotifier{AppName: "Keydesk"}, Log: log})
	// What the window shows until the page paints: the page's own colour, opaque.
	r, g, b := app.WindowBackground("")
	err := wails.Run(&options.App{
		Title:            "Keydesk",
		Width:            1280,
		Height:           820,
		MinWidth:         900,
		MinHeight:        600,
		AssetServer:      &assetserver.Options{Assets: assets, Middleware: a.BootMiddleware},
		BackgroundColour: &options.RGBA{R: r, G: g, B: b, A: 255},
		OnStartup: func(ctx context.Context) {
			emitter.Attach(ctx)
			if err := a.Startup(ctx); err != nil {
				log.Error("Keydesk could not start", "err", err)
			}
		},
		OnShutdown:     func(context.Context) { a.Shutdown() },
		Bind:           a.Bindings(),
		ErrorFormatter: app.FormatError,
	})
	if err != nil {
		log.Error("the window could not run", "err", err)
		os.Exit(1)
	}
}
