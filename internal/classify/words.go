package classify

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Matching works on words, not on characters: a text is cut into words,
// each folded (lower case, accents and ise/ize spellings removed) and looked
// up in a dictionary of every word the vocabulary uses. A phrase is then a
// short sequence of word ids, matched without regular expressions.

// unknown is the id of a word the vocabulary does not use.
const unknown int32 = -1

// gap in a phrase matches zero to maxGap words: "expressed … gratitude"
// finds "expressed its sincere gratitude".
const gap int32 = -2

const maxGap = 3

// word flags
const (
	sentenceStart = 1 << iota // first word of a sentence or paragraph
	afterComma                // a comma, dash or parenthesis comes just before
	possessive                // an apostrophe follows directly: "Kazakhstan’s", "Presidents’"
	adverb                    // ends in -ly: "also", "further" are listed as grammar words
	capital                   // starts with an upper-case letter: a name, or a sentence's first word
)

// word is one word of a text: its id and its byte span in the text.
type word struct {
	id         int32
	start, end int32
	flags      uint8
}

// dictionary numbers the folded words the vocabulary uses.
type dictionary map[string]int32

// add returns the id of a folded word, adding it if new.
func (d dictionary) add(w string) int32 {
	if id, ok := d[w]; ok {
		return id
	}
	id := int32(len(d))
	d[w] = id
	return id
}

// scanner cuts texts into words. It keeps its buffers between texts, so
// one scanner serves a whole archive; it is not safe for concurrent use.
type scanner struct {
	dict  dictionary
	buf   []byte
	words []word
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' || r == '‘' }

// scan returns the words of text. The slice is reused by the next call.
func (s *scanner) scan(text string) []word {
	s.words = s.words[:0]
	flags := uint8(sentenceStart)
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			switch {
			case r == '.' && s.abbreviation(text, i):
				// "the U.S. and India", "Mr. Smith": not a sentence's end
			case r == '.' || r == '!' || r == '?' || r == ';' || r == ':':
				flags |= sentenceStart
			case r == ',' || r == '(' || r == ')' || r == '–' || r == '—':
				flags |= afterComma
			case isApostrophe(r) && len(s.words) > 0 && int(s.words[len(s.words)-1].end) == i:
				s.words[len(s.words)-1].flags |= possessive
			}
			i += size
			continue
		}
		start, r0 := i, r
		s.buf = s.buf[:0]
		for i < len(text) {
			r, size = utf8.DecodeRuneInString(text[i:])
			if !isWordRune(r) {
				break
			}
			s.buf = foldRune(s.buf, r)
			i += size
		}
		s.buf = foldSpelling(s.buf)
		w := word{id: unknown, start: int32(start), end: int32(i), flags: flags}
		if 'A' <= r0 && r0 <= 'Z' || r0 >= utf8.RuneSelf && unicode.IsUpper(r0) {
			w.flags |= capital
		}
		if id, ok := s.dict[string(s.buf)]; ok {
			w.id = id
		}
		if n := len(s.buf); n > 4 && s.buf[n-2] == 'l' && s.buf[n-1] == 'y' {
			w.flags |= adverb
		}
		s.words = append(s.words, w)
		flags = 0
	}
	return s.words
}

// abbreviation reports whether the full stop at text[i] ends an
// abbreviation rather than a sentence: it follows a single letter ("U.S.",
// "U.K.") or a title ("Mr.", "Dr."), and a lower-case word or a comma comes
// after it ("the U.S. and India", not "… of the U.S. India said").
func (s *scanner) abbreviation(text string, i int) bool {
	n := len(s.words)
	if n == 0 || int(s.words[n-1].end) != i {
		return false
	}
	w := text[s.words[n-1].start:i]
	if !(len(w) == 1 || w == "Mr" || w == "Mrs" || w == "Ms" || w == "Dr" || w == "St") {
		return false
	}
	title := len(w) > 1
	for j := i + 1; j < len(text); j++ {
		switch c := text[j]; {
		case c == ' ':
			continue
		case c == ',' || 'a' <= c && c <= 'z':
			return true
		case 'A' <= c && c <= 'Z':
			return title || j == i+1 // "Mr. Smith"; the inner stop of "U.S."
		}
		return false
	}
	return false
}

// fold returns the folded words of a vocabulary phrase; "…" or "..." is a gap.
func fold(phrase string) []string {
	var out []string
	var buf []byte
	flush := func() {
		if len(buf) > 0 {
			out = append(out, string(foldSpelling(buf)))
			buf = buf[:0]
		}
	}
	for i := 0; i < len(phrase); {
		r, size := utf8.DecodeRuneInString(phrase[i:])
		switch {
		case isWordRune(r):
			buf = foldRune(buf, r)
		case r == '…':
			flush()
			out = append(out, "…")
		case r == '.' && len(phrase[i:]) >= 3 && phrase[i:i+3] == "...":
			flush()
			out = append(out, "…")
			size = 3
		default:
			flush()
		}
		i += size
	}
	flush()
	return out
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// special folds letters that do not decompose into a base and an accent.
var special = map[rune]string{
	'ß': "ss", 'æ': "ae", 'Æ': "ae", 'ø': "o", 'Ø': "o", 'œ': "oe", 'Œ': "oe",
	'đ': "d", 'Đ': "d", 'ł': "l", 'Ł': "l", 'ı': "i", 'þ': "th", 'ð': "d",
}

// foldRune appends r lower-cased and without accents.
func foldRune(buf []byte, r rune) []byte {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return append(buf, byte(r))
	}
	if s, ok := special[r]; ok {
		return append(buf, s...)
	}
	if unicode.Is(unicode.Mn, r) {
		return buf // a combining accent
	}
	var tmp [utf8.UTFMax]byte
	n := utf8.EncodeRune(tmp[:], r)
	var it norm.Iter
	it.Init(norm.NFD, tmp[:n])
	for !it.Done() {
		for _, d := range string(it.Next()) {
			if !unicode.Is(unicode.Mn, d) {
				buf = utf8.AppendRune(buf, unicode.ToLower(d))
			}
		}
	}
	return buf
}

// foldSpelling makes British and American spellings one word: -iz-/-yz-
// before a vowel become -is-/-ys- ("emphasized" → "emphasised",
// "organization" → "organisation"). Text and vocabulary fold alike, so
// a word this changes by accident still only matches itself.
func foldSpelling(b []byte) []byte {
	for i := 1; i+1 < len(b); i++ {
		if b[i] == 'z' && (b[i-1] == 'i' || b[i-1] == 'y') {
			if v := b[i+1]; v == 'e' || v == 'i' || v == 'a' {
				b[i] = 's'
			}
		}
	}
	return b
}
