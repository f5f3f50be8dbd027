package classify

// grammar holds the ids of the few words of one language that tell who
// is the subject of a verb. This is grammar, not vocabulary: it does not
// change from one archive to the next, so it lives in code, one set of
// words per language the rules can read (grammarWords).
type grammar struct {
	and, of, to, republic, it, both, two, heads, state int32
	shall, not, by, party, each                        int32
	be                                                 map[int32]bool // "will be receiving": a description

	article    map[int32]bool // "the", "la", "les"
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
	callTo     map[int32]bool // "Requests the Secretary-General to"
	callFor    map[int32]bool // "appellent à": a call for a thing
	negation   map[int32]bool // "не поддерживают": a position

	// How the language's vocabulary is written and read (see grammarWords).
	opensIssuer bool
	noArticles  bool
	adjAfter    bool
	infinitive  []string
}

// grammarWords are the words of one language's grammar, as written.
type grammarWords struct {
	and, of, to, republic, it, both, two, heads, state string
	shall, not, by, party, each                        string

	be, article, plural, collective, head, sideNoun, skip, passive, beForm,
	relative, prep, determiner, modal, eachOf, title []string

	// callTo: the words after a call's addressee, before the action
	// asked ("to"; "à", "de").
	callTo []string
	// callFor: a call phrase ending in one of these asks for a thing, and
	// has no addressee ("appellent à un cessez-le-feu").
	callFor []string
	// negation: the words that negate the verb after them ("не", "ne").
	negation []string

	// opensIssuer: a verb opening a paragraph of an organ's text is the
	// organ's, whatever its form ("Постановляет", "Décide").
	opensIssuer bool
	// noArticles: a participle after a comma is the speakers' without an
	// article after it ("…, подчёркивая важность").
	noArticles bool
	// adjAfter: the adjective naming a party follows its noun ("la partie
	// française").
	adjAfter bool
	// infinitive: the endings of an infinitive, where a call's addressee
	// ends ("Призывает все государства присоединиться").
	infinitive []string
}

// none is the id of a grammar word a language does not have: no word
// of a text has it.
const none int32 = -3

func set(d dictionary, words ...string) map[int32]bool {
	m := make(map[int32]bool, len(words))
	for _, w := range words {
		m[d.add(w)] = true
	}
	return m
}

func one(d dictionary, w string) int32 {
	if w == "" {
		return none
	}
	return d.add(w)
}

func newGrammar(d dictionary, w grammarWords) grammar {
	return grammar{
		and: one(d, w.and), of: one(d, w.of), to: one(d, w.to), republic: one(d, w.republic),
		it: one(d, w.it), both: one(d, w.both), two: one(d, w.two), heads: one(d, w.heads), state: one(d, w.state),
		shall: one(d, w.shall), not: one(d, w.not), by: one(d, w.by), party: one(d, w.party), each: one(d, w.each),
		be: set(d, w.be...), article: set(d, w.article...),
		plural: set(d, w.plural...), collective: set(d, w.collective...), head: set(d, w.head...),
		sideNoun: set(d, w.sideNoun...), skip: set(d, w.skip...), passive: set(d, w.passive...),
		beForm: set(d, w.beForm...), relative: set(d, w.relative...), prep: set(d, w.prep...),
		determiner: set(d, w.determiner...), modal: set(d, w.modal...), eachOf: set(d, w.eachOf...),
		title: set(d, w.title...), callTo: set(d, w.callTo...), callFor: set(d, w.callFor...), negation: set(d, w.negation...),

		opensIssuer: w.opensIssuer, noArticles: w.noArticles,
		adjAfter: w.adjAfter, infinitive: w.infinitive,
	}
}

// grammars are the languages the rules can read, by language subtag.
var grammars = map[string]grammarWords{
	"en": {
		and: "and", of: "of", to: "to", republic: "republic", it: "it", both: "both", two: "two",
		heads: "heads", state: "state", shall: "shall", not: "not", by: "by", party: "party", each: "each",
		be:      []string{"be", "been", "being"},
		article: []string{"the"},
		plural: []string{"presidents", "parties", "sides", "leaders", "they", "ministers",
			"governments", "delegations", "we"},
		collective: []string{"countries", "nations", "states"},
		head:       []string{"president", "government", "minister", "delegation", "leader", "people"},
		sideNoun:   []string{"side", "president", "government", "delegation", "party", "leader", "minister", "leadership"},
		skip: []string{"also", "further", "furthermore", "moreover", "once", "again", "jointly", "together",
			"have", "has", "had", "then", "therefore", "hereby", "today", "each", "all", "both", "already",
			"thus", "accordingly", "likewise", "too", "equally"},
		passive:    []string{"as", "is", "are", "be", "been", "being", "the", "a", "an", "to", "was", "were"},
		beForm:     []string{"was", "were"},
		relative:   []string{"that", "which", "who", "whom", "whose", "where", "when", "if", "whether", "because", "while"},
		prep:       []string{"of", "to", "for", "with", "between", "in", "from", "by", "on", "at", "among", "into", "towards", "toward", "against", "within", "through", "upon", "under", "over", "about", "including", "like", "across", "than", "via", "s"},
		determiner: []string{"the", "their", "its", "his", "her", "our", "a", "an", "that", "this", "these", "those", "both", "all"},
		modal:      []string{"will", "shall", "would", "could", "may", "can", "should"},
		eachOf:     []string{"each", "either", "neither"},
		title:      []string{"president", "minister", "chancellor", "secretary", "king", "queen", "premier", "emir", "sultan", "ambassador", "commissioner", "vice"},
		callTo:     []string{"to"},
	},
	// Words are folded as the text is: lower case, no accents ("ё" is
	// "е", "й" is "и", "à" is "a").
	"ru": {
		and: "и", both: "обе", two: "две", party: "сторона", not: "не",
		be:       []string{"проведено", "проведена", "проведен", "проводиться", "являться", "быть"},
		plural:   []string{"стороны", "мы", "лидеры", "президенты", "министры", "главы", "правительства", "делегации", "участники", "они"},
		head:     []string{"президент", "правительство", "министр", "делегация"},
		sideNoun: []string{"сторона", "делегация", "правительство"},
		skip: []string{"также", "вновь", "еще", "совместно", "уже", "неизменно", "всецело", "решительно", "впредь",
			"настоящим", "твердо", "полностью", "особо", "вместе", "далее", "сегодня"},
		collective: []string{"страны", "государства"},
		relative:   []string{"который", "которая", "которое", "которые", "которых", "которым", "что", "чтобы", "если", "когда", "где", "поскольку", "хотя"},
		prep:       []string{"с", "со", "в", "во", "для", "между", "из", "от", "к", "ко", "по", "на", "о", "об", "при", "за", "перед", "через", "у", "без", "до"},
		modal:      []string{"будут", "будет", "будем"},
		eachOf:     []string{"каждая", "ни"},
		title:      []string{"президент", "премьер", "министр", "канцлер", "генеральный", "госсекретарь", "председатель"},
		infinitive: []string{"ть", "ться", "ти", "тись"},
		callFor:    []string{"к"},
		negation:   []string{"не"},

		opensIssuer: true, noArticles: true,
	},
	"fr": {
		and: "et", of: "de", republic: "republique", both: "deux", two: "deux", party: "partie", not: "pas", by: "par",
		be:         []string{"ete", "etre"},
		article:    []string{"le", "la", "les", "l"},
		plural:     []string{"parties", "nous", "dirigeants", "presidents", "ministres", "chefs", "gouvernements", "delegations", "ils", "elles"},
		collective: []string{"pays", "nations", "etats"},
		head:       []string{"president", "presidente", "gouvernement", "ministre", "delegation"},
		sideNoun:   []string{"partie", "delegation", "presidence"},
		skip: []string{"se", "s", "egalement", "aussi", "de", "nouveau", "ensemble", "conjointement", "deja", "donc", "ainsi",
			"par", "consequent", "aujourd", "hui", "ont", "a", "fermement", "pleinement", "vivement", "resolument"},
		passive:    []string{"est", "sont", "ete", "etre", "etait", "etaient", "comme"},
		relative:   []string{"qui", "que", "qu", "dont", "ou", "lorsque", "si", "parce", "quand", "tandis"},
		prep:       []string{"de", "d", "du", "des", "a", "au", "aux", "avec", "entre", "pour", "par", "sur", "dans", "en", "vers", "contre", "sous", "envers", "chez"},
		determiner: []string{"le", "la", "les", "l", "leur", "leurs", "son", "sa", "ses", "un", "une", "des", "du", "ce", "cette", "ces", "notre", "nos", "tous", "toutes"},
		eachOf:     []string{"chaque", "aucune"},
		title:      []string{"president", "presidente", "ministre", "chancelier", "secretaire", "roi", "reine", "premier"},

		callTo:   []string{"a", "de", "d"},
		callFor:  []string{"a"},
		negation: []string{"ne", "n"},

		opensIssuer: true, adjAfter: true,
	},
}
