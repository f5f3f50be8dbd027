// Package testenv holds what tests share about their surroundings: whether
// a missing external tool skips a test or fails it, and deadlines on the
// servers tests start, so that a hung server fails its test instead of
// holding the whole run until go test's own timeout.
package testenv

import (
	"fmt"
	"os"
	"strconv"
	"sync/atomic"
	"testing"
	"time"
)

// RequireEnv names the variable `make check` sets so that a test needing an
// external tool (Chromium, axe-core, the Nu checker, xmllint) fails when
// the tool is missing instead of skipping. CI=true does the same.
const RequireEnv = "ACCORD_REQUIRE_TOOLS"

// Required reports whether missing tools are failures here: under CI=true
// or with ACCORD_REQUIRE_TOOLS set to a true value.
func Required() bool {
	for _, name := range []string{"CI", RequireEnv} {
		if v, err := strconv.ParseBool(os.Getenv(name)); err == nil && v {
			return true
		}
	}
	return false
}

// Missing says a tool the test needs is absent: the test fails where the
// tools are required (see Required) and is skipped elsewhere, with why and
// how to get it in either case.
func Missing(t testing.TB, why string) {
	t.Helper()
	if Required() {
		t.Fatalf("%s (required here: CI=true or %s=1)", why, RequireEnv)
	}
	t.Skipf("SKIP: %s", why)
}

// Deadline bounds a server a test started. If the test is still running d
// after the call, stop is called (it should stop the server or cut its
// connections, so that whatever the test waits on returns) and the test
// fails when it ends, saying it hung. Should the test still not end within
// Grace of that, nothing will unblock it: the test binary panics, naming the
// test, rather than sit until go test's -timeout. expired reports whether
// the deadline has passed.
func Deadline(t testing.TB, what string, d time.Duration, stop func()) (expired func() bool) {
	t.Helper()
	name := t.Name()
	var fired atomic.Bool
	var panicTimer atomic.Pointer[time.Timer]
	timer := time.AfterFunc(d, func() {
		fired.Store(true)
		panicTimer.Store(time.AfterFunc(Grace, func() {
			panic(fmt.Sprintf("%s: %s was stopped %v after it started, and the test still had not ended %v later: it is hung", name, what, d, Grace))
		}))
		stop()
	})
	t.Cleanup(func() {
		timer.Stop()
		if p := panicTimer.Load(); p != nil {
			p.Stop()
		}
		if fired.Load() {
			t.Errorf("%s was still in use %v after it started: the test hung, and the server was stopped", what, d)
		}
	})
	return fired.Load
}

// Grace is how long a test whose server Deadline stopped has to end.
const Grace = time.Minute
