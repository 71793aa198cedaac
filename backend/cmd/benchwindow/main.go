// Command benchwindow is the yardstick of the desktop benchmark
// (scripts/bench-desktop.sh, issue 9 point 6): the smallest Wails window,
// built with the same toolchain and tags as Keydesk
// (go build -tags desktop,production), showing one static page that prints
// "benchwindow: painted at T" through the Wails runtime after its first
// frame, as Keydesk prints "keydesk: key table painted at T" (T: the first
// contentful paint, in ms since the epoch). Without the desktop tag it
// only prints Wails' message, like Keydesk's main, so `go vet ./...` and
// `go test ./...` build it without cgo.
package main

import (
	"embed"
	"fmt"
	"os"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
)

//go:embed all:dist
var assets embed.FS

func main() {
	// The same window as Keydesk's (main.go), with nothing bound.
	err := wails.Run(&options.App{
		Title:            "Keydesk bench window",
		Width:            1280,
		Height:           820,
		MinWidth:         900,
		MinHeight:        600,
		AssetServer:      &assetserver.Options{Assets: assets},
		BackgroundColour: &options.RGBA{R: 255, G: 255, B: 255, A: 255},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "the window could not run:", err)
		os.Exit(1)
	}
}
