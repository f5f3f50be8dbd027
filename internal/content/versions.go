package content

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/accord-archive/accord/internal/archive"
)

// versionMeta is what the front matter says of a document's language
// versions: which document it is a version of, which languages are
// authentic and which prevails.
type versionMeta struct {
	of                 string
	ofLine             int
	authentic          []string
	authLine, prevLine int
	prevails           string
	authSeen, prevSeen bool
}

func (v *versionMeta) decode(name string, val *yaml.Node, errs *fileErrors, at func(*yaml.Node) int) {
	switch name {
	case "version-of":
		v.of, v.ofLine = scalar(val, name, errs, at), at(val)
		if v.of != "" && !slugPattern.MatchString(v.of) {
			errs.add(at(val), "bad version-of %q: give the slug (file name without .md) of the text this one is a version of", v.of)
			v.of = ""
		}
	case "authentic":
		v.authSeen, v.authLine = true, at(val)
		if val.Kind != yaml.SequenceNode || len(val.Content) == 0 {
			errs.add(at(val), "authentic must be a list of language tags, e.g. [en, fr]")
			return
		}
		for _, n := range val.Content {
			tag := scalar(n, "each authentic language", errs, at)
			switch {
			case tag == "":
			case !languageTag.MatchString(tag):
				errs.add(at(n), "bad language %q in authentic: want a language tag such as en or fr", tag)
			case slices.Contains(v.authentic, tag):
				errs.add(at(n), "language %q is listed twice in authentic", tag)
			default:
				v.authentic = append(v.authentic, tag)
			}
		}
	case "prevails":
		v.prevSeen, v.prevLine = true, at(val)
		v.prevails = scalar(val, name, errs, at)
		if v.prevails != "" && !languageTag.MatchString(v.prevails) {
			errs.add(at(val), "bad language %q in prevails: want a language tag such as en or fr", v.prevails)
			v.prevails = ""
		}
	}
}

// check holds the fields to one another: the prevailing text is one of
// the authentic ones.
func (v *versionMeta) check(errs *fileErrors) {
	if v.prevails != "" && v.authSeen && !slices.Contains(v.authentic, v.prevails) {
		errs.add(v.prevLine, "prevails %q is not among the authentic languages %v: a text that prevails is authentic", v.prevails, v.authentic)
	}
}

// apply sets the document's versioning: from the front matter, or, for
// the authentic and prevailing languages it does not give, from what the
// text's final provisions and conclusions say.
func (v *versionMeta) apply(d *archive.Document) {
	d.VersionOf, d.VersionOfLine = v.of, v.ofLine
	d.Authentic, d.AuthenticLine, d.Prevails = v.authentic, v.authLine, v.prevails
	if v.authSeen && v.prevSeen {
		return
	}
	auth, authLine, prev := declaredLanguages(d)
	if !v.authSeen && auth != nil {
		d.Authentic, d.AuthenticLine = auth, authLine
	}
	if !v.prevSeen && prev != "" && (d.Authentic == nil || slices.Contains(d.Authentic, prev)) {
		d.Prevails = prev
	}
}

var (
	authenticSentence = regexp.MustCompile(`(?i)\b(?:languages?|texts?|versions?)\b[^.;]*\bauthentic\b`)
	prevailSentence   = regexp.MustCompile(`(?i)\b(?:divergen|differen|discrepan|inconsisten|dispute|conflict)[^.;]*\bshall prevail\b`)
	capitalWord       = regexp.MustCompile(`\b\p{Lu}\p{Ll}+\b`)
)

// languageNames are the English names of languages a text "done in" them
// gives, and their tags.
var languageNames = map[string]string{
	"English": "en", "French": "fr", "Russian": "ru", "Estonian": "et", "Kazakh": "kk", "German": "de",
	"Spanish": "es", "Arabic": "ar", "Chinese": "zh", "Portuguese": "pt", "Italian": "it", "Ukrainian": "uk",
	"Turkish": "tr", "Japanese": "ja", "Dutch": "nl", "Polish": "pl", "Latvian": "lv", "Lithuanian": "lt",
	"Uzbek": "uz", "Kyrgyz": "ky", "Tajik": "tg", "Turkmen": "tk", "Azerbaijani": "az", "Georgian": "ka",
	"Armenian": "hy", "Korean": "ko", "Hebrew": "he", "Persian": "fa", "Finnish": "fi", "Swedish": "sv",
	"Danish": "da", "Hungarian": "hu", "Czech": "cs", "Slovak": "sk", "Romanian": "ro", "Bulgarian": "bg",
	"Greek": "el", "Serbian": "sr", "Croatian": "hr", "Mongolian": "mn", "Hindi": "hi", "Norwegian": "no",
	"Slovenian": "sl", "Belarusian": "be", "Vietnamese": "vi", "Indonesian": "id", "Thai": "th",
}

// declaredLanguages reads the final clause of an English text: "done …
// in the Estonian, Kazakh and English languages, all texts being equally
// authentic" and "in case of divergence … the English text shall
// prevail". It reads the conclusions and the last three provisions, where
// texts say it, and only sentences naming the languages by their English
// names; anything else is for the front matter.
func declaredLanguages(d *archive.Document) (authentic []string, line int, prevails string) {
	var paras []*archive.Paragraph
	d.Walk(func(c *archive.Provision) bool {
		if c.Element == archive.ElFormula || c.Element == archive.ElDateline || c.Element == archive.ElSignature {
			paras = append(paras, c.Paragraphs...)
		}
		return true
	})
	for _, c := range d.Clauses[max(len(d.Clauses)-3, 0):] {
		paras = append(paras, c.Paragraphs...)
	}
	for _, p := range paras {
		for _, sentence := range strings.FieldsFunc(p.Text, func(r rune) bool { return r == '.' || r == ';' }) {
			if authentic == nil && authenticSentence.MatchString(sentence) {
				for _, w := range capitalWord.FindAllString(sentence, -1) {
					if tag, ok := languageNames[w]; ok && !slices.Contains(authentic, tag) {
						authentic = append(authentic, tag)
					}
				}
				if authentic != nil {
					line = p.Line
				}
			}
			if prevails == "" && prevailSentence.MatchString(sentence) {
				var named []string
				for _, w := range capitalWord.FindAllString(sentence, -1) {
					if tag, ok := languageNames[w]; ok {
						named = append(named, tag)
					}
				}
				if len(named) == 1 {
					prevails = named[0]
				}
			}
		}
	}
	return authentic, line, prevails
}

// versionErrors groups the documents' versions (archive.GroupVersions)
// and words what stops that as content errors. The documents named are
// left out of the work-IRI check, which would report them again.
func versionErrors(docs []*archive.Document) (ErrorList, map[*archive.Document]bool) {
	var errs ErrorList
	reported := map[*archive.Document]bool{}
	for _, p := range archive.GroupVersions(docs) {
		errs = append(errs, Error{File: p.Doc.File, Line: p.Line, Msg: p.Msg})
		reported[p.Doc] = true
	}
	return errs, reported
}

// VersionWarnings lists, as file:line warnings, each version whose eIds
// do not align with its original's: a clause's address in one language
// would not lead to the same clause in the other. They are warnings, not
// errors, as a version may really lack a provision (a translator's note,
// a signature block printed once).
func VersionWarnings(a *archive.Archive) ErrorList {
	var out ErrorList
	for _, d := range a.Documents() {
		o := d.Original()
		if o == d {
			continue
		}
		here, there := d.Misaligned(o)
		if len(here) == 0 && len(there) == 0 {
			continue
		}
		var parts []string
		if len(here) > 0 {
			parts = append(parts, "only here: "+clipList(here))
		}
		if len(there) > 0 {
			parts = append(parts, "only in "+o.Slug+": "+clipList(there))
		}
		out = append(out, Error{File: d.File, Line: max(d.VersionOfLine, 1), Msg: fmt.Sprintf(
			"warning: the provisions of this version do not align with %s by eId (%s)", o.File, strings.Join(parts, "; "))})
	}
	out.sort()
	return out
}

// clipList writes up to five eIds and how many more.
func clipList(eids []string) string {
	if len(eids) <= 5 {
		return strings.Join(eids, ", ")
	}
	return strings.Join(eids[:5], ", ") + fmt.Sprintf(" and %d more", len(eids)-5)
}
