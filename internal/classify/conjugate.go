package classify

import "strings"

// A commitment type's verbs are written once, in the base form ("reaffirm",
// "call on", "commit/committed to"), and read in every tense: the present
// ("We reaffirm", "The Council reaffirms"), the past and perfect ("reaffirmed",
// "have reaffirmed"), the future ("will reaffirm", read as "will" and its
// verb) and the participle ("Reaffirming"). English spelling makes the forms
// from the base; a verb whose past doubles its last letter or is irregular
// gives it after a slash: "commit/committed".

// verbForms are the forms of one vocabulary verb, each with the words
// after the verb ("to", "on", "the importance of").
type verbForms struct {
	present    []string // "reaffirm", "reaffirms"
	past       string   // "reaffirmed"
	participle string   // "reaffirming"
}

// conjugate makes the forms of a verb phrase written in the base form.
func conjugate(phrase string) verbForms {
	head, rest, _ := strings.Cut(strings.TrimSpace(phrase), " ")
	base, past, irregular := strings.Cut(head, "/")
	if !irregular {
		past = pastOf(base)
	}
	tail := ""
	if rest != "" {
		tail = " " + rest
	}
	return verbForms{
		present:    []string{base + tail, thirdPerson(base) + tail},
		past:       past + tail,
		participle: participleOf(base, past) + tail,
	}
}

func isVowel(b byte) bool { return strings.IndexByte("aeiou", b) >= 0 }

// consonantY reports a word ending in a consonant and "y": "study", "apply".
func consonantY(w string) bool {
	n := len(w)
	return n >= 2 && w[n-1] == 'y' && !isVowel(w[n-2])
}

func thirdPerson(w string) string {
	switch {
	case consonantY(w):
		return w[:len(w)-1] + "ies"
	case strings.HasSuffix(w, "s"), strings.HasSuffix(w, "sh"), strings.HasSuffix(w, "ch"),
		strings.HasSuffix(w, "x"), strings.HasSuffix(w, "z"), strings.HasSuffix(w, "o"):
		return w + "es"
	}
	return w + "s"
}

func pastOf(w string) string {
	switch {
	case strings.HasSuffix(w, "e"):
		return w + "d"
	case consonantY(w):
		return w[:len(w)-1] + "ied"
	}
	return w + "ed"
}

// participleOf follows the past: "committed" → "committing", "welcomed" →
// "welcoming"; but "agree" → "agreeing", "study" → "studying".
func participleOf(base, past string) string {
	switch {
	case strings.HasSuffix(base, "ee"), strings.HasSuffix(base, "y"):
		return base + "ing"
	case strings.HasSuffix(base, "e"):
		return base[:len(base)-1] + "ing"
	case !strings.HasSuffix(past, "ed"):
		return base + "ing"
	}
	return past[:len(past)-2] + "ing"
}
