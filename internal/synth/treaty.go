package synth

import (
	"fmt"
	"strings"
)

// TreatyText is a made-up treaty as plain text, one paragraph per line,
// as published texts are copied, of about n paragraphs: its title, a
// preamble, chapters of articles whose numbered paragraphs restart, with
// lettered sub-paragraphs and roman points, the closing formulas and
// signatures, and an annex of numbered paragraphs. The same n gives the
// same text. Import reads it; it measures what importing and checking a
// long treaty costs.
func TreatyText(n int) []byte {
	var b strings.Builder
	count := 0
	line := func(format string, args ...any) {
		fmt.Fprintf(&b, format+"\n", args...)
		count++
	}
	topic := func(i int) string { return topics[i%len(topics)] }
	line("Agreement on Cooperation between the Parties in the Fields of %s and %s", strings.ToUpper(topic(0)[:1])+topic(0)[1:], topic(1))
	line("The Parties to this Agreement,")
	for i := range 6 {
		line("Recognising the importance of cooperation in the field of %s for the prosperity of their peoples,", topic(i))
	}
	line("Have agreed as follows:")
	// What the closing lines and the annex take, the body leaves.
	body := max(n-count-8-n/10, 1)
	annex := max(n-count-8-body, 1)
	chapter, article := 0, 0
	for written := 0; written < body; {
		if article%10 == 0 {
			chapter++
			line("CHAPTER %s", roman(chapter))
			line("%s", strings.ToUpper(topic(chapter)))
			written += 2
		}
		article++
		line("Article %d", article)
		line("Cooperation in the field of %s", topic(article))
		written += 2
		for p := 1; p <= 4 && written < body; p++ {
			if p == 2 && article%3 == 0 {
				line("%d. The Parties shall, in the field of %s:", p, topic(article+p))
				written++
				for s := range 3 {
					line("(%c) exchange information on %s;", 'a'+s, topic(article+p+s))
					written++
					if s == 1 {
						line("(i) through their competent authorities;")
						line("(ii) through the Joint Committee;")
						written += 2
					}
				}
				continue
			}
			line("%d. The Parties shall develop cooperation in the field of %s, in accordance with their national legislation and their international obligations.", p, topic(article+p))
			written++
		}
	}
	line("IN WITNESS WHEREOF the undersigned, being duly authorised thereto, have signed this Agreement.")
	line("DONE at Geneva on 12 June 2021, in two originals in the English language, both texts being equally authentic.")
	line("For the First Party:")
	line("A. Example")
	line("For the Second Party:")
	line("B. Sample")
	line("ANNEX")
	line("Areas of cooperation")
	for p := 1; p <= annex; p++ {
		line("%d. Projects in the field of %s, to be agreed by the Joint Committee.", p, topic(p))
	}
	return []byte(b.String())
}

// roman writes n in roman numerals.
func roman(n int) string {
	var b strings.Builder
	for _, r := range []struct {
		v int
		s string
	}{{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}} {
		for n >= r.v {
			b.WriteString(r.s)
			n -= r.v
		}
	}
	return b.String()
}
