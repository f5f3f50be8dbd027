package main

import (
	"fmt"
	"io/fs"
	"os"

	"github.com/accord-archive/accord"
)

// contentFS is the content tree: the embedded one, or dir on disk.
func contentFS(dir string) (fs.FS, error) {
	if dir == "" {
		return fs.Sub(accord.Files, "content")
	}
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("content directory: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("content directory %s is not a directory", dir)
	}
	return os.DirFS(dir), nil
}

// siteFS returns the templates and static trees: embedded, or read from
// the working directory in dev mode so that edits show on reload.
func siteFS(dev bool) (templates, static fs.FS, err error) {
	var root fs.FS = accord.Files
	if dev {
		root = os.DirFS(".")
	}
	if templates, err = fs.Sub(root, "templates"); err != nil {
		return nil, nil, err
	}
	if static, err = fs.Sub(root, "static"); err != nil {
		return nil, nil, err
	}
	return templates, static, nil
}
