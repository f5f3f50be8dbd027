package archive

// Mention is a party named in a piece of text, by its name, an alias or an
// adjective ("Estonia", "the Republic of Estonia", "Estonian"): the
// party's code and the bytes [Start, End) of text that name it. A search
// reads a query's mentions as the parties it is about.
type Mention struct {
	Code       string
	Start, End int
	Adjective  bool
}

// MentionFinder finds the parties a text names; *classify.Rules is one.
type MentionFinder interface {
	PartyMentions(text string) []Mention
}
