package content

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The classification of one line of plain text, as published texts are
// copied: one paragraph per line. Each function here looks at one line
// alone; what a line is in its context (a number in sequence, a heading
// that is an article's title, the lines after the text) is import's.

// lineFamily is a label's family, as the content format names them.
type lineFamily int

const (
	lfNone   lineFamily = iota
	lfNumber            // "1." "1)" "(1)" "11," "1.The"
	lfMulti             // "10.5." "10.5"
	lfLetter            // "(a)" "a)" "(aa)", and "(i)" which may be roman
	lfRoman             // "(iv)" "iv)"
	lfBullet            // "•" "–" "◦" "▪" "-" "*"
)

// lineLabel is a label at the start of a line.
type lineLabel struct {
	fam   lineFamily
	text  string // as printed: "1.", "(a)", "•", "11,"
	num   int    // a number label's number; 0 otherwise
	rest  string // the text after it, without the space between
	glued bool   // no space after it: "1.The"
	comma bool   // "11,": a comma where a full stop belongs
	paren bool   // "(1)": a family of its own, numbered apart
}

var (
	txtNumber   = regexp.MustCompile(`^(\d{1,4})([.)])([\s\p{Zs}]+|$)`)
	txtGlued    = regexp.MustCompile(`^(\d{1,4})\.(\p{Lu}|["“‘'(])`)
	txtComma    = regexp.MustCompile(`^(\d{1,4}),[\s\p{Zs}]+(\p{Lu}|["“‘'(])`)
	txtMulti    = regexp.MustCompile(`^(\d{1,3}(?:\.\d{1,3})+)(\.?)[\s\p{Zs}]+(\S|$)`)
	txtParen    = regexp.MustCompile(`^\(([a-z]{1,2}|[ivxlc]{1,6}|[A-Z])\)([\s\p{Zs}]+|$)`)
	txtParenQ   = regexp.MustCompile(`^\(([a-z]{1,2}|[ivxlc]{1,6})\)["“‘']`) // (c)“vessel” means, with no space
	txtHalf     = regexp.MustCompile(`^([a-z]{1,2}|[ivxlc]{1,6})\)([\s\p{Zs}]+|$)`)
	txtBullet   = regexp.MustCompile(`^([•–◦▪·‣○■□—\-*])([\s\p{Zs}]+|$)`)
	txtParenNum = regexp.MustCompile(`^\((\d{1,3})\)([\s\p{Zs}]+|$)`)
	txtRoman    = regexp.MustCompile(`^(?:x{0,3})(?:ix|iv|v?i{0,3})$|^c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$`)
)

// letterLabel is whether what a label's brackets hold is a letter, a
// doubled one ("aa" after "z") or a roman numeral: "(to)" and "(ab)" are
// words.
func letterLabel(s string) bool {
	if len(s) == 1 || len(s) == 2 && s[0] == s[1] && s[0] >= 'a' && s[0] <= 'z' {
		return true
	}
	return txtRoman.MatchString(s)
}

// labelOf reads the label a line starts with. A number is read whatever
// it is; whether it is the next paragraph's is the caller's question.
func labelOf(line string) (lineLabel, bool) {
	if m := txtMulti.FindStringSubmatch(line); m != nil {
		// "10.5. text" or "10.5 Text"; not "1.5 million people".
		rest := strings.TrimSpace(line[len(m[1])+len(m[2]):])
		if m[2] == "." || startsUpper(rest) {
			return lineLabel{fam: lfMulti, text: m[1] + m[2], rest: rest}, true
		}
	}
	if m := txtNumber.FindStringSubmatch(line); m != nil {
		n, _ := strconv.Atoi(m[1])
		return lineLabel{fam: lfNumber, text: m[1] + m[2], num: n, rest: line[len(m[0]):]}, true
	}
	if m := txtParenNum.FindStringSubmatch(line); m != nil {
		n, _ := strconv.Atoi(m[1])
		return lineLabel{fam: lfNumber, text: "(" + m[1] + ")", num: n, rest: line[len(m[0]):], paren: true}, true
	}
	if m := txtGlued.FindStringSubmatch(line); m != nil {
		n, _ := strconv.Atoi(m[1])
		return lineLabel{fam: lfNumber, text: m[1] + ".", num: n, rest: line[len(m[1])+1:], glued: true}, true
	}
	if m := txtComma.FindStringSubmatch(line); m != nil {
		n, _ := strconv.Atoi(m[1])
		return lineLabel{fam: lfNumber, text: m[1] + ",", num: n, rest: strings.TrimSpace(line[len(m[1])+1:]), comma: true}, true
	}
	if m := txtParen.FindStringSubmatch(line); m != nil && letterLabel(m[1]) {
		return lineLabel{fam: letterOrRoman(m[1]), text: "(" + m[1] + ")", rest: line[len(m[0]):]}, true
	}
	if m := txtParenQ.FindStringSubmatch(line); m != nil && letterLabel(m[1]) {
		lab := "(" + m[1] + ")"
		return lineLabel{fam: letterOrRoman(m[1]), text: lab, rest: line[len(lab):], glued: true}, true
	}
	if m := txtHalf.FindStringSubmatch(line); m != nil && letterLabel(m[1]) {
		return lineLabel{fam: letterOrRoman(m[1]), text: m[1] + ")", rest: line[len(m[0]):]}, true
	}
	if m := txtBullet.FindStringSubmatch(line); m != nil {
		rest := line[len(m[0]):]
		if rest == "" && (m[1] == "-" || m[1] == "*") {
			return lineLabel{}, false // a rule, not a bullet
		}
		return lineLabel{fam: lfBullet, text: m[1], rest: rest}, true
	}
	return lineLabel{}, false
}

// letterOrRoman: "(i)", "(v)", "(x)" are letters or numerals by what
// precedes them, which the loader decides; longer numerals are roman.
func letterOrRoman(s string) lineFamily {
	if len(s) > 1 && txtRoman.MatchString(s) {
		return lfRoman
	}
	return lfLetter
}

// headKind is the kind of a heading, in the order of their levels: a part
// holds chapters, a chapter articles.
type headKind int

const (
	headNone    headKind = iota
	headPart             // "PART ONE", "Part I"
	headChapter          // "CHAPTER II"
	headTitle            // "Title III"
	headSection          // "Section 2"
	headRoman            // "I. Energy", "IV – Energy"
	headLetter           // "A. Trade"
	headPlain            // "Energy and Connectivity": guessed
	headArticle          // "Article 7", "ARTICLE 7 – Definitions"
	headAnnex            // "ANNEX I", "Protocol", "Appendix", "Final Act"
)

// lineHeading is a heading line read.
type lineHeading struct {
	kind  headKind
	title bool // words follow the label on the line: "Article 7 – Definitions"
}

const txtNumWord = `(?:ONE|TWO|THREE|FOUR|FIVE|SIX|SEVEN|EIGHT|NINE|TEN|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|[IVXLC]+|\d{1,3}(?:\.\d{1,3})*|[A-Z])`

var (
	// A structural heading: its word, a number, then nothing or a title
	// after a dash or colon.
	txtStruct        = regexp.MustCompile(`^(?i:(part|chapter|title|section|article|art\.|annexe|annex|appendix|protocol|schedule|attachment|enclosure))(?:[\s\p{Zs}]+(` + txtNumWord + `(?:[\s\p{Zs}]*(?:bis|ter|quater))?)\b)?([\s\p{Zs}]*(?:[-–—:.][\s\p{Zs}]*)?(.*))$`)
	txtFinalAct      = regexp.MustCompile(`^(?i:final act)$`)
	txtRomanHeading  = regexp.MustCompile(`^([IVXLC]+)(?:\.[\s\p{Zs}]+|[\s\p{Zs}]+[-–—][\s\p{Zs}]+)(\S.*)$`)
	txtLetterHeading = regexp.MustCompile(`^([A-Z])\.[\s\p{Zs}]+(\S.*)$`)
)

// structuralHeading reads a heading that names itself: a part, chapter,
// title, section, article or annex, or "I." and "A." sections.
func structuralHeading(line string) (lineHeading, bool) {
	if txtFinalAct.MatchString(line) {
		return lineHeading{kind: headAnnex}, true
	}
	if m := txtStruct.FindStringSubmatch(line); m != nil {
		word := strings.ToLower(m[1])
		num, after, title := m[2], m[3], m[4]
		// The word alone is a heading only for an annex or the like
		// ("ANNEX", "Protocol"); an article, chapter or part has a number.
		// Words after it make a heading only if set off ("Article 7 –
		// Definitions") and short, never a sentence ("Article 7 of the
		// Charter provides …").
		kind := map[string]headKind{"part": headPart, "chapter": headChapter, "title": headTitle, "section": headSection,
			"article": headArticle, "art.": headArticle, "annex": headAnnex, "annexe": headAnnex, "appendix": headAnnex, "protocol": headAnnex,
			"schedule": headAnnex, "attachment": headAnnex, "enclosure": headAnnex}[word]
		// A schedule, attachment or enclosure is one only with its number.
		numbered := word == "schedule" || word == "attachment" || word == "enclosure"
		if num == "" && (kind != headAnnex || numbered) {
			return lineHeading{}, false
		}
		if kind == headArticle && len(num) == 1 && unicode.IsLetter(rune(num[0])) && !strings.Contains("IVXLC", num) {
			return lineHeading{}, false // "Article A"; but "Part A", "Section A", "Article I"
		}
		if title == "" {
			if strings.TrimSpace(after) != "" && strings.TrimSpace(after) != "." && strings.TrimSpace(after) != ":" {
				return lineHeading{}, false
			}
			// "Protocol" alone is a heading; "Part" or "Title" alone are not.
			return lineHeading{kind: kind}, true
		}
		sep := strings.TrimSpace(after[:len(after)-len(title)])
		if sep == "" && num != "" {
			return lineHeading{}, false // "Article 7 of the Charter"
		}
		if num == "" && sep == "" {
			return lineHeading{}, false // "Protocol on …" is a sentence's start, or a title
		}
		if !headingLike(title) {
			return lineHeading{}, false
		}
		return lineHeading{kind: kind, title: true}, true
	}
	if m := txtRomanHeading.FindStringSubmatch(line); m != nil && headingLike(m[2]) {
		return lineHeading{kind: headRoman, title: true}, true
	}
	if m := txtLetterHeading.FindStringSubmatch(line); m != nil && headingLike(m[2]) {
		return lineHeading{kind: headLetter, title: true}, true
	}
	return lineHeading{}, false
}

// headingLike is whether a line may be a heading's words: short, with no
// final punctuation, starting with a capital, and not a sentence — a
// longer line must be in title case or capitals.
func headingLike(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 120 {
		return false
	}
	first, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(first) && !unicode.IsDigit(first) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	if !unicode.IsLetter(last) && !unicode.IsDigit(last) && last != ')' && last != '”' && last != '"' {
		return false
	}
	words := strings.Fields(s)
	if len(words) > 16 {
		return false
	}
	if len(words) <= 6 || strings.ToUpper(s) == s {
		return true
	}
	capital, long := 0, 0
	for _, w := range words {
		if utf8.RuneCountInString(w) <= 3 {
			continue
		}
		long++
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			capital++
		}
	}
	return long > 0 && capital*10 >= long*7
}

// titleLike is whether a line may be the title of the heading just above
// it ("Entry into force", "Cooperation in the field of trade"): as
// headingLike, but a sentence's case will do, as an article's title
// reads.
func titleLike(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 160 || len(strings.Fields(s)) > 16 {
		return false
	}
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	return (unicode.IsUpper(first) || unicode.IsDigit(first)) &&
		(unicode.IsLetter(last) || unicode.IsDigit(last) || last == ')' || last == '”' || last == '"')
}

// plainHeading is whether a line with no label may be a heading of its
// own ("Energy and Connectivity", "Preamble"): heading-like, not a
// dateline, a signature or a recital, and not starting with a digit.
func plainHeading(line, lang string) bool {
	if !headingLike(line) || startsDigit(line) || signature(line) || recital(line) || remark(line) || formula(line) {
		return false
	}
	if _, ok, amb := parseDateline(line, lang); ok || amb != nil {
		return false
	}
	return true
}

var (
	txtFormula = regexp.MustCompile(`^(?:IN WITNESS WHEREOF|In witness whereof|IN FAITH WHEREOF|In faith whereof|DONE|Done|FAIT|Fait|EN FOI DE QUOI|En foi de quoi|HECHO|Hecho|SIGNED|Signed|GESCHEHEN|Geschehen|GEDAAN|Gedaan|СОВЕРШЕНО|Совершено)(?:[^\p{L}]|$)`)
	// "Done at Szohod", "Done in duplicate", "Fait à Paris"; "Done" alone
	// starts no formula, nor "Signed, sealed …" as a sentence.
	txtFormulaStart = regexp.MustCompile(`^(?i:in witness whereof|in faith whereof|en foi de quoi|(?:done (?:at|in)|fait (?:à|a|en)|hecho en|signed (?:at|in|on)|geschehen zu|gedaan te|совершено в)(?:[\s\p{Zs}]|$))`)
)

// formula is a closing formula: "IN WITNESS WHEREOF …", "DONE at …".
func formula(line string) bool {
	return txtFormula.MatchString(line) && txtFormulaStart.MatchString(line)
}

var txtSignature = regexp.MustCompile(`^(?:For|FOR|On behalf of|ON BEHALF OF|Pour|POUR|Por|POR|За|ЗА|Für|FÜR|Voor|VOOR)[\s\p{Zs}]+(?:the[\s\p{Zs}]+|THE[\s\p{Zs}]+|le[\s\p{Zs}]+|la[\s\p{Zs}]+|les[\s\p{Zs}]+|l['’]|el[\s\p{Zs}]+|LE[\s\p{Zs}]+|LA[\s\p{Zs}]+|die[\s\p{Zs}]+|den[\s\p{Zs}]+|het[\s\p{Zs}]+|de[\s\p{Zs}]+)?\p{Lu}`)

// signature is a signatory's line: "For the Government of Aland:",
// "For the Kingdom of Borduria". It is short and is no sentence: "For the
// purposes of this Agreement, …" is text.
func signature(line string) bool {
	if !txtSignature.MatchString(line) || len(strings.Fields(line)) > 12 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(line)
	return last == ':' || unicode.IsLetter(last) || last == ')'
}

var txtRemark = regexp.MustCompile(`^(?:#{3}|(?:[*_][\s\p{Zs}]*){3,}|(?:-[\s\p{Zs}]*){3,}|-{0,3}[\s\p{Zs}]*(?:END|End)[\s\p{Zs}]*-{0,3}|[—–-]+[\s\p{Zs}]*(?:END|End)[\s\p{Zs}]*[—–-]+|` +
	// a page's number or heading, as a copy from a PDF keeps them
	`[-–—][\s\p{Zs}]*\d{1,3}[\s\p{Zs}]*[-–—]|(?i:page \d{1,3}(?: of \d{1,3})?)|` +
	`(?i:for immediate release|media note|the white house|office of the spokesperson|office of the press secretary|statements and releases|briefing room|press release|readout|fact sheet|begin text:?|end text\.?)|` +
	`(?i:the (?:text of the )?following\b.*\b(?:was|is|were) (?:released|issued)\b.*)|(?i:the following is the (?:full )?text of\b.*))$`)

// remark is a publisher's mark or framing, never text of the document:
// "###", "— END —", "For Immediate Release", "The following was released
// by …", "Office of the Spokesperson", "Media Note".
func remark(line string) bool {
	return txtRemark.MatchString(line)
}

var txtOpening = regexp.MustCompile(`^(?:The|THE|Les|Le|La|L['’])[\s\p{Zs}]+\S.*,$`)

// opening is the line a resolution or a treaty opens its preamble with:
// "The Security Council,", "The Parties to this Agreement,", "The
// States Parties to the present Convention,", "Le Conseil de sécurité,".
func opening(line string) bool {
	return txtOpening.MatchString(line) && len(strings.Fields(line)) <= 40 && !strings.Contains(strings.TrimSuffix(line, ","), ". ")
}

var txtAgreed = regexp.MustCompile(`(?i)(?:ha(?:ve|s) )?agreed? (?:as follows|upon the following|on the following)[\s\p{Zs}]*:?$|sont convenu(?:e)?s de ce qui suit[\s\p{Zs}]*:?$|(?:han|ha) convenido (?:lo siguiente|en lo siguiente)[\s\p{Zs}]*:?$`)

// agreed is the line that ends a treaty's preamble: "Have agreed as
// follows:", "HAVE AGREED AS FOLLOWS:", "Sont convenues de ce qui suit :".
func agreed(line string) bool { return txtAgreed.MatchString(line) }

// recitalWords open the recitals of resolutions and treaties.
var txtRecital = regexp.MustCompile(`^(?:(?:Deeply|Gravely|Strongly|Further|Also|Expressing|Noting with|Taking|Bearing|Having|Acting|Mindful|Aware|Conscious|Convinced|Determined|Desiring|Recognizing|Recognising|Recalling|Reaffirming|Reiterating|Noting|Welcoming|Considering|Emphasizing|Emphasising|Underlining|Stressing|Affirming|Guided|Seeking|Wishing|Concerned|Alarmed|Condemning|Encouraged|Commending|Acknowledging|Believing|Desirous|Resolved|Re-emphasizing|Whereas|WHEREAS|Rappelant|Réaffirmant|Considérant|Notant|Soulignant|Reconnaissant|Désireux|Désireuses|Conscients|Convaincus|Résolus|Agissant|Prenant)\b)`)

// recital is a line of a preamble: a participle or adjective opening a
// recital ("Recalling its resolutions …,", "Deeply concerned …").
func recital(line string) bool { return txtRecital.MatchString(line) }

// superscripts are the digits a footnote marker is printed in.
var txtSuperscripts = map[rune]byte{'⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9'}

// marker is one footnote marker in a line.
type noteMarker struct {
	start, end int    // byte offsets of the marker in the line
	n          string // its number
}

var txtBracketMarker = regexp.MustCompile(`\[(\d{1,3})\]`)

// markersOf finds the footnote markers in a line of text: superscript
// digits, or a number in brackets, right after a word or its punctuation.
func markersOf(line string) []noteMarker {
	var out []noteMarker
	for i := 0; i < len(line); {
		r, size := utf8.DecodeRuneInString(line[i:])
		if _, ok := txtSuperscripts[r]; ok {
			prev, _ := utf8.DecodeLastRuneInString(line[:i])
			if i > 0 && !unicode.IsSpace(prev) {
				j, n := i, ""
				for j < len(line) {
					r, s := utf8.DecodeRuneInString(line[j:])
					d, ok := txtSuperscripts[r]
					if !ok {
						break
					}
					n += string(d)
					j += s
				}
				out = append(out, noteMarker{i, j, strings.TrimLeft(n, "0")})
			}
			// A run of superscripts after a space is no marker.
			for i < len(line) {
				r, s := utf8.DecodeRuneInString(line[i:])
				if _, ok := txtSuperscripts[r]; !ok {
					break
				}
				i += s
			}
			continue
		}
		i += size
	}
	for _, m := range txtBracketMarker.FindAllStringSubmatchIndex(line, -1) {
		if m[0] == 0 {
			continue
		}
		prev, _ := utf8.DecodeLastRuneInString(line[:m[0]])
		if unicode.IsSpace(prev) {
			continue
		}
		out = append(out, noteMarker{m[0], m[1], line[m[2]:m[3]]})
	}
	// In the order of the line.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].start < out[j-1].start; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

var (
	txtNoteBracket = regexp.MustCompile(`^\[(\d{1,3})\][\s\p{Zs}]*(\S.*)$`)
	txtNotePlain   = regexp.MustCompile(`^(\d{1,3})[\s\p{Zs}]+(\S.*)$`)
)

// noteOf reads a footnote's line: its marker at the start ("¹ Noting …",
// "[1] Noting …", and "1 Noting …" when plain is set, for a text whose
// notes are numbered plainly), its number and its text.
func noteOf(line string, plain bool) (n, text string, ok bool) {
	if m := txtNoteBracket.FindStringSubmatch(line); m != nil {
		return m[1], m[2], true
	}
	if plain {
		if m := txtNotePlain.FindStringSubmatch(line); m != nil {
			return m[1], m[2], true
		}
	}
	var digits strings.Builder
	i := 0
	for i < len(line) {
		r, s := utf8.DecodeRuneInString(line[i:])
		d, ok := txtSuperscripts[r]
		if !ok {
			break
		}
		digits.WriteByte(d)
		i += s
	}
	rest := strings.TrimSpace(line[i:])
	if digits.Len() == 0 || rest == "" {
		return "", "", false
	}
	return strings.TrimLeft(digits.String(), "0"), rest, true
}

var txtLone = regexp.MustCompile(`^(?:\d{1,4}[.)]?|\((?:[a-z]{1,2}|[ivxlc]{1,6})\)|(?:[a-z]|[ivxlc]{1,6})\))$`)

// lone is a label alone on its line, its text on the next: "12.", "(a)".
func lone(line string) bool { return txtLone.MatchString(line) }

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || strings.ContainsRune(`"“‘'(`, r)
}

func startsDigit(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsDigit(r)
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// escapeText escapes a line of text that is no label so that neither
// Markdown nor the loader reads markup or a label in it: what
// escapeMarkdown escapes, and a label's punctuation at the start
// ("\(a) …", "a\) …", "11\, …"). What follows an escaped label is
// escaped on its own, so that it is escaped once.
func escapeText(s string) string {
	switch {
	case txtParenLike.MatchString(s):
		i := strings.IndexByte(s, ')')
		return `\` + s[:i+1] + escapeMarkdown(s[i+1:])
	case txtHalfLike.MatchString(s):
		i := strings.IndexByte(s, ')')
		return s[:i] + `\)` + escapeMarkdown(s[i+1:])
	case txtCommaLike.MatchString(s):
		i := strings.IndexByte(s, ',')
		return s[:i] + `\,` + escapeMarkdown(s[i+1:])
	}
	return escapeMarkdown(s)
}

// What the loader might read as a label, whatever follows it.
var (
	txtParenLike = regexp.MustCompile(`^\([A-Za-z0-9]{1,7}\)`)
	txtHalfLike  = regexp.MustCompile(`^[A-Za-z]{1,7}\)`)
	txtCommaLike = regexp.MustCompile(`^\d{1,4},`)
)

// escapeHeading escapes a heading's words: as text, and a closing run of
// "#" that an ATX heading would drop.
func escapeHeading(s string) string {
	e := escapeMarkdown(s)
	if strings.HasSuffix(e, "#") {
		i := strings.TrimRight(e, "#")
		e = i + `\` + e[len(i):]
	}
	return e
}
