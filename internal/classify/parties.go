package classify

import (
	"io/fs"
	"strings"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/content"
	"github.com/accord-archive/accord/internal/vocab"
)

// loadParties reads the party vocabulary, then the countries sections,
// whose codes must be states of it. Its own problems are the content
// loader's to report too; Classify reports each once.
func loadParties(fsys fs.FS, errs content.ErrorList) (*archive.Parties, content.ErrorList) {
	parties, problems := vocab.LoadParties(fsys)
	for _, p := range problems {
		errs = append(errs, content.Error{File: p.File, Line: p.Line, Msg: p.Msg})
	}
	if parties == nil {
		parties = vocab.DefaultParties()
	}
	return parties, errs
}

// decodeCountries decodes the countries sections read by readVocabulary.
func (v *vocabulary) decodeCountries(errs content.ErrorList) content.ErrorList {
	for _, c := range v.countryNodes {
		d := &decoder{vocab.Decoder{File: c.file}}
		d.country(c.n, v, v.parties)
		errs = append(errs, d.errs()...)
	}
	for _, c := range v.speakerNodes {
		d := &decoder{vocab.Decoder{File: c.file}}
		d.speaker(c.n, v, v.parties)
		errs = append(errs, d.errs()...)
	}
	for _, l := range v.langs {
		var list []speakerDef
		list, v.speakers = v.speakers, nil
		for _, c := range l.speakerN {
			d := &decoder{vocab.Decoder{File: c.file}}
			d.speaker(c.n, v, v.parties)
			errs = append(errs, d.errs()...)
		}
		l.speakers, v.speakers = v.speakers, list
	}
	return errs
}

// countries lists the current states of the party vocabulary, by code:
// each is an entity texts may name.
func countries(v *archive.Parties) []archive.Party {
	var out []archive.Party
	for _, e := range v.ByKind(archive.State) {
		if !e.Historical() {
			out = append(out, e.Party)
		}
	}
	return out
}

// addOtherParties lets the organisations, organs and groups of the party
// vocabulary be the subject of a commitment ("the European Union
// welcomed…") by their names and aliases, as countries are. They are not
// made entities: entities.yaml names organisations for that.
func (r *Rules) addOtherParties() {
	seen := map[string]bool{}
	for _, e := range r.partyVocabulary.Entries() {
		if e.Kind == archive.State {
			continue
		}
		ref := int32(len(r.partyOf))
		r.partyOf = append(r.partyOf, partyRef{code: e.Code})
		for _, a := range append([]string{e.Name}, e.Aliases...) {
			words := fold(a)
			key := strings.Join(words, " ")
			if len(words) == 0 || seen[key] {
				continue
			}
			seen[key] = true
			r.parties.add(r.dict.ids(words), ref, false)
		}
	}
}

// addSpeakers lets the persons and offices that speak for a party be the
// subject of its commitments: "President Biden welcomed" is the United
// States'. A name is one speaker's only.
func (r *Rules) addSpeakers(list []speakerDef, fail func(at, string, ...any)) {
	owner := map[string]at{}
	for _, sp := range list {
		ref := int32(len(r.partyOf))
		r.partyOf = append(r.partyOf, partyRef{code: sp.party})
		for _, n := range sp.names {
			words := fold(n.text)
			key := strings.Join(words, " ")
			if prev, ok := owner[key]; ok {
				fail(n, "speaker %q is already listed at %s", n.text, prev.where())
				continue
			}
			owner[key] = n
			r.parties.add(r.dict.ids(words), ref, false)
		}
	}
}

// dedupe drops repeated problems: the party vocabulary's are found by
// the content loader and by Load.
func dedupe(l content.ErrorList) content.ErrorList {
	out := l[:0]
	seen := map[content.Error]bool{}
	for _, e := range l {
		if !seen[e] {
			seen[e] = true
			out = append(out, e)
		}
	}
	return out
}

// Parties is the party vocabulary the rules were built with.
func (r *Rules) Parties() *archive.Parties { return r.partyVocabulary }
