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
	Licence archive.Licence
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
		Kind string `json:"kind,omitempty"` // state, organisation, organ, group
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
		Issuer    *PartyJSON  `json:"issuer,omitempty"`
		Number    string      `json:"number,omitempty"`
		Language  string      `json:"language"`
		Source    string      `json:"source,omitempty"`
		Retrieved string      `json:"retrieved,omitempty"` // the day the text was copied from Source
		Archived  string      `json:"archived,omitempty"`  // an archived copy of the original
		WorkURI   string      `json:"work_uri"`
		Clauses   int         `json:"clause_count"`
		URL       string      `json:"url"`
		APIURL    string      `json:"api_url"`
		Formats   FormatsJSON `json:"formats"`
		Citation  string      `json:"citation"`
		Preambles int         `json:"preamble_paragraph_count"`

		Versions []VersionJSON `json:"versions,omitempty"` // the work's language versions (versions.go)
		// Unclassified: no vocabulary reads the document's language, so
		// its units carry no commitments (nor topics and names, unless
		// ClassificationFrom, a version's slug, lent them).
		Unclassified       bool   `json:"unclassified,omitempty"`
		ClassificationFrom string `json:"classification_from,omitempty"`
	}

	// FormatsJSON links a document's other formats.
	FormatsJSON struct {
		HTML       string `json:"html"`
		JSON       string `json:"json"`
		AkomaNtoso string `json:"akn"`
		AknXML     string `json:"akn_xml"` // the same file as akn, named .xml
		Text       string `json:"txt"`
		Markdown   string `json:"md"`
		BibTeX     string `json:"bibtex"`
		RIS        string `json:"ris"`
		CSLJSON    string `json:"csl_json"`
	}

	// DocumentJSON is a whole document: metadata, preamble, clauses, and
	// the tree of its provisions. Clauses is every provision with text of
	// its own, in reading order, classified (the units searched): a
	// statement's numbered clauses. Body and the parts after it are the
	// tree (ProvisionJSON), each provision with its children.
	DocumentJSON struct {
		DocumentSummaryJSON
		Preamble    []ParagraphJSON `json:"preamble"`
		Clauses     []ClauseJSON    `json:"clauses"`
		Body        []ProvisionJSON `json:"body"`
		Attachments []ProvisionJSON `json:"attachments,omitempty"`
		Conclusions []ProvisionJSON `json:"conclusions,omitempty"`
		Notes       []ProvisionJSON `json:"notes,omitempty"`
		Remarks     []ProvisionJSON `json:"remarks,omitempty"` // publishers' marks: not text of the document
		Licence     *LicenceJSON    `json:"license,omitempty"` // the archive's licence, when it declares one
	}

	// ParagraphJSON is one paragraph of verbatim text. A preamble paragraph
	// is a unit of its own and carries its classification; a clause's
	// paragraphs share the clause's.
	ParagraphJSON struct {
		EID            string              `json:"eid"`
		Text           string              `json:"text"`
		URL            string              `json:"url"` // the paragraph in context
		Classification *ClassificationJSON `json:"classification,omitempty"`
	}

	// ClauseJSON is one unit of text: a numbered clause, or any provision
	// with text of its own (Number 0, addressed by its eId).
	ClauseJSON struct {
		Document   string          `json:"document"` // slug
		Number     int             `json:"number"`   // n of clause n; 0 for a provision that is not a numbered clause
		EID        string          `json:"eid"`
		Text       string          `json:"text"` // paragraphs joined by a blank line
		Paragraphs []ParagraphJSON `json:"paragraphs"`
		URL        string          `json:"url"`         // the clause's own page
		ContextURL string          `json:"context_url"` // the clause in its document
		APIURL     string          `json:"api_url"`
		Citation   string          `json:"citation"`

		Classification *ClassificationJSON `json:"classification,omitempty"`

		Lang string `json:"lang,omitempty"` // the language of its text, on its own (the API's clause); a document's clauses are in its language
	}

	// ClassificationJSON is what a unit (a clause or a preamble paragraph)
	// commits to, on what, naming whom. It is omitted when all three lists
	// would be empty; when present, each list is there, if only as [].
	ClassificationJSON struct {
		Commitments []CommitmentJSON `json:"commitments"` // in reading order
		Topics      []TopicRefJSON   `json:"topics"`      // in vocabulary order
		Entities    []EntityRefJSON  `json:"entities"`    // in vocabulary order
	}

	// CommitmentJSON is one commitment: the verb phrase, its type and who
	// makes it. Actor is null when every party commits jointly, so a client
	// never mistakes an absent key for a missing value; ActorName then says
	// so in words.
	CommitmentJSON struct {
		Type      string  `json:"type"`      // commitment type code: agreement, …
		TypeName  string  `json:"type_name"` // "Agreement"
		Phrase    string  `json:"phrase"`    // as printed: "agreed to expand"
		Actor     *string `json:"actor"`     // ISO code of the one party committing, or null for all jointly
		ActorName string  `json:"actor_name"`
		Addressee string  `json:"addressee,omitempty"` // a call's addressee as printed: "the Secretary-General"
		EID       string  `json:"eid"`                 // the paragraph the phrase is in
		Start     int     `json:"start"`               // UTF-8 byte offsets of the phrase in that paragraph's text
		End       int     `json:"end"`
		// The same offsets in UTF-16 code units (JavaScript's string
		// indexes) and in code points (Python's).
		StartUTF16     int `json:"start_utf16"`
		EndUTF16       int `json:"end_utf16"`
		StartCodePoint int `json:"start_codepoint"`
		EndCodePoint   int `json:"end_codepoint"`
	}

	// TopicRefJSON is a topic a unit touches.
	TopicRefJSON struct {
		Slug string `json:"slug"`
		Name string `json:"name"`
		URL  string `json:"url"` // the topic's page
	}

	// EntityRefJSON is a named thing a unit mentions.
	EntityRefJSON struct {
		Slug    string `json:"slug"`
		Name    string `json:"name"`
		Kind    string `json:"kind"`              // organisation, initiative, event, place, country
		Country string `json:"country,omitempty"` // ISO code when kind is country
		URL     string `json:"url"`               // the entity's page
	}
)

// JointActorName is actor_name for a commitment every party makes.
const JointActorName = "All parties jointly"

// UnresolvedActorName is actor_name for a commitment whose speaker the
// rules could not resolve to a party.
const UnresolvedActorName = "A speaker not resolved to a party"

// DocumentSummary represents a document without its text.
func (s Site) DocumentSummary(d *archive.Document) DocumentSummaryJSON {
	parties := make([]PartyJSON, len(d.Parties))
	for i, p := range d.Parties {
		parties[i] = partyJSON(p)
	}
	return DocumentSummaryJSON{
		Slug:      d.Slug,
		Title:     d.Title,
		Kind:      string(d.Kind),
		KindName:  d.Kind.Name(),
		Date:      d.Date.Format(time.DateOnly),
		Place:     d.Place,
		Parties:   parties,
		Issuer:    issuerJSON(d),
		Number:    d.Number,
		Language:  d.Language,
		Source:    d.Source,
		Retrieved: isoDay(d.Retrieved),
		Archived:  d.Archived,
		WorkURI:   WorkURI(d),
		Clauses:   len(d.Clauses),
		Preambles: len(d.Preamble),
		Versions:  s.versionsJSON(d),
		URL:       s.URL(d.Path()),
		APIURL:    s.URL("/api/v1" + d.Path()),
		Formats: FormatsJSON{
			HTML:       s.URL(d.Path()),
			JSON:       s.URL(d.Path() + "/data.json"),
			AkomaNtoso: s.URL(d.Path() + "/data.akn"),
			AknXML:     s.URL(d.Path() + "/data.xml"),
			Text:       s.URL(d.Path() + "/data.txt"),
			Markdown:   s.URL(d.Path() + "/data.md"),
			BibTeX:     s.URL(d.Path() + "/cite.bib"),
			RIS:        s.URL(d.Path() + "/cite.ris"),
			CSLJSON:    s.URL(d.Path() + "/cite.csl.json"),
		},
		Citation: Citation{Doc: d}.Text(),

		Unclassified:       d.Unclassified,
		ClassificationFrom: d.InheritedFrom,
	}
}

// Document represents a whole document.
func (s Site) Document(d *archive.Document) DocumentJSON {
	out := DocumentJSON{DocumentSummaryJSON: s.DocumentSummary(d), Preamble: []ParagraphJSON{}, Clauses: []ClauseJSON{}, Licence: s.LicenceJSON()}
	for _, p := range d.Preamble {
		pj := s.paragraph(p)
		pj.Classification = s.Classification(p.Classification)
		out.Preamble = append(out.Preamble, pj)
	}
	for _, c := range d.Clauses {
		out.Clauses = append(out.Clauses, s.Clause(c))
	}
	out.Body = s.provisions(d.Body)
	if len(d.Attachments) > 0 {
		out.Attachments = s.provisions(d.Attachments)
	}
	if len(d.Conclusions) > 0 {
		out.Conclusions = s.provisions(d.Conclusions)
	}
	if len(d.Notes) > 0 {
		out.Notes = s.provisions(d.Notes)
	}
	if len(d.Remarks) > 0 {
		out.Remarks = s.provisions(d.Remarks)
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

		Classification: s.Classification(&c.Classification),
	}
	for _, p := range c.Paragraphs {
		out.Paragraphs = append(out.Paragraphs, s.paragraph(p))
	}
	return out
}

func (s Site) paragraph(p *archive.Paragraph) ParagraphJSON {
	return ParagraphJSON{EID: p.EID(), Text: p.Text, URL: s.URL(p.ContextPath())}
}

// Classification represents a unit's classification, or nil when it has no
// commitments, topics or entities (or is nil: a document not yet in an
// archive).
func (s Site) Classification(cl *archive.Classification) *ClassificationJSON {
	if cl == nil || len(cl.Commitments) == 0 && len(cl.Topics) == 0 && len(cl.Entities) == 0 {
		return nil
	}
	out := &ClassificationJSON{
		Commitments: []CommitmentJSON{},
		Topics:      make([]TopicRefJSON, 0, len(cl.Topics)),
		Entities:    make([]EntityRefJSON, 0, len(cl.Entities)),
	}
	for _, m := range cl.Commitments {
		if m.Type != nil {
			out.Commitments = append(out.Commitments, s.Commitment(m))
		}
	}
	for _, t := range cl.Topics {
		out.Topics = append(out.Topics, s.TopicRef(t))
	}
	for _, e := range cl.Entities {
		out.Entities = append(out.Entities, s.EntityRef(e))
	}
	return out
}

// Commitment represents one commitment; m.Type must not be nil.
func (s Site) Commitment(m archive.Commitment) CommitmentJSON {
	out := CommitmentJSON{
		Type:      m.Type.Code,
		TypeName:  m.Type.Name,
		Phrase:    m.Phrase(),
		ActorName: JointActorName,
		Addressee: m.Addressee,
		Start:     int(m.Start),
		End:       int(m.End),
	}
	if m.Paragraph != nil {
		out.EID = m.Paragraph.EID()
		out.StartUTF16, out.StartCodePoint = Offsets(m.Paragraph.Text, out.Start)
		out.EndUTF16, out.EndCodePoint = Offsets(m.Paragraph.Text, out.End)
	}
	if m.Actor != "" {
		actor := m.Actor
		out.Actor = &actor
		out.ActorName = m.Actor
		if m.Actor == archive.UnresolvedActor {
			out.ActorName = UnresolvedActorName
		} else if m.Paragraph != nil {
			out.ActorName = partyName(m.Paragraph.Doc, m.Actor)
		}
	}
	return out
}

// TopicRef represents a topic with the address of its page.
func (s Site) TopicRef(t *archive.Topic) TopicRefJSON {
	return TopicRefJSON{Slug: t.Slug, Name: t.Name, URL: s.URL(TopicPath(t.Slug))}
}

// EntityRef represents an entity with the address of its page.
func (s Site) EntityRef(e *archive.Entity) EntityRefJSON {
	return EntityRefJSON{Slug: e.Slug, Name: e.Name, Kind: e.Kind, Country: e.Country, URL: s.URL(EntityPath(e.Slug))}
}

// TopicPath is the site path of a topic's page.
func TopicPath(slug string) string { return "/topics/" + slug }

// EntityPath is the site path of an entity's page.
func EntityPath(slug string) string { return "/entities/" + slug }

// isoDay is t as YYYY-MM-DD, or "" for the zero time (not recorded).
func isoDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}
