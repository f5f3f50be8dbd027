package content

import (
	"fmt"
	"testing"
)

func TestLabelOf(t *testing.T) {
	tests := []struct {
		line string
		want string // "family label|rest", or "" for none
	}{
		{"1. The Parties agree.", "number 1.|The Parties agree."},
		{"12) The Parties agree.", "number 12)|The Parties agree."},
		{"1.The Parties agree.", "number 1.|The Parties agree."},
		{"7.“Party” means a State.", "number 7.|“Party” means a State."},
		{"11, The Ministers agreed.", "number 11,|The Ministers agreed."},
		{"11, the Ministers agreed.", ""}, // a number in a sentence
		{"2024. A year of change.", "number 2024.|A year of change."},
		{"10.5. The Secretariat shall report.", "multi 10.5.|The Secretariat shall report."},
		{"10.5 The Secretariat shall report.", "multi 10.5|The Secretariat shall report."},
		{"3.2.1. Data shall be shared.", "multi 3.2.1.|Data shall be shared."},
		{"1.5 million people were displaced.", ""},
		{"2.5 per cent of GDP", ""},
		{"(a) to monitor the ceasefire;", "letter (a)|to monitor the ceasefire;"},
		{"(c)“subsidiary bodies” means any organ;", "letter (c)|“subsidiary bodies” means any organ;"},
		{"(aa) further measures;", "letter (aa)|further measures;"},
		{"a) electronic identity;", "letter a)|electronic identity;"},
		{"(i) the collection of data;", "letter (i)|the collection of data;"}, // the loader tells
		{"(iv) the exchange of information;", "roman (iv)|the exchange of information;"},
		{"iv) the exchange of information;", "roman iv)|the exchange of information;"},
		{"(A) General", "letter (A)|General"},
		{"(1) Each Party shall act.", "number (1)|Each Party shall act."},
		{"• maritime security;", "bullet •|maritime security;"},
		{"· a middle dot", "bullet ·|a middle dot"},
		{"— an em dash", "bullet —|an em dash"},
		{"– cyber resilience;", "bullet –|cyber resilience;"},
		{"◦ a deeper bullet", "bullet ◦|a deeper bullet"},
		{"▪ a square bullet", "bullet ▪|a square bullet"},
		{"- a hyphen bullet", "bullet -|a hyphen bullet"},
		{"* a star bullet", "bullet *|a star bullet"},
		{"-based approaches", ""},
		{"---", ""},
		{"*", ""},
		{"The Parties agree.", ""},
		{"(see above) the Parties", ""},
		{"(to) is a word", ""},
		{"(ab) is a word", ""},
		{"ab) is a word", ""},
		{"(xi) a numeral", "roman (xi)|a numeral"},
		{"(xx) a numeral", "roman (xx)|a numeral"},
		{"(il) no numeral", ""},
		{"Article 5", ""},
		{"1990s were a decade", ""},
	}
	for _, tt := range tests {
		got := ""
		if l, ok := labelOf(tt.line); ok {
			got = fmt.Sprintf("%s %s|%s", [...]string{"none", "number", "multi", "letter", "roman", "bullet"}[l.fam], l.text, l.rest)
		}
		if got != tt.want {
			t.Errorf("labelOf(%q) = %q; want %q", tt.line, got, tt.want)
		}
	}
}

func TestStructuralHeading(t *testing.T) {
	tests := []struct {
		line string
		want headKind // headNone for none
	}{
		{"PART ONE", headPart},
		{"Part I", headPart},
		{"PART 2", headPart},
		{"Part One – General Provisions", headPart},
		{"CHAPTER II", headChapter},
		{"Chapter 3", headChapter},
		{"Chapter IV: Institutions", headChapter},
		{"Title III", headTitle},
		{"Section 2", headSection},
		{"Article 7", headArticle},
		{"ARTICLE 7", headArticle},
		{"Article 7bis", headArticle},
		{"Article 12.", headArticle},
		{"Article 2.1: Import Licensing", headArticle},
		{"Article 7 – Definitions", headArticle},
		{"Article 7. Definitions", headArticle},
		{"Art. 4", headArticle},
		{"ARTICLE I", headArticle},
		{"Article V – Final Provisions", headArticle},
		{"ANNEX", headAnnex},
		{"Annex", headAnnex},
		{"Annex I", headAnnex},
		{"ANNEX II", headAnnex},
		{"Annex A", headAnnex},
		{"Appendix", headAnnex},
		{"Protocol", headAnnex},
		{"Schedule 1", headAnnex},
		{"ANNEXE II", headAnnex},
		{"Attachment 2", headAnnex},
		{"Enclosure A", headAnnex},
		{"Schedule", headNone},
		{"Attachment", headNone},
		{"Final Act", headAnnex},
		{"I. Energy", headRoman},
		{"IV – Energy and Climate", headRoman},
		{"A. Trade", headLetter},
		{"B. Investment and Finance", headLetter},
		// Not headings.
		{"Article 7 of the Charter provides for this.", headNone},
		{"Article 7 of the Charter", headNone},
		{"Articles 3 and 4 apply.", headNone},
		{"Article A", headNone},
		{"Part", headNone},
		{"Title", headNone},
		{"Chapter", headNone},
		{"Partnership for Peace", headNone},
		{"Parties to the Convention", headNone},
		{"Protocol on Privileges and Immunities", headNone},
		{"Annexes", headNone},
		{"Annex to resolution 9901", headNone},
		{"I. The Council decides to act.", headNone},
		{"A. The General Assembly, recalling its resolutions,", headNone},
		{"I am pleased", headNone},
		{"Chapter VII of the Charter applies.", headNone},
	}
	for _, tt := range tests {
		h, ok := structuralHeading(tt.line)
		if !ok {
			h.kind = headNone
		}
		if h.kind != tt.want {
			t.Errorf("structuralHeading(%q) = %d, %v; want %d", tt.line, h.kind, ok, tt.want)
		}
	}
}

func TestPlainHeading(t *testing.T) {
	yes := []string{
		"Energy and Connectivity",
		"Preamble",
		"Political Dialogue",
		"Culture and People-to-People Contacts",
		"Climate change",
		"Trade, Investment and Connectivity",
		"GENERAL PROVISIONS",
		"Peace and Security in the Region of the Great Lakes and the Horn of Africa",
		"Coopération politique",
		"Rivers covered by this Agreement",
	}
	no := []string{
		"The Parties agree.",
		"We will strengthen our cooperation on:",
		"Recalling its previous resolutions,",
		"The Security Council,",
		"Security;",
		"energy and connectivity",
		"For the Government of the Republic of Veloria",
		"17 November 2025",
		"Astana, 17 November 2025",
		"2030 Agenda",
		"Deeply concerned by the humanitarian situation in the region",
		"The Presidents met in Astana on 17 November and discussed the state of bilateral relations and the region",
		"###",
		"IN WITNESS WHEREOF the undersigned have signed this Agreement",
		"Media Note",
	}
	for _, l := range yes {
		if !plainHeading(l, "en") {
			t.Errorf("plainHeading(%q) = false; want true", l)
		}
	}
	for _, l := range no {
		if plainHeading(l, "en") {
			t.Errorf("plainHeading(%q) = true; want false", l)
		}
	}
}

func TestClosingLines(t *testing.T) {
	formulas := []string{
		"IN WITNESS WHEREOF the undersigned, being duly authorised thereto, have signed this Agreement.",
		"In witness whereof, the undersigned have signed this Protocol.",
		"DONE at Veloria City on 12 June 2021, in two originals.",
		"Done at Brenmoor, this fifth day of May 2023.",
		"Done in duplicate at Tarsa on 1 April 2020.",
		"Fait à Paris, le 14 juin 2022, en deux exemplaires.",
		"EN FOI DE QUOI, les soussignés ont signé le présent Accord.",
		"Signed at Veloria City on 3 March 2024.",
		"Geschehen zu Brenmoor am 3. März 2024 in zwei Urschriften.",
		"Gedaan te Brenmoor op 3 maart 2024.",
		"Совершено в г. Бренмур 14 июня 1991 года в двух экземплярах.",
	}
	notFormulas := []string{
		"Done.",
		"Done deals are rare.",
		"Signed agreements were exchanged.",
		"The Parties have done at least that much.",
		"Fait divers",
		"Geschehene Dinge",
		"Совершенно верно.",
	}
	for _, l := range formulas {
		if !formula(l) {
			t.Errorf("formula(%q) = false; want true", l)
		}
	}
	for _, l := range notFormulas {
		if formula(l) {
			t.Errorf("formula(%q) = true; want false", l)
		}
	}
	signatures := []string{
		"For the Government of the Republic of Veloria:",
		"For the Kingdom of Tarsia",
		"FOR THE REPUBLIC OF VELORIA",
		"For Veloria:",
		"On behalf of the European Union",
		"Pour la République de Velorie",
		"Pour le Gouvernement du Royaume de Tarsie :",
		"За Республику Велория",
		"Für die Republik Veloria",
		"Voor het Koninkrijk Tarsia:",
	}
	notSignatures := []string{
		"For the purposes of this Agreement:",
		"For this reason, the Parties agree to cooperate on trade and on investment in the region.",
		"For the Government of Veloria, the priority is clear.",
		"Forests and Water",
	}
	for _, l := range signatures {
		if !signature(l) {
			t.Errorf("signature(%q) = false; want true", l)
		}
	}
	for _, l := range notSignatures {
		if signature(l) {
			t.Errorf("signature(%q) = true; want false", l)
		}
	}
}

func TestRemark(t *testing.T) {
	yes := []string{"###", "***", "— END —", "-END-", "END", "– End –", "For Immediate Release", "FOR IMMEDIATE RELEASE",
		"Media Note", "Office of the Spokesperson", "Press Release", "Begin text:", "End text.",
		"The following was released by the Governments of Veloria and Tarsia.",
		"The following joint statement was released by the leaders of the Northern Forum:",
		"The text of the following statement was released by the Ministers.",
		"The following is the text of a joint statement by the Governments of Veloria and Tarsia:",
		"Office of the Press Secretary", "The White House", "Briefing Room", "Statements and Releases",
		"* * *", "---", "- - -", "___", "– 2 –", "- 12 -", "Page 3 of 7", "Page 3"}
	no := []string{"The following principles guide our cooperation:", "End of the year review", "Press freedom",
		"Media and Culture", "Office of the High Commissioner", "The Parties released the following statement.", "#", "## x",
		"– 2024 was a year of change", "Page after page of proposals.", "* one star bullet", "The following is agreed:"}
	for _, l := range yes {
		if !remark(l) {
			t.Errorf("remark(%q) = false; want true", l)
		}
	}
	for _, l := range no {
		if remark(l) {
			t.Errorf("remark(%q) = true; want false", l)
		}
	}
}

func TestPreambleLines(t *testing.T) {
	openings := []string{
		"The Security Council,",
		"The General Assembly,",
		"The Parties to this Agreement,",
		"The States Parties to the present Convention,",
		`The Republic of Veloria and the Kingdom of Tarsia, hereinafter referred to as "the Parties",`,
		"THE HIGH CONTRACTING PARTIES,",
		"Le Conseil de sécurité,",
		"Les Parties au présent Accord,",
	}
	notOpenings := []string{
		"The Security Council decides.",
		"The Parties agree to cooperate.",
		"Recalling its previous resolutions,",
		"The Parties met. They agreed on trade,",
		"We, the Ministers,",
	}
	for _, l := range openings {
		if !opening(l) {
			t.Errorf("opening(%q) = false; want true", l)
		}
	}
	for _, l := range notOpenings {
		if opening(l) {
			t.Errorf("opening(%q) = true; want false", l)
		}
	}
	for _, l := range []string{"Have agreed as follows:", "HAVE AGREED AS FOLLOWS:", "have agreed as follows :", "Agree as follows:",
		"Have agreed upon the following:", "Sont convenues de ce qui suit :", "Han convenido lo siguiente:"} {
		if !agreed(l) {
			t.Errorf("agreed(%q) = false; want true", l)
		}
	}
	for _, l := range []string{"The Parties have agreed to cooperate.", "As follows from Article 3, the Parties agree."} {
		if agreed(l) {
			t.Errorf("agreed(%q) = true; want false", l)
		}
	}
	for _, l := range []string{"Recalling its previous resolutions,", "Deeply concerned by the situation,", "Reaffirming its commitment,",
		"Acting under Chapter VII of the Charter,", "Having considered the report,", "Bearing in mind the Charter,", "Rappelant ses résolutions,", "Whereas the Parties wish to cooperate;"} {
		if !recital(l) {
			t.Errorf("recital(%q) = false; want true", l)
		}
	}
	for _, l := range []string{"Energy", "The Council,", "Recallings"} {
		if recital(l) {
			t.Errorf("recital(%q) = true; want false", l)
		}
	}
}

func TestFootnoteLines(t *testing.T) {
	tests := []struct {
		line string
		want string // the markers' numbers
	}{
		{"the accession of Tarsia to the Forum¹ and", "1"},
		{"as agreed in 2020,² and again in 2021.³", "2 3"},
		{"the Forum[1] and the Council[2]", "1 2"},
		{"note¹² here", "12"},
		{"note ¹² here", ""},
		{"a ¹ marker after a space", ""},
		{"[1] at the start is a note", ""},
		{"x² + y² = z²", "2 2 2"},
		{"the Forum [3] spaced", ""},
		{"no markers here", ""},
	}
	for _, tt := range tests {
		got := ""
		for i, m := range markersOf(tt.line) {
			if i > 0 {
				got += " "
			}
			got += m.n
		}
		if got != tt.want {
			t.Errorf("markersOf(%q) = %q; want %q", tt.line, got, tt.want)
		}
	}
	notes := []struct {
		line  string
		plain bool
		n     string // "" for no note
	}{
		{"¹ The accession took effect on 1 April 2023.", false, "1"},
		{"¹The accession took effect.", false, "1"},
		{"[2] See resolution 9901 (2031).", false, "2"},
		{"12 See resolution 9901 (2031).", false, ""},
		{"12 See resolution 9901 (2031).", true, "12"},
		{"¹", false, ""},
		{"The accession¹", false, ""},
	}
	for _, tt := range notes {
		n, _, ok := noteOf(tt.line, tt.plain)
		if !ok {
			n = ""
		}
		if n != tt.n {
			t.Errorf("noteOf(%q, %v) = %q; want %q", tt.line, tt.plain, n, tt.n)
		}
	}
}

func TestLone(t *testing.T) {
	for _, l := range []string{"12.", "3", "12)", "(a)", "a)", "(iv)", "iv)"} {
		if !lone(l) {
			t.Errorf("lone(%q) = false; want true", l)
		}
	}
	for _, l := range []string{"12. Text", "(a) text", "A.", "•", "2024 was a year", "(ab12)"} {
		if lone(l) {
			t.Errorf("lone(%q) = true; want false", l)
		}
	}
}

// TestEscapeText: a line of text is written so that Markdown reads no
// markup and the loader no label in it.
func TestEscapeText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Plain text.", "Plain text."},
		{"2024. A year of change.", `2024\. A year of change.`},
		{"1.The", `1\.The`},
		{"11, the number", `11\, the number`},
		{"11, The number", `11\, The number`},
		{"(a) is text here", `\(a) is text here`},
		{"a) is text here", `a\) is text here`},
		{"(iv) is text here", `\(iv) is text here`},
		{"(a)glued", `\(a)glued`},
		{"(12) is text here", `\(12) is text here`},
		{"2,000 people", `2\,000 people`},
		{"::: remark", `\::: remark`},
		{"# not a heading *nor emphasis*", `\# not a heading \*nor emphasis\*`},
	}
	for _, tt := range tests {
		if got := escapeText(tt.in); got != tt.want {
			t.Errorf("escapeText(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
	if got := escapeHeading("C# tools #"); got != `C# tools \#` {
		t.Errorf("escapeHeading = %q", got)
	}
}

func TestTitleLike(t *testing.T) {
	for _, l := range []string{"Definitions", "Entry into force", "Cooperation in the field of trade and investment", "Settlement of disputes", "GENERAL PROVISIONS", "Rivers covered by this Agreement"} {
		if !titleLike(l) {
			t.Errorf("titleLike(%q) = false; want true", l)
		}
	}
	for _, l := range []string{"The Parties shall cooperate.", "For the purposes of this Agreement:", "the rivers", "This Agreement applies to the rivers listed in the Annex and to all of their tributaries, lakes, canals and reservoirs in both States"} {
		if titleLike(l) {
			t.Errorf("titleLike(%q) = true; want false", l)
		}
	}
}
