package formats

import (
	"encoding/xml"
	"strconv"
	"strings"
	"time"

	"github.com/accord-archive/accord/internal/archive"
)

// AKNNamespace is the Akoma Ntoso 3.0 namespace.
const AKNNamespace = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"

// WorkURI is the document's Akoma Ntoso work IRI, e.g.
// /akn/kz-ee/statement/joint/2025-11-17: the parties (lower case, joined by
// "-") or the issuer stand where a national document has its country.
// archive.Document.WorkIRI says how it is made.
func WorkURI(d *archive.Document) string { return d.WorkIRI() }

// camel turns a kind code into the statement's name: jointStatement.
func camel(code string) string {
	parts := strings.Split(code, "-")
	for i := 1; i < len(parts); i++ {
		if parts[i] != "" {
			parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
		}
	}
	return strings.Join(parts, "")
}

// language3 gives the ISO 639-2 code Akoma Ntoso uses for a language tag.
func language3(tag string) string {
	base, _, _ := strings.Cut(tag, "-")
	codes := map[string]string{
		"en": "eng", "fr": "fra", "de": "deu", "es": "spa", "ru": "rus", "zh": "zho", "ar": "ara",
		"pt": "por", "it": "ita", "kk": "kaz", "et": "est", "uk": "ukr", "tr": "tur", "ja": "jpn",
	}
	if c, ok := codes[base]; ok {
		return c
	}
	return base
}

// The Akoma Ntoso elements Accord writes, in document order.
type (
	aknRoot struct {
		XMLName   xml.Name     `xml:"akomaNtoso"`
		NS        string       `xml:"xmlns,attr"`
		Statement aknStatement `xml:"statement"`
	}
	aknStatement struct {
		Name        string     `xml:"name,attr"`
		Meta        aknMeta    `xml:"meta"`
		Preface     aknPreface `xml:"preface"`
		Preamble    *aknRaw    `xml:"preamble,omitempty"`
		MainBody    *aknRaw    `xml:"mainBody"`
		Conclusions *aknRaw    `xml:"conclusions,omitempty"`
		Attachments *aknRaw    `xml:"attachments,omitempty"`
	}
	aknMeta struct {
		XMLName        xml.Name          `xml:"meta"`
		Identification aknIdentification `xml:"identification"`
		References     *aknReferences    `xml:"references,omitempty"`
		Notes          *aknRaw           `xml:"notes,omitempty"`
	}
	aknIdentification struct {
		Source        string  `xml:"source,attr"`
		Work          aknFRBR `xml:"FRBRWork"`
		Expression    aknFRBR `xml:"FRBRExpression"`
		Manifestation aknFRBR `xml:"FRBRManifestation"`
	}
	aknFRBR struct {
		This     aknValue     `xml:"FRBRthis"`
		URI      aknValue     `xml:"FRBRuri"`
		Alias    *aknAlias    `xml:"FRBRalias,omitempty"`
		Date     aknDate      `xml:"FRBRdate"`
		Authors  []aknHref    `xml:"FRBRauthor"`
		Country  *aknValue    `xml:"FRBRcountry,omitempty"`
		Subtype  *aknValue    `xml:"FRBRsubtype,omitempty"`
		Number   *aknValue    `xml:"FRBRnumber,omitempty"`
		Auth     *aknValue    `xml:"FRBRauthoritative,omitempty"` // an expression's: whether its text is authentic, when the work says
		Language *aknLanguage `xml:"FRBRlanguage,omitempty"`
	}
	aknValue struct {
		Value string `xml:"value,attr"`
	}
	aknAlias struct {
		Value string `xml:"value,attr"`
		Name  string `xml:"name,attr"`
	}
	aknDate struct {
		Date string `xml:"date,attr"`
		Name string `xml:"name,attr"`
	}
	aknHref struct {
		Href string `xml:"href,attr"`
	}
	aknLanguage struct {
		Language string `xml:"language,attr"`
	}
	aknReferences struct {
		Source        string   `xml:"source,attr"`
		Organizations []aknTLC `xml:"TLCOrganization"`
		Locations     []aknTLC `xml:"TLCLocation,omitempty"`
	}
	aknTLC struct {
		EID    string `xml:"eId,attr"`
		Href   string `xml:"href,attr"`
		ShowAs string `xml:"showAs,attr"`
	}
	aknPreface struct {
		P []aknTitle `xml:"p"`
	}
	aknTitle struct {
		EID        string   `xml:"eId,attr,omitempty"` // preface__p_N: the naming convention names every block
		Class      string   `xml:"class,attr,omitempty"`
		DocTitle   string   `xml:"docTitle,omitempty"`
		Proponents []aknRef `xml:"docProponent,omitempty"`
		DocDate    *struct {
			Date string `xml:"date,attr"`
			Text string `xml:",chardata"`
		} `xml:"docDate,omitempty"`
		Location *struct {
			RefersTo string `xml:"refersTo,attr"`
			Text     string `xml:",chardata"`
		} `xml:"location,omitempty"`
	}
)

// AkomaNtoso writes the document as Akoma Ntoso 3.0 XML: a <statement>
// with FRBR work, expression and manifestation metadata, the preamble's
// paragraphs as <p eId="preamble__p_N">, the body as the document's tree
// (a clause as <paragraph eId="para_N"><num>N.</num>…, akntree.go says
// how each provision is written), the conclusions and the attachments.
// The eIds are the HTML page's anchors. generated is the manifestation's
// date.
func AkomaNtoso(d *archive.Document, generated time.Time) ([]byte, error) {
	work := WorkURI(d)
	lang := language3(d.Language)
	expr := work + "/" + lang + "@"
	date := d.Date.Format(time.DateOnly)
	authors, orgs := aknParties(d)
	countries := d.WorkCountry()

	identify := func(component string) aknIdentification {
		return aknIdentification{
			Source: "#accord",
			Work: aknFRBR{
				This:    aknValue{work + "/!" + component},
				URI:     aknValue{work},
				Alias:   &aknAlias{Value: d.Title, Name: "title"},
				Date:    aknDate{Date: date, Name: "adoption"},
				Authors: authors,
				Country: &aknValue{countries},
				Subtype: &aknValue{d.WorkSubtype()},
				Number:  aknNumber(d),
			},
			Expression: aknFRBR{
				This:     aknValue{expr + "/!" + component},
				URI:      aknValue{expr},
				Date:     aknDate{Date: date, Name: "adoption"},
				Authors:  authors,
				Auth:     aknAuthoritative(d),
				Language: &aknLanguage{lang},
			},
			Manifestation: aknFRBR{
				This:    aknValue{expr + "/!" + component + ".akn"},
				URI:     aknValue{expr + ".akn"},
				Date:    aknDate{Date: generated.UTC().Format(time.DateOnly), Name: "transform"},
				Authors: []aknHref{{Href: "#accord"}},
			},
		}
	}
	st := aknStatement{
		Name: camel(string(d.Kind)),
		Meta: aknMeta{
			Identification: identify("main"),
			References:     &aknReferences{Source: "#accord", Organizations: orgs},
		},
	}
	title := aknTitle{Class: "title", DocTitle: d.Title}
	st.Preface.P = append(st.Preface.P, title)
	meta := aknTitle{Class: "dateAndPlace"}
	meta.DocDate = &struct {
		Date string `xml:"date,attr"`
		Text string `xml:",chardata"`
	}{date, d.Date.Format("2 January 2006")}
	if d.Place != "" {
		st.Meta.References.Locations = []aknTLC{{EID: "place", Href: "/ontology/location/" + PlaceID(d.Place), ShowAs: d.Place}}
		meta.Location = &struct {
			RefersTo string `xml:"refersTo,attr"`
			Text     string `xml:",chardata"`
		}{"#place", d.Place}
	}
	st.Preface.P = append(st.Preface.P, meta)
	st.Preface.P = append(st.Preface.P, aknTitle{Class: "proponents", Proponents: aknProponents(d)})
	for i := range st.Preface.P {
		st.Preface.P[i].EID = "preface__p_" + strconv.Itoa(i+1)
	}

	// The depths below are those of <statement>'s children (2) and of
	// an attachment's <meta> (5), for the indentation (akntree.go).
	w := newTreeWriter(d)
	var err error
	w.identify = func(component string, depth int) string {
		b, merr := xml.MarshalIndent(aknMeta{Identification: identify(component)}, indent(depth), "  ")
		if merr != nil && err == nil {
			err = merr
		}
		return string(b)
	}
	if len(d.Preamble) > 0 {
		var recitals []*xnode
		for _, p := range d.Preamble {
			n := el("p", "eId", p.EID())
			n.inner = w.inline(p)
			recitals = append(recitals, n)
		}
		st.Preamble = raw(recitals, 2)
	}
	st.MainBody = raw(w.body(d.Body, nil), 2)
	if len(d.Conclusions) > 0 {
		st.Conclusions = raw(w.conclusions(), 2)
	}
	if len(d.Attachments) > 0 {
		st.Attachments = raw(w.attachments(2), 2)
	}
	if notes := w.metaNotes(); len(notes) > 0 {
		st.Meta.Notes = raw(notes, 3, xml.Attr{Name: xml.Name{Local: "source"}, Value: "#accord"})
	}
	if err != nil {
		return nil, err
	}

	out, err := xml.MarshalIndent(aknRoot{NS: AKNNamespace, Statement: st}, "", "  ")
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), append(out, '\n')...), nil
}
