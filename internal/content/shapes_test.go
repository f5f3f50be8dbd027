package content

import (
	"strings"
	"testing"
)

// TestLabels: every family of label is read at the start of a paragraph,
// kept as printed, and not part of the text.
func TestLabels(t *testing.T) {
	tests := []struct {
		line, label, text string
		fam               family
	}{
		{"(a) text", "(a)", "text", famLetter},
		{"(b)“bodies” means", "(b)", "“bodies” means", famLetter},
		{"a) text", "a)", "text", famLetter},
		{"(aa) text", "(aa)", "text", famLetter},
		{"(A) text", "(A)", "text", famUpper},
		{"(iv) text", "(iv)", "text", famRoman},
		{"iv) text", "iv)", "text", famRoman},
		{"(IV) text", "(IV)", "text", famRomanU},
		{"(i) text", "(i)", "text", famRoman}, // a letter after (h): resolved by the walk
		{"11, text", "11,", "text", famNumber},
		{"1.The text", "1.", "The text", famNumber},
		{"1) text", "1)", "text", famNumber},
		{"(1) text", "(1)", "text", famParen},
		{"10.5. text", "10.5.", "text", famMulti},
		{"10.5 text", "10.5", "text", famMulti},
		{"• text", "•", "text", "bullet•"},
		{"– text", "–", "text", "bullet–"},
		{"◦ text", "◦", "text", "bullet◦"},
		{"▪ text", "▪", "text", "bullet▪"},
		{"3.", "3.", "", famNumber},
	}
	for _, tt := range tests {
		l, rest, ok := matchLabel([]byte(tt.line))
		if !ok || l.text != tt.label || l.fam != tt.fam || strings.TrimSpace(tt.line[rest:]) != tt.text {
			t.Errorf("matchLabel(%q) = %q %s, text %q, %v; want %q %s, text %q", tt.line, l.text, l.fam, tt.line[rest:], ok, tt.label, tt.fam, tt.text)
		}
	}
	for _, line := range []string{"(to) be", "(ab) x", "1.5million", "2024 was a year", "\\(a) x", "2024\\. A year", "11\\, x", "a\\) x", "•text", "(a)text", "Text (a) x"} {
		if l, _, ok := matchLabel([]byte(line)); ok {
			t.Errorf("matchLabel(%q) = %q; want no label", line, l.text)
		}
	}
}

// TestTreeShapes: small texts and the trees they make.
func TestTreeShapes(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"label alone, its text after it", "1. One.\n\n2.\n\nTwo, printed under its number.\n\n(a)\n\nA, likewise.\n",
			"para_1 paragraph [1.] \"One.\"\npara_2 paragraph [2.] \"Two, printed under its…\"\n  para_2__subpara_a subparagraph [(a)] \"A, likewise.\"\n"},
		{"no space after the number", "1.The first.\n\n2.The second.\n",
			"para_1 paragraph [1.] \"The first.\"\npara_2 paragraph [2.] \"The second.\"\n"},
		{"multi-level numbers nest under their number", "1. One.\n\n1.1. One one.\n\n1.2 One two.\n\n2. Two.\n",
			"para_1 paragraph [1.] \"One.\"\n  para_1__para_1.1 paragraph [1.1.] \"One one.\"\n  para_1__para_1.2 paragraph [1.2] \"One two.\"\npara_2 paragraph [2.] \"Two.\"\n"},
		{"(i) after (h) is a letter", "1. One:\n\n(a) a\n\n(b) b\n\n(c) c\n\n(d) d\n\n(e) e\n\n(f) f\n\n(g) g\n\n(h) h\n\n(i) i\n\n(j) j\n",
			"para_1 paragraph [1.] \"One:\"\n" + func() string {
				var b strings.Builder
				for _, c := range "abcdefghij" {
					b.WriteString("  para_1__subpara_" + string(c) + " subparagraph [(" + string(c) + ")] \"" + string(c) + "\"\n")
				}
				return b.String()
			}()},
		{"(i) after (a) is a roman numeral", "1. One:\n\n(a) a:\n\n(i) one;\n\n(ii) two;\n\n(b) b.\n",
			"para_1 paragraph [1.] \"One:\"\n  para_1__subpara_a subparagraph [(a)] \"a:\"\n    para_1__subpara_a__point_i point [(i)] \"one;\"\n    para_1__subpara_a__point_ii point [(ii)] \"two;\"\n  para_1__subpara_b subparagraph [(b)] \"b.\"\n"},
		{"indented paragraphs continue the labelled one above", "1. One.\n\n   One, again.\n\n(a) A.\n\n    A, again.\n\nPlain.\n",
			"para_1 paragraph [1.] \"One.\" \"One, again.\"\n  para_1__subpara_a subparagraph [(a)] \"A.\" \"A, again.\"\np_1 p \"Plain.\"\n"},
		{"escaped labels are text", "\\(a) is a letter.\n\n2024\\. A year.\n\n&#8226; A bullet.\n",
			"p_1 p \"(a) is a letter.\"\np_2 p \"2024. A year.\"\np_3 p \"• A bullet.\"\n"},
		{"bullets of two kinds nest", "• One\n\n◦ One a\n\n◦ One b\n\n• Two\n",
			"item_1 item [•] \"One\"\n  item_1__item_1 item [◦] \"One a\"\n  item_1__item_2 item [◦] \"One b\"\nitem_2 item [•] \"Two\"\n"},
		{"a CommonMark bullet list", "The leaders agreed:\n\n- to meet;\n- to talk.\n",
			"p_1 p \"The leaders agreed:\"\nitem_1 item [-] \"to meet;\"\nitem_2 item [-] \"to talk.\"\n"},
		{"(1) is a level of its own", "1. One:\n\n(1) one;\n\n(2) two.\n\n2. Two.\n",
			"para_1 paragraph [1.] \"One:\"\n  para_1__para_1 paragraph [(1)] \"one;\"\n  para_1__para_2 paragraph [(2)] \"two.\"\npara_2 paragraph [2.] \"Two.\"\n"},
		{"a nested list nests", "1. One:\n   1. One one;\n   2. One two.\n2. Two.\n",
			"para_1 paragraph [1.] \"One:\"\n  para_1__para_1 paragraph [1.] \"One one;\"\n  para_1__para_2 paragraph [2.] \"One two.\"\npara_2 paragraph [2.] \"Two.\"\n"},
		{"plain paragraphs are the body when nothing numbered follows", "One.\n\nTwo.\n\n## Heading\n\nThree.\n",
			"p_1 p \"One.\"\np_2 p \"Two.\"\nsec_1 section # \"Heading\"\n  sec_1__p_1 p \"Three.\"\n"},
		{"plain paragraphs before an article are the preamble", "The Parties,\n\nHave agreed:\n\n## Article 1 – Scope\n\nText.\n",
			"preamble__p_1 \"The Parties,\"\npreamble__p_2 \"Have agreed:\"\nart_1 article [Article 1] # \"Scope\"\n  art_1__p_1 p \"Text.\"\n"},
		{"headings of every kind", "# PART ONE\n\n## Title III\n\n### Section 2\n\n#### ARTICLE 7bis\n\nText.\n\n# IV – Energy\n\nText.\n\n# A. Trade\n\nText.\n",
			"part_1 part [PART ONE]\n  title_III title [Title III]\n    sec_2 section [Section 2]\n      art_7bis article [ARTICLE 7bis]\n        art_7bis__p_1 p \"Text.\"\nsec_IV section [IV] # \"Energy\"\n  sec_IV__p_1 p \"Text.\"\nsec_A section [A.] # \"Trade\"\n  sec_A__p_1 p \"Text.\"\n"},
		{"articles numbered by section", "## Article 1.1: Tariffs\n\nText.\n\n## Article 1.2: Quotas\n\nMore.\n",
			"art_1.1 article [Article 1.1] # \"Tariffs\"\n  art_1.1__p_1 p \"Text.\"\nart_1.2 article [Article 1.2] # \"Quotas\"\n  art_1.2__p_1 p \"More.\"\n"},
		{"the heading after an article's is its title", "## Article 7\n\n### Definitions\n\n1. Text.\n\n### Other\n\nMore.\n",
			"art_7 article [Article 7] # \"Definitions\"\n  art_7__para_1 paragraph [1.] \"Text.\"\n  art_7__sec_1 section # \"Other\"\n    art_7__sec_1__p_1 p \"More.\"\n"},
		{"attachments end the body; their headings are sections", "1. Text.\n\n# Annex\n\nAs follows.\n\n## Lists\n\n1. One.\n\n# Protocol on Trade\n\nText.\n\n# Final Act\n\nText.\n\n## Schedule of meetings\n\nMore.\n\n# Schedule 2\n\nLast.\n",
			"para_1 paragraph [1.] \"Text.\"\n-- attachments\natt_1 attachment [Annex]\n  att_1__p_1 p \"As follows.\"\n  att_1__sec_1 section # \"Lists\"\n    att_1__para_1 paragraph [1.] \"One.\"\natt_2 attachment [Protocol] # \"Protocol on Trade\"\n  att_2__p_1 p \"Text.\"\natt_3 attachment [Final Act]\n  att_3__p_1 p \"Text.\"\n  att_3__sec_1 section # \"Schedule of meetings\"\n    att_3__sec_1__p_1 p \"More.\"\natt_4 attachment [Schedule 2]\n  att_4__p_1 p \"Last.\"\n"},
		{"a preamble block whatever follows", "::: preamble\nThe Parties,\n\nConsidering (a) and (b),\n:::\n\nThey agreed.\n",
			"preamble__p_1 \"The Parties,\"\npreamble__p_2 \"Considering (a) and (b),\"\np_1 p \"They agreed.\"\n"},
		{"remarks are their lines up to a blank one", "Text.\n\n::: remark\nReleased by\nthe press office.\n\n###\n:::\n",
			"p_1 p \"Text.\"\n-- remarks\nremark_1 remark \"Released by the press…\"\nremark_2 remark \"###\"\n"},
		{"conclusions by their words", "Text.\n\n::: conclusions\nIN WITNESS WHEREOF they signed.\nDone in Lorvik, in two copies.\nLorvik, 3 March 2024\nFor Aland:\n:::\n",
			"p_1 p \"Text.\"\n-- conclusions\nconclusions__formula_1 formula \"IN WITNESS WHEREOF they…\"\nconclusions__formula_2 formula \"Done in Lorvik, in…\"\nconclusions__dateline_1 dateline \"Lorvik, 3 March 2024\"\nconclusions__signature_1 signature \"For Aland:\"\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, errs := Parse("documents/x.md", []byte(doc(goodFront, tt.body)))
			if errs != nil {
				t.Fatal(errs)
			}
			if got := dumpTree(d); got != tt.want {
				t.Errorf("tree:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// TestNotesAndTables: a marker links to its note and the note back; the
// marker is not text; a table keeps its HTML and its cells' text.
func TestNotesAndTables(t *testing.T) {
	d, errs := Parse("documents/x.md", []byte(doc(goodFront, "1. Agreed.[^a] Again.[^a]\n\n[^a]: A *note*.\n\n| A | B |\n|---|---|\n| x & y | 2 |\n")))
	if errs != nil {
		t.Fatal(errs)
	}
	p := d.Clauses[0].Paragraphs[0]
	if p.Text != "Agreed. Again." {
		t.Errorf("text with markers = %q", p.Text)
	}
	if want := `Agreed.<sup class="noteref"><a href="#note_a" id="ref_note_a">a</a></sup> Again.<sup class="noteref"><a href="#note_a">a</a></sup>`; p.HTML != want {
		t.Errorf("HTML with markers =\n%s\nwant\n%s", p.HTML, want)
	}
	n := d.Notes[0]
	if n.EID() != "note_a" || n.Label != "a" || n.Paragraphs[0].Text != "A note." ||
		n.Paragraphs[0].HTML != `A <em>note</em>. <a href="#ref_note_a" class="noteback" aria-label="Back to the text">↩</a>` {
		t.Errorf("note %s [%s] %q %q", n.EID(), n.Label, n.Paragraphs[0].Text, n.Paragraphs[0].HTML)
	}
	tb := d.Clauses[1]
	if tb.EID() != "table_1" || tb.Paragraphs[0].Text != "A B x & y 2" || !strings.HasPrefix(tb.Paragraphs[0].HTML, "<table>") || !strings.Contains(tb.Paragraphs[0].HTML, "<td>x &amp; y</td>") {
		t.Errorf("table %s %q %q", tb.EID(), tb.Paragraphs[0].Text, tb.Paragraphs[0].HTML)
	}
}

// TestOverrideAnyProvision: the front matter classifies any provision by
// its eId.
func TestOverrideAnyProvision(t *testing.T) {
	front := goodFront + "classification:\n  art_2__para_1__subpara_b:\n    topics: [trade]\n  sec_1__p_1:\n    commitments: [{type: support, phrase: welcomed}]\n"
	body := "## Article 2\n\n1. The Parties:\n\n(a) meet;\n\n(b) trade.\n\n# Climate\n\nThey welcomed it.\n"
	d, errs := Parse("documents/x.md", []byte(doc(front, body)))
	if errs != nil {
		t.Fatal(errs)
	}
	b, _ := d.Provision("art_2__para_1__subpara_b")
	if b.Override == nil || len(b.Override.Topics) != 1 {
		t.Errorf("override of art_2__para_1__subpara_b = %+v", b.Override)
	}
	p, _ := d.Provision("sec_1__p_1")
	if p.Override == nil || p.Override.Commitments[0].Paragraph != p.Paragraphs[0] {
		t.Errorf("override of sec_1__p_1 = %+v", p.Override)
	}
	_, errs = Parse("documents/x.md", []byte(doc(goodFront+"classification:\n  art_9:\n    topics: [trade]\n", body)))
	if len(errs) != 1 || errs[0].Error() != "documents/x.md:7: classification: there is no provision art_9" {
		t.Errorf("errors = %v", errs)
	}
}

// TestBidiInTheTree: a bidi control in a heading, a sub-paragraph or a
// signature is confirmed by the eId of its provision.
func TestBidiInTheTree(t *testing.T) {
	body := "## Article 2 – \u200FScope\n\n1. The Parties:\n\n(a) meet \u200F;\n\n::: conclusions\nFor Aland: \u200FA. Example\n:::\n"
	_, errs := Parse("documents/x.md", []byte(doc(goodFront, body)))
	var units []string
	for _, e := range errs {
		_, u, _ := strings.Cut(e.Msg, "confirm it by listing ")
		u, _, _ = strings.Cut(u, " ")
		units = append(units, u)
	}
	if got := strings.Join(units, " "); got != "art_2 art_2__para_1__subpara_a conclusions__signature_1" {
		t.Errorf("units = %s; errors %v", got, errs)
	}
	if _, errs := Parse("documents/x.md", []byte(doc(goodFront+"bidi: [art_2, art_2__para_1__subpara_a, conclusions__signature_1]\n", body))); errs != nil {
		t.Errorf("confirmed: %v", errs)
	}
}
