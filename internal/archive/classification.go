package archive

// A unit is what Accord classifies and searches: a clause, or a preamble
// paragraph. Classification lists what a unit commits to, on what, naming whom.
type Classification struct {
	Commitments []Commitment
	Topics      []*Topic
	Entities    []*Entity
}

// CommitmentType is one kind of commitment, e.g. agreement or support,
// defined in the vocabulary and ordered by strength (1 is strongest).
type CommitmentType struct {
	Code     string // "agreement"
	Name     string // "Agreement"
	Strength int    // 1 = strongest
	Summary  string // one line for readers: what this kind of commitment means
}

// Commitment is one commitment found in a unit's text.
type Commitment struct {
	Type      *CommitmentType
	Phrase    string     // the verb phrase as printed, e.g. "agreed to expand"
	Actor     string     // ISO code of the one party that commits; "" when all parties do
	Paragraph *Paragraph // where the phrase is
	Start     int        // byte offsets of Phrase in Paragraph.Text
	End       int
}

// Topic is a subject a unit touches, e.g. transport and connectivity.
type Topic struct {
	Slug string // "transport"
	Name string // "Transport and connectivity"
}

// Entity is a named thing a unit mentions: an organisation, initiative,
// event, place or country.
type Entity struct {
	Slug    string // "united-nations"
	Name    string // "United Nations"
	Kind    string // organisation, initiative, event, place, country
	Aliases []string
}
