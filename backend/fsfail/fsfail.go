// Package fsfail says in plain words why a file could not be read, without
// Go's "open /path: " in front: for the desktop's forms and the CLI alike.
package fsfail

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"
)

// Explain says why path could not be read: "there is no file /x",
// "Keydesk may not read /x (permission denied)", "/x is a folder, not a
// file", else the path and the system's reason.
func Explain(path string, err error) string {
	var pe *fs.PathError
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "there is no file " + path
	case errors.Is(err, fs.ErrPermission):
		return "Keydesk may not read " + path + " (permission denied)"
	case errors.Is(err, syscall.EISDIR):
		return path + " is a folder, not a file"
	case errors.As(err, &pe):
		return fmt.Sprintf("%s (%v)", path, pe.Err)
	}
	return fmt.Sprintf("%s (%v)", path, err)
}
