// Command keydesk is the Keydesk server and command line, pure Go.
package main

import (
	"os"

	"github.com/keydesk/keydesk/backend/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], cli.IO{In: os.Stdin, Out: os.Stdout, Err: os.Stderr}))
}
