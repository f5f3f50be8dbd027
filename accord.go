// Package accord embeds the archive's content, templates and static assets,
// so that the one binary serves from anywhere.
package accord

import "embed"

// Files holds content/, templates/ and static/ as shipped with the binary.
//
//go:embed content templates static
var Files embed.FS
