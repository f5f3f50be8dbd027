package search

import (
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
)

// hyphenTokenizer splits text at Unicode word boundaries (UAX #29), which
// splits hyphenated words into their parts, and adds each hyphenated word's
// joined form as one more token: "Trans-Caspian" gives trans, caspian and
// transcaspian. The joined token takes the first part's position, so a
// phrase query can use either, and spans the whole word for highlighting.
type hyphenTokenizer struct{}

func (hyphenTokenizer) Tokenize(input []byte) analysis.TokenStream {
	parts := unicode.NewUnicodeTokenizer().Tokenize(input)
	out := parts
	for i := 0; i < len(parts); {
		j := i // parts[i..j] is one hyphenated word
		for j+1 < len(parts) && isHyphen(input[parts[j].End:parts[j+1].Start]) &&
			hasLetter(parts[j].Term) && hasLetter(parts[j+1].Term) {
			j++
		}
		if j > i {
			if len(out) == len(parts) {
				out = append(analysis.TokenStream(nil), parts...)
			}
			out = append(out, joined(parts[i:j+1]))
		}
		i = j + 1
	}
	return out
}

// joined is the one token of a hyphenated word's parts.
func joined(parts analysis.TokenStream) *analysis.Token {
	n := 0
	for _, p := range parts {
		n += len(p.Term)
	}
	term := make([]byte, 0, n)
	for _, p := range parts {
		term = append(term, p.Term...)
	}
	first, last := parts[0], parts[len(parts)-1]
	return &analysis.Token{
		Term:     term,
		Start:    first.Start,
		End:      last.End,
		Position: first.Position,
		Type:     analysis.AlphaNumeric,
	}
}

// isHyphen reports whether b is exactly one hyphen: ASCII hyphen-minus,
// U+2010 hyphen or U+2011 non-breaking hyphen. Dashes with spaces around
// them separate words rather than join them.
func isHyphen(b []byte) bool {
	if len(b) == 1 {
		return b[0] == '-'
	}
	r, n := utf8.DecodeRune(b)
	return n == len(b) && (r == '\u2010' || r == '\u2011')
}
