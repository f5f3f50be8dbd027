package classify

// grammar holds the ids of the few English words that tell who is the
// subject of a verb. This is grammar, not vocabulary: it does not change
// from one archive to the next, so it lives in code.
type grammar struct {
	and, of, the, to, republic, it, both, two, heads, state int32
	shall, not, by, party, each                             int32
	be                                                      map[int32]bool // "will be receiving": a description

	plural     map[int32]bool // subjects that stand for all the parties
	collective map[int32]bool // "countries", "nations": all parties after "both"/"two"
	head       map[int32]bool // "President of X", "Government of X"
	sideNoun   map[int32]bool // "the Estonian side"
	skip       map[int32]bool // adverbs and auxiliaries between subject and verb
	passive    map[int32]bool // the verb form is passive or a noun: "as highlighted", "the agreed text"
	beForm     map[int32]bool // "was", "were": "it was agreed"
	relative   map[int32]bool // a subordinate clause starts: its subject is not the sentence's
	prep       map[int32]bool // a party after these is not a subject
	determiner map[int32]bool // what follows a participle that opens a commitment
	modal      map[int32]bool // modal phrases need their subject right before them
	eachOf     map[int32]bool // "Each Party", "Neither Party": what binds each binds all
	title      map[int32]bool // "President", "Minister": a person's office before the name
}

func set(d dictionary, words ...string) map[int32]bool {
	m := make(map[int32]bool, len(words))
	for _, w := range words {
		m[d.add(w)] = true
	}
	return m
}

func newGrammar(d dictionary) grammar {
	return grammar{
		and: d.add("and"), of: d.add("of"), the: d.add("the"), to: d.add("to"), republic: d.add("republic"),
		it: d.add("it"), both: d.add("both"), two: d.add("two"), heads: d.add("heads"), state: d.add("state"),
		shall: d.add("shall"), not: d.add("not"), by: d.add("by"), party: d.add("party"), each: d.add("each"),
		be: set(d, "be", "been", "being"),

		plural: set(d, "presidents", "parties", "sides", "leaders", "they", "ministers",
			"governments", "delegations", "we"),
		collective: set(d, "countries", "nations", "states"),
		head:       set(d, "president", "government", "minister", "delegation", "leader", "people"),
		sideNoun:   set(d, "side", "president", "government", "delegation", "party", "leader", "minister", "leadership"),
		skip: set(d, "also", "further", "furthermore", "moreover", "once", "again", "jointly", "together",
			"have", "has", "had", "then", "therefore", "hereby", "today", "each", "all", "both", "already",
			"thus", "accordingly", "likewise", "too", "equally"),
		passive:    set(d, "as", "is", "are", "be", "been", "being", "the", "a", "an", "to", "was", "were"),
		beForm:     set(d, "was", "were"),
		relative:   set(d, "that", "which", "who", "whom", "whose", "where", "when", "if", "whether", "because", "while"),
		prep:       set(d, "of", "to", "for", "with", "between", "in", "from", "by", "on", "at", "among", "into", "towards", "toward", "against", "within", "through", "upon", "under", "over", "about", "including", "like", "across", "than", "via", "s"),
		determiner: set(d, "the", "their", "its", "his", "her", "our", "a", "an", "that", "this", "these", "those", "both", "all"),
		modal:      set(d, "will", "shall", "would", "could", "may", "can", "should"),
		eachOf:     set(d, "each", "either", "neither"),
		title:      set(d, "president", "minister", "chancellor", "secretary", "king", "queen", "premier", "emir", "sultan", "ambassador", "commissioner", "vice"),
	}
}
