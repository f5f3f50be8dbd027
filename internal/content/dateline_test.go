package content

import (
	"strings"
	"testing"
	"time"

	"github.com/accord-archive/accord/internal/archive"
)

func TestParseDateline(t *testing.T) {
	tests := []struct {
		line, lang string
		date       string // "" when the line is no date
		place      string
		ranged     bool
		ambiguous  bool
	}{
		{line: "November 17, 2025", date: "2025-11-17"},
		{line: "17 November 2025", date: "2025-11-17"},
		{line: "Nov 17, 2025", date: "2025-11-17"},
		{line: "17 Nov 2025", date: "2025-11-17"},
		{line: "15-16 November 2022", date: "2022-11-16", ranged: true},
		{line: "15–16 November 2022", date: "2022-11-16", ranged: true},
		{line: "November 15-16, 2022", date: "2022-11-16", ranged: true},
		{line: "Oct. 26, 2025", date: "2025-10-26"},
		{line: "Sept. 3, 2024", date: "2024-09-03"},
		{line: "26 Oct. 2025", date: "2025-10-26"},
		{line: "October 26th, 2025", date: "2025-10-26"},
		{line: "26th October 2025", date: "2025-10-26"},
		{line: "1st June 2022", date: "2022-06-01"},
		{line: "Bali, Indonesia, 15-16 November 2022", date: "2022-11-16", place: "Bali, Indonesia", ranged: true},
		{line: "Astana, 17 November 2025", date: "2025-11-17", place: "Astana"},
		{line: "Washington, D.C., July 10, 2024", date: "2024-07-10", place: "Washington, D.C."},
		{line: "14 juin 2022", lang: "fr", date: "2022-06-14"},
		{line: "1er juin 2022", lang: "fr", date: "2022-06-01"},
		{line: "Paris, le 14 juin 2022", lang: "fr"}, // "le" is not read
		{line: "14 juin 2022", date: "2022-06-14"},   // the month says the language
		{line: "14 июня 1991 года", lang: "ru", date: "1991-06-14"},
		{line: "14 июня 1991 г.", lang: "ru", date: "1991-06-14"},
		{line: "14 июня 1991", lang: "ru", date: "1991-06-14"},
		{line: "Москва, 14 июня 1991 года", lang: "ru", date: "1991-06-14", place: "Москва"},
		{line: "14 juni 2022", lang: "nl", date: "2022-06-14"},
		{line: "14 mei 2022", lang: "nl", date: "2022-05-14"},
		{line: "14. Juni 2022", lang: "de", date: "2022-06-14"},
		{line: "14. März 2022", date: "2022-03-14"},
		{line: "14 de junio de 2022", lang: "es", date: "2022-06-14"},
		{line: "2025-11-17", date: "2025-11-17"},
		{line: "17.11.2025", date: "2025-11-17"},
		{line: "17/11/2025", date: "2025-11-17"},
		{line: "5/5/2025", date: "2025-05-05"},
		{line: "11/12/2025", lang: "fr", date: "2025-12-11"},
		{line: "11/12/2025", lang: "en", ambiguous: true},
		{line: "11/12/2025", ambiguous: true},
		{line: "11/17/2025", ambiguous: true},
		// Not dates.
		{line: "32 January 2025"},
		{line: "February 30, 2025"},
		{line: "29 February 2025"},
		{line: "29 February 2024", date: "2024-02-29"},
		{line: "2025"},
		{line: "Spring 2025"},
		{line: ""},
		{line: "16-15 November 2022"},
		{line: "15-32 November 2022"},
		{line: "26nd October 2025"},
		{line: "2er juin 2022"},
		{line: "17 November 25"},
		{line: "17 Novembre 2025 extra"},
		{line: "May. 3, 2025"},
		{line: "17.11.25"},
		{line: "2025-11-31"},
		{line: "2025-13-01"},
		{line: "31/04/2025"},
		{line: "Joint Statement of the Presidents"},
		{line: "The meeting took place on 17 November 2025"},
		{line: ", 17 November 2025"},
		{line: "The next meeting will be held in Astana, 17 November 2026"},
		{line: "5. Done at Astana, 17 November 2025"},
		{line: "Saint Petersburg, Russian Federation, 17 June 2022", date: "2022-06-17", place: "Saint Petersburg, Russian Federation"},
		{line: "26 October, 2025"},
		{line: "Oktober 26, 2025"},
		{line: "14. Juni 2022 года"},
		{line: "14 de June de 2022"},
		{line: "14 junio 2022", date: "2022-06-14"},
	}
	for _, tt := range tests {
		dl, ok, err := parseDateline(tt.line, tt.lang)
		if tt.ambiguous {
			if err == nil || ok || !strings.Contains(err.Error(), "--date YYYY-MM-DD") {
				t.Errorf("parseDateline(%q, %q) = %v, %v, %v; want an ambiguity asking for --date", tt.line, tt.lang, dl, ok, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("parseDateline(%q, %q) error %v", tt.line, tt.lang, err)
			continue
		}
		if tt.date == "" {
			if ok {
				t.Errorf("parseDateline(%q, %q) = %v; want no date", tt.line, tt.lang, dl.date)
			}
			continue
		}
		if !ok || dl.date.Format(time.DateOnly) != tt.date || dl.place != tt.place || dl.ranged != tt.ranged {
			t.Errorf("parseDateline(%q, %q) = %s %q ranged=%v ok=%v; want %s %q ranged=%v",
				tt.line, tt.lang, dl.date.Format(time.DateOnly), dl.place, dl.ranged, ok, tt.date, tt.place, tt.ranged)
		}
	}
}

// TestImportDate: where import finds the date, what it keeps as text, and
// what it says.
func TestImportDate(t *testing.T) {
	meta := func(f func(*ImportMeta)) ImportMeta {
		m := seedMeta
		m.Place = ""
		if f != nil {
			f(&m)
		}
		return m
	}
	tests := []struct {
		name  string
		src   string
		meta  ImportMeta
		date  string
		place string
		paras []string
		note  string
		err   string
	}{
		{"first line dated", "17 November 2025\nOne.\n", meta(nil), "2025-11-17", "", []string{"One."}, "", ""},
		{"place and date", "\nBali, Indonesia, 15-16 November 2022\nOne.\n", meta(nil), "2022-11-16", "Bali, Indonesia", []string{"One."}, "x.txt:2: a range of days: dated 2022-11-16, its last day", ""},
		{"--place wins", "Astana, 17 November 2025\nOne.\n", meta(func(m *ImportMeta) { m.Place = "Nur-Sultan" }), "2025-11-17", "Nur-Sultan", []string{"One."}, "", ""},
		{"title kept with --date", "Joint Statement\nOne.\n", meta(func(m *ImportMeta) { m.Date = "2025-11-17" }), "2025-11-17", "", []string{"Joint Statement", "One."}, `x.txt:1: "Joint Statement" read as the title: kept as the first paragraph`, ""},
		{"--date with the same dateline", "Astana, 17 November 2025\nOne.\n", meta(func(m *ImportMeta) { m.Date = "2025-11-17" }), "2025-11-17", "Astana", []string{"One."}, "", ""},
		{"--date settles an ambiguous line", "11/12/2025\nOne.\n", meta(func(m *ImportMeta) { m.Date = "2025-11-12" }), "2025-11-12", "", []string{"One."}, "", ""},
		{"--date against the dateline", "17 November 2025\nOne.\n", meta(func(m *ImportMeta) { m.Date = "2025-11-18" }), "", "", nil, "", "x.txt:1: the first line gives the date 2025-11-17; --date gives 2025-11-18"},
		{"bad --date", "Title\nOne.\n", meta(func(m *ImportMeta) { m.Date = "17.11.2025" }), "", "", nil, "", `x.txt: --date "17.11.2025": give it as YYYY-MM-DD`},
		{"impossible --date", "Title\nOne.\n", meta(func(m *ImportMeta) { m.Date = "2025-02-30" }), "", "", nil, "", `--date "2025-02-30"`},
		{"last line dated", "Joint Statement\nOne.\nAstana, 17 November 2025\n\n", meta(nil), "2025-11-17", "Astana", []string{"Joint Statement", "One."}, "x.txt:3: dated 2025-11-17 by its last line", ""},
		{"ambiguous first line", "11/12/2025\nOne.\n", meta(nil), "", "", nil, "", `x.txt:1: "11/12/2025" may be day/month or month/day: give the date with --date YYYY-MM-DD`},
		{"ambiguous last line", "Title\nOne.\n11/12/2025\n", meta(nil), "", "", nil, "", `x.txt:3: "11/12/2025" may be`},
		{"day first in French", "11/12/2025\nUn.\n", meta(func(m *ImportMeta) { m.Language = "fr" }), "2025-12-11", "", []string{"Un."}, "", ""},
		{"a sentence ending in a date", "Joint Statement\nThe next meeting is in Astana, 17 November 2026\n", meta(nil), "", "", nil, "", `x.txt:1: the first line is not a date`},
		{"no date anywhere", "Joint Statement\nOne.\n", meta(nil), "", "", nil, "", `x.txt:1: the first line is not a date`},
		{"one line, no date", "Spring 2025\n", meta(nil), "", "", nil, "", `got "Spring 2025": give the date with --date YYYY-MM-DD`},
		{"32 January", "32 January 2025\nOne.\n", meta(nil), "", "", nil, "", `x.txt:1: the first line is not a date`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var notes []string
			tt.meta.Note = func(s string) { notes = append(notes, s) }
			_, file, err := Import("x.txt", []byte(tt.src), tt.meta)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("Import() = %v; want an error containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Import() = %v", err)
			}
			d, errs := Parse("documents/x.md", file)
			if errs != nil {
				t.Fatalf("Parse() = %v\n%s", errs, file)
			}
			// A last line that dates the text is its dateline, in its conclusions.
			if last := strings.TrimSpace(tt.src); tt.name == "last line dated" &&
				(len(d.Conclusions) != 1 || d.Conclusions[0].Element != archive.ElDateline || !strings.HasSuffix(last, d.Conclusions[0].Text())) {
				t.Errorf("conclusions = %v; want the last line as the dateline\n%s", d.Conclusions, file)
			}
			var paras []string
			for _, p := range d.Paragraphs() {
				paras = append(paras, p.Text)
			}
			if d.Date.Format(time.DateOnly) != tt.date || d.Place != tt.place || strings.Join(paras, "|") != strings.Join(tt.paras, "|") {
				t.Errorf("imported %s %q %q; want %s %q %q\n%s", d.Date.Format(time.DateOnly), d.Place, paras, tt.date, tt.place, tt.paras, file)
			}
			got := strings.Join(notes, "\n")
			if (tt.note == "") != (got == "") || !strings.Contains(got, tt.note) {
				t.Errorf("notes = %q; want %q", got, tt.note)
			}
		})
	}
}

// TestMonthAgreement: a name two languages give to different months is
// read only in the text's own language.
func TestMonthAgreement(t *testing.T) {
	monthNames["xx"] = []string{"juin", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"}
	defer delete(monthNames, "xx")
	if m, ok := month("juin", "en"); ok {
		t.Errorf("month(juin, en) = %v; want none, as fr and xx disagree", m)
	}
	if m, ok := month("juin", "fr"); !ok || m != time.June {
		t.Errorf("month(juin, fr) = %v, %v; want June", m, ok)
	}
	if m, ok := month("juin", "xx"); !ok || m != time.January {
		t.Errorf("month(juin, xx) = %v, %v; want January", m, ok)
	}
}
