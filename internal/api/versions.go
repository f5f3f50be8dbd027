package api

import (
	"regexp"
	"strings"

	"github.com/accord-archive/accord/internal/archive"
)

// langTag is a language tag as the content format allows it.
var langTag = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

// langParam reads the lang filter: a language tag, "" for every language.
func langParam(v string) (string, error) {
	if v == "" {
		return "", nil
	}
	if len(v) > 35 || !langTag.MatchString(v) {
		return "", badRequest("lang must be a language tag such as en, ru or pt-BR")
	}
	return v, nil
}

// inLanguage reports whether d's text is in lang: its tag, or a tag of
// that language ("pt" matches pt-BR); "" is any language.
func inLanguage(d *archive.Document, lang string) bool {
	if lang == "" || strings.EqualFold(d.Language, lang) {
		return true
	}
	return !strings.Contains(lang, "-") && archive.LanguageBase(d.Language) == archive.LanguageBase(lang)
}
