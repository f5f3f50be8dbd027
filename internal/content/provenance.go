package content

import (
	"net/url"
	"time"
)

// SourceRequiredFrom is the first date of issue for which a document must
// name its source: every text issued since the archive began asking for
// one is published online, and a reader must be able to check it against
// the original. Older texts may lack one (some were copied from print).
var SourceRequiredFrom = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// requireSource reports a document issued on or after SourceRequiredFrom
// without a source, and provenance fields that need one.
func requireSource(m meta, seen map[string]int, errs *fileErrors) {
	if _, ok := seen["source"]; ok {
		if line, ok := seen["retrieved"]; ok && !m.Retrieved.IsZero() && !m.Date.IsZero() && m.Retrieved.Before(m.Date) {
			errs.add(line, "retrieved %s is before the document's date %s: a text cannot be copied before it is issued",
				m.Retrieved.Format(time.DateOnly), m.Date.Format(time.DateOnly))
		}
		return
	}
	if !m.Date.IsZero() && !m.Date.Before(SourceRequiredFrom) {
		errs.add(1, "missing source: a document issued on or after %s names the URL of its published original (source:), so that readers can check the text",
			SourceRequiredFrom.Format(time.DateOnly))
	}
	for _, f := range []string{"retrieved", "archived"} {
		if line, ok := seen[f]; ok {
			errs.add(line, "%s without source: name the published original the text was copied from", f)
		}
	}
}

// retrievedDate reads the retrieved field: the day the text was copied.
func retrievedDate(s string, line int, errs *fileErrors) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		errs.add(line, "bad retrieved %q: want YYYY-MM-DD, the day the text was copied from its source", s)
		return time.Time{}
	}
	return d
}

// archivedURL reads the archived field: an archived copy of the source.
func archivedURL(s string, line int, errs *fileErrors) string {
	if !webURL(s) {
		errs.add(line, "bad archived %q: want an absolute http or https URL of an archived copy of the source", s)
	}
	return s
}

// webURL reports whether s is an absolute http or https URL, as source
// and archived must be.
func webURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}
