package content

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// A dateline is the line a published text gives its date on: a date, a
// range of days in one month, or a place and then either. Parsing is
// strict: the whole line must be one of these shapes and the day must
// exist in its month, so a title or a sentence is never taken for one.

// monthNames are the month names each language writes in a date (Russian
// in the genitive, as a date has it); English also by its abbreviations.
var monthNames = map[string][]string{
	"en": {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"},
	"fr": {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
	"ru": {"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"},
	"nl": {"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"},
	"de": {"januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"},
	"es": {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
}

// enAbbrev are English abbreviations, written with or without a full stop.
var enAbbrev = map[string]time.Month{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
	"sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}

// month reads a month name in lang, or else in any language whose tables
// all agree on it; an abbreviation's full stop is allowed only after an
// abbreviation.
func month(name, lang string) (time.Month, bool) {
	name = strings.ToLower(name)
	stop := strings.HasSuffix(name, ".")
	name = strings.TrimSuffix(name, ".")
	if m, ok := enAbbrev[name]; ok {
		return m, true
	}
	if stop {
		return 0, false
	}
	find := func(l string) time.Month {
		for i, n := range monthNames[l] {
			if n == name {
				return time.Month(i + 1)
			}
		}
		return 0
	}
	if m := find(lang); m != 0 {
		return m, true
	}
	var found time.Month
	for l := range monthNames {
		if m := find(l); m != 0 {
			if found != 0 && found != m {
				return 0, false
			}
			found = m
		}
	}
	return found, found != 0
}

const (
	dayRE   = `(\d{1,2})(st|nd|rd|th|er|\.)?`
	rangeRE = `(?:\s*[-–]\s*(\d{1,2})(st|nd|rd|th|\.)?)?`
)

var (
	isoDate      = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})$`)
	numericDate  = regexp.MustCompile(`^(\d{1,2})([./])(\d{1,2})[./](\d{4})$`)
	dayFirstDate = regexp.MustCompile(`^` + dayRE + rangeRE + `\s+(de\s+)?(\p{L}+\.?)\s+(de\s+)?(\d{4})(\s*(?:года|г\.))?$`)
	monthFirst   = regexp.MustCompile(`^(\p{L}+\.?)\s+` + dayRE + rangeRE + `,?\s+(\d{4})$`)
)

// errAmbiguous is a numeric date an English text might write month first.
type errAmbiguous struct{ line string }

func (e errAmbiguous) Error() string {
	return fmt.Sprintf("%q may be day/month or month/day: give the date with --date YYYY-MM-DD", e.line)
}

// dateline is what a dateline says.
type dateline struct {
	date   time.Time
	place  string // "" when the line gives none
	ranged bool   // a range of days: date is its last
}

// parseDateline reads a line as a dateline in language lang ("" is en).
// It is not one when ok is false; err is set for a line that is a date
// whose reading is ambiguous.
func parseDateline(line, lang string) (dl dateline, ok bool, err error) {
	if lang == "" {
		lang = "en"
	}
	lang = strings.ToLower(strings.SplitN(lang, "-", 2)[0])
	line = strings.TrimSpace(line)
	// The place is what comes before a comma; the first comma after
	// which a date follows ends it, so "Bali, Indonesia, 15-16 November
	// 2022" keeps both of its place's parts and "October 26, 2025" is
	// read whole.
	for i := 0; ; {
		place, rest := "", line
		if i > 0 {
			place, rest = strings.TrimSpace(line[:i-1]), strings.TrimSpace(line[i:])
		}
		if i == 0 || isPlace(place) {
			d, ranged, ok, err := parseDate(rest, lang)
			if err != nil || ok {
				return dateline{d, place, ranged}, ok, err
			}
		}
		j := strings.Index(line[i:], ",")
		if j < 0 {
			return dateline{}, false, nil
		}
		i += j + 1
	}
}

// isPlace is whether what precedes a date may be a place: a few words
// without digits, not a sentence that ends in a date ("The next meeting
// will be held in Astana, 17 November 2026", "5. Done at Astana, …").
func isPlace(s string) bool {
	return s != "" && len(strings.Fields(s)) <= maxPlaceWords && !strings.ContainsAny(s, "0123456789")
}

// maxPlaceWords allows "Bali, Indonesia", "Washington, D.C." and
// "Saint Petersburg, Russian Federation".
const maxPlaceWords = 5

// parseDate reads a date without a place.
func parseDate(s, lang string) (d time.Time, ranged, ok bool, err error) {
	atoi := func(s string) int { n, _ := strconv.Atoi(s); return n }
	if m := isoDate.FindStringSubmatch(s); m != nil {
		d, ok = makeDate(atoi(m[1]), time.Month(atoi(m[2])), atoi(m[3]))
		return d, false, ok, nil
	}
	if m := numericDate.FindStringSubmatch(s); m != nil {
		a, b := atoi(m[1]), atoi(m[3])
		// Day first, as most of the world writes it; an English text may
		// be American, so there only a reading that cannot be month first.
		if m[2] == "/" && lang == "en" && a <= 12 && b <= 12 && a != b {
			return time.Time{}, false, false, errAmbiguous{s}
		}
		d, ok = makeDate(atoi(m[4]), time.Month(b), a)
		if !ok && m[2] == "/" && b > 12 && a <= 12 {
			return time.Time{}, false, false, errAmbiguous{s}
		}
		return d, false, ok, nil
	}
	var day, last, mon, year, suf, lastSuf string
	if m := dayFirstDate.FindStringSubmatch(s); m != nil {
		day, suf, last, lastSuf, mon, year = m[1], m[2], m[3], m[4], m[6], m[8]
		// "de" only around a Spanish month, "года" only after a Russian one.
		if (m[5] != "" || m[7] != "") && !inTable(mon, "es") || m[9] != "" && !inTable(mon, "ru") {
			return time.Time{}, false, false, nil
		}
	} else if m := monthFirst.FindStringSubmatch(s); m != nil {
		mon, day, suf, last, lastSuf, year = m[1], m[2], m[3], m[4], m[5], m[6]
		// Month first is English order.
		if suf == "." || suf == "er" || lastSuf == "." || !inTable(mon, "en") {
			return time.Time{}, false, false, nil
		}
	} else {
		return time.Time{}, false, false, nil
	}
	mo, ok := month(mon, lang)
	if !ok || !ordinal(day, suf) || !ordinal(last, lastSuf) {
		return time.Time{}, false, false, nil
	}
	if _, ok := makeDate(atoi(year), mo, atoi(day)); !ok {
		return time.Time{}, false, false, nil
	}
	if last != "" {
		if atoi(last) <= atoi(day) {
			return time.Time{}, false, false, nil
		}
		day, ranged = last, true
	}
	d, ok = makeDate(atoi(year), mo, atoi(day))
	return d, ranged, ok, nil
}

// inTable is whether name is a month name of lang (for English, or an
// abbreviation).
func inTable(name, lang string) bool {
	name = strings.ToLower(name)
	if lang == "en" {
		if _, ok := enAbbrev[strings.TrimSuffix(name, ".")]; ok {
			return true
		}
	}
	for _, n := range monthNames[lang] {
		if n == name {
			return true
		}
	}
	return false
}

// ordinal holds a day's suffix to the day: 1st, 2nd, 3rd, 4th, 11th, 21st;
// 1er only for the first; the German full stop after any day.
func ordinal(day, suf string) bool {
	n, _ := strconv.Atoi(day)
	switch suf {
	case "", ".":
		return true
	case "er":
		return n == 1
	}
	want := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			want = "st"
		case 2:
			want = "nd"
		case 3:
			want = "rd"
		}
	}
	return suf == want
}

// makeDate is the date, if the day exists in that month.
func makeDate(y int, m time.Month, d int) (time.Time, bool) {
	if y < 1000 || m < 1 || m > 12 || d < 1 {
		return time.Time{}, false
	}
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return t, t.Month() == m && t.Day() == d
}
