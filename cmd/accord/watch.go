package main

import (
	"context"
	"hash/fnv"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// watch calls changed when the tree under dir changes: a file added,
// removed, resized or modified. It polls, which works on every file system
// and in containers, and waits for the tree to stay still for one more
// interval so that an editor's save is read whole. The tree is stamped
// before watch returns, so a change made after the call is never missed;
// the polling runs in its own goroutine until ctx ends.
func watch(ctx context.Context, dir string, every time.Duration, changed func(), log *slog.Logger) {
	last, err := treeStamp(dir)
	if err != nil {
		log.Warn("watch", "dir", dir, "err", err)
	}
	go poll(ctx, dir, every, last, changed, log)
}

func poll(ctx context.Context, dir string, every time.Duration, last uint64, changed func(), log *slog.Logger) {
	t := time.NewTicker(every)
	defer t.Stop()
	pending := false
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		cur, err := treeStamp(dir)
		if err != nil {
			log.Warn("watch", "dir", dir, "err", err)
			continue
		}
		switch {
		case cur != last:
			last, pending = cur, true // changed: wait until it settles
		case pending:
			pending = false
			changed()
		}
	}
}

// treeStamp sums the names, sizes and modification times under dir.
func treeStamp(dir string) (uint64, error) {
	h := fnv.New64a()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			if os.IsNotExist(err) {
				return nil // removed while walking; the next pass sees it
			}
			return err
		}
		h.Write([]byte(p))
		h.Write([]byte(strconv.FormatInt(info.Size(), 10)))
		h.Write([]byte(strconv.FormatInt(info.ModTime().UnixNano(), 10)))
		return nil
	})
	return h.Sum64(), err
}
