package archive

// A unit is what Accord classifies and searches: a clause, or a preamble
// paragraph. Classification lists what a unit commits to, on what, naming whom.
// Commitments are in reading order; topics and entities in vocabulary order.
type Classification struct {
	Commitments []Commitment
	Topics      []*Topic
	Entities    []*Entity

	// Override is the editor's classification of the unit from the
	// document's front matter, or nil. What it sets wins over the rules.
	Override *Override
}

// HasCommitment reports whether the unit has a commitment of the type code.
func (c *Classification) HasCommitment(code string) bool {
	for _, m := range c.Commitments {
		if m.Type != nil && m.Type.Code == code {
			return true
		}
	}
	return false
}

// HasTopic reports whether the unit touches the topic slug.
func (c *Classification) HasTopic(slug string) bool {
	for _, t := range c.Topics {
		if t.Slug == slug {
			return true
		}
	}
	return false
}

// HasEntity reports whether the unit names the entity slug.
func (c *Classification) HasEntity(slug string) bool {
	for _, e := range c.Entities {
		if e.Slug == slug {
			return true
		}
	}
	return false
}

// Strongest is the strongest type among the unit's commitments, or nil.
func (c *Classification) Strongest() *CommitmentType {
	var s *CommitmentType
	for _, m := range c.Commitments {
		if m.Type != nil && (s == nil || m.Type.Strength < s.Strength) {
			s = m.Type
		}
	}
	return s
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
	Type       *CommitmentType
	Actor      string     // ISO code of the one party that commits; "" when all parties do
	Paragraph  *Paragraph // where the phrase is
	Start, End int32      // byte offsets of the phrase in Paragraph.Text
	Addressee  string     // for a call, whom it is addressed to as printed ("the Secretary-General"), or ""
}

// Phrase is the verb phrase as printed, e.g. "agreed to expand"; "" if
// the offsets are not in the paragraph, which the loader does not allow.
func (m Commitment) Phrase() string {
	if p := m.Paragraph; p != nil && 0 <= m.Start && m.Start <= m.End && int(m.End) <= len(p.Text) {
		return p.Text[m.Start:m.End]
	}
	return ""
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
	Country string // ISO code when Kind is country, e.g. "KZ"
	Aliases []string
}

// Override is an editor's classification of one unit, written in the
// document's front matter under "classification:". Each list replaces the
// rules' result only when its Set flag is true, so an editor can correct the
// topics and leave the commitments to the rules. Ids are checked against the
// vocabulary when the rules are applied; lines are for those messages.
type Override struct {
	Line int // line of the unit's key in the content file

	SetCommitments bool
	Commitments    []OverrideCommitment
	SetTopics      bool
	Topics         []OverrideRef
	SetEntities    bool
	Entities       []OverrideRef
}

// OverrideCommitment is one commitment an editor sets. The loader has found
// Phrase in the unit's text: it is at Paragraph.Text[Start:End].
type OverrideCommitment struct {
	Type      string // commitment type code
	Phrase    string
	Actor     string // ISO code, or "" for all parties
	Paragraph *Paragraph
	Start     int
	End       int
	Line      int
}

// OverrideRef is one topic or entity slug an editor sets, with its line.
type OverrideRef struct {
	Slug string
	Line int
}
