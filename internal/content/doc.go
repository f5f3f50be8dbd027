// Package content reads Accord's content tree from an fs.FS: each
// documents/<slug>.md file is YAML front matter and CommonMark, walked as a
// goldmark syntax tree into an archive.Document. Every problem is reported as
// file:line: message, all of them, not only the first.
package content
