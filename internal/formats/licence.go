package formats

import "github.com/accord-archive/accord/internal/archive"

// LicenceJSON is the archive's licence in data.json and the API: the
// licence of its own data, and the statement on the texts' reuse.
type LicenceJSON struct {
	Name  string `json:"name"`
	ID    string `json:"id,omitempty"`  // SPDX identifier
	URL   string `json:"url,omitempty"` // the licence's text
	Texts string `json:"texts,omitempty"`
}

// LicenceJSON is the site's licence, or nil when it declares none.
func (s Site) LicenceJSON() *LicenceJSON {
	l := s.Licence
	if !l.Declared() {
		return nil
	}
	return &LicenceJSON{Name: l.Name, ID: l.ID, URL: l.URL, Texts: l.Texts}
}

// Rights is the licence in words, for the feed's <rights>: the data's
// licence with its address, then the statement on the texts.
func Rights(l archive.Licence) string {
	if !l.Declared() {
		return ""
	}
	out := "Data: " + l.Name
	if l.URL != "" {
		out += " (" + l.URL + ")"
	}
	out += "."
	if l.Texts != "" {
		out += " Texts: " + l.Texts
	}
	return out
}
