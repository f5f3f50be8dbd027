package classify

import (
	"os"
	"slices"
	"testing"

	"github.com/accord-archive/accord/internal/archive"
)

const seedSlug = "2025-11-17-kazakhstan-estonia"

// loadSeed loads the real content tree and returns the seed, classified.
func loadSeed(t testing.TB) (*archive.Document, *Rules) {
	t.Helper()
	a, r, err := LoadArchive(os.DirFS("../../content"))
	if err != nil {
		t.Fatalf("LoadArchive(content) = %v", err)
	}
	d, ok := a.Document(seedSlug)
	if !ok {
		t.Fatalf("Document(%q) not found", seedSlug)
	}
	return d, r
}

// c is an expected commitment: type, phrase as printed, actor ("" = all parties).
type c struct{ typ, phrase, actor string }

// TestSeed gives, for every unit of the seed, what it commits to, by whom,
// on what and naming whom, as read in the text by a person.
func TestSeed(t *testing.T) {
	tests := []struct {
		name        string // the unit's eId
		commitments []c
		topics      []string
		entities    []string
	}{
		{
			name: "preamble__p_1", // "The Presidents …, reaffirming the principles …, recognised the significant progress …"
			commitments: []c{
				{"reaffirmation", "reaffirming", ""},
				{"reaffirmation", "recognised", ""},
			},
			topics:   []string{"political-dialogue"}, // bilateral agreements, Enhanced Partnership, diplomatic relations
			entities: []string{"european-union", "estonia", "kazakhstan"},
		},
		{
			name:        "preamble__p_2", // "The Presidents commended the work of the … Intergovernmental Commission for Economic, Scientific …"
			commitments: []c{{"support", "commended", ""}},
			topics:      []string{"political-dialogue", "trade", "education"},
			entities:    []string{"estonia", "kazakhstan"},
		},
		{
			name:        "preamble__p_3", // "… the Presidents’ meeting in Astana further reaffirmed their shared determination …"
			commitments: []c{{"reaffirmation", "reaffirmed", ""}},
			topics:      []string{"political-dialogue", "trade"}, // Intergovernmental Commission, bilateral ties; economic growth
			entities:    []string{"astana", "tallinn"},
		},
		{
			name: "preamble__p_4", // "The Presidents also welcomed …, as highlighted in the Joint Declaration …": the Declaration highlights, not the parties
			commitments: []c{
				{"support", "welcomed", ""},
			},
			topics:   []string{"political-dialogue", "regional-cooperation"},
			entities: []string{"european-union", "eu-central-asia-summit", "samarkand", "central-asia"},
		},
		{
			name:     "preamble__p_5", // "… stated the following:" commits to nothing
			entities: []string{"estonia", "kazakhstan"},
		},
		{
			name:        "para_1",
			commitments: []c{{"reaffirmation", "underlined", ""}},
			topics:      []string{"political-dialogue", "multilateralism"},
		},
		{
			name: "para_2",
			commitments: []c{
				{"agreement", "agreed to expand", ""},
				{"reaffirmation", "reaffirmed", ""}, // "They reaffirmed commitment to deepening collaboration"
				{"support", "welcomed", ""},
				{"consideration", "agreed to consider", ""},
			},
			topics: []string{"trade", "transport", "education", "digital", "agriculture"},
		},
		{
			name: "para_3",
			commitments: []c{
				{"reaffirmation", "emphasised", ""},
				{"reaffirmation", "recognized", ""},
				{"expectation", "expressed their shared interest", ""},
			},
			topics:   []string{"trade", "transport", "digital", "energy", "regional-cooperation"},
			entities: []string{"european-union", "titr", "global-gateway", "europe", "asia", "kazakhstan"},
		},
		{
			name: "para_4", // "supporting academic exchange programmes" is one of the aims reaffirmed, not a commitment of its own
			commitments: []c{
				{"support", "welcomed", ""},
				{"reaffirmation", "reaffirmed", ""},
			},
			topics: []string{"education", "culture"},
		},
		{
			name:        "para_5",
			commitments: []c{{"reaffirmation", "emphasised", ""}},
			topics:      []string{"culture"}, // "embracing innovation" is not digital technology
		},
		{
			name: "para_6",
			commitments: []c{
				{"reaffirmation", "Reaffirming", ""},
				{"reaffirmation", "underscored", ""},
				{"reaffirmation", "emphasising", ""},
				{"reaffirmation", "reiterated", ""},
			},
			topics:   []string{"political-dialogue", "multilateralism", "peace-security"},
			entities: []string{"united-nations", "ukraine", "un-charter"},
		},
		{
			name: "para_7", // Estonia welcomes; Kazakhstan thanks, emphasizing the shared commitment
			commitments: []c{
				{"support", "welcomed", "EE"},
				{"support", "expressed its sincere gratitude", "KZ"},
				{"reaffirmation", "emphasizing", "KZ"},
			},
			topics:   []string{"sustainable-development", "multilateralism", "peace-security", "regional-cooperation"},
			entities: []string{"united-nations", "sdgs", "almaty", "central-asia", "afghanistan", "estonia", "kazakhstan"},
		},
		{
			name: "para_8", // "This Summit will serve …" commits no party
			commitments: []c{
				{"reaffirmation", "highlighted", ""},
				{"reaffirmation", "reaffirmed", ""},
				{"support", "welcomed", ""},
			},
			topics:   []string{"climate", "sustainable-development", "multilateralism", "regional-cooperation"},
			entities: []string{"united-nations", "cop30", "regional-ecological-summit", "belem", "central-asia", "brazil", "kazakhstan"},
		},
		{
			name:        "para_9", // "… the agreements reached … will give new impetus" commits no party
			commitments: []c{{"expectation", "expressed confidence", ""}},
			topics:      []string{"political-dialogue"}, // state visit, bilateral cooperation
		},
	}

	d, _ := loadSeed(t)
	units := map[string]*archive.Classification{}
	for _, p := range d.Preamble {
		units[p.EID()] = p.Classification
	}
	for _, cl := range d.Clauses {
		units[cl.EID()] = &cl.Classification
	}
	if len(tests) != len(units) {
		t.Errorf("the test covers %d units; the seed has %d", len(tests), len(units))
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, ok := units[tt.name]
			if !ok {
				t.Fatalf("no unit %s", tt.name)
			}
			var got []c
			for _, m := range u.Commitments {
				got = append(got, c{m.Type.Code, m.Phrase(), m.Actor})
			}
			if !slices.Equal(got, tt.commitments) {
				t.Errorf("commitments = %v; want %v", got, tt.commitments)
			}
			var topics, entities []string
			for _, x := range u.Topics {
				topics = append(topics, x.Slug)
			}
			for _, x := range u.Entities {
				entities = append(entities, x.Slug)
			}
			// Order is the vocabulary's; what counts here is which.
			slices.Sort(topics)
			slices.Sort(entities)
			tt.topics, tt.entities = slices.Sorted(slices.Values(tt.topics)), slices.Sorted(slices.Values(tt.entities))
			if !slices.Equal(topics, tt.topics) {
				t.Errorf("topics = %v; want %v", topics, tt.topics)
			}
			if !slices.Equal(entities, tt.entities) {
				t.Errorf("entities = %v; want %v", entities, tt.entities)
			}
		})
	}
}

// TestSeedClauses: every clause commits to something, on some topic.
func TestSeedClauses(t *testing.T) {
	d, _ := loadSeed(t)
	for _, cl := range d.Clauses {
		if len(cl.Commitments) == 0 || len(cl.Topics) == 0 {
			t.Errorf("clause %d: %d commitments, %d topics; want at least one of each", cl.Number, len(cl.Commitments), len(cl.Topics))
		}
		if cl.Strongest() == nil {
			t.Errorf("clause %d: Strongest() = nil", cl.Number)
		}
	}
}
