package formats

import (
	"strconv"

	"github.com/accord-archive/accord/internal/archive"
)

// A work's language versions in the formats: each version's data.json
// lists them all, its Akoma Ntoso expression says whether its text is
// authentic, its Atom entry its language, and the sitemap links each
// page to the same page in the other versions.

// VersionJSON is one language version of a document's work.
type VersionJSON struct {
	Slug          string `json:"slug"`
	Language      string `json:"language"`
	URL           string `json:"url"`
	ExpressionURI string `json:"expression_uri"` // its Akoma Ntoso expression IRI: …/eng@
	Original      bool   `json:"original,omitempty"`
	Authentic     *bool  `json:"authentic,omitempty"` // when the work says which texts are authentic
	Prevails      bool   `json:"prevails,omitempty"`
}

// versionsJSON lists the work's versions, d among them; nil for a text alone.
func (s Site) versionsJSON(d *archive.Document) []VersionJSON {
	vs := d.Versions()
	if len(vs) < 2 {
		return nil
	}
	declared := d.WorkAuthentic() != nil
	out := make([]VersionJSON, len(vs))
	for i, v := range vs {
		out[i] = VersionJSON{
			Slug: v.Slug, Language: v.Language, URL: s.URL(v.Path()),
			ExpressionURI: ExpressionURI(v), Original: v.Original() == v, Prevails: v.Prevailing(),
		}
		if declared {
			a := v.IsAuthentic()
			out[i].Authentic = &a
		}
	}
	return out
}

// ExpressionURI is the document's Akoma Ntoso expression IRI, its work's
// and its language's: /akn/ee-kz/statement/joint/2024-05-14/rus@.
func ExpressionURI(d *archive.Document) string { return WorkURI(d) + "/" + ExpressionLanguage(d) + "@" }

// aknAuthoritative is FRBRauthoritative: whether the expression's text
// is authentic, said only when the work says which texts are.
func aknAuthoritative(d *archive.Document) *aknValue {
	if d.WorkAuthentic() == nil {
		return nil
	}
	return &aknValue{strconv.FormatBool(d.IsAuthentic())}
}

// EntryLang is an Atom entry's xml:lang: the text's language, when it is
// not the feed's English.
func EntryLang(d *archive.Document) string {
	if d.Language == "en" {
		return ""
	}
	return d.Language
}

const xhtmlNS = "http://www.w3.org/1999/xhtml"

// alternate is a sitemap URL's page in another language:
// <xhtml:link rel="alternate" hreflang="ru" href="…"/>.
type alternate struct {
	XMLName  struct{} `xml:"xhtml:link"`
	Rel      string   `xml:"rel,attr"`
	HrefLang string   `xml:"hreflang,attr"`
	Href     string   `xml:"href,attr"`
}

// alternates are the pages of eid ("" for the document) in every version
// of d's work, d's own included, as the sitemap protocol asks; nil for a
// text alone. A version without the provision has none. paths is each
// version's provisions' pages by eId (versionPaths), made once per
// version rather than walked for every provision.
func (s Site) alternates(d *archive.Document, eid string, paths func(*archive.Document) map[string]string) []alternate {
	vs := d.Versions()
	if len(vs) < 2 {
		return nil
	}
	var out []alternate
	for _, v := range vs {
		path := v.Path()
		if eid != "" {
			var ok bool
			if path, ok = paths(v)[eid]; !ok {
				continue
			}
		}
		out = append(out, alternate{Rel: "alternate", HrefLang: v.Language, Href: s.URL(path)})
	}
	return out
}

// versionPaths returns a function giving a document's provisions' pages
// by eId, each document's walked once.
func versionPaths() func(*archive.Document) map[string]string {
	made := map[*archive.Document]map[string]string{}
	return func(v *archive.Document) map[string]string {
		m, ok := made[v]
		if !ok {
			m = map[string]string{}
			v.Walk(func(c *archive.Provision) bool {
				if _, dup := m[c.EID()]; !dup {
					m[c.EID()] = c.Path()
				}
				return true
			})
			made[v] = m
		}
		return m
	}
}
