package archive

// Licence is what an archive lets its readers do with what it publishes:
// the licence of its own data (the structure, metadata and classification
// it adds to the texts), and a statement on the reuse of the texts
// themselves, which are their issuers' and not the archive's to license.
// The zero Licence declares nothing.
type Licence struct {
	Name  string // "Creative Commons Attribution 4.0 International"
	ID    string // SPDX identifier, "CC-BY-4.0", if it has one
	URL   string // the licence's text
	Texts string // the statement on the texts' reuse, one paragraph
}

// Declared reports whether the archive states a licence for its data.
func (l Licence) Declared() bool { return l.Name != "" }
