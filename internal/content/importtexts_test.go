package content

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/synth"
)

// textsDir holds made-up plain texts, one of each shape import reads.
const textsDir = "../../testdata/texts"

// textCase is one plain text, how it is imported and what the Markdown
// must hold: want lines, in this order (others may come between).
type textCase struct {
	file  string
	meta  func(*ImportMeta)
	want  []string
	notes []string // what import must tell, each a substring of one note
}

var textCases = []textCase{
	{
		file: "statement.txt",
		meta: func(m *ImportMeta) {
			m.Title = "Joint Statement of the Leaders of Veloria and Tarsia"
			m.Date = "2024-03-03"
		},
		want: []string{
			"Joint Statement of the Leaders of Veloria and Tarsia",
			"",
			"The President of the Republic of Veloria and the Prime Minister of the Kingdom of Tarsia met in Veloria City on 3 March 2024 and adopted the following statement.",
			"# Political Dialogue",
			"The Leaders reaffirmed their commitment to regular consultations between their foreign ministries.",
			"# Energy and Connectivity",
			"# Culture and People-to-People Contacts",
			"The Leaders agreed to designate 2025 as the Year of Culture of Veloria and Tarsia.",
			"",
			"::: conclusions",
			"Veloria City, 3 March 2024",
			"",
			"Anna Example",
			"",
			"President of the Republic of Veloria",
			"Prime Minister of the Kingdom of Tarsia",
			":::",
		},
		notes: []string{
			`statement.txt:1: "Joint Statement of the Leaders of Velori…" read as the title`,
			`statement.txt:5: heading "Political Dialogue" guessed`,
			`statement.txt:21: closing lines 21-27 (from "Veloria City, 3 March 2024"): fenced as ::: conclusions`,
		},
	},
	{
		file: "communique.txt",
		want: []string{
			"We, the Ministers of Foreign Affairs of the Northern Forum, met in Brenmoor on 14 and 15 May 2023.",
			"1. We reaffirm our shared commitment to the principles of the Charter of the United Nations.",
			"2. We welcome the accession of Tarsia to the Forum[^1] and look forward to its full participation.",
			"# Security",
			"3. We condemn all attacks on civilian infrastructure.",
			"4. We will strengthen our cooperation on:",
			"• maritime security and the freedom of navigation;",
			"• the fight against organised crime.",
			"5. We task our officials to prepare an action plan by the next meeting.",
			"# Climate and Energy",
			"7. We will double the rate of energy efficiency improvements by 2030.",
			"::: remark",
			"###",
			":::",
			"[^1]: The accession took effect on 1 April 2023.",
		},
		notes: []string{
			"communique.txt:16: footnote 1, referred to on line 4",
			`communique.txt:12: heading "Climate and Energy" guessed`,
			"communique.txt:15: ###: a publisher's mark, fenced as ::: remark",
		},
	},
	{
		file: "treaty.txt",
		meta: func(m *ImportMeta) { m.Date = "2021-06-12"; m.Kind = "agreement" },
		want: []string{
			"Agreement between the Republic of Veloria and the Kingdom of Tarsia on Cooperation in the Field of Water Management",
			`The Republic of Veloria and the Kingdom of Tarsia, hereinafter referred to as "the Parties",`,
			"Have agreed as follows:",
			"# CHAPTER I",
			"## GENERAL PROVISIONS",
			"## Article 1",
			"### Definitions",
			"For the purposes of this Agreement:",
			`(a) "basin" means the area drained by a river and its tributaries;`,
			`(c) "measure" means any action taken under this Agreement, including:`,
			"(i) the collection of data;",
			"(ii) the exchange of information.",
			"## Article 2 – Scope",
			"1. This Agreement applies to the rivers listed in the Annex.",
			"# CHAPTER II",
			"## INSTITUTIONS",
			"## Article 3",
			"### Joint Commission",
			"1. The Parties hereby establish a Joint Commission.",
			"3. The Joint Commission shall adopt its rules of procedure.",
			"## Article 4",
			"### Entry into force",
			"2. Either Party may denounce this Agreement by written notice.",
			"::: conclusions",
			"IN WITNESS WHEREOF the undersigned, being duly authorised thereto, have signed this Agreement.",
			"DONE at Veloria City on 12 June 2021, in two originals in the English language.",
			"For the Republic of Veloria:",
			"Marek Sample",
			":::",
			"# ANNEX",
			"## Rivers covered by this Agreement",
			"1. The River Vel and its tributaries.",
			"2. The River Tars, from its source to the border.",
		},
		notes: []string{
			`treaty.txt:1: preamble of lines 1-5 (from "The Republic of Veloria and the Kingdom …"): read by the format's rule`,
			`treaty.txt:9: "Definitions" read as the title of "Article 1"`,
			"treaty.txt:30: closing lines 30-35",
		},
	},
	{
		file: "resolution.txt",
		meta: func(m *ImportMeta) {
			m.Date, m.Kind, m.Parties, m.Issuer, m.Number = "2031-05-05", "resolution", nil, "UNSC", "9901"
			m.Source = "https://www.un.org/securitycouncil/"
		},
		want: []string{
			"Resolution 9901 (2031)",
			"",
			"Adopted by the Security Council at its 9999th meeting, on 5 May 2031",
			"",
			"The Security Council,",
			"",
			"Recalling its previous resolutions on the situation in the Tarsian region,",
			"Deeply concerned by the humanitarian situation in the region,",
			"",
			"Acting under Chapter VII of the Charter of the United Nations,",
			"",
			"1. Demands that all parties cease hostilities immediately;",
			"2. Decides to establish a monitoring mission, with the following tasks:",
			"(a) to monitor the ceasefire;",
			"(b) to report to the Council every ninety days;",
			"4. Decides to remain actively seized of the matter.",
		},
		notes: []string{`resolution.txt:1: preamble of lines 1-7 (from "The Security Council,"): read by the format's rule`},
	},
	{
		file: "misprint.txt",
		want: []string{
			"10. They supported the reform of the regional development bank.",
			"11, The Ministers agreed to meet again next year.",
			"12. They thanked the hosts for their hospitality.",
		},
		notes: []string{`misprint.txt:13: "11," read as paragraph 11, with a comma for its full stop`},
	},
	{
		file: "labels.txt",
		meta: func(m *ImportMeta) { m.Date = "2024-01-01" },
		want: []string{
			"Joint Declaration on Digital Cooperation",
			"1.The Parties will cooperate on digital public infrastructure.",
			"2.They will share experience in:",
			"a) electronic identity;",
			"c) cybersecurity skills.",
			"3. The Parties will set up a working group.",
			"4.The working group will meet twice a year.",
		},
		notes: []string{`labels.txt:7: label "3." alone on its line: joined with the text on line 8`},
	},
	{
		file: "french.txt",
		meta: func(m *ImportMeta) { m.Language = "fr" },
		want: []string{
			"Les ministres des affaires étrangères de la République de Velorie et du Royaume de Tarsie se sont réunis à Paris.",
			"# I. Coopération politique",
			"1. Les ministres ont réaffirmé leur attachement au droit international.",
			"# II. Coopération économique",
			"4. Ils ont décidé de créer un conseil d'affaires.",
			"::: conclusions",
			"Fait à Paris, le 14 juin 2022, en deux exemplaires.",
			"Pour la République de Velorie",
			"Pour le Royaume de Tarsie",
			":::",
		},
	},
}

func (tc textCase) import1(t *testing.T) (converted, []string, []byte) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(textsDir, tc.file))
	if err != nil {
		t.Fatal(err)
	}
	m := ImportMeta{Title: "A Made-up Text", Kind: "communique", Parties: []string{"KZ", "EE"}}
	if tc.meta != nil {
		tc.meta(&m)
	}
	var notes []string
	m.Note = func(s string) { notes = append(notes, s) }
	r, err := convert(tc.file, src, &m)
	if err != nil {
		t.Fatalf("convert(%s) = %v", tc.file, err)
	}
	return r, notes, src
}

// TestImportTexts: each shape of text gives the Markdown the content
// format reads, keeps every line of the text, and says what it guessed.
func TestImportTexts(t *testing.T) {
	for _, tc := range textCases {
		t.Run(tc.file, func(t *testing.T) {
			r, notes, src := tc.import1(t)
			md := string(r.file)
			if _, body, ok := strings.Cut(md, "\n---\n"); ok {
				md = body
			}
			lines := strings.Split(md, "\n")
			at := 0
			for _, w := range tc.want {
				for at < len(lines) && lines[at] != w {
					at++
				}
				if at == len(lines) {
					t.Fatalf("the Markdown has no line %q (in this order) after the lines before it:\n%s", w, md)
				}
				at++
			}
			for _, w := range tc.notes {
				found := false
				for _, n := range notes {
					found = found || strings.Contains(n, w)
				}
				if !found {
					t.Errorf("no note says %q; notes:\n%s", w, strings.Join(notes, "\n"))
				}
			}
			assertVerbatim(t, string(src), md)
		})
	}
}

// assertVerbatim: every line of the text is in the Markdown, as printed —
// but for a footnote's marker, written [^n], and the first line when it
// is the dateline.
func assertVerbatim(t *testing.T, src, md string) {
	t.Helper()
	unescaped := strings.NewReplacer(`\#`, "#", `\*`, "*", `\[`, "[", `\]`, "]", `\_`, "_", `\-`, "-").Replace(md)
	first := true
	for i, l := range strings.Split(src, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if first {
			first = false
			if _, ok, _ := parseDateline(l, "fr"); ok {
				continue
			}
		}
		for sup, d := range map[string]string{"¹": "1", "²": "2", "³": "3"} {
			if n, text, ok := noteOf(l, false); ok && n == d {
				l = "[^" + n + "]: " + text
			}
			l = strings.ReplaceAll(l, sup, "[^"+d+"]")
		}
		if !strings.Contains(unescaped, l) {
			t.Errorf("line %d %q is not in the Markdown as printed:\n%s", i+1, l, md)
		}
	}
}

var treatyMeta = ImportMeta{Title: "Agreement on Cooperation", Kind: "agreement", Parties: []string{"KZ", "EE"}, Date: "2021-06-12"}

// TestImportLongTreaty: a treaty of 1,500 paragraphs keeps every line and
// gets its chapters, articles, their titles and its annex.
func TestImportLongTreaty(t *testing.T) {
	src := synth.TreatyText(1500)
	m := treatyMeta
	r, err := convert("treaty.txt", src, &m)
	if err != nil {
		t.Fatal(err)
	}
	md := string(r.file)
	assertVerbatim(t, string(src), md)
	count := func(prefix string) int {
		n := 0
		for _, l := range strings.Split(md, "\n") {
			if strings.HasPrefix(l, prefix) {
				n++
			}
		}
		return n
	}
	chapters, articles := strings.Count(string(src), "\nCHAPTER "), strings.Count(string(src), "\nArticle ")
	if got := count("# CHAPTER "); got != chapters {
		t.Errorf("%d chapter headings; want %d", got, chapters)
	}
	if got := count("## Article "); got != articles {
		t.Errorf("%d article headings at level 2; want %d", got, articles)
	}
	if got := count("### Cooperation in the field of "); got != articles {
		t.Errorf("%d article titles at level 3; want %d", got, articles)
	}
	for _, w := range []string{"\n# ANNEX\n", "\n## Areas of cooperation\n", "\n::: conclusions\nIN WITNESS WHEREOF", "\nThe Parties to this Agreement,\n"} {
		if !strings.Contains(md, w) {
			t.Errorf("the Markdown has no %q", w)
		}
	}
	// The loader reads it whole: every article in its chapter, every
	// numbered paragraph in its article or the annex.
	_, file, err := r.check("treaty.txt", &m)
	if err != nil {
		t.Fatal(err)
	}
	d, errs := Parse("documents/treaty.md", file)
	if errs != nil {
		t.Fatal(errs)
	}
	kinds := map[string]int{}
	d.Walk(func(p *archive.Provision) bool {
		kinds[string(p.Element)]++
		if p.Element == archive.ElArticle && (p.Parent == nil || p.Parent.Element != archive.ElChapter) {
			t.Errorf("%s is not in a chapter", p.EID())
		}
		return true
	})
	// Every line but the headings and their titles, the 9 of the preamble
	// (title, parties, recitals, "Have agreed as follows:"), the 6
	// closing lines and the annex's heading and title.
	paras := strings.Count(string(src), "\n") - chapters*2 - articles*2 - 9 - 6 - 2
	if kinds["chapter"] != chapters || kinds["article"] != articles || kinds["attachment"] != 1 ||
		kinds["paragraph"]+kinds["subparagraph"]+kinds["point"] != paras || len(d.Preamble) != 9 || len(d.Conclusions) != 6 {
		t.Errorf("tree: %v and %d recitals, %d closing lines; want %d chapters, %d articles, 1 attachment, %d paragraphs, 9 recitals, 6 closing lines",
			kinds, len(d.Preamble), len(d.Conclusions), chapters, articles, paras)
	}
}

// BenchmarkImportTreaty converts a treaty of 1,500 paragraphs.
func BenchmarkImportTreaty(b *testing.B) {
	src := synth.TreatyText(1500)
	for b.Loop() {
		m := treatyMeta
		if _, err := convert("treaty.txt", src, &m); err != nil {
			b.Fatal(err)
		}
	}
}

// TestImportShapes: small texts, each showing one thing import decides,
// and the whole Markdown it writes.
func TestImportShapes(t *testing.T) {
	tests := []struct {
		name, src, want string
		note            string // a substring of one note, or ""
	}{
		{"names after the text, with no formula or date",
			"The Leaders met in Brenmoor.\nThey agreed to meet again.\nAnna Example\nPresident of Veloria\n",
			"The Leaders met in Brenmoor.\n\nThey agreed to meet again.\n\n::: conclusions\nAnna Example\n\nPresident of Veloria\n:::\n",
			`x.txt:4: closing lines 4-5 (from "Anna Example")`},
		{"a preamble after a publisher's mark is fenced",
			"Media Note\nThe Parties to this Agreement,\nDesiring to cooperate,\nHave agreed as follows:\nArticle 1\nThe Parties shall cooperate.\n",
			"::: remark\nMedia Note\n:::\n\n::: preamble\nThe Parties to this Agreement,\n\nDesiring to cooperate,\n\nHave agreed as follows:\n:::\n\n# Article 1\n\nThe Parties shall cooperate.\n",
			`x.txt:3: preamble of lines 3-5 (from "The Parties to this Agreement,"): fenced as ::: preamble`},
		{"a preamble followed by a section is fenced",
			"The Security Council,\nRecalling its resolutions,\nI. Decisions\n1. Decides to remain seized of the matter.\n",
			"::: preamble\nThe Security Council,\n\nRecalling its resolutions,\n:::\n\n# I. Decisions\n\n1. Decides to remain seized of the matter.\n",
			""},
		{"no heading in a preamble",
			"The Security Council,\nRecalling its resolutions\nSituation in the Region\n1. Decides to remain seized of the matter.\n",
			"The Security Council,\n\nRecalling its resolutions\n\nSituation in the Region\n\n1. Decides to remain seized of the matter.\n",
			`x.txt:2: preamble of lines 2-4 (from "The Security Council,"): read by the format's rule`},
		{"recitals, then unnumbered paragraphs",
			"The Ministers of Veloria and Tarsia,\nRecalling their meeting in Brenmoor,\nWelcoming the progress made\nAgreed to meet again.\nThey thanked their hosts.\n",
			"::: preamble\nThe Ministers of Veloria and Tarsia,\n\nRecalling their meeting in Brenmoor,\n\nWelcoming the progress made\n:::\n\nAgreed to meet again.\n\nThey thanked their hosts.\n",
			`x.txt:2: preamble of lines 2-4 (from "The Ministers of Veloria and Tarsia,"): fenced as ::: preamble`},
		{"a recital listing items",
			"The General Assembly,\nRecalling the following:\n(a) its resolution 1;\n(b) its resolution 2,\n1. Decides to act.\n",
			"The General Assembly,\n\nRecalling the following:\n\n\\(a) its resolution 1;\n\n\\(b) its resolution 2,\n\n1. Decides to act.\n",
			`x.txt:2: preamble of lines 2-5 (from "The General Assembly,"): read by the format's rule`},
		{"a publisher's framing",
			"Media Note\nOffice of the Spokesperson\nThe following is the text of a joint statement by Veloria and Tarsia:\nBegin Text:\nThe Ministers met in Brenmoor.\nThey agreed on trade.\nEnd Text.\n",
			"::: remark\nMedia Note\n\nOffice of the Spokesperson\n\nThe following is the text of a joint statement by Veloria and Tarsia:\n\nBegin Text:\n:::\n\nThe Ministers met in Brenmoor.\n\nThey agreed on trade.\n\n::: remark\nEnd Text.\n:::\n",
			"x.txt:8: End Text.: a publisher's mark, fenced as ::: remark"},
		{"the title after a publisher's mark",
			"For Immediate Release\nA Made-up Text\nThe Leaders met.\nTrade\nThey agreed on trade.\n",
			"::: remark\nFor Immediate Release\n:::\n\nA Made-up Text\n\nThe Leaders met.\n\n# Trade\n\nThey agreed on trade.\n",
			`x.txt:3: "A Made-up Text" read as the title: kept as the first paragraph`},
		{"a dateline inside the text",
			"The Leaders met.\nBrenmoor, 3 March 2024\nThe Leaders also agreed on trade.\n",
			"The Leaders met.\n\n::: conclusions\nBrenmoor, 3 March 2024\n:::\n\nThe Leaders also agreed on trade.\n",
			"x.txt:3: dateline inside the text: fenced as ::: conclusions"},
		{"no heading after a line leading into a list",
			"1. We will cooperate on:\nEnergy security\nClimate finance\n2. We will meet again.\n",
			"1. We will cooperate on:\n\n   Energy security\n\n   Climate finance\n\n2. We will meet again.\n",
			""},
		{"no heading before a line broken in a sentence",
			"The Leaders met\nin Brenmoor and agreed.\nTrade\nThey agreed on trade.\n",
			"The Leaders met\n\nin Brenmoor and agreed.\n\n# Trade\n\nThey agreed on trade.\n",
			`x.txt:4: heading "Trade" guessed from its shape`},
		{"bracketed footnotes",
			"The Forum[1] met.\nIt agreed.[2]\n[1] A made-up forum.\n[2] By consensus.\n",
			"The Forum[^1] met.\n\nIt agreed.[^2]\n\n[^1]: A made-up forum.\n\n[^2]: By consensus.\n",
			"x.txt:5: footnote 2, referred to on line 3"},
		{"a marker without its note is kept as printed",
			"The Forum¹ met.\nIt agreed.\n",
			"The Forum¹ met.\n\nIt agreed.\n",
			"x.txt:2: footnote marker 1 has no note after it"},
		{"a year is no number",
			"2024. A year of change.\n1. The Leaders met.\n2. They agreed.\n",
			"2024\\. A year of change.\n\n1. The Leaders met.\n\n2. They agreed.\n",
			`x.txt:2: "2024." is not read as a paragraph's number: no paragraph is numbered before it; kept as text`},
		{"a number out of sequence is text",
			"1. One.\n2. Two.\n30. Thirty, a misprint or a quotation.\n3. Three.\n",
			"1. One.\n\n2. Two.\n\n   30\\. Thirty, a misprint or a quotation.\n\n3. Three.\n",
			`x.txt:4: "30." is not read as a paragraph's number: the one before is 2`},
		{"a comma is read for the full stop only in sequence",
			"1. One.\n5, Five is no paragraph here.\n2, Two.\n",
			"1. One.\n\n   5\\, Five is no paragraph here.\n\n2, Two.\n",
			`x.txt:4: "2," read as paragraph 2, with a comma for its full stop`},
		{"numbering restarts in an annex",
			"1. One.\n2. Two.\n3. Three.\nANNEX\n1.The first item.\n2.The second item.\n",
			"1. One.\n\n2. Two.\n\n3. Three.\n\n# ANNEX\n\n1.The first item.\n\n2.The second item.\n",
			""},
		{"a numbered paragraph of any shape continues on the lines after it",
			"1.The first.\nIt goes on.\n2, The second.\nIt goes on too.\n(3) The third.\nAnd on.\n",
			"1.The first.\n\n   It goes on.\n\n2, The second.\n\n   It goes on too.\n\n(3) The third.\n\n    And on.\n",
			""},
		{"(1) is numbered apart from 1.",
			"1. One.\n(1) one;\n(2) two;\n2, Two.\n",
			"1. One.\n\n(1) one;\n\n(2) two;\n\n2, Two.\n",
			`x.txt:5: "2," read as paragraph 2, with a comma for its full stop`},
		{"a gap is kept and told",
			"1. One.\n3. Three.\n",
			"1. One.\n\n3. Three.\n",
			"x.txt:3: paragraph 3 follows 1: kept as printed"},
		{"a number alone without its full stop",
			"1. One.\n2\nTwo.\n",
			"1. One.\n\n   2\n\n   Two.\n",
			"x.txt:3: a number alone on its line, with no full stop"},
		{"lettered labels alone on their lines",
			"1. We will:\n(a)\nmeet;\n(b)\nagree.\n",
			"1. We will:\n\n(a) meet;\n\n(b) agree.\n",
			`x.txt:3: label "(a)" alone on its line: joined with the text on line 4`},
		{"bullets of every kind",
			"1. We will:\n– meet;\n◦ soon;\n▪ often;\n- and agree;\n* and act.\n",
			"1. We will:\n\n– meet;\n\n◦ soon;\n\n▪ often;\n\n- and agree;\n\n* and act.\n",
			""},
		{"no-break spaces after labels and in headings",
			"Article\u00a01\n1.\u00a0The Parties agree.\n(a)\u00a0to meet;\n•\u00a0often.\n",
			"# Article 1\n\n1. The Parties agree.\n\n(a) to meet;\n\n• often.\n",
			""},
		{"multi-level numbers",
			"10.5. The Secretariat reports.\n10.6 The Council decides.\n",
			"10.5. The Secretariat reports.\n\n10.6 The Council decides.\n",
			""},
		{"markup in labelled text",
			"1. # not a heading, *not emphasis*\n(a) [not a link]\n",
			"1. \\# not a heading, \\*not emphasis\\*\n\n(a) \\[not a link\\]\n",
			""},
		{"parts, chapters, sections and articles take levels in order",
			"PART ONE\nCHAPTER I\nI. Scope\nArticle 1\nThe Parties agree.\nPart Two\nArticle 2 – Final Clauses\nThe Parties sign.\n",
			"# PART ONE\n\n## CHAPTER I\n\n### I. Scope\n\n#### Article 1\n\nThe Parties agree.\n\n# Part Two\n\n#### Article 2 – Final Clauses\n\nThe Parties sign.\n",
			""},
		{"roman and letter headings",
			"I. Politics\nA. Dialogue\nB. Consultations\nC. Visits\nII. Economy\nV. Other\nThe Leaders met.\n",
			"# I. Politics\n\n## A. Dialogue\n\n## B. Consultations\n\n## C. Visits\n\n# II. Economy\n\n# V. Other\n\nThe Leaders met.\n",
			""},
		{"an annex's headings under it",
			"1. The Parties agree.\nAnnex I\nList of Projects\nTransport\n1. A road.\nEnergy\n2. A line.\n",
			"1. The Parties agree.\n\n# Annex I\n\n## List of Projects\n\n## Transport\n\n1. A road.\n\n## Energy\n\n2. A line.\n",
			""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := ImportMeta{Title: "A Made-up Text", Kind: "communique", Parties: []string{"KZ", "EE"}, Date: "2024-03-03"}
			var notes []string
			m.Note = func(s string) { notes = append(notes, s) }
			r, err := convert("x.txt", []byte("3 March 2024\n"+tt.src), &m)
			if err != nil {
				t.Fatal(err)
			}
			_, body, _ := strings.Cut(string(r.file), "\n---\n")
			if body != tt.want {
				t.Errorf("Markdown:\n%s\nwant:\n%s", body, tt.want)
			}
			// The loader reads what import wrote.
			if _, _, err := r.check("x.txt", &m); err != nil {
				t.Errorf("check: %v", err)
			}
			if tt.note != "" && !strings.Contains(strings.Join(notes, "\n"), tt.note) {
				t.Errorf("no note says %q; notes:\n%s", tt.note, strings.Join(notes, "\n"))
			}
		})
	}
}

var updateTexts = flag.Bool("update-texts", false, "rewrite the expected trees of testdata/texts")

// TestImportTextTrees: what import writes of each text parses, and into
// the tree beside it (testdata/texts/*.tree: eIds, elements, labels as
// printed, headings, the start of each text).
func TestImportTextTrees(t *testing.T) {
	for _, tc := range textCases {
		t.Run(tc.file, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join(textsDir, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			m := ImportMeta{Title: "A Made-up Text", Kind: "communique", Parties: []string{"KZ", "EE"}}
			if tc.meta != nil {
				tc.meta(&m)
			}
			slug, file, err := Import(tc.file, src, m)
			if err != nil {
				t.Fatalf("Import() = %v", err)
			}
			d, errs := Parse("documents/"+slug+".md", file)
			if errs != nil {
				t.Fatalf("Parse() = %v", errs)
			}
			got := dumpTree(d)
			golden := filepath.Join(textsDir, strings.TrimSuffix(tc.file, ".txt")+".tree")
			if *updateTexts {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("tree of %s:\n%s\nwant (%s):\n%s", tc.file, got, golden, want)
			}
		})
	}
}

// TestImportNumbering: numbering that check would report — a gap, a
// repeat — is confirmed under numbering:, each named by its input line.
func TestImportNumbering(t *testing.T) {
	var notes []string
	m := ImportMeta{Title: "T", Kind: "communique", Parties: []string{"KZ"}, Note: func(s string) { notes = append(notes, s) }}
	src := "3 March 2024\nThe Leaders met.\n1. One.\n3. Three.\n3. Three again.\n4. Four.\n"
	_, file, err := Import("g.txt", []byte(src), m)
	if err != nil {
		t.Fatalf("Import() = %v", err)
	}
	if !strings.Contains(string(file), "\nnumbering: [para_3, para_3-2]\n---\n") {
		t.Errorf("the file does not confirm para_3 and para_3-2:\n%s", file)
	}
	for _, w := range []string{
		"g.txt:4: para_3 is numbered irregularly as printed: listed under numbering:",
		"g.txt:5: para_3-2 is numbered irregularly as printed",
	} {
		if !strings.Contains(strings.Join(notes, "\n"), w) {
			t.Errorf("no note says %q; notes:\n%s", w, strings.Join(notes, "\n"))
		}
	}
	d, errs := Parse("documents/x.md", file)
	if errs != nil {
		t.Fatalf("Parse() = %v", errs)
	}
	if len(d.Clauses) != 4 || d.Clauses[2].Label != "3." || d.Clauses[2].EID() != "para_3-2" {
		t.Errorf("clauses = %s", dumpTree(d))
	}
}

// BenchmarkImportTreatyChecked converts and checks a treaty of 1,500
// paragraphs, as `accord import` does.
func BenchmarkImportTreatyChecked(b *testing.B) {
	src := synth.TreatyText(1500)
	for b.Loop() {
		if _, _, err := Import("treaty.txt", src, treatyMeta); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzImportText: whatever lines an editor imports, import writes a file
// the loader accepts, and every word of every line is in the document, in
// order, in one of its parts.
func FuzzImportText(f *testing.F) {
	for _, tc := range textCases {
		src, err := os.ReadFile(filepath.Join(textsDir, tc.file))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(src))
	}
	f.Add("1. One.\n1. One again.\n(a)\n•\n11, Eleven.\n¹ note\nArticle 1\n")
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) || strings.ContainsFunc(text, func(r rune) bool { return r == '\r' || isControl(r) && r != '\t' && r != '\n' || isBidiControl(r) }) {
			return
		}
		m := ImportMeta{Title: "T", Kind: "communique", Parties: []string{"KZ"}}
		_, file, err := Import("x.txt", []byte("3 March 2024\n"+text), m)
		if err != nil {
			if strings.Contains(err.Error(), "empty") || strings.Contains(err.Error(), "longer than the limit") {
				return
			}
			t.Fatalf("Import(%q) = %v", text, err)
		}
		d, errs := Parse("documents/x.md", file)
		if errs != nil {
			t.Fatalf("Parse(Import(%q)) = %v\n%s", text, errs, file)
		}
		words := alnum(documentWords(d))
		for _, l := range strings.Split(text, "\n") {
			l = txtBracketMarker.ReplaceAllString(l, "")
			if w := alnum(l); !strings.Contains(words, w) {
				t.Fatalf("line %q of %q is not in the document:\n%s", l, text, file)
			}
		}
	})
}

// alnum is s with only its letters and digits.
func alnum(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, s)
}

// shapeLines are lines of every shape import reads, for FuzzImportShapes
// to put together in any order.
var shapeLines = []string{
	"The Parties to this Agreement,", "The Security Council,", "Recalling its resolutions,", "Deeply concerned by the situation",
	"Have agreed as follows:", "PART ONE", "CHAPTER II", "Article 7", "ARTICLE 8 – Scope", "Definitions", "I. Energy", "A. Trade",
	"Energy and Connectivity", "ANNEX", "Annex II", "Protocol", "1. The Parties agree.", "2. They will meet.", "1.The first.",
	"11, The Ministers agreed.", "10.5. The Secretariat reports.", "(a) to monitor;", "a) to report;", "(iv) through the Committee;",
	"(1) Each Party shall act.", "• maritime security;", "– cyber resilience;", "- a hyphen bullet", "* a star bullet", "12.", "(b)", "3",
	"We will cooperate on:", "The Leaders met in Brenmoor.", "2024. A year of change.", "The Forum¹ met.", "It agreed.[2]",
	"¹ A made-up forum.", "[2] By consensus.", "###", "— END —", "For Immediate Release", "IN WITNESS WHEREOF the undersigned have signed.",
	"DONE at Brenmoor on 3 March 2024.", "For the Republic of Veloria:", "Anna Example", "Brenmoor, 3 March 2024",
	"# not a heading *nor emphasis*", "::: remark", ":::", "[^1]: not a note", "    indented text", "> a quotation",
}

// FuzzImportShapes: lines of every shape, in any order, import into a file
// the loader accepts, every word of every line in the document.
func FuzzImportShapes(f *testing.F) {
	f.Add([]byte{0, 2, 4, 5, 6, 7, 9, 16, 17, 21, 22, 44, 45, 13, 16})
	f.Add([]byte{1, 2, 16, 21, 22, 23, 17, 39, 37})
	f.Add([]byte{12, 16, 32, 25, 26, 17, 33, 35, 36, 37, 38, 47})
	f.Fuzz(func(t *testing.T, picks []byte) {
		if len(picks) == 0 || len(picks) > 60 {
			return
		}
		var lines []string
		for _, p := range picks {
			lines = append(lines, shapeLines[int(p)%len(shapeLines)])
		}
		text := strings.Join(lines, "\n") + "\n"
		m := ImportMeta{Title: "T", Kind: "communique", Parties: []string{"KZ"}}
		_, file, err := Import("x.txt", []byte("3 March 2024\n"+text), m)
		if err != nil {
			t.Fatalf("Import(%q) = %v", text, err)
		}
		d, errs := Parse("documents/x.md", file)
		if errs != nil {
			t.Fatalf("Parse(Import(%q)) = %v\n%s", text, errs, file)
		}
		words := alnum(documentWords(d))
		for _, l := range lines {
			if w := alnum(txtBracketMarker.ReplaceAllString(l, "")); !strings.Contains(words, w) {
				t.Fatalf("line %q of %q is not in the document:\n%s", l, text, file)
			}
		}
	})
}

// TestImportContinuations: the unlabelled line after a numbered paragraph
// of any shape is its further paragraph in the tree.
func TestImportContinuations(t *testing.T) {
	m := ImportMeta{Title: "T", Kind: "communique", Parties: []string{"KZ"}}
	_, file, err := Import("x.txt", []byte("3 March 2024\n1.The first.\nIt goes on.\n2, The second.\nIt goes on too.\n(3) The third.\nAnd on.\n"), m)
	if err != nil {
		t.Fatal(err)
	}
	d, errs := Parse("documents/x.md", file)
	if errs != nil {
		t.Fatal(errs)
	}
	// "(3)" is a family of its own, a level below "2,".
	for _, id := range []string{"para_1", "para_2", "para_2__para_3"} {
		p, ok := d.Provision(id)
		if !ok || len(p.Paragraphs) != 2 {
			t.Errorf("%s: %v; want two paragraphs\n%s", id, ok, dumpTree(d))
		}
	}
}

// documentWords is every word a document holds, in reading order: its
// recitals, then each provision's label, heading and text.
func documentWords(d *archive.Document) string {
	var all strings.Builder
	for _, p := range d.Preamble {
		all.WriteString(p.Text)
	}
	d.Walk(func(p *archive.Provision) bool {
		all.WriteString(p.Label)
		if p.Heading != nil {
			all.WriteString(p.Heading.Text)
		}
		for _, q := range p.Paragraphs {
			all.WriteString(q.Text)
		}
		return true
	})
	return all.String()
}
