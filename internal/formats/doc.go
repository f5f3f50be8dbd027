// Package formats writes the archive's documents in the formats other tools
// read: the verbatim text, Akoma Ntoso 3.0 XML, citations (BibTeX, RIS,
// CSL-JSON), the JSON representation of the API, and the site's discovery
// files (Atom feed, sitemap, OpenSearch description). Each is a pure
// function of archive values and the site's base URL.
package formats
