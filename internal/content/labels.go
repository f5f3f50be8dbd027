package content

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/text"

	"github.com/accord-archive/accord/internal/archive"
)

// family is a kind of label: levels of a text follow the families of its
// labels (docs/FORMAT.md, "Levels follow the families").
type family string

const (
	famNumber family = "number"   // 1. 1) 11, 1.The
	famParen  family = "(number)" // (1), as an article's paragraphs are printed
	famMulti  family = "multi"    // 10.5. 10.5
	famLetter family = "letter"   // (a) a) (aa)
	famUpper  family = "LETTER"   // (A)
	famRoman  family = "roman"    // (iv) iv)
	famRomanU family = "ROMAN"    // (IV)
	// A bullet's family is "bullet" and its character: "•" and "◦"
	// are two levels.
)

// label is a paragraph's label as printed, and what it reads as.
type label struct {
	text string // as printed: "3.", "11,", "(a)", "iv)", "10.5.", "•"
	fam  family
	num  string // as the eId writes it: "3", "a", "iv", "10.5"; "" for a bullet
	// alt is the other family of a label that may be a letter or a roman
	// numeral, "(i)", "(v)", "(x)": the walk decides by what precedes it.
	alt family
}

// element is the provision a label makes.
func (l label) element() archive.Element {
	switch l.fam {
	case famNumber, famParen, famMulti:
		return archive.ElParagraph
	case famLetter, famUpper:
		return archive.ElSubparagraph
	case famRoman, famRomanU:
		return archive.ElPoint
	}
	return archive.ElItem
}

// numbered reports whether the label numbers a paragraph: "3.", "(3)",
// "10.5".
func (l label) numbered() bool { return l.fam == famNumber || l.fam == famParen || l.fam == famMulti }

// value is the label's place in its sequence: 3 for "3.", 2 for "(b)",
// 4 for "(iv)", 5 for "10.5"; 0 for a bullet.
func (l label) value() int {
	switch l.fam {
	case famNumber, famParen:
		n, _ := strconv.Atoi(l.num)
		return n
	case famMulti:
		n, _ := strconv.Atoi(l.num[strings.LastIndexByte(l.num, '.')+1:])
		return n
	case famLetter, famUpper:
		return letterValue(l.num)
	case famRoman, famRomanU:
		return romanValue(l.num)
	}
	return 0
}

// as is the label read in family f (a letter read as a roman numeral).
func (l label) as(f family) label {
	if f != l.fam {
		l.fam, l.alt = f, l.fam
	}
	return l
}

var (
	// A label, then a space or the end of the line. Letters are one, or
	// one doubled ("(aa)" after "(z)"); roman numerals are checked after.
	parenLabel = regexp.MustCompile(`^\(([0-9]{1,3}|[a-z]{1,2}|[A-Z]{1,2}|[ivxlcdm]{1,7}|[IVXLCDM]{1,7})\)(?:[ \t]+|$)`)
	parenQuote = regexp.MustCompile(`^\(([a-z]{1,2}|[ivxlcdm]{1,7})\)["“‘']`) // (c)“vessel” means: no space before a quote
	closeLabel = regexp.MustCompile(`^([0-9]{1,3}|[a-z]{1,2}|[ivxlcdm]{1,7})\)(?:[ \t]+|$)`)
	numLabel   = regexp.MustCompile(`^([0-9]{1,3})([.,])(?:[ \t]+|$|\p{Lu})`)
	multiLabel = regexp.MustCompile(`^([0-9]{1,3}(?:\.[0-9]{1,3})+)\.?(?:[ \t]+|$)`)
	romanRe    = regexp.MustCompile(`^(?i:m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3}))$`)
)

// bullets are the characters that print a bullet ("-", "*" and "+" are
// CommonMark lists).
const bullets = "•–◦▪·‣○■□—"

// matchLabel reads the label at the start of line, a paragraph's first
// line as printed. rest is the offset of the text after the label and its
// spaces.
func matchLabel(line []byte) (l label, rest int, ok bool) {
	if len(line) == 0 {
		return l, 0, false
	}
	end := len(line)
	for end > 0 && (line[end-1] == '\n' || line[end-1] == '\r') {
		end--
	}
	line = line[:end]
	c := line[0]
	switch {
	case c == '(':
		if m := parenLabel.FindSubmatchIndex(line); m != nil {
			l, ok := wordLabel(string(line[:m[3]+1]), string(line[m[2]:m[3]]))
			return l, m[1], ok
		}
		if m := parenQuote.FindSubmatchIndex(line); m != nil {
			l, ok := wordLabel(string(line[:m[3]+1]), string(line[m[2]:m[3]]))
			return l, m[3] + 1, ok // the quote is the text's
		}
	case c >= '0' && c <= '9':
		if m := multiLabel.FindSubmatchIndex(line); m != nil {
			lab := strings.TrimRight(string(line[:m[1]]), " \t")
			return label{text: lab, fam: famMulti, num: string(line[m[2]:m[3]])}, m[1], true
		}
		if m := numLabel.FindSubmatchIndex(line); m != nil {
			return label{text: string(line[:m[5]]), fam: famNumber, num: string(line[m[2]:m[3]])}, labelEnd(line, m[5], m[1]), true
		}
		if m := closeLabel.FindSubmatchIndex(line); m != nil {
			return label{text: string(line[:m[3]+1]), fam: famNumber, num: string(line[m[2]:m[3]])}, m[1], true
		}
	case c >= 'a' && c <= 'z':
		if m := closeLabel.FindSubmatchIndex(line); m != nil {
			l, ok := wordLabel(string(line[:m[3]+1]), string(line[m[2]:m[3]]))
			return l, m[1], ok
		}
	case c >= 0x80:
		r, size := utf8.DecodeRune(line)
		if strings.ContainsRune(bullets, r) && (size == len(line) || line[size] == ' ' || line[size] == '\t') {
			rest := size
			for rest < len(line) && (line[rest] == ' ' || line[rest] == '\t') {
				rest++
			}
			return label{text: string(r), fam: family("bullet" + string(r))}, rest, true
		}
	}
	return l, 0, false
}

// labelEnd is where the text starts after a number label that ends at
// stop: after its spaces, or at once ("1.The").
func labelEnd(line []byte, stop, matchEnd int) int {
	if matchEnd > stop && line[matchEnd-1] != ' ' && line[matchEnd-1] != '\t' {
		return stop // "1.The": the capital is text
	}
	return matchEnd
}

// wordLabel is a label of letters or digits: a number, a letter, a roman
// numeral, or a letter that may be a roman numeral.
func wordLabel(printed, word string) (label, bool) {
	if word[0] >= '0' && word[0] <= '9' {
		if printed[0] == '(' {
			return label{text: printed, fam: famParen, num: word}, true
		}
		return label{text: printed, fam: famNumber, num: word}, true
	}
	upper := word[0] >= 'A' && word[0] <= 'Z'
	letter := len(word) == 1 || len(word) == 2 && word[0] == word[1]
	roman := romanRe.MatchString(word) && strings.ToLower(word) == word || strings.ToUpper(word) == word && romanRe.MatchString(word)
	lf, rf := famLetter, famRoman
	if upper {
		lf, rf = famUpper, famRomanU
	}
	switch {
	case letter && roman:
		return label{text: printed, fam: rf, alt: lf, num: word}, true
	case roman:
		return label{text: printed, fam: rf, num: word}, true
	case letter:
		return label{text: printed, fam: lf, num: word}, true
	}
	return label{}, false // "(to)", "(ab)": words, not labels
}

// letterValue is a=1 … z=26, aa=27, bb=28 ….
func letterValue(s string) int {
	s = strings.ToLower(s)
	if s == "" {
		return 0
	}
	v := int(s[0]-'a') + 1
	if len(s) == 2 && s[0] == s[1] {
		v += 26
	}
	return v
}

// romanValue reads a roman numeral; 0 if it is none.
func romanValue(s string) int {
	vals := map[byte]int{'i': 1, 'v': 5, 'x': 10, 'l': 50, 'c': 100, 'd': 500, 'm': 1000}
	s = strings.ToLower(s)
	n := 0
	for i := 0; i < len(s); i++ {
		v := vals[s[i]]
		if i+1 < len(s) && vals[s[i+1]] > v {
			n -= v
		} else {
			n += v
		}
	}
	return n
}

// header is what an ATX heading is: its element, label and number.
type header struct {
	el    archive.Element
	label string // as printed: "Article 7", "I.", "ANNEX II", or ""
	num   string
	empty bool   // no text at all ("###")
	sep   string // what is printed between the label and the words: " – ", ". ", ": "
}

var (
	structHeading = regexp.MustCompile(`^((?i:part|chapter|title|section|article|art\.)\s+([0-9]{1,4}(?:\.[0-9]{1,4})*(?:[a-z]{1,9})?|[IVXLCDM]{1,7}(?:[a-z]{1,9})?|[A-Z]|(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty))\b)(?:$|[ \t]*[.:]?[ \t]*(?:[–—-][ \t]*)?)`)
	// An annex, appendix, protocol or final act; a schedule, attachment
	// or enclosure only with its number ("Schedule of meetings" is a
	// section).
	annexHeading = regexp.MustCompile(`^((?i:annexe?|appendix|protocol|final act)(?:[ \t]+([0-9]{1,3}|[IVXLCDM]{1,7}|[A-Z])\b)?|(?i:schedule|attachment|enclosure)[ \t]+([0-9]{1,3}|[IVXLCDM]{1,7}|[A-Z])\b)(?:$|[ \t]*[.:]?[ \t]*(?:[–—-][ \t]*)?)`)
	numHeading   = regexp.MustCompile(`^(([IVXLCDM]{1,7}|[A-Z]|[0-9]{1,3})(?:\.|[ \t]+[–—-]))[ \t]+`)
	wordNumbers  = map[string]string{"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14", "fifteen": "15", "sixteen": "16", "seventeen": "17", "eighteen": "18", "nineteen": "19", "twenty": "20"}
)

// readHeading reads a heading's label off its text, seg, and returns
// the heading and what is left of seg for its own words.
func readHeading(src []byte, seg text.Segment) (header, text.Segment) {
	line := src[seg.Start:seg.Stop]
	if len(strings.TrimSpace(string(line))) == 0 {
		return header{el: archive.ElSection, empty: true}, seg
	}
	cut := func(h header, n int) (header, text.Segment) {
		if n < len(line) && bytes.HasPrefix(line, []byte(h.label)) {
			h.sep = string(line[len(h.label):n])
		}
		return h, text.NewSegment(seg.Start+n, seg.Stop)
	}
	if m := structHeading.FindSubmatchIndex(line); m != nil {
		word := strings.ToLower(string(line[m[2]:m[3]]))
		word = strings.Fields(word)[0] // the space \s matched may be any, a carriage return too
		num := string(line[m[4]:m[5]])
		if d, ok := wordNumbers[strings.ToLower(num)]; ok {
			num = d
		}
		el := map[string]archive.Element{"part": archive.ElPart, "chapter": archive.ElChapter, "title": archive.ElTitle,
			"section": archive.ElSection, "article": archive.ElArticle, "art.": archive.ElArticle}[word]
		return cut(header{el: el, label: string(line[m[2]:m[3]]), num: num}, m[1])
	}
	if m := annexHeading.FindSubmatchIndex(line); m != nil {
		h := header{el: archive.ElAttachment, label: string(line[m[2]:m[3]])}
		if m[4] >= 0 {
			h.num = string(line[m[4]:m[5]])
		} else if m[6] >= 0 {
			h.num = string(line[m[6]:m[7]])
		}
		rest := line[m[1]:]
		if len(rest) > 0 && rest[0] >= 'a' && rest[0] <= 'z' {
			return h, seg // "Protocol on …": the words are its heading
		}
		return cut(h, m[1])
	}
	if m := numHeading.FindSubmatchIndex(line); m != nil {
		lab := strings.TrimRight(string(line[m[2]:m[3]]), " \t–—-") // "IV –" is "IV"
		return cut(header{el: archive.ElSection, label: lab, num: string(line[m[4]:m[5]])}, m[1])
	}
	return header{el: archive.ElSection}, seg
}
