package search

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
)

// Field names of the indexed unit. Every query names one of these.
const (
	fieldText  = "text"  // the unit's verbatim text, analysed
	fieldDoc   = "doc"   // document slug
	fieldTitle = "title" // document title, whole
	fieldParty = "party" // ISO codes, one value per party
	fieldYear  = "year"  // "2025"
	fieldKind  = "kind"  // joint-statement, …
	fieldEID   = "eid"   // para_3, preamble__p_2
	fieldDate  = "date"  // numeric: Unix seconds of the document's date
	fieldOrder = "order" // numeric: the unit's place in its document

	// The unit's classification (internal/classify), one value each.
	fieldCommitment = "commitment" // commitment type codes: agreement, …
	fieldActor      = "actor"      // who commits: a party's code, or "joint"
	fieldTopic      = "topic"      // topic slugs
	fieldEntity     = "entity"     // entity slugs
)

// JointActor is the actor value of a commitment that every party makes.
const JointActor = "joint"

// unitType is the one document type of the index.
const unitType = "unit"

// unit is what the index holds for one clause or preamble paragraph. Only
// the text is analysed; nothing is stored, because results are read back
// from the archive by the unit's id.
type unit struct {
	Text  string   `json:"text"`
	Doc   string   `json:"doc"`
	Title string   `json:"title"`
	Party []string `json:"party"`
	Year  string   `json:"year"`
	Kind  string   `json:"kind"`
	EID   string   `json:"eid"`
	Date  float64  `json:"date"`
	Order float64  `json:"order"`

	Commitment []string `json:"commitment"`
	Actor      []string `json:"actor"`
	Topic      []string `json:"topic"`
	Entity     []string `json:"entity"`
}

// BleveType names the unit's mapping.
func (unit) BleveType() string { return unitType }

// newMapping is the explicit index mapping: one static document type, the
// default mapping disabled, nothing dynamic, nothing in _all.
func newMapping() *mapping.IndexMappingImpl {
	im := bleve.NewIndexMapping()
	im.DefaultMapping = bleve.NewDocumentDisabledMapping()
	im.DefaultAnalyzer = analyzerName
	im.DefaultField = fieldText
	im.IndexDynamic = false
	im.StoreDynamic = false
	im.DocValuesDynamic = false
	im.ScoringModel = index.BM25Scoring

	text := bleve.NewTextFieldMapping()
	text.Analyzer = analyzerName
	text.Store = false
	text.IncludeInAll = false
	text.IncludeTermVectors = true // term locations, for snippets and phrases
	text.DocValues = false

	keywordField := func(docValues bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = false
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		f.DocValues = docValues // for facets and sorting
		return f
	}
	numeric := func() *mapping.FieldMapping {
		f := bleve.NewNumericFieldMapping()
		f.Store = false
		f.IncludeInAll = false
		f.DocValues = true // for sorting
		return f
	}

	um := bleve.NewDocumentStaticMapping()
	um.AddFieldMappingsAt(fieldText, text)
	um.AddFieldMappingsAt(fieldDoc, keywordField(true))
	um.AddFieldMappingsAt(fieldTitle, keywordField(false))
	um.AddFieldMappingsAt(fieldParty, keywordField(true))
	um.AddFieldMappingsAt(fieldYear, keywordField(true))
	um.AddFieldMappingsAt(fieldKind, keywordField(true))
	um.AddFieldMappingsAt(fieldEID, keywordField(false))
	um.AddFieldMappingsAt(fieldDate, numeric())
	um.AddFieldMappingsAt(fieldOrder, numeric())
	um.AddFieldMappingsAt(fieldCommitment, keywordField(true))
	um.AddFieldMappingsAt(fieldActor, keywordField(true))
	um.AddFieldMappingsAt(fieldTopic, keywordField(true))
	um.AddFieldMappingsAt(fieldEntity, keywordField(true))
	im.AddDocumentMapping(unitType, um)
	return im
}
