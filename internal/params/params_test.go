package params_test

import (
	"errors"
	"net/url"
	"os"
	"testing"

	"github.com/accord-archive/accord/internal/archive"
	"github.com/accord-archive/accord/internal/classify"
	"github.com/accord-archive/accord/internal/params"
)

func TestSearch(t *testing.T) {
	a, rules, err := classify.LoadArchive(os.DirFS("../../content"))
	if err != nil {
		t.Fatal(err)
	}
	long := make([]byte, archive.MaxQueryLen+1)
	for i := range long {
		long[i] = 'a'
	}
	tests := []struct {
		query   string
		want    archive.Query
		badHere string // the parameter reported, if any
	}{
		{"", archive.Query{}, ""},
		{"q=trade+route", archive.Query{Text: "trade route"}, ""},
		{"q=" + string(long), archive.Query{}, "q"},
		{"doc=+2025-11-17-Kazakhstan-Estonia+", archive.Query{Doc: "2025-11-17-kazakhstan-estonia"}, ""},
		{"doc=nope", archive.Query{}, "doc"},
		{"party=ee&year=+2025&kind=Joint-Statement", archive.Query{Party: "EE", Year: 2025, Kind: "joint-statement"}, ""},
		{"party=XX", archive.Query{}, "party"},
		{"year=0", archive.Query{}, "year"},
		{"year=10000", archive.Query{}, "year"},
		{"kind=treatyish", archive.Query{}, "kind"},
		{"commitment=Agreement&actor=JOINT&topic=Transport&entity=united-nations",
			archive.Query{Commitment: "agreement", Actor: archive.JointActor, Topic: "transport", Entity: "united-nations"}, ""},
		{"actor=ee", archive.Query{Actor: "EE"}, ""},
		{"actor=everyone", archive.Query{}, "actor"},
		{"commitment=promise", archive.Query{}, "commitment"},
		{"topic=weather", archive.Query{}, "topic"},
		{"entity=atlantis", archive.Query{}, "entity"},
		{"sort=relevance", archive.Query{}, ""},
		{"sort=newest&page=3&per_page=20", archive.Query{Sort: archive.ByNewest, Page: 3, PerPage: 20}, ""},
		{"sort=oldest", archive.Query{Sort: archive.ByOldest}, ""},
		{"sort=sideways", archive.Query{}, "sort"},
		{"page=1001", archive.Query{}, "page"},
		{"per_page=51", archive.Query{}, "per_page"},
		{"lang=RU", archive.Query{Lang: "ru"}, ""},
		{"lang=pt-BR", archive.Query{Lang: "pt"}, ""},
		{"lang=+et+", archive.Query{Lang: "et"}, ""},
		{"lang=klingon!", archive.Query{}, "lang"},
		{"unknown=1", archive.Query{}, ""},
	}
	for _, tt := range tests {
		v, err := url.ParseQuery(tt.query)
		if err != nil {
			t.Fatal(err)
		}
		got, err := params.Search(v, a, rules)
		var bad *params.Error
		switch {
		case tt.badHere == "" && err != nil:
			t.Errorf("%.60s: %v", tt.query, err)
		case tt.badHere != "" && (!errors.As(err, &bad) || bad.Param != tt.badHere):
			t.Errorf("%.60s: error %v, want one about %s", tt.query, err, tt.badHere)
		case tt.badHere == "" && got != tt.want:
			t.Errorf("%.60s: got %+v, want %+v", tt.query, got, tt.want)
		}
	}
}
