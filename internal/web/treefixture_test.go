package web

import (
	"html"
	"io/fs"
	"os"
	"path"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/classify"
)

// Documents whose trees are made by hand, as the loader makes them from
// the content format (docs/FORMAT.md): a treaty, a communiqué, a statement
// of plain paragraphs under headings and a resolution.

func para(text string) *archive.Paragraph {
	return &archive.Paragraph{Text: text, HTML: html.EscapeString(text)}
}

func paras(texts ...string) []*archive.Paragraph {
	out := make([]*archive.Paragraph, len(texts))
	for i, t := range texts {
		out[i] = para(t)
	}
	return out
}

// prov makes a provision: its label as printed (its number read from it),
// and its own paragraphs.
func prov(el archive.Element, label string, texts []string, kids ...*archive.Provision) *archive.Provision {
	c := &archive.Provision{Element: el, Label: label, Paragraphs: paras(texts...), Children: kids}
	if label != "" && el != archive.ElItem {
		c.Num = archive.NumOf(label)
	}
	return c
}

// box makes a container: its label and heading as printed.
func box(el archive.Element, label, heading string, kids ...*archive.Provision) *archive.Provision {
	c := prov(el, label, nil, kids...)
	if heading != "" {
		c.Heading = para(heading)
	}
	return c
}

func t1(s string) []string { return []string{s} }

// noted adds note num's marker to the end of c's text, as the loader
// writes it: a link in the HTML, no words in the text.
func noted(c *archive.Provision, num string) *archive.Provision {
	p := c.Paragraphs[len(c.Paragraphs)-1]
	p.HTML += `<sup class="noteref"><a href="#note_` + num + `" id="ref_note_` + num + `">` + num + `</a></sup>`
	return c
}

// table is a table as the loader keeps it: its HTML, and its cells' words.
func table() *archive.Provision {
	c := prov(archive.ElTable, "", t1("Field Lead Energy Kazakhstan Digital Estonia"))
	c.Paragraphs[0].HTML = "<table>\n<thead>\n<tr>\n<th>Field</th>\n<th>Lead</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>Energy</td>\n<td>Kazakhstan</td>\n</tr>\n<tr>\n<td>Digital</td>\n<td>Estonia</td>\n</tr>\n</tbody>\n</table>"
	return c
}

func newDoc(slug, title string, kind archive.Kind) *archive.Document {
	return &archive.Document{
		Slug: slug, Title: title, Kind: kind, Language: "en",
		Date:    time.Date(2024, 3, 3, 0, 0, 0, 0, time.UTC),
		Place:   "Szohod",
		Parties: []archive.Party{{Code: "KZ", Name: "Kazakhstan"}, {Code: "EE", Name: "Estonia"}},
	}
}

func treatyDoc() *archive.Document {
	d := newDoc("2024-03-03-treaty", "Agreement on Technical Cooperation", "agreement")
	d.Preamble = paras("The Parties to this Agreement,", "Recognising the value of cooperation in science and technology,")
	d.Body = []*archive.Provision{
		box(archive.ElChapter, "Chapter I", "General provisions",
			box(archive.ElArticle, "Article 1", "Definitions",
				prov(archive.ElParagraph, "1.", t1("For the purposes of this Agreement:"),
					prov(archive.ElSubparagraph, "(a)", t1("“cooperation” means joint activities, including:"),
						prov(archive.ElPoint, "(i)", t1("exchanges of experts;")),
						prov(archive.ElPoint, "(ii)", t1("joint research projects;"))),
					prov(archive.ElSubparagraph, "(b)", t1("“Party” means a State bound by this Agreement."))),
				prov(archive.ElParagraph, "2.", []string{"Terms not defined here have their ordinary meaning.", "This applies to every annex."})),
			box(archive.ElArticle, "Article 2", "Scope",
				noted(prov(archive.ElParagraph, "1.", t1("The Parties shall promote cooperation in energy.")), "1"),
				prov(archive.ElParagraph, "2.", t1("Each Party shall designate a competent authority.")))),
		box(archive.ElChapter, "Chapter II", "Final provisions",
			box(archive.ElArticle, "Article 3", "Entry into force",
				prov(archive.ElP, "", t1("This Agreement shall enter into force on the date of its signature.")))),
	}
	d.Attachments = []*archive.Provision{
		box(archive.ElAttachment, "ANNEX I", "Fields of cooperation",
			prov(archive.ElParagraph, "1.", t1("Renewable energy and grids.")),
			prov(archive.ElParagraph, "2.", t1("Digital public services.")),
			table()),
	}
	d.Conclusions = []*archive.Provision{
		prov(archive.ElFormula, "", t1("IN WITNESS WHEREOF the undersigned have signed this Agreement.")),
		prov(archive.ElDateline, "", t1("DONE at Szohod on 3 March 2024.")),
		prov(archive.ElSignature, "", t1("For Kazakhstan: A. Example")),
		prov(archive.ElSignature, "", t1("For Estonia: B. Example")),
	}
	note := prov(archive.ElNote, "1", t1("Including renewable energy."))
	note.Paragraphs[0].HTML += ` <a href="#ref_note_1" class="noteback" aria-label="Back to the text">↩</a>`
	d.Notes = []*archive.Provision{note}
	d.Build()
	return d
}

func communiqueDoc() *archive.Document {
	d := newDoc("2024-03-03-communique", "Joint Communiqué of the Ministerial Meeting", "communique")
	d.Body = []*archive.Provision{
		box(archive.ElSection, "", "Energy and Connectivity",
			prov(archive.ElParagraph, "1.", t1("The Ministers welcomed progress on the Trans-Caspian route.")),
			prov(archive.ElParagraph, "2.", t1("They agreed to cooperate on:"),
				prov(archive.ElItem, "•", t1("electricity interconnections;")),
				prov(archive.ElItem, "•", t1("critical raw materials.")))),
		box(archive.ElSection, "", "Climate",
			prov(archive.ElParagraph, "3.", t1("The Ministers looked forward to the climate conference.")),
			prov(archive.ElParagraph, "4.", t1("They will meet again next year."))),
	}
	d.Remarks = []*archive.Provision{prov(archive.ElRemark, "", t1("###"))}
	d.Build()
	return d
}

func statementDoc() *archive.Document {
	d := newDoc("2024-03-03-statement", "Statement on Digital Cooperation", "statement")
	d.Body = []*archive.Provision{
		box(archive.ElSection, "", "Introduction",
			prov(archive.ElP, "", t1("We met in Szohod to discuss digital cooperation.")),
			prov(archive.ElP, "", t1("Our governments share the aim of open public services."))),
		box(archive.ElSection, "", "Our commitments",
			prov(archive.ElP, "", t1("We will exchange experts on digital identity.")),
			prov(archive.ElP, "", t1("We will report on progress within a year."))),
	}
	d.Build()
	return d
}

func resolutionDoc() *archive.Document {
	d := newDoc("2024-03-03-resolution", "Resolution 9999 (2024)", "resolution")
	d.Preamble = paras("The Security Council,", "Recalling its previous resolutions on the matter,", "Reaffirming its commitment to the sovereignty of all States,")
	d.Body = []*archive.Provision{
		prov(archive.ElParagraph, "1.", t1("Demands that all parties cease hostilities;")),
		prov(archive.ElParagraph, "2.", t1("Requests the Secretary-General:"),
			prov(archive.ElSubparagraph, "(a)", t1("to report within 90 days;")),
			prov(archive.ElSubparagraph, "(b)", t1("to keep the Council informed;"))),
		prov(archive.ElParagraph, "3.", t1("Decides to remain seized of the matter.")),
	}
	d.Build()
	return d
}

// treeDocs are the hand-made documents.
func treeDocs() []*archive.Document {
	return []*archive.Document{treatyDoc(), communiqueDoc(), statementDoc(), resolutionDoc()}
}

// treeServer serves the hand-made documents, classified with the
// repository's vocabularies.
func treeServer(t testing.TB) *Server {
	t.Helper()
	docs := treeDocs()
	for _, d := range docs {
		var src strings.Builder
		for _, p := range d.Paragraphs() {
			src.WriteString(p.Text + "\n\n")
		}
		d.KeepContentFile([]byte(src.String()))
	}
	a, err := archive.New(docs)
	if err != nil {
		t.Fatal(err)
	}
	rules := seed(t).cfg.Vocabulary.(*classify.Rules)
	if err := rules.Apply(a); err != nil {
		t.Fatal(err)
	}
	s, err := newTestServer(a, rules)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// loaderServer serves the loader's tree fixtures (internal/content's
// testdata/tree: a statement, a communiqué, a treaty, a resolution, a
// table) parsed from their content files, with the repository's
// vocabularies.
var loaderServer = sync.OnceValues(func() (*Server, error) {
	fsys := fstest.MapFS{}
	for _, dir := range []string{"../../content/vocabulary", "../content/testdata/tree"} {
		names, err := fs.Glob(os.DirFS(dir), "*")
		if err != nil {
			return nil, err
		}
		for _, name := range names {
			b, err := os.ReadFile(path.Join(dir, name))
			if err != nil {
				return nil, err
			}
			switch {
			case strings.HasSuffix(dir, "vocabulary"):
				fsys["vocabulary/"+name] = &fstest.MapFile{Data: b}
			case strings.HasSuffix(name, ".md") && !strings.HasPrefix(name, "misprint"):
				fsys["documents/2024-01-01-"+name] = &fstest.MapFile{Data: b}
			}
		}
	}
	a, rules, err := classify.LoadArchive(fsys)
	if err != nil {
		return nil, err
	}
	return newTestServer(a, rules)
})

// treeServers are the servers of documents with trees: made by hand,
// parsed by the loader, and imported from plain text.
func treeServers(t testing.TB) map[string]*Server {
	t.Helper()
	ls, err := loaderServer()
	if err != nil {
		t.Fatalf("the loader's fixtures: %v", err)
	}
	if n := len(ls.cfg.Archive.Documents()); n < 5 {
		t.Fatalf("the loader's fixtures are %d documents; want 5", n)
	}
	is, err := importedServer()
	if err != nil {
		t.Fatalf("the imported texts: %v", err)
	}
	return map[string]*Server{"made": treeServer(t), "loaded": ls, "imported": is}
}
