package synth

// The words the generator draws from. Spellings vary on purpose, British
// and American, as they do across real statements.

var parties = []string{
	"KZ", "EE", "UZ", "KG", "TJ", "TM", "AZ", "GE", "AM", "TR", "DE", "FR", "IT", "ES", "PL",
	"LV", "LT", "FI", "SE", "NO", "DK", "NL", "BE", "AT", "CZ", "SK", "HU", "RO", "BG", "GR",
	"PT", "IE", "GB", "US", "CA", "MX", "BR", "AR", "CL", "JP", "KR", "CN", "IN", "PK", "ID",
	"MY", "SG", "VN", "TH", "PH", "AU", "NZ", "ZA", "NG", "EG", "MA", "KE", "ET", "SA", "AE",
	"QA", "KW", "OM", "JO", "IL", "UA", "MD", "MN", "CH", "LU", "SI", "HR", "RS", "ME", "AL",
}

var places = []string{
	"Astana", "Tallinn", "Tashkent", "Bishkek", "Baku", "Tbilisi", "Berlin", "Paris", "Rome",
	"Warsaw", "Riga", "Vilnius", "Helsinki", "Geneva", "Vienna", "New York", "Tokyo", "Seoul",
	"Samarkand", "Almaty", "Brussels", "Doha", "Abu Dhabi", "Ankara", "Madrid",
}

var leaders = []string{"Presidents", "Prime Ministers", "Ministers of Foreign Affairs", "Heads of State", "Leaders"}

var subjects = []string{
	"The Presidents", "The Parties", "The Sides", "Both Leaders", "The Ministers",
	"The Heads of State", "The two countries", "Both sides",
}

var topics = []string{
	"trade and investment", "transport and logistics", "the Trans-Caspian International Transport Route",
	"energy security", "renewable energy", "green hydrogen", "climate change adaptation",
	"digital transformation", "artificial intelligence", "cyber security", "critical raw materials",
	"agriculture and food security", "water resource management", "higher education",
	"academic mobility", "cultural heritage", "tourism", "public health", "healthcare",
	"small and medium-sized enterprises", "innovation and technology", "e-governance",
	"people-to-people contacts", "youth exchanges", "counter-terrorism", "border management",
	"nuclear safety", "sustainable development", "the Sustainable Development Goals (SDGs)",
	"regional connectivity", "maritime security", "space research", "financial services",
	"customs cooperation", "labour migration", "labor mobility", "the fight against organised crime",
	"the fight against organized crime", "humanitarian assistance", "the defence industry",
	"the defense industry", "scientific research centres", "research centers",
	"the modernisation of infrastructure", "the modernization of infrastructure",
	"Kazakh-Estonian business contacts", "the North-South corridor", "the Middle Corridor",
	"COP30 preparations", "pharmaceutical production", "mining and metallurgy",
	"logistics hubs", "the petrochemical sector", "inter-parliamentary contacts",
}

var organisations = []string{
	"the United Nations", "the Organization for Security and Co-operation in Europe (OSCE)",
	"the European Union", "the World Trade Organization", "the Shanghai Cooperation Organisation",
	"the Conference on Interaction and Confidence-Building Measures in Asia",
	"the Intergovernmental Commission", "the Business Council", "the Council of Europe",
	"the International Atomic Energy Agency", "the World Bank", "the Asian Development Bank",
	"the UN Regional Centre for Sustainable Development Goals",
}

var actions = []string{
	"expand cooperation in", "strengthen cooperation on", "deepen dialogue on",
	"establish a joint working group on", "explore new opportunities in", "intensify contacts in",
	"develop a roadmap for", "promote mutual investment in", "prioritise projects in",
	"prioritize projects in", "launch a joint programme on", "launch a joint program on",
}

var principles = []string{
	"the principles of international law", "the sovereignty and territorial integrity of states",
	"the peaceful settlement of disputes", "the Charter of the United Nations",
	"a comprehensive, just and lasting peace in Ukraine", "the non-proliferation of nuclear weapons",
	"free and fair trade", "multilateralism",
}

var tails = []string{
	"", "", "", " in line with international law", " for the benefit of both peoples",
	" on the basis of mutual respect", " in the coming years", " within existing frameworks",
	" with the support of the private sector", " through regular consultations",
}

// verbs are what a clause's subject does, each with how to draw its object.
var verbs = []struct {
	verb   string
	object func(g *generator) string
}{
	{"agreed to", func(g *generator) string { return g.pick(actions) + " " + g.pick(topics) }},
	{"reaffirmed their commitment to", func(g *generator) string { return g.pick(principles) }},
	{"welcomed the progress achieved in", func(g *generator) string { return g.pick(topics) }},
	{"emphasised the importance of", func(g *generator) string { return g.pick(topics) }},
	{"emphasized the importance of", func(g *generator) string { return g.pick(topics) }},
	{"underlined the need to", func(g *generator) string { return g.pick(actions) + " " + g.pick(topics) }},
	{"recognised the potential of", func(g *generator) string { return g.pick(topics) }},
	{"recognized the potential of", func(g *generator) string { return g.pick(topics) }},
	{"noted with satisfaction the growth of", func(g *generator) string { return g.pick(topics) }},
	{"expressed support for the work of", func(g *generator) string { return g.pick(organisations) }},
	{"commended the role of", func(g *generator) string { return g.pick(organisations) + " in " + g.pick(topics) }},
	{"called for closer coordination within", func(g *generator) string { return g.pick(organisations) }},
	{"reiterated their support for", func(g *generator) string { return g.pick(principles) }},
	{"stressed the significance of", func(g *generator) string { return g.pick(topics) }},
	{"highlighted the role of", func(g *generator) string { return g.pick(organisations) + " in " + g.pick(topics) }},
	{"committed to strengthening", func(g *generator) string { return g.pick(topics) }},
	{"decided to hold the next meeting of", func(g *generator) string {
		return g.pick(organisations) + " in " + g.pick(places) + " in " + g.monthYear()
	}},
}

var continuations = []string{
	"In this regard,", "In this context,", "To this end,", "Furthermore,", "Moreover,", "In addition,",
}
