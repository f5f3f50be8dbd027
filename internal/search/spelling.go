package search

import "strings"

// american maps a lower-cased, accent-folded word in British spelling to
// its American spelling, and returns any other word unchanged. It runs
// before stemming on both the indexed text and the query, so the two
// spellings meet whichever one a text or a reader uses; what matters is
// that both forms of a word land on one term and that unrelated words
// (rise, precise, size, wise, promise, exercise…) are left alone.
func american(w string) string {
	if len(w) < 4 || !isLowerASCII(w) {
		return w
	}
	if a, ok := britishWords[w]; ok {
		return a
	}
	for _, p := range britishPrefixes {
		if strings.HasPrefix(w, p.british) {
			return p.american + w[len(p.british):]
		}
	}
	for _, r := range britishRoots {
		if i := strings.Index(w, r.british); i >= 0 {
			return w[:i] + r.american + w[i+len(r.british):]
		}
	}
	if a, ok := reToEr(w); ok {
		return a
	}
	if a, ok := logueToLog(w); ok {
		return a
	}
	if a, ok := iseToIze(w); ok {
		return a
	}
	return w
}

// britishWords are whole words whose American form is not a rule's.
var britishWords = map[string]string{
	"practise": "practice", "practised": "practiced", "practises": "practices", "practising": "practicing",
	"programme": "program", "programmes": "programs",
	"judgement": "judgment", "judgements": "judgments",
	"acknowledgement": "acknowledgment", "acknowledgements": "acknowledgments",
	"ageing": "aging", "grey": "gray", "mould": "mold", "plough": "plow",
	"fulfil": "fulfill", "fulfils": "fulfills", "fulfilment": "fulfillment",
	"enrol": "enroll", "enrols": "enrolls", "enrolment": "enrollment", "enrolments": "enrollments",
	"instil": "instill", "instils": "instills", "skilful": "skillful", "wilful": "willful",
	"manoeuvre": "maneuver", "manoeuvres": "maneuvers", "aluminium": "aluminum",
	"sceptical": "skeptical", "sceptic": "skeptic", "sceptics": "skeptics",
	"paediatric": "pediatric", "encyclopaedia": "encyclopedia",
}

// britishPrefixes rewrite the start of a word, with whatever follows:
// defence, defenceless; licence, licensed.
var britishPrefixes = []struct{ british, american string }{
	{"defenc", "defens"}, {"offenc", "offens"}, {"pretenc", "pretens"}, {"licenc", "licens"},
}

// britishRoots are -our words, rewritten wherever they occur in a word:
// labour, labourers, favourable, unfavourable, neighbourhood.
var britishRoots = []struct{ british, american string }{
	{"labour", "labor"}, {"favour", "favor"}, {"honour", "honor"}, {"colour", "color"},
	{"behaviour", "behavior"}, {"neighbour", "neighbor"}, {"endeavour", "endeavor"},
	{"harbour", "harbor"}, {"rumour", "rumor"}, {"vigour", "vigor"}, {"armour", "armor"},
	{"humour", "humor"}, {"flavour", "flavor"}, {"odour", "odor"}, {"valour", "valor"},
	{"rigour", "rigor"}, {"tumour", "tumor"}, {"candour", "candor"}, {"parlour", "parlor"},
	{"splendour", "splendor"}, {"clamour", "clamor"}, {"savour", "savor"}, {"vapour", "vapor"},
	{"fervour", "fervor"}, {"ardour", "ardor"}, {"saviour", "savior"}, {"succour", "succor"},
}

// reStems are -re words (centre, metre, theatre…), without the final "re".
var reStems = []string{"cent", "met", "lit", "theat", "spect", "scept", "lust", "fib", "calib", "somb", "sab", "meag"}

// reToEr: centre -> center, centres -> centers, centred -> centered,
// centring -> centering; also epicentre, kilometres.
func reToEr(w string) (string, bool) {
	// A word has at most one of the endings, so look for it first and
	// build no strings for the words (nearly all) that have none.
	for _, e := range [...]struct{ british, american string }{
		{"re", "er"}, {"res", "ers"}, {"red", "ered"}, {"ring", "ering"},
	} {
		head, ok := strings.CutSuffix(w, e.british)
		if !ok {
			continue
		}
		for _, s := range reStems {
			if strings.HasSuffix(head, s) {
				return head + e.american, true
			}
		}
		return "", false
	}
	return "", false
}

// logueToLog: dialogue -> dialog, catalogues -> catalogs, analogue -> analog.
func logueToLog(w string) (string, bool) {
	for _, e := range [...]string{"logue", "logues", "gogue", "gogues"} {
		if strings.HasSuffix(w, e) {
			return w[:len(w)-len(e)] + strings.Replace(e, "ogue", "og", 1), true
		}
	}
	return "", false
}

// izeEndings follow the "is"/"iz" or "ys"/"yz" of a verb in -ise/-ize or
// -yse/-yze, longest first.
var izeEndings = []string{
	"ationally", "ational", "ations", "ation", "ability", "able", "ably",
	"ers", "ing", "er", "es", "ed", "e",
}

// noIze are words in -ise that have no -ize form. Words whose "ise" follows
// a vowel (raise, noise, cruise) or a stem of under three letters (rise,
// wise, arise) or that end in -wise (otherwise) are left alone by rule.
var noIze = map[string]bool{
	"advertise": true, "advise": true, "apprise": true, "chastise": true, "circumcise": true,
	"comprise": true, "compromise": true, "concise": true, "demise": true, "despise": true,
	"devise": true, "enfranchise": true, "disenfranchise": true, "enterprise": true,
	"excise": true, "exercise": true, "expertise": true, "franchise": true, "improvise": true,
	"incise": true, "merchandise": true, "precise": true, "imprecise": true, "premise": true,
	"promise": true, "reprise": true, "revise": true, "supervise": true, "surmise": true,
	"surprise": true, "televise": true, "treatise": true, "tortoise": true, "paradise": true,
	"mortise": true, "sunrise": true, "uprise": true, "moonrise": true, "valise": true,
	"prise": true, "cerise": true, "anise": true, "denise": true, "louise": true, "elise": true,
}

// iseToIze: emphasise -> emphasize, organisation -> organization,
// recognised -> recognized, analysing -> analyzing.
func iseToIze(w string) (string, bool) {
	for _, e := range izeEndings {
		if len(w) < len(e)+5 || !strings.HasSuffix(w, e) {
			continue
		}
		head := w[:len(w)-len(e)] // …is or …ys
		base, s := head[:len(head)-2], head[len(head)-2:]
		if (s != "is" && s != "ys") || len(base) < 3 {
			continue
		}
		last := base[len(base)-1]
		if strings.IndexByte("aeiouyw", last) >= 0 || noIze[base+s+"e"] {
			return "", false
		}
		return base + s[:1] + "z" + e, true
	}
	return "", false
}

func isLowerASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}
