package classify

import "github.com/accord-archive/accord/internal/archive"

// A version of a work in a language the vocabulary does not read (an
// Estonian version of a text also in English) inherits from a version it
// does read what does not depend on the words: the topics and the names
// of each provision, aligned by eId. It does not inherit commitments: a
// commitment is a phrase of its own text, which no rule found in this
// one, and taking the other version's would count one work's
// commitments twice. The document stays Unclassified, and says where
// its topics and names come from (InheritedFrom).

// inheritVersions gives each unread document the topics and names of a
// version of the same work that was read: the English one if there is one,
// else the first in archive order.
func inheritVersions(docs []*archive.Document) {
	var unread []*archive.Document
	for _, d := range docs {
		if d.Unclassified {
			unread = append(unread, d)
		}
	}
	if len(unread) == 0 {
		return
	}
	read := map[string]*archive.Document{} // work IRI → the version to inherit from
	for _, d := range docs {
		if d.Unclassified {
			continue
		}
		w := d.WorkIRI()
		if prev, ok := read[w]; !ok || archive.LanguageBase(d.Language) == "en" && archive.LanguageBase(prev.Language) != "en" {
			read[w] = d
		}
	}
	for _, d := range unread {
		if from, ok := read[d.WorkIRI()]; ok {
			Inherit(d, from)
		}
	}
}

// Inherit gives version, a document the rules did not read, the topics
// and names of from's units with the same eId, where an editor's
// override does not set them; units of version with no counterpart keep
// none. It records from's slug in version.InheritedFrom. It does nothing
// when version was read or from was not.
func Inherit(version, from *archive.Document) {
	if !version.Unclassified || from.Unclassified || version == from {
		return
	}
	units := map[string]*archive.Classification{}
	for _, p := range from.Preamble {
		units[p.EID()] = p.Classification
	}
	for _, c := range from.Clauses {
		units[c.EID()] = &c.Classification
	}
	take := func(eid string, cl *archive.Classification) {
		src, ok := units[eid]
		if !ok || src == nil {
			return
		}
		if o := cl.Override; o == nil || !o.SetTopics {
			cl.Topics = src.Topics
		}
		if o := cl.Override; o == nil || !o.SetEntities {
			cl.Entities = src.Entities
		}
	}
	for _, p := range version.Preamble {
		take(p.EID(), p.Classification)
	}
	for _, c := range version.Clauses {
		take(c.EID(), &c.Classification)
	}
	version.InheritedFrom = from.Slug
}
