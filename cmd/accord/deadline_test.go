package main

import (
	"fmt"
	"testing"
	"time"

	"github.com/accord-archive/accord/internal/testenv"
)

// serveStartTimeout bounds the start of an in-process `accord serve` in a
// test, and serveTimeout (timeout_test.go, timeout_browser_test.go) its
// life: well above what the slowest test needs under -race on a busy
// machine, well below go test's -timeout, so that a hung server fails its
// own test with a message.
const serveStartTimeout = time.Minute

// serveDeadline stops the server started with args (cancel ends its
// context) if the test still runs serveTimeout later, and fails the test;
// hung reports whether that happened.
func serveDeadline(t *testing.T, args []string, cancel func()) (hung func() bool) {
	t.Helper()
	return testenv.Deadline(t, fmt.Sprintf("serve %q", args), serveTimeout, cancel)
}
