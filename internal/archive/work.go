package archive

import (
	"strings"
	"time"
)

// The Akoma Ntoso work IRI of a document follows the naming convention
// /akn/{country}/{doctype}/{subtype}/{date}[/{number}]:
//
//   - country is the issuer's code when there is an issuer; otherwise the
//     parties' codes joined by "-" when there are at most MaxIRIParties of
//     them (kz-ee), and "int" (international) for more, which would make
//     an unreadable identifier;
//   - doctype is "statement", the Akoma Ntoso type for texts that are not
//     legislation, and subtype the kind ("joint" for a joint statement);
//   - number is the front matter's number, written only when the editor
//     gives one: to tell apart two works of one date, or to carry a
//     resolution's number.
//
// Two documents may share a work IRI only as two expressions of one work,
// in different languages (a text and its translation); a version
// (versions.go) takes its original's.

// MaxIRIParties is the most parties whose codes the work IRI spells out.
const MaxIRIParties = 3

// WorkCountry is the work IRI's country component: "kz-ee", "unsc", "int".
func (d *Document) WorkCountry() string {
	if d.Issuer.Code != "" {
		return strings.ToLower(d.Issuer.Code)
	}
	if len(d.Parties) > MaxIRIParties || len(d.Parties) == 0 {
		return "int"
	}
	codes := make([]string, len(d.Parties))
	for i, p := range d.Parties {
		codes[i] = strings.ToLower(p.Code)
	}
	return strings.Join(codes, "-")
}

// WorkSubtype is the work IRI's subtype, also the FRBRsubtype: "joint"
// for a joint statement, the kind's code otherwise.
func (d *Document) WorkSubtype() string {
	if d.Kind == JointStatement {
		return "joint"
	}
	return string(d.Kind)
}

// WorkIRI is the document's Akoma Ntoso work IRI, e.g.
// /akn/kz-ee/statement/joint/2025-11-17.
func (d *Document) WorkIRI() string {
	if o := d.Original(); o != d {
		return o.WorkIRI() // a version is an expression of its original's work
	}
	iri := "/akn/" + d.WorkCountry() + "/statement/" + d.WorkSubtype() + "/" + d.Date.Format(time.DateOnly)
	if d.Number != "" {
		iri += "/" + d.Number
	}
	return iri
}
