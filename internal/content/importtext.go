package content

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// textRole is what import makes of a line of text.
type textRole int

const (
	roleText       textRole = iota // a paragraph: of the body, or continuing a labelled one
	roleLabel                      // a labelled paragraph
	roleHeading                    // a heading
	roleTitle                      // the words of the heading just before it: an article's title
	rolePreamble                   // a recital
	roleConclusion                 // a formula, dateline or signature after the text
	roleRemark                     // a publisher's mark
	roleNote                       // a footnote's text
)

// textItem is one non-empty line of the input and what import makes of it.
type textItem struct {
	line int    // in the input, 1-based
	text string // as printed (a label alone on its line and its text are joined)

	lab     lineLabel
	head    lineHeading
	plain   bool // may be a heading of its own, by its shape
	role    textRole
	kind    headKind // a heading's kind
	level   int      // a heading's level
	inAtt   bool     // in an attachment
	fenced  bool     // a preamble written in a fenced block
	noteN   string   // a note's number
	noteT   string   // a note's text
	noteRef int      // the line of a note's first marker
}

// textLayout is the Markdown import writes for a text's lines, and the input
// line of each line of that Markdown.
type textLayout struct {
	md    strings.Builder
	lines []int // lines[i] is the input line of the Markdown's line i+1, or 0
}

func (l *textLayout) add(inLine int, s string) {
	l.md.WriteString(s)
	l.md.WriteByte('\n')
	l.lines = append(l.lines, inLine)
}

// arrange reads the text's lines — lines[i] is input line first+i+1 —
// and says what each is, telling note what it guessed and what it could
// not place.
func arrange(name string, lines []string, first int, m *ImportMeta) []*textItem {
	// What it tells, it tells in the order of the input's lines.
	type told struct {
		line int
		msg  string
	}
	var notes []told
	note := func(line int, format string, args ...any) {
		notes = append(notes, told{line, fmt.Sprintf("%s:%d: ", name, line) + fmt.Sprintf(format, args...)})
	}
	defer func() {
		slices.SortStableFunc(notes, func(a, b told) int { return a.line - b.line })
		for _, n := range notes {
			if m.Note != nil {
				m.Note(n.msg)
			}
		}
	}()
	var items []*textItem
	for i, l := range lines {
		if l != "" {
			items = append(items, &textItem{line: first + i + 1, text: l})
		}
	}
	// A label alone on its line is joined with the text on the next.
	for i := 0; i+1 < len(items); i++ {
		it, next := items[i], items[i+1]
		if !lone(it.text) {
			continue
		}
		if isDigits(it.text) {
			note(it.line, "a number alone on its line, with no full stop: kept as a paragraph of its own; if it numbers the next paragraph, write %q", it.text+". ")
			continue
		}
		if _, ok := labelOf(next.text); ok || remark(next.text) {
			continue
		}
		if _, ok := structuralHeading(next.text); ok {
			continue
		}
		it.text += " " + next.text
		items = slices.Delete(items, i+1, i+2)
		note(it.line, "label %q alone on its line: joined with the text on line %d", strings.Fields(it.text)[0], next.line)
	}
	for _, it := range items {
		if remark(it.text) {
			it.role = roleRemark
			note(it.line, "%s: a publisher's mark, fenced as ::: remark", clip(it.text))
			continue
		}
		if h, ok := structuralHeading(it.text); ok {
			it.head, it.role, it.kind = h, roleHeading, h.kind
			continue
		}
		if lab, ok := labelOf(it.text); ok {
			it.lab, it.role = lab, roleLabel
			continue
		}
		it.plain = plainHeading(it.text, m.Language)
	}
	for _, it := range items {
		if it.role == roleLabel && strings.TrimSpace(it.lab.rest) == "" {
			// A label with no text after it, on the last line or before
			// one that cannot be its text.
			it.role = roleText
			note(it.line, "label %q with no text: kept as a paragraph of its own", it.text)
		}
	}
	sequence(items, note)
	footnotes(items, note)
	preamble(items, note)
	attachments(items)
	conclusions(items, m.Language, note)
	headings(items, m.Title, note)
	for _, it := range items {
		if (it.role == roleConclusion || it.role == roleRemark) && !rawSafe(it.text) {
			it.role = roleText
			note(it.line, "%q cannot be written as printed in a fenced block: kept as a paragraph", clip(it.text))
		}
	}
	settleNotes(items, note)
	return items
}

// rawSafe is whether a line may be written as printed in a fenced block:
// not a fence's own line, nor a footnote's marker, which the loader reads
// there too.
func rawSafe(s string) bool {
	return !strings.HasPrefix(s, ":::") && !strings.Contains(s, "[^")
}

// settleNotes keeps as footnotes the notes marked in text written as
// Markdown: conclusions and remarks are written as printed, and a
// marker there is kept as printed, its note as a paragraph.
func settleNotes(items []*textItem, note func(int, string, ...any)) {
	marked := map[string]bool{}
	for _, it := range items {
		if it.role != roleNote && it.role != roleConclusion && it.role != roleRemark {
			for _, mk := range markersOf(it.text) {
				marked[mk.n] = true
			}
		}
	}
	for _, it := range items {
		if it.role != roleNote {
			continue
		}
		if marked[it.noteN] {
			note(it.line, "footnote %s, referred to on line %d", it.noteN, it.noteRef)
		} else {
			it.role = roleText
			note(it.line, "note %s is referred to only in lines kept as printed (line %d): kept as a paragraph", it.noteN, it.noteRef)
		}
	}
}

// sequence keeps as labels the numbers that number paragraphs in order:
// the next number, or 1 again, or a small gap or a repeat (which check
// reports); "2024. A year …" is text. A comma instead of the full stop
// ("11,") and a missing space ("1.The") are read only for the next
// number. Numbering restarts in each article and annex, and "(1)" under
// each "1.".
func sequence(items []*textItem, note func(int, string, ...any)) {
	// "1." and "(1)" are numbered apart: "(1)" numbers the paragraphs of
	// an article, or those under a "1.".
	var dot, paren int
	for _, it := range items {
		if it.role == roleHeading && (it.kind == headArticle || it.kind == headAnnex) {
			dot, paren = 0, 0
		}
		if it.role != roleLabel || it.lab.fam != lfNumber {
			continue
		}
		prevp := &dot
		if it.lab.paren {
			prevp = &paren
		} else {
			paren = 0
		}
		prev := *prevp
		n := it.lab.num
		ok := n == prev+1
		if !it.lab.comma && !it.lab.glued {
			ok = ok || n == 1 || n == prev || (n > prev && n <= prev+5)
		}
		if !ok {
			it.role = roleText
			if prev == 0 {
				note(it.line, "%q is not read as a paragraph's number: no paragraph is numbered before it; kept as text", it.lab.text)
			} else {
				note(it.line, "%q is not read as a paragraph's number: the one before is %d; kept as text", it.lab.text, prev)
			}
			continue
		}
		if n != prev+1 && n != 1 {
			note(it.line, "paragraph %d follows %d: kept as printed", n, prev)
		}
		if it.lab.comma {
			note(it.line, "%q read as paragraph %d, with a comma for its full stop", it.lab.text, n)
		}
		*prevp = n
	}
}

// footnotes finds the footnotes: a line starting with the marker of a note
// the text has referred to.
func footnotes(items []*textItem, note func(int, string, ...any)) {
	pending := map[string]int{} // marker number → line of its first use
	noted := map[string]bool{}
	plain := false // the notes are numbered plainly: "1 Noting …"
	for _, it := range items {
		if it.role == roleRemark {
			continue
		}
		if n, t, ok := noteOf(it.text, true); ok && pending[n] > 0 && !noted[n] {
			if _, bracket, _ := noteOf(it.text, false); bracket != "" || plain || it.lab.fam == lfNone {
				it.role, it.noteN, it.noteT, it.noteRef = roleNote, n, t, pending[n]
				noted[n] = true
				plain = plain || startsDigit(it.text)
				continue
			}
		}
		for _, mk := range markersOf(it.text) {
			if mk.n != "" && pending[mk.n] == 0 {
				pending[mk.n] = it.line
			}
		}
	}
	for n, line := range pending {
		if !noted[n] {
			note(line, "footnote marker %s has no note after it: kept as printed", n)
		}
	}
}

// operative is whether an item starts the operative text: a numbered
// paragraph, or a part, chapter, article or annex.
func operative(it *textItem) bool {
	switch it.role {
	case roleLabel:
		return it.lab.fam == lfNumber || it.lab.fam == lfMulti
	case roleHeading:
		return it.kind != headPlain
	}
	return false
}

// preamble finds the recitals of a resolution or a treaty: from the
// organ's or the parties' line ("The Security Council,", "The Parties to
// this Agreement,") — with the title and lines like it above — to "Have
// agreed as follows:" or the first numbered paragraph or article. They
// are fenced unless the format's own rule makes them the preamble.
func preamble(items []*textItem, note func(int, string, ...any)) {
	end := len(items)
	for i, it := range items {
		if operative(it) {
			end = i
			break
		}
	}
	open := -1
	for i := range end {
		if items[i].role == roleText && opening(items[i].text) {
			open = i
			break
		}
	}
	if open < 0 {
		return
	}
	start := open
	for start > 0 && (items[start-1].role == roleText) {
		start--
	}
	// To "Have agreed as follows:", or the last line before the first
	// numbered paragraph or article (every line of a resolution's
	// preamble is a recital, whatever its shape); or, when none follows,
	// through the lines shaped as recitals — ending in "," ";" or ":", or
	// opening with a participle, or the items a recital lists — so that
	// a text with no numbered paragraph after its recitals keeps its body.
	last := -1
	for i := open; i < end; i++ {
		if items[i].role == roleText && agreed(items[i].text) {
			last = i
			break
		}
	}
	if last < 0 && end < len(items) {
		last = end - 1
	}
	if last < 0 {
		last = open
		for i := open + 1; i < end && recitalShaped(items[i]); i++ {
			last = i
		}
	}
	for i := start; i <= last; i++ {
		if items[i].role == roleRemark || items[i].role == roleNote {
			continue
		}
		items[i].role, items[i].plain = rolePreamble, false
	}
	// The format reads unlabelled paragraphs at the start, before any
	// heading, as the preamble when a numbered paragraph or an article,
	// chapter or part follows them.
	auto := start == 0 && last+1 < len(items)
	if auto {
		next := items[last+1]
		auto = next.role == roleLabel && next.lab.fam == lfNumber ||
			next.role == roleHeading && (next.kind == headArticle || next.kind == headChapter || next.kind == headPart)
	}
	for i := start; i <= last; i++ {
		if items[i].role == rolePreamble && !auto {
			items[i].fenced = true
		}
	}
	how := "read by the format's rule"
	if !auto {
		how = "fenced as ::: preamble"
	}
	note(items[start].line, "preamble of lines %d-%d (from %q): %s", items[start].line, items[last].line, clip(items[open].text), how)
}

// recitalShaped is whether a line may be a recital: text ending as one
// does or opening with a participle, an item a recital lists, or a
// publisher's mark or note among them.
func recitalShaped(it *textItem) bool {
	switch it.role {
	case roleRemark, roleNote:
		return true
	case roleLabel:
		return it.lab.fam == lfLetter || it.lab.fam == lfRoman || it.lab.fam == lfBullet
	case roleText:
		return recital(it.text) || strings.HasSuffix(it.text, ",") || strings.HasSuffix(it.text, ";") || strings.HasSuffix(it.text, ":")
	}
	return false
}

// attachments marks what follows the first annex heading after the body.
func attachments(items []*textItem) {
	in := false
	for _, it := range items {
		if it.role == roleHeading && it.kind == headAnnex {
			in = true
		}
		it.inAtt = in
	}
}

// closing is whether a line may be part of what closes a text: a formula,
// dateline or signature, or a name or title, which is short and has no
// final punctuation.
func closing(it *textItem, lang string) bool {
	switch it.role {
	case roleRemark, roleNote:
		return true
	case rolePreamble:
		return false
	case roleLabel:
		if it.lab.fam != lfBullet && it.lab.fam != lfLetter {
			return false
		}
	case roleHeading:
		if it.kind == headAnnex {
			return false
		}
	}
	if formula(it.text) || signature(it.text) || headingLike(it.text) {
		return true
	}
	if _, ok, _ := parseDateline(it.text, lang); ok {
		return true
	}
	// A name and title on one line: "Jane Example, President of Aland".
	return len(strings.Fields(it.text)) <= 10 && !strings.ContainsAny(it.text[len(it.text)-1:], ".;:!?")
}

// nameLike is whether a line may be a signatory's name or title.
func nameLike(it *textItem) bool {
	switch it.role {
	case roleText:
	case roleHeading:
		if it.kind != headLetter && it.kind != headPlain {
			return false
		}
	default:
		return false
	}
	return headingLike(it.text) || signature(it.text)
}

// closer is whether a line certainly closes a text.
func closer(it *textItem, lang string) bool {
	if it.role == rolePreamble || it.role == roleRemark || it.role == roleNote {
		return false
	}
	if formula(it.text) || signature(it.text) {
		return true
	}
	_, ok, _ := parseDateline(it.text, lang)
	return ok
}

// conclusions finds what closes the body — before the first annex, or at
// the end — and any dateline inside the text: the formulas, datelines,
// signatures and the names and titles of those who made it.
func conclusions(items []*textItem, lang string, note func(int, string, ...any)) {
	end := len(items)
	for i, it := range items {
		if it.inAtt {
			end = i
			break
		}
	}
	// The closing lines: a run at the end of the body of lines that may
	// close it, starting at one that certainly does (a formula, a
	// dateline, a signature), or else a run of names and titles after
	// the text.
	start := end
	for start > 0 && closing(items[start-1], lang) {
		start--
	}
	for start < end && !closer(items[start], lang) && items[start].role != roleText && items[start].role != roleHeading {
		start++
	}
	firstCloser := -1
	for i := start; i < end; i++ {
		if closer(items[i], lang) {
			firstCloser = i
			break
		}
	}
	if firstCloser >= 0 {
		start = firstCloser
	} else {
		// Names and titles after the text, with no formula or date: each
		// line a heading's shape, or a signatory's.
		start = end
		for start > 0 && (nameLike(items[start-1]) || items[start-1].role == roleRemark || items[start-1].role == roleNote) {
			start--
		}
		if start == 0 || items[start-1].role == roleHeading {
			start = end
		}
	}
	for start < end && (items[start].role == roleRemark || items[start].role == roleNote) {
		start++
	}
	if start < end && start > 0 {
		for i := start; i < end; i++ {
			if items[i].role != roleRemark && items[i].role != roleNote {
				items[i].role, items[i].plain = roleConclusion, false
			}
		}
		note(items[start].line, "closing lines %d-%d (from %q): fenced as ::: conclusions", items[start].line, items[end-1].line, clip(items[start].text))
	}
	// A dateline inside the text.
	for i, it := range items[:min(start, end)] {
		if i == 0 || it.role != roleText {
			continue
		}
		if _, ok, _ := parseDateline(it.text, lang); ok {
			it.role = roleConclusion
			note(it.line, "dateline inside the text: fenced as ::: conclusions")
		}
	}
}

// headings settles the headings: a short line after a part, chapter,
// article or annex heading is its title; a short line of its own shape
// is a heading unless it ends a list's lead-in, is followed by a
// sentence's continuation, or is the document's title at the top; and
// each heading gets its level.
func headings(items []*textItem, title string, note func(int, string, ...any)) {
	for i, it := range items {
		if it.role != roleHeading || it.head.title {
			continue
		}
		switch it.kind {
		case headPart, headChapter, headTitle, headSection, headArticle, headAnnex:
		default:
			continue
		}
		if i+1 < len(items) && items[i+1].role == roleText && titleLike(items[i+1].text) {
			items[i+1].role, items[i+1].plain = roleTitle, false
			note(items[i+1].line, "%q read as the title of %q", clip(items[i+1].text), it.text)
		}
	}
	// The first line of text, after any publisher's marks: the title if
	// it is the one given, or if no other line is a heading's shape.
	first := 0
	for first < len(items) && items[first].role == roleRemark {
		first++
	}
	others := false
	for _, it := range items[min(first+1, len(items)):] {
		others = others || it.role == roleHeading || it.plain && it.role == roleText
	}
	list := false // in the lines a line ending in ":" leads into
	for i, it := range items {
		list = i > 0 && (strings.HasSuffix(items[i-1].text, ":") || list && items[i-1].plain && items[i-1].role == roleText)
		if !it.plain || it.role != roleText {
			continue
		}
		switch {
		case i == first && (sameTitle(it.text, title) || !others):
			note(it.line, "%q read as the title: kept as the first paragraph", clip(it.text))
			continue
		case i+1 >= len(items):
			continue
		case startsLower(items[i+1].text):
			continue // a line broken in a sentence
		case list:
			continue // an item of the list a line before leads into
		}
		it.role, it.kind = roleHeading, headPlain
		note(it.line, "heading %q guessed from its shape", clip(it.text))
	}
	// A one-letter heading that may be a roman numeral ("C.", "I.") is a
	// letter after the letter before it, and a numeral otherwise.
	prevLetter := ""
	for _, it := range items {
		if it.role != roleHeading || (it.kind != headRoman && it.kind != headLetter) {
			continue
		}
		lab := strings.TrimRight(strings.Fields(it.text)[0], ".")
		if len(lab) == 1 && strings.Contains("IVXLC", lab) {
			if prevLetter != "" && prevLetter[0]+1 == lab[0] {
				it.kind = headLetter
			} else {
				it.kind = headRoman
			}
		}
		if it.kind == headLetter {
			prevLetter = lab
		}
	}
	// Levels: the kinds present, in their order, from the top; an
	// attachment's headings under it.
	for _, att := range []bool{false, true} {
		present := map[headKind]bool{}
		for _, it := range items {
			if it.role == roleHeading && it.inAtt == att && it.kind != headAnnex {
				present[it.kind] = true
			}
		}
		for _, it := range items {
			if it.role != roleHeading || it.inAtt != att {
				continue
			}
			if it.kind == headAnnex {
				it.level = 1
				continue
			}
			level := 1
			if att {
				level = 2
			}
			for k := headPart; k < it.kind; k++ {
				if present[k] {
					level++
				}
			}
			it.level = min(level, 6)
		}
	}
	for i, it := range items {
		if it.role == roleTitle {
			it.level = min(items[i-1].level+1, 6)
		}
	}
}

// sameTitle is whether a line is the title, as given, in any case.
func sameTitle(line, title string) bool {
	norm := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
	return title != "" && norm(line) == norm(title)
}

func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// writeItems writes the Markdown of the arranged items.
func writeItems(items []*textItem) *textLayout {
	out := &textLayout{}
	noted := map[string]bool{}
	for _, it := range items {
		if it.role == roleNote {
			noted[it.noteN] = true
		}
	}
	inline := func(s string, escape func(string) string) string { return inline(s, escape, noted) }
	fence := ""
	indent := ""
	for i, it := range items {
		f := ""
		switch {
		case it.role == rolePreamble && it.fenced:
			f = "preamble"
		case it.role == roleConclusion:
			f = "conclusions"
		case it.role == roleRemark:
			f = "remark"
		}
		if f != fence {
			if fence != "" {
				out.add(0, ":::")
			}
			if i > 0 {
				out.add(0, "")
			}
			if f != "" {
				out.add(it.line, "::: "+f)
			}
			fence = f
		} else if i > 0 {
			out.add(0, "")
		}
		switch f {
		case "preamble":
			out.add(it.line, inline(it.text, escapeText))
			indent = ""
			continue
		case "conclusions", "remark":
			// The loader reads these lines as printed, not as Markdown.
			out.add(it.line, it.text)
			indent = ""
			continue
		}
		switch it.role {
		case roleHeading, roleTitle:
			text := it.text
			if it.role == roleHeading && it.kind != headPlain {
				// "Article 7" with a no-break space is read as an article.
				text = strings.Map(func(r rune) rune {
					if unicode.Is(unicode.Zs, r) {
						return ' '
					}
					return r
				}, text)
			}
			out.add(it.line, strings.Repeat("#", it.level)+" "+inline(text, escapeHeading))
			indent = ""
		case roleNote:
			out.add(it.line, "[^"+it.noteN+"]: "+inline(it.noteT, escapeMarkdown))
		case roleLabel:
			// The label as printed, then one space (a no-break space or two
			// after a label read as one), or none after "1.The".
			prefix := it.lab.text + " "
			if it.lab.glued {
				prefix = it.lab.text
			}
			out.add(it.line, prefix+inline(it.lab.rest, escapeMarkdown))
			// The unlabelled lines after a numbered paragraph continue it,
			// indented under it as a list item's are.
			indent = ""
			if it.lab.fam == lfNumber || it.lab.fam == lfMulti {
				indent = strings.Repeat(" ", max(len(prefix), 3))
			}
		default:
			out.add(it.line, indent+inline(it.text, escapeText))
		}
	}
	if fence != "" {
		out.add(0, ":::")
	}
	return out
}

// inline escapes a line's text with escape, writing its footnote markers
// as [^n].
func inline(s string, escape func(string) string, noted map[string]bool) string {
	mks := markersOf(s)
	if len(mks) == 0 {
		return escape(s)
	}
	var b strings.Builder
	at := 0
	for _, mk := range mks {
		if mk.n == "" || !noted[mk.n] {
			continue
		}
		seg := s[at:mk.start]
		if at == 0 {
			seg = escape(seg)
		} else {
			seg = escapeMarkdown(seg)
		}
		if strings.HasSuffix(seg, "!") && !strings.HasSuffix(seg, `\!`) {
			seg = seg[:len(seg)-1] + `\!` // "![^1]" would open an image
		}
		b.WriteString(seg)
		b.WriteString("[^" + mk.n + "]")
		at = mk.end
	}
	if at == 0 {
		return escape(s)
	}
	b.WriteString(escapeMarkdown(s[at:]))
	return b.String()
}
