//go:build !browser

package main

import "time"

// serveTimeout: no test here keeps a server for a minute, even under -race.
const serveTimeout = 3 * time.Minute
