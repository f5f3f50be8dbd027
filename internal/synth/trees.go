package synth

import (
	"html"
	"strings"
	"time"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/vocab"
)

// Trees returns three documents built by hand in the shapes of
// docs/FORMAT.md, for the code that writes, stores and serves a document's
// tree: a treaty (chapters, articles, numbered paragraphs, (a), (i),
// conclusions with a formula, a dateline and signatures, an annex, a
// footnote, a publisher's mark), a communiqué (a plain paragraph, headings
// without numbers, paragraphs numbered across them, bullets, a table) and
// a UN resolution (recitals, numbered and lettered paragraphs). Each is
// built (Document.Build) and keeps its content file in memory.
func Trees() []*archive.Document {
	return []*archive.Document{TreeTreaty(), TreeCommunique(), TreeResolution()}
}

// prov makes a provision: its label as printed, its number, and its text.
func prov(el archive.Element, label, num string, texts ...string) *archive.Provision {
	c := &archive.Provision{Element: el, Label: label, Num: num}
	for _, t := range texts {
		c.Paragraphs = append(c.Paragraphs, para(t))
	}
	return c
}

func para(text string) *archive.Paragraph {
	return &archive.Paragraph{Text: text, HTML: html.EscapeString(text)}
}

// heading makes a container with a heading and children.
func heading(el archive.Element, label, num, head string, children ...*archive.Provision) *archive.Provision {
	c := prov(el, label, num)
	if head != "" {
		c.Heading = para(head)
	}
	c.Children = children
	return c
}

// noted marks footnote label at the end of c's text, as the loader
// renders a marker: in the HTML only, the text kept as read.
func noted(c *archive.Provision, label string) *archive.Provision {
	p := c.Paragraphs[0]
	p.HTML += `<sup class="noteref"><a href="#note_` + label + `" id="ref_note_` + label + `">` + label + `</a></sup>`
	return c
}

// table makes a table as the loader reads one: its cells' words as its
// text, its rendering as its HTML, the first row the headers.
func table(rows ...[]string) *archive.Provision {
	var words []string
	var h strings.Builder
	h.WriteString("<table>\n")
	for i, r := range rows {
		h.WriteString("<tr>\n")
		for _, c := range r {
			words = append(words, c)
			cell := "td"
			if i == 0 {
				cell = "th"
			}
			h.WriteString("<" + cell + ">" + html.EscapeString(c) + "</" + cell + ">\n")
		}
		h.WriteString("</tr>\n")
	}
	h.WriteString("</table>")
	return &archive.Provision{Element: archive.ElTable, Paragraphs: []*archive.Paragraph{{Text: strings.Join(words, " "), HTML: h.String()}}}
}

func with(c *archive.Provision, children ...*archive.Provision) *archive.Provision {
	c.Children = children
	return c
}

func party(code string) archive.Party {
	p, err := vocab.DefaultParties().LookupParty(code)
	if err != nil {
		panic("synth: " + err.Error())
	}
	return p
}

// lines numbers the lines of a built document in reading order, as a
// loader would, so that each provision has a Line.
func lines(d *archive.Document) {
	n := 10
	for _, p := range d.Preamble {
		p.Line = n
		n += 2
	}
	d.Walk(func(c *archive.Provision) bool {
		c.Line = n
		if c.Heading != nil {
			c.Heading.Line = n
		}
		for _, p := range c.Paragraphs {
			p.Line = n
			n += 2
		}
		if len(c.Paragraphs) == 0 {
			n += 2
		}
		return true
	})
}

func finish(d *archive.Document) *archive.Document {
	d.Build()
	lines(d)
	d.KeepContentFile([]byte("---\ntitle: " + d.Title + "\n---\n"))
	return d
}

// TreeTreaty is a treaty in chapters and articles, with an annex.
func TreeTreaty() *archive.Document {
	d := &archive.Document{
		Slug: "2024-03-03-kazakhstan-estonia-treaty", Title: "Treaty on the Promotion of Investments",
		Kind: archive.Treaty, Date: time.Date(2024, 3, 3, 0, 0, 0, 0, time.UTC), Place: "Astana",
		Parties: []archive.Party{party("KZ"), party("EE")}, Language: "en",
		File: "documents/2024-03-03-kazakhstan-estonia-treaty.md",
	}
	d.Preamble = []*archive.Paragraph{
		para("The Republic of Kazakhstan and the Republic of Estonia, hereinafter the Parties,"),
		para("Desiring to intensify economic cooperation to the mutual benefit of both States,"),
		para("Have agreed as follows:"),
	}
	d.Body = []*archive.Provision{
		heading(archive.ElChapter, "CHAPTER I", "I", "General Provisions",
			heading(archive.ElArticle, "Article 1", "1", "Definitions",
				with(prov(archive.ElParagraph, "1.", "1", "For the purposes of this Treaty:"),
					with(prov(archive.ElSubparagraph, "(a)", "a", "“investment” means every kind of asset, including:"),
						prov(archive.ElPoint, "(i)", "i", "movable and immovable property;"),
						prov(archive.ElPoint, "(ii)", "ii", "shares in and stock of a company;"),
					),
					noted(prov(archive.ElSubparagraph, "(b)", "b", "“territory” means the territory of each Party."), "1"),
				),
				prov(archive.ElParagraph, "2.", "2", "Nothing in this Article shall affect the rights of third States.", "This paragraph has a second paragraph & a <mark>."),
			),
			heading(archive.ElArticle, "Article 2", "2", "Scope",
				prov(archive.ElParagraph, "1.", "1", "This Treaty applies to investments made after its entry into force."),
			),
		),
		heading(archive.ElChapter, "CHAPTER II", "II", "Final Provisions",
			func() *archive.Provision {
				c := heading(archive.ElArticle, "Article 3", "3", "Entry into force")
				c.Paragraphs = []*archive.Paragraph{para("This Treaty shall enter into force on the thirtieth day after the exchange of instruments of ratification.")}
				return c
			}(),
		),
	}
	d.Conclusions = []*archive.Provision{
		prov(archive.ElFormula, "", "", "IN WITNESS WHEREOF the undersigned, being duly authorised, have signed this Treaty."),
		prov(archive.ElDateline, "", "", "DONE at Astana on 3 March 2024, in two originals."),
		prov(archive.ElSignature, "", "", "For the Republic of Kazakhstan: A. Example"),
		prov(archive.ElSignature, "", "", "For the Republic of Estonia: B. Example"),
	}
	d.Attachments = []*archive.Provision{
		heading(archive.ElAttachment, "ANNEX I", "I", "Projects of Common Interest",
			prov(archive.ElParagraph, "1.", "1", "The Trans-Caspian International Transport Route."),
			prov(archive.ElParagraph, "2.", "2", "A digital customs corridor."),
		),
	}
	d.Notes = []*archive.Provision{prov(archive.ElNote, "1", "1", "Including its territorial sea.")}
	d.Remarks = []*archive.Provision{prov(archive.ElRemark, "", "", "###")}
	return finish(d)
}

// TreeCommunique is a communiqué under headings without numbers, its
// paragraphs numbered across them, with bullets and a table.
func TreeCommunique() *archive.Document {
	d := &archive.Document{
		Slug: "2024-05-20-kazakhstan-estonia-communique", Title: "Joint Communiqué on Connectivity",
		Kind: archive.JointCommunique, Date: time.Date(2024, 5, 20, 0, 0, 0, 0, time.UTC), Place: "Tallinn",
		Parties: []archive.Party{party("KZ"), party("EE")}, Language: "en",
		File: "documents/2024-05-20-kazakhstan-estonia-communique.md",
	}
	d.Body = []*archive.Provision{
		prov(archive.ElP, "", "", "The Ministers met in Tallinn on 20 May 2024."),
		heading(archive.ElSection, "", "", "Trade and Investment",
			prov(archive.ElParagraph, "1.", "1", "The Ministers agreed to expand trade."),
			with(prov(archive.ElParagraph, "2.", "2", "They will work towards:"),
				prov(archive.ElItem, "•", "", "a digital customs corridor;"),
				prov(archive.ElItem, "•", "", "common standards for e-commerce."),
			),
		),
		heading(archive.ElSection, "", "", "Energy",
			prov(archive.ElParagraph, "3.", "3", "The Ministers reviewed the projects below."),
			table([]string{"Project", "Year"}, []string{"Pipeline", "2025"}, []string{"Grid | link", "2026"}),
			prov(archive.ElParagraph, "4.", "4", "They welcomed progress on renewable energy."),
		),
		heading(archive.ElSection, "", "", "Other Matters",
			prov(archive.ElP, "", "", "The next meeting will be held in Astana."),
		),
	}
	d.Remarks = []*archive.Provision{prov(archive.ElRemark, "", "", "The following was released by the Ministry of Foreign Affairs:")}
	return finish(d)
}

// TreeResolution is a UN Security Council resolution.
func TreeResolution() *archive.Document {
	d := &archive.Document{
		Slug: "2008-06-19-unsc-resolution-1820", Title: "Resolution 1820 (2008)",
		Kind: archive.Resolution, Date: time.Date(2008, 6, 19, 0, 0, 0, 0, time.UTC), Place: "New York",
		Issuer: party("UNSC"), Number: "1820", Language: "en",
		File: "documents/2008-06-19-unsc-resolution-1820.md",
	}
	d.Preamble = []*archive.Paragraph{
		para("The Security Council,"),
		para("Reaffirming its commitment to the continuing and full implementation of resolution 1325 (2000),"),
	}
	d.Body = []*archive.Provision{
		prov(archive.ElParagraph, "1.", "1", "Stresses that sexual violence can significantly exacerbate situations of armed conflict;"),
		with(prov(archive.ElParagraph, "2.", "2", "Requests the Secretary-General:"),
			prov(archive.ElSubparagraph, "(a)", "a", "to develop effective guidelines;"),
			prov(archive.ElSubparagraph, "(b)", "b", "to report to the Council by 30 June 2009;"),
		),
		prov(archive.ElParagraph, "3.", "3", "Decides to remain actively seized of the matter."),
	}
	return finish(d)
}
