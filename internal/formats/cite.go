package formats

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/accord-archive/accord/internal/archive"
)

// Citation is what a reference to a document, or to one provision of it,
// says.
type Citation struct {
	Doc *archive.Document
	// Clause is the provision cited, any of the document's tree (a
	// numbered clause, an article, a sub-paragraph, an annex's
	// paragraph), or nil to cite the whole document.
	Clause *archive.Clause
	URL    string // the cited page, absolute when the site has a base URL
}

// Pinpoint is the provision's reference as Provision.Cite writes it from
// the printed labels ("para. 3", "para. 3(a)", "Art. 51(1)", "Annex I,
// para. 2"), or "" for the whole document.
func (c Citation) Pinpoint() string {
	if c.Clause == nil {
		return ""
	}
	return c.Clause.Cite()
}

// key is a stable citation key: the slug, and the provision for a
// pinpoint: "-para3" for numbered clause 3, as released, and the eId for
// any other provision, in the characters a BibTeX key may hold.
func (c Citation) key() string {
	if c.Clause == nil {
		return c.Doc.Slug
	}
	if c.Clause.Number > 0 {
		return c.Doc.Slug + "-para" + strconv.Itoa(c.Clause.Number)
	}
	return c.Doc.Slug + "-" + strings.Map(func(r rune) rune {
		if r == '_' || r == '-' || r == ':' || r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return r
		}
		return '-'
	}, c.Clause.EID())
}

// Text is the citation as a reader writes it: title, place, date, pinpoint.
// "Joint Statement of …, Astana, 17 November 2025, para. 3"
func (c Citation) Text() string {
	parts := []string{c.Doc.Title}
	if c.Doc.Issuer.Code != "" { // "UN Security Council, Resolution 1820 (2008), …"
		parts = []string{c.Doc.Issuer.ShortName(), c.Doc.Title}
	}
	if c.Doc.Place != "" {
		parts = append(parts, c.Doc.Place)
	}
	parts = append(parts, c.Doc.Date.Format("2 January 2006"))
	if p := c.Pinpoint(); p != "" {
		parts = append(parts, p)
	}
	return strings.Join(parts, ", ")
}

// BibTeX writes the citation as one @misc entry.
func (c Citation) BibTeX() []byte {
	var b strings.Builder
	field := func(name, value string) {
		if value != "" {
			fmt.Fprintf(&b, "  %-12s = {%s},\n", name, value)
		}
	}
	fmt.Fprintf(&b, "@misc{%s,\n", c.key())
	// As in CSL-JSON: the parties are not authors, since a statement of
	// states has no personal author and is cited title first; they issued
	// it (organization, which biblatex prints after the title). An issuer
	// is the author, as an organisation, in braces that keep its name
	// whole. The title carries the pinpoint, since styles print no note
	// where a citation goes.
	if d := c.Doc; d.Issuer.Code != "" {
		field("author", "{"+bibEscape(d.Issuer.Name)+"}")
	}
	field("title", "{"+bibEscape(c.title())+"}")
	if c.Doc.Issuer.Code == "" {
		field("organization", bibEscape(c.issuers()))
	}
	field("date", c.Doc.Date.Format(time.DateOnly))
	field("year", strconv.Itoa(c.Doc.Year()))
	fmt.Fprintf(&b, "  %-12s = %s,\n", "month", strings.ToLower(c.Doc.Date.Format("Jan")))
	field("address", bibEscape(c.Doc.Place))
	field("type", bibEscape(c.Doc.Kind.Name()))
	field("note", bibEscape(c.Pinpoint()))
	field("language", c.Doc.Language)
	field("url", c.URL)
	b.WriteString("}\n")
	return []byte(b.String())
}

// title is the work's title, with the pinpoint of a provision.
func (c Citation) title() string {
	if p := c.Pinpoint(); p != "" {
		return c.Doc.Title + ", " + p
	}
	return c.Doc.Title
}

// issuers names who issued the text: "Kazakhstan and Estonia", "Japan,
// Korea and China", or its issuer.
func (c Citation) issuers() string {
	var names []string
	for _, p := range Authors(c.Doc) {
		names = append(names, p.Name)
	}
	if len(names) <= 2 {
		return strings.Join(names, " and ")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// bibEscape escapes what BibTeX and LaTeX read as markup.
func bibEscape(s string) string {
	return strings.NewReplacer(
		`\`, `\textbackslash{}`, "{", `\{`, "}", `\}`, "&", `\&`, "%", `\%`, "$", `\$`,
		"#", `\#`, "_", `\_`, "~", `\textasciitilde{}`, "^", `\textasciicircum{}`,
	).Replace(s)
}

// RIS writes the citation as one RIS record (CRLF line ends, as the format
// specifies).
func (c Citation) RIS() []byte {
	var b strings.Builder
	tag := func(t, v string) {
		if v != "" {
			fmt.Fprintf(&b, "%s  - %s\r\n", t, strings.Join(strings.Fields(v), " "))
		}
	}
	tag("TY", "GOVDOC")
	tag("ID", c.key())
	// Title first, with the pinpoint, and the parties not as authors
	// (see BibTeX) but as the publisher, as a government document's; an
	// issuer is the author.
	if d := c.Doc; d.Issuer.Code != "" {
		tag("AU", d.Issuer.Name)
	}
	tag("TI", c.title())
	if c.Doc.Issuer.Code == "" {
		tag("PB", c.issuers())
	}
	tag("PY", strconv.Itoa(c.Doc.Year()))
	tag("DA", c.Doc.Date.Format("2006/01/02/"))
	tag("CY", c.Doc.Place)
	tag("M3", c.Doc.Kind.Name())
	tag("N1", c.Pinpoint())
	tag("LA", c.Doc.Language)
	tag("UR", c.URL)
	tag("DB", "Accord")
	b.WriteString("ER  - \r\n")
	return []byte(b.String())
}

type cslName struct {
	Literal string `json:"literal"`
}

// CSL-JSON item, as citation processors (citeproc-js, Zotero, Pandoc) read it.
type cslItem struct {
	ID             string    `json:"id"`
	Type           string    `json:"type"`
	Title          string    `json:"title"`
	Author         []cslName `json:"author,omitempty"`
	Issued         cslDate   `json:"issued"`
	PublisherPlace string    `json:"publisher-place,omitempty"`
	Genre          string    `json:"genre"`
	Section        string    `json:"section,omitempty"`
	Language       string    `json:"language"`
	URL            string    `json:"URL,omitempty"`
	Source         string    `json:"source"`
	Note           string    `json:"note,omitempty"`
}

type cslDate struct {
	DateParts [][]int `json:"date-parts"`
}

// CSLJSON writes the citation as a CSL-JSON array of one item.
//
// A provision's title keeps its pinpoint ("… (Astana, 17 November 2025),
// para. 3"): a CSL item has no
// field for a part of a work that styles print (the locator belongs to the
// citing text, not to the item), so without it APA, Chicago and Bluebook
// drop the pinpoint, and cite a clause as a second work of the same year
// ("2025a", "2025b"). The parties are not its authors: a statement of
// states has no personal author and is cited title first, where they would
// make "Kazakhstan, & Estonia. (2025)". An issuer is, as an organisation
// ("UN Security Council. (2008). Resolution 1820 (2008)").
func (c Citation) CSLJSON() ([]byte, error) {
	typ := "document"
	if c.Doc.Kind == archive.Treaty || c.Doc.Kind == archive.Agreement {
		typ = "treaty"
	}
	it := cslItem{
		ID:             c.key(),
		Type:           typ,
		Title:          c.Doc.Title,
		Issued:         cslDate{DateParts: [][]int{{c.Doc.Date.Year(), int(c.Doc.Date.Month()), c.Doc.Date.Day()}}},
		PublisherPlace: c.Doc.Place,
		Genre:          c.Doc.Kind.Name(),
		Section:        c.Pinpoint(),
		Language:       c.Doc.Language,
		URL:            c.URL,
		Source:         "Accord",
		Note:           c.Pinpoint(),
	}
	if d := c.Doc; d.Issuer.Code != "" {
		it.Author = []cslName{{Literal: d.Issuer.Name}}
	}
	// The place and full date of signature follow the title, as legal
	// citation guides give them ("(Astana, 17 November 2025)"): most
	// styles print no place for a document without a publisher, and
	// OSCOLA and Bluebook only its year.
	when := c.Doc.Date.Format("2 January 2006")
	if c.Doc.Place != "" {
		when = c.Doc.Place + ", " + when
	}
	it.Title += " (" + when + ")"
	if p := c.Pinpoint(); p != "" {
		// nocase: styles that title-case would print "Para. 3".
		it.Title += `, <span class="nocase">` + p + `</span>`
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false) // the title's markup, as CSL-JSON writes it
	enc.SetIndent("", "  ")
	if err := enc.Encode([]cslItem{it}); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
