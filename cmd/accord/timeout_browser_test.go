//go:build browser

package main

import "time"

// serveTimeout: a real-browser test keeps its server through dozens of
// pages, each checked in Chromium (axe-core over 34 pages takes minutes on
// two busy cores); the Makefile's -timeout for them is 15m.
const serveTimeout = 10 * time.Minute
