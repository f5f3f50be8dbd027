//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package search

import (
	"errors"
	"os"
	"syscall"
	"time"
)

// tryLock locks the file or directory name exclusively, waiting up to wait
// for another holder (a Bleve index open read-only holds a shared lock on
// its root.bolt, so another process using it keeps it from being
// replaced). ok is false if the lock was not had; unlock releases it.
func tryLock(name string, wait time.Duration) (unlock func(), ok bool, err error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, false, err
	}
	deadline := time.Now().Add(wait)
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return func() { f.Close() }, true, nil // closing releases it
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) && !errors.Is(err, syscall.EINTR) {
			f.Close()
			return nil, false, err
		}
		if time.Now().After(deadline) {
			f.Close()
			return nil, false, nil
		}
		time.Sleep(20 * time.Millisecond)
	}
}
