package formats

import (
	"strings"
	"time"

	"github.com/accord-archive/accord/internal/archive"
)

// Site is what a format needs to know of the site that publishes it.
type Site struct {
	BaseURL string // scheme and host, no trailing slash: https://accord.example
	Name    string // "Accord"
}

// URL makes a site path absolute.
func (s Site) URL(path string) string { return strings.TrimSuffix(s.BaseURL, "/") + path }

// The JSON representation of the archive, shared by data.json and the API.
// Field names are part of the API's contract: add fields, never rename one.
type (
	// PartyJSON is a party to a document.
	PartyJSON struct {
		Code string `json:"code"`
		Name string `json:"name"`
	}

	// DocumentSummaryJSON is a document without its text, for lists.
	DocumentSummaryJSON struct {
		Slug      string      `json:"slug"`
		Title     string      `json:"title"`
		Kind      string      `json:"kind"`
		KindName  string      `json:"kind_name"`
		Date      string      `json:"date"`
		Place     string      `json:"place,omitempty"`
		Parties   []PartyJSON `json:"parties"`
		Language  string      `json:"language"`
		Source    string      `json:"source,omitempty"`
		WorkURI   string      `json:"work_uri"`
		Clauses   int         `json:"clause_count"`
		URL       string      `json:"url"`
		APIURL    string      `json:"api_url"`
		Formats   FormatsJSON `json:"formats"`
		Citation  string      `json:"citation"`
		Preambles int         `json:"preamble_paragraph_count"`
	}

	// FormatsJSON links a document's other formats.
	FormatsJSON struct {
		HTML       string `json:"html"`
		JSON       string `json:"json"`
		AkomaNtoso string `json:"akn"`
		Text       string `json:"txt"`
		Markdown   string `json:"md"`
		BibTeX     string `json:"bibtex"`
		RIS        string `json:"ris"`
		CSLJSON    string `json:"csl_json"`
	}

	// DocumentJSON is a whole document: metadata, preamble and clauses.
	DocumentJSON struct {
		DocumentSummaryJSON
		Preamble []ParagraphJSON `json:"preamble"`
		Clauses  []ClauseJSON    `json:"clauses"`
	}

	// ParagraphJSON is one paragraph of verbatim text.
	ParagraphJSON struct {
		EID  string `json:"eid"`
		Text string `json:"text"`
		URL  string `json:"url"` // the paragraph in context
	}

	// ClauseJSON is one numbered clause.
	ClauseJSON struct {
		Document   string          `json:"document"` // slug
		Number     int             `json:"number"`
		EID        string          `json:"eid"`
		Text       string          `json:"text"` // paragraphs joined by a blank line
		Paragraphs []ParagraphJSON `json:"paragraphs"`
		URL        string          `json:"url"`         // the clause's own page
		ContextURL string          `json:"context_url"` // the clause in its document
		APIURL     string          `json:"api_url"`
		Citation   string          `json:"citation"`
	}
)

// DocumentSummary represents a document without its text.
func (s Site) DocumentSummary(d *archive.Document) DocumentSummaryJSON {
	parties := make([]PartyJSON, len(d.Parties))
	for i, p := range d.Parties {
		parties[i] = PartyJSON{Code: p.Code, Name: p.Name}
	}
	return DocumentSummaryJSON{
		Slug:      d.Slug,
		Title:     d.Title,
		Kind:      string(d.Kind),
		KindName:  d.Kind.Name(),
		Date:      d.Date.Format(time.DateOnly),
		Place:     d.Place,
		Parties:   parties,
		Language:  d.Language,
		Source:    d.Source,
		WorkURI:   WorkURI(d),
		Clauses:   len(d.Clauses),
		Preambles: len(d.Preamble),
		URL:       s.URL(d.Path()),
		APIURL:    s.URL("/api/v1" + d.Path()),
		Formats: FormatsJSON{
			HTML:       s.URL(d.Path()),
			JSON:       s.URL(d.Path() + "/data.json"),
			AkomaNtoso: s.URL(d.Path() + "/data.akn"),
			Text:       s.URL(d.Path() + "/data.txt"),
			Markdown:   s.URL(d.Path() + "/data.md"),
			BibTeX:     s.URL(d.Path() + "/cite.bib"),
			RIS:        s.URL(d.Path() + "/cite.ris"),
			CSLJSON:    s.URL(d.Path() + "/cite.csl.json"),
		},
		Citation: Citation{Doc: d}.Text(),
	}
}

// Document represents a whole document.
func (s Site) Document(d *archive.Document) DocumentJSON {
	out := DocumentJSON{DocumentSummaryJSON: s.DocumentSummary(d), Preamble: []ParagraphJSON{}, Clauses: []ClauseJSON{}}
	for _, p := range d.Preamble {
		out.Preamble = append(out.Preamble, s.paragraph(p))
	}
	for _, c := range d.Clauses {
		out.Clauses = append(out.Clauses, s.Clause(c))
	}
	return out
}

// Clause represents one clause.
func (s Site) Clause(c *archive.Clause) ClauseJSON {
	out := ClauseJSON{
		Document:   c.Doc.Slug,
		Number:     c.Number,
		EID:        c.EID(),
		Text:       c.Text(),
		URL:        s.URL(c.Path()),
		ContextURL: s.URL(c.ContextPath()),
		APIURL:     s.URL("/api/v1" + c.Path()),
		Citation:   Citation{Doc: c.Doc, Clause: c}.Text(),
	}
	for _, p := range c.Paragraphs {
		out.Paragraphs = append(out.Paragraphs, s.paragraph(p))
	}
	return out
}

func (s Site) paragraph(p *archive.Paragraph) ParagraphJSON {
	return ParagraphJSON{EID: p.EID, Text: p.Text, URL: s.URL(p.ContextPath())}
}
