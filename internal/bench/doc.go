// Package bench measures Accord beside the peers a reader would otherwise
// pick: nginx serving the same pages from disk, and SQLite FTS5 searching
// the same corpus. Its one entry point is TestReport (build tag bench),
// which `make bench` and `make bench-smoke` run and which prints one table.
package bench
