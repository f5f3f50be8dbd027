//go:build browser

package formats

import (
	"testing"

	"github.com/accord-archive/accord/internal/browsertest"
)

// TestMain stops the Chromium that the browser tests share.
func TestMain(m *testing.M) { browsertest.Main(m) }
