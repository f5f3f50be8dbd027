package search

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/accord-archive/accord/internal/archive"
)

// Field names of the indexed unit. Every query names one of these.
const (
	fieldOrd   = "ord"     // the unit's ordinal in the catalogue, decimal; the one doc value
	fieldText  = "text"    // the unit's verbatim text, analysed
	fieldCtx   = "context" // its document's title, parties and issuer, analysed
	fieldHead  = "heading" // the labels and headings of the provisions that hold it, analysed
	fieldDoc   = "doc"     // document slug
	fieldParty = "party"   // ISO codes, one value per party
	fieldYear  = "year"    // "2025"
	fieldKind  = "kind"    // joint-statement, …

	// The unit's classification (internal/classify), one value each.
	fieldCommitment = "commitment" // commitment type codes: agreement, …
	fieldActor      = "actor"      // who commits: a party's code, or "joint"
	fieldTopic      = "topic"      // topic slugs
	fieldEntity     = "entity"     // entity slugs
)

// JointActor is the actor value of a commitment that every party makes.
const JointActor = archive.JointActor

// unitType is the one document type of the index.
const unitType = "unit"

// unit is what the index holds for one provision or preamble paragraph.
// Only the text, context and headings are analysed; nothing is stored,
// and only the ordinal has a doc value, because results, facets and date
// orders are read from the catalogue by the ordinal. The context and the
// headings are not here: fill adds them analysed (see sharedField).
type unit struct {
	Ord   string   `json:"ord"`
	Text  *string  `json:"text"` // nil for a unit not in English: fill adds its text (see lang.go)
	Doc   string   `json:"doc"`
	Lang  []string `json:"lang"` // the language's primary subtag; none in an archive all in English
	Party []string `json:"party"`
	Year  string   `json:"year"`
	Kind  string   `json:"kind"`

	Commitment []string `json:"commitment"`
	Actor      []string `json:"actor"`
	Topic      []string `json:"topic"`
	Entity     []string `json:"entity"`
}

// BleveType names the unit's mapping.
func (unit) BleveType() string { return unitType }

// newMapping is the explicit index mapping: one static document type, the
// default mapping disabled, nothing dynamic, no _all field.
func newMapping() *mapping.IndexMappingImpl {
	im := bleve.NewIndexMapping()
	im.DefaultMapping = bleve.NewDocumentDisabledMapping()
	im.DefaultAnalyzer = analyzerName
	im.DefaultField = fieldText
	im.IndexDynamic = false
	im.StoreDynamic = false
	im.DocValuesDynamic = false
	im.ScoringModel = index.BM25Scoring

	text := textMapping()
	text.Analyzer = analyzerName

	ctx := contextMapping()

	keywordField := func(docValues bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = false
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		f.DocValues = docValues
		return f
	}

	um := bleve.NewDocumentStaticMapping()
	um.AddFieldMappingsAt(fieldOrd, keywordField(true))
	um.AddFieldMappingsAt(fieldText, text)
	um.AddFieldMappingsAt(fieldCtx, ctx)
	um.AddFieldMappingsAt(fieldHead, ctx)
	um.AddFieldMappingsAt(fieldDoc, keywordField(false))
	um.AddFieldMappingsAt(fieldLang, keywordField(false))
	um.AddFieldMappingsAt(fieldParty, keywordField(false))
	um.AddFieldMappingsAt(fieldYear, keywordField(false))
	um.AddFieldMappingsAt(fieldKind, keywordField(false))
	um.AddFieldMappingsAt(fieldCommitment, keywordField(false))
	um.AddFieldMappingsAt(fieldActor, keywordField(false))
	um.AddFieldMappingsAt(fieldTopic, keywordField(false))
	um.AddFieldMappingsAt(fieldEntity, keywordField(false))
	// No field goes to _all, and no query reads it; disabled, Bleve does
	// not build an empty composite field for every unit.
	um.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())
	im.AddDocumentMapping(unitType, um)
	return im
}

// contextMapping is the mapping of the context and heading fields: they are
// searched, never highlighted, so they keep no term locations.
func contextMapping() *mapping.FieldMapping {
	ctx := bleve.NewTextFieldMapping()
	ctx.Analyzer = analyzerName
	ctx.Store = false
	ctx.IncludeInAll = false
	ctx.IncludeTermVectors = false
	ctx.DocValues = false
	return ctx
}

// textMapping is the mapping of a unit's text, in any language: term
// locations kept, for snippets and phrases.
func textMapping() *mapping.FieldMapping {
	text := bleve.NewTextFieldMapping()
	text.Store = false
	text.IncludeInAll = false
	text.IncludeTermVectors = true
	text.DocValues = false
	return text
}

// textOptions are the indexing options of the text fields of other
// languages, which fill adds itself.
var textOptions = textMapping().Options()
