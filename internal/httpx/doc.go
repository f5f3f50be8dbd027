// Package httpx holds the HTTP mechanics the site and the API share, so
// that they have one of each: entity tags and their matching, the choice
// of a content coding from Accept-Encoding, and the writing of a response
// made whole before it is sent (its ETag, its gzip copy, 304, HEAD).
package httpx
