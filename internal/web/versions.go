package web

import (
	"html/template"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/accord-archive/accord/internal/archive"
)

// A work's language versions on its pages (docs/FORMAT.md, "Language
// versions"): each version has its own slug and pages, and a provision's
// page in one version links to the provision of the same eId in the
// others. The site's own words are English: a page in another language
// says so on <html> and marks its English parts lang="en" (Head.UI).

// VersionLink is one version of the work in a page's language switcher.
type VersionLink struct {
	Lang      string // its language tag, for lang and hreflang
	Dir       string // "rtl" for a language written right to left, else ""
	Name      string // the language's name in itself: "Русский", "Eesti"
	English   string // and in English, for the metadata: "Russian"
	URL       string // the same provision in it, or the version's page
	Current   bool   // the page's own version
	Missing   bool   // it has no provision of the page's eId: URL is its document
	Authentic bool   // the work declares its text authentic
	Prevails  bool   // and its text prevails in case of divergence
}

// VersionsPanel is what a document or provision page says of the work's versions.
type VersionsPanel struct {
	Links     []VersionLink
	Note      string         // which texts are authentic and which prevails, or that the texts do not say
	Parallel  []ParallelText // the provision in every version, for a provision page
	ParallelH string         // its citation, for the heading
}

// ParallelText is one version's text of a provision, shown beside the others.
type ParallelText struct {
	VersionLink
	Paras []ParallelPara
}

// ParallelPara is one paragraph of it, with the label its provision prints.
type ParallelPara struct {
	Label string
	HTML  template.HTML
}

// versionsPanel is the switcher and metadata of d's versions, linking to
// the provision of eid in each ("" for the document's page); nil for a
// text that has no other version.
func versionsPanel(d *archive.Document, eid string, parallel bool) *VersionsPanel {
	vs := d.Versions()
	if len(vs) < 2 {
		return nil
	}
	p := &VersionsPanel{Note: "The texts do not say which versions are authentic."}
	if auth := d.WorkAuthentic(); auth != nil {
		names := make([]string, len(auth))
		for i, t := range auth {
			names[i] = languageName(t)
		}
		p.Note = "Authentic texts: " + strings.Join(names, ", ") + "."
		if t := d.WorkPrevails(); t != "" {
			p.Note += " In case of divergence the " + languageName(t) + " text prevails."
		}
	}
	for _, v := range vs {
		l := VersionLink{
			Lang: v.Language, Name: selfName(v.Language), English: languageName(v.Language),
			URL: v.Path(), Current: v == d, Authentic: v.IsAuthentic(), Prevails: v.Prevailing(),
		}
		if archive.LanguageDir(v.Language) == "rtl" {
			l.Dir = "rtl"
		}
		var c *archive.Provision
		if eid != "" {
			c = sameProvision(v, eid)
			switch {
			case c != nil:
				l.URL = c.Path()
			case isPreambleEID(v, eid):
				l.URL = v.Path() + "/provisions/" + eid
			default:
				l.Missing = true
			}
		}
		p.Links = append(p.Links, l)
		if parallel {
			pt := ParallelText{VersionLink: l}
			if c != nil {
				pt.Paras = parallelParas(c)
			} else if i, ok := preambleIndex(v, eid); ok {
				pt.Paras = []ParallelPara{{HTML: template.HTML(v.Preamble[i].HTML)}}
			}
			p.Parallel = append(p.Parallel, pt)
		}
	}
	return p
}

// languageLinks are the <link rel="alternate" hreflang> of a page in
// every version that has it, its own included, as search engines ask.
func (s *Server) languageLinks(p *VersionsPanel) []Alternate {
	if p == nil {
		return nil
	}
	var out []Alternate
	for _, l := range p.Links {
		if !l.Missing {
			out = append(out, Alternate{Type: l.Lang, Href: s.site.URL(l.URL)})
		}
	}
	return out
}

// sameProvision is v's provision of eid: a numbered clause's page is
// /clauses/{n}, found by eId all the same.
func sameProvision(v *archive.Document, eid string) *archive.Provision {
	c, ok := v.Provision(eid)
	if !ok {
		return nil
	}
	return c
}

func isPreambleEID(v *archive.Document, eid string) bool {
	_, ok := preambleIndex(v, eid)
	return ok
}

// parallelParas are c's paragraphs and its descendants', in reading
// order, each with its label: without the eIds as ids, which the page's
// own version holds.
func parallelParas(c *archive.Provision) []ParallelPara {
	var out []ParallelPara
	var walk func(*archive.Provision)
	walk = func(c *archive.Provision) {
		if c.Heading != nil {
			out = append(out, ParallelPara{Label: c.Label, HTML: template.HTML(c.Heading.HTML)})
		}
		for i, p := range c.Paragraphs {
			pp := ParallelPara{HTML: template.HTML(p.HTML)}
			if i == 0 && c.Heading == nil {
				pp.Label = c.Label
			}
			out = append(out, pp)
		}
		for _, k := range c.Children {
			walk(k)
		}
	}
	walk(c)
	return out
}

// selfName names a language in itself, capitalised as a menu item:
// "Русский", "Eesti", "Français"; the tag when it is not one.
func selfName(tag string) string {
	t, err := language.Parse(tag)
	if err != nil {
		return tag
	}
	name := display.Self.Name(t)
	if name == "" {
		return tag
	}
	r, n := utf8.DecodeRuneInString(name)
	return string(unicode.ToUpper(r)) + name[n:]
}

// textLang is the lang (and dir) of a passage of d quoted in an English
// page: a title, a snippet, a commitment; nothing for English.
func textLangAttr(d *archive.Document) template.HTMLAttr {
	if d == nil || d.Language == "" || d.Language == "en" {
		return ""
	}
	return langAttr(d.Language)
}

// docTitle is d's title in an English page, in a span that gives its
// language when it is another.
func docTitle(d *archive.Document) template.HTML { return inLang(d, d.Title) }

// inLang is text of d (its title, its place) in an English page, in a
// span that gives its language when it is another.
func inLang(d *archive.Document, text string) template.HTML {
	t := template.HTMLEscapeString(text)
	if a := textLangAttr(d); a != "" {
		return template.HTML("<span" + string(a) + ">" + t + "</span>")
	}
	return template.HTML(t)
}

// langAttr is lang="tag", and dir="rtl" for a language written right to
// left. The tag is one the loader checked ([a-z]{2,3}(-[A-Za-z0-9]+)*),
// safe in an attribute as it is.
func langAttr(tag string) template.HTMLAttr {
	a := ` lang="` + tag + `"`
	if archive.LanguageDir(tag) == "rtl" {
		a += ` dir="rtl"`
	}
	return template.HTMLAttr(a)
}

// pageLang sets the page's language to the document's, and its dir.
func (h *Head) pageLang(d *archive.Document) {
	if d.Language != "" && d.Language != "en" {
		h.Lang = d.Language
		if archive.LanguageDir(d.Language) == "rtl" {
			h.Dir = "rtl"
		}
	}
}

// UI marks the site's own English words on a page in another language:
// lang="en", and dir="ltr" where the page is written right to left.
func (h Head) UI() template.HTMLAttr {
	if h.Lang == "" || strings.HasPrefix(h.Lang, "en") {
		return ""
	}
	if h.Dir == "rtl" {
		return ` lang="en" dir="ltr"`
	}
	return ` lang="en"`
}
