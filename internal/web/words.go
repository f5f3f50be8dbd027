package web

import "github.com/accord-archive/accord/internal/archive"

// The site's words for its units of text. A "paragraph" is a numbered
// paragraph (para_3, cited "para. 3", at /clauses/3) or a paragraph of the
// preamble; a "provision" is any unit of a document's tree (an article, a
// section, a point, an annex, a paragraph). The code still says Clause
// for a numbered paragraph: its addresses and its JSON keep the word.

// unitWord is what a page calls c: "paragraph" for a numbered paragraph,
// "provision" for any other unit of the tree.
func unitWord(c *archive.Provision) string {
	if c.Number > 0 {
		return "paragraph"
	}
	return "provision"
}

// unitCount counts d's units as its page lists them: a statement made
// only of numbered paragraphs has "9 paragraphs", any other text "40
// provisions".
func unitCount(d *archive.Document) string {
	if flat(d) {
		return plural(len(d.Clauses), "paragraph", "paragraphs")
	}
	return plural(len(d.Clauses), "provision", "provisions")
}
