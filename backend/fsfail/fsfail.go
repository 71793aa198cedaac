// Package fsfail says in plain words why a file could not be read or
// written, without Go's "open /path: " in front (which names a temporary
// file when the write went through one): for the desktop's forms and the
// CLI alike.
package fsfail

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
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

// ExplainWrite says why path could not be written (or its folder made):
// "there is no folder /x", "Keydesk may not write in /x (permission
// denied)", "/x is on a read-only file system", "the disk holding /x is
// full", else the system's reason.
func ExplainWrite(path string, err error) string {
	dir := filepath.Dir(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "there is no folder " + dir
	case errors.Is(err, fs.ErrPermission):
		return "Keydesk may not write in " + dir + " (permission denied)"
	case errors.Is(err, syscall.EROFS):
		return dir + " is on a read-only file system"
	case errors.Is(err, syscall.ENOSPC):
		return "the disk holding " + dir + " is full"
	case errors.Is(err, syscall.ENOTDIR):
		return "a part of " + dir + " is a file, not a folder"
	case errors.Is(err, syscall.EISDIR):
		return path + " is a folder, not a file"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
