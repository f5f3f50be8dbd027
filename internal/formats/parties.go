package formats

import (
	"strings"

	"github.com/accord-archive/accord/internal/archive"
)

// partyJSON represents a party, with its kind.
func partyJSON(p archive.Party) PartyJSON {
	return PartyJSON{Code: p.Code, Name: p.Name, Kind: string(p.Kind)}
}

// issuerJSON is the document's issuer, or nil.
func issuerJSON(d *archive.Document) *PartyJSON {
	if d.Issuer.Code == "" {
		return nil
	}
	p := partyJSON(d.Issuer)
	return &p
}

// partyName names a party of d by its code; the code if d does not name it.
func partyName(d *archive.Document, code string) string {
	for _, p := range d.Named() {
		if p.Code == code {
			return p.Name
		}
	}
	return code
}

// Authors are who a citation names as the document's author: its issuer
// (a resolution is the Security Council's), else its parties.
func Authors(d *archive.Document) []archive.Party {
	if d.Issuer.Code != "" {
		return []archive.Party{d.Issuer}
	}
	return d.Parties
}

// aknRef is an inline reference to a TLC: <docProponent refersTo="#kz">.
type aknRef struct {
	RefersTo string `xml:"refersTo,attr"`
	Text     string `xml:",chardata"`
}

// aknID is a party's eId in the references: its code, lower case.
func aknID(p archive.Party) string { return strings.ToLower(p.Code) }

// aknParties are the FRBR authors and the TLCOrganization references:
// the issuer first, then each party, each once, then Accord.
func aknParties(d *archive.Document) ([]aknHref, []aknTLC) {
	var authors []aknHref
	var orgs []aknTLC
	seen := map[string]bool{}
	add := func(p archive.Party) {
		if seen[p.Code] {
			return
		}
		seen[p.Code] = true
		id := aknID(p)
		authors = append(authors, aknHref{Href: "#" + id})
		orgs = append(orgs, aknTLC{EID: id, Href: "/ontology/organization/" + id, ShowAs: p.Name})
	}
	if d.Issuer.Code != "" {
		add(d.Issuer)
	}
	for _, p := range d.Parties {
		add(p)
	}
	orgs = append(orgs, aknTLC{EID: "accord", Href: "/ontology/organization/accord", ShowAs: "Accord"})
	return authors, orgs
}

// aknProponents names who put the document forward, in the preface: the
// issuer if there is one, else the parties.
func aknProponents(d *archive.Document) []aknRef {
	var out []aknRef
	for _, p := range Authors(d) {
		out = append(out, aknRef{RefersTo: "#" + aknID(p), Text: p.Name})
	}
	return out
}

// aknNumber is the FRBRnumber of a work that has a number, or nil.
func aknNumber(d *archive.Document) *aknValue {
	if d.Number == "" {
		return nil
	}
	return &aknValue{d.Number}
}

// ExpressionLanguage is the language component of the document's
// expression IRI: "eng" in /akn/kz-ee/statement/joint/2025-11-17/eng@.
func ExpressionLanguage(d *archive.Document) string { return language3(d.Language) }

// PlaceID is the name of a place in its Akoma Ntoso reference,
// /ontology/location/{id}: lower case, words joined by "-".
func PlaceID(place string) string { return strings.ToLower(strings.Join(strings.Fields(place), "-")) }
