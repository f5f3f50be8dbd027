package main

import (
	"context"
	"fmt"
	"io/fs"
	"os"

	"github.com/accord-archive/accord"
	"github.com/accord-archive/accord/internal/content"
)

// contentFS is the content tree: the embedded one, or dir on disk, read
// only as far as content.Dir reads (regular files up to the size limit),
// and no further once ctx is done.
func contentFS(ctx context.Context, dir string) (fs.FS, error) {
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
	return content.Dir(dir).WithContext(ctx), nil
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
