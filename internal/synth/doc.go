// Package synth generates a deterministic synthetic corpus of diplomatic
// documents: realistic clause text, parties, dates and kinds, shaped
// exactly as the content loader shapes a document. Tests and benchmarks
// use it for archives far larger than the real one; it is never content.
package synth
