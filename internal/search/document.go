package search

import (
	"slices"
	"strconv"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/accord-archive/accord/internal/archive"
)

// A unit's document is made here, its fields analysed as they are made,
// rather than by the mapping (a reflection walk of a unit value, one
// field and one map of token frequencies per keyword value) and by Bleve
// (which analyses each field again in a batch or the builder). The fields
// hold what the mapping would make them hold, term for term: the test
// TestDocumentsMatchTheMapping compares the two for every unit of a
// fixture. The mapping still names the fields' analyzers for queries.

// analysed is an indexed field already analysed: Analyze does nothing.
type analysed struct {
	name    string
	value   []byte
	options index.FieldIndexingOptions
	length  int
	freqs   index.TokenFrequencies
}

var _ document.Field = (*analysed)(nil)

func (f *analysed) Name() string                                     { return f.name }
func (f *analysed) Value() []byte                                    { return f.value }
func (f *analysed) ArrayPositions() []uint64                         { return nil }
func (f *analysed) EncodedFieldType() byte                           { return 't' }
func (f *analysed) Analyze()                                         {}
func (f *analysed) Options() index.FieldIndexingOptions              { return f.options }
func (f *analysed) AnalyzedLength() int                              { return f.length }
func (f *analysed) AnalyzedTokenFrequencies() index.TokenFrequencies { return f.freqs }
func (f *analysed) NumPlainTextBytes() uint64                        { return uint64(len(f.value)) }
func (f *analysed) Size() int                                        { return 64 + len(f.name) + len(f.value) }

// Options of the fields, as the mapping sets them.
var (
	keywordOptions = index.IndexField
	ordOptions     = index.IndexField | index.DocValues
	contextOptions = contextMapping().Options()
)

// analyseText analyses value with a as the field name, with term
// locations if options include them.
func analyseText(name string, value []byte, options index.FieldIndexingOptions, a analysis.Analyzer) *analysed {
	tokens := a.Analyze(value)
	return &analysed{name: name, value: value, options: options, length: len(tokens),
		freqs: frequencies(tokens, options.IncludeTermVectors())}
}

// frequencies counts each term of tokens, with its locations if vectors:
// what Bleve's analysis.TokenFrequency makes, in a few allocations rather
// than two or three a term.
func frequencies(tokens analysis.TokenStream, vectors bool) index.TokenFrequencies {
	freqs := make(index.TokenFrequencies, len(tokens))
	terms := make([]index.TokenFreq, 0, len(tokens)) // never grown: the map points into it
	for _, t := range tokens {
		tf, ok := freqs[string(t.Term)]
		if !ok {
			terms = append(terms, index.TokenFreq{Term: t.Term})
			tf = &terms[len(terms)-1]
			freqs[string(t.Term)] = tf
		}
		tf.SetFrequency(tf.Frequency() + 1)
	}
	if !vectors {
		return freqs
	}
	// Each term's locations are a part of one slice, in token order.
	locs := make([]index.TokenLocation, len(tokens))
	ptrs := make([]*index.TokenLocation, len(tokens))
	next := 0
	for i := range terms {
		n := terms[i].Frequency()
		terms[i].Locations = ptrs[next : next : next+n]
		next += n
	}
	for i, t := range tokens {
		locs[i] = index.TokenLocation{Start: t.Start, End: t.End, Position: t.Position}
		tf := freqs[string(t.Term)]
		tf.Locations = append(tf.Locations, &locs[i])
	}
	return freqs
}

// keywords is the field name holding values, each one term, as the
// keyword analyzer makes them; several values are one field, as Bleve
// merges the fields of one name in a document.
func keywords(name string, options index.FieldIndexingOptions, values ...string) *analysed {
	freqs := make(index.TokenFrequencies, len(values))
	terms := make([]index.TokenFreq, 0, len(values))
	for _, v := range values {
		tf, ok := freqs[v]
		if !ok {
			terms = append(terms, index.TokenFreq{Term: []byte(v)})
			tf = &terms[len(terms)-1]
			freqs[v] = tf
		}
		tf.SetFrequency(tf.Frequency() + 1)
	}
	var value []byte
	if len(values) > 0 {
		value = []byte(values[0])
	}
	return &analysed{name: name, value: value, options: options, length: len(values), freqs: freqs}
}

// docFields are the fields every unit of a document has alike, made once
// for the document and shared, read-only, by its units' documents.
type docFields struct {
	doc              *archive.Document
	slug, year, kind *analysed
	party, lng       *analysed // party and the lang field: nil when none
	context          *analysed
}

// document is the analysed document of the unit numbered ord.
func (s *sharedFields) document(ord int) *document.Document {
	cat := s.cat
	u := &cat.units[ord]
	d := u.doc()
	l := cat.langOf(ord)
	if s.fields.doc != d {
		s.fields = s.docFields(d, l)
	}
	f := &s.fields

	doc := document.NewDocument(u.id())
	doc.Fields = make([]document.Field, 0, 16)
	add := func(fs ...*analysed) {
		for _, x := range fs {
			if x != nil {
				doc.Fields = append(doc.Fields, x)
			}
		}
	}
	add(keywords(fieldOrd, ordOptions, strconv.Itoa(ord)))
	text := []byte(u.text())
	if l == nil {
		add(analyseText(fieldText, text, textOptions, s.analyzer))
	}
	add(f.slug, f.lng, f.party, f.year, f.kind)

	var commitments, actors, topics, entities []string
	for _, m := range u.class().Commitments {
		if m.Type != nil && !slices.Contains(commitments, m.Type.Code) {
			commitments = append(commitments, m.Type.Code)
		}
		actor := m.Actor
		if actor == "" {
			actor = JointActor
		}
		if !slices.Contains(actors, actor) {
			actors = append(actors, actor)
		}
	}
	for _, t := range u.class().Topics {
		topics = append(topics, t.Slug)
	}
	for _, e := range u.class().Entities {
		entities = append(entities, e.Slug)
	}
	for _, kv := range []struct {
		name   string
		values []string
	}{{fieldCommitment, commitments}, {fieldActor, actors}, {fieldTopic, topics}, {fieldEntity, entities}} {
		if len(kv.values) > 0 {
			add(keywords(kv.name, keywordOptions, kv.values...))
		}
	}
	if l != nil {
		// Not English: the text in its language's field, and folded.
		add(analyseText(l.field, text, textOptions, l.analyzer))
		add(analyseText(fieldFold, text, textOptions, foldAnalyzer))
	}
	add(f.context)
	if h := s.heading(ord); h != nil {
		add(h)
	}
	return doc
}

// docFields makes the shared fields of document d, in language l.
func (s *sharedFields) docFields(d *archive.Document, l *lang) docFields {
	f := docFields{
		doc:  d,
		slug: keywords(fieldDoc, keywordOptions, d.Slug),
		year: keywords(fieldYear, keywordOptions, strconv.Itoa(d.Year())),
		kind: keywords(fieldKind, keywordOptions, string(d.Kind)),
	}
	switch {
	case l != nil:
		f.lng = keywords(fieldLang, keywordOptions, l.base)
	case len(s.cat.langs) > 0:
		f.lng = keywords(fieldLang, keywordOptions, English)
	}
	var parties []string
	for _, p := range d.Named() { // the issuer too: party:G7 finds the G7's communiqués
		parties = append(parties, p.Code)
	}
	if len(parties) > 0 {
		f.party = keywords(fieldParty, keywordOptions, parties...)
	}
	f.context = analyseText(fieldCtx, []byte(s.cat.context(d)), contextOptions, s.analyzer)
	return f
}
