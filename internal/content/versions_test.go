package content

import (
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

const (
	statementEN = "2024-05-14-estonia-kazakhstan"
	treatyEN    = "2023-09-21-estonia-france"
)

// versionsTree is the made-up language versions of testdata/versions,
// as a map to change.
func versionsTree(t *testing.T) fstest.MapFS {
	t.Helper()
	dir := "../../testdata/versions/documents"
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, e := range entries {
		b, err := os.ReadFile(dir + "/" + e.Name())
		if err != nil {
			t.Fatal(err)
		}
		fsys["documents/"+e.Name()] = &fstest.MapFile{Data: b}
	}
	return fsys
}

func TestVersionsGroupIntoOneWork(t *testing.T) {
	a, err := Load(versionsTree(t))
	if err != nil {
		t.Fatal(err)
	}
	en, _ := a.Document(statementEN)
	ru, _ := a.Document(statementEN + "-ru")
	et, _ := a.Document(statementEN + "-et")
	if ru.Original() != en || et.Original() != en || en.Original() != en {
		t.Fatalf("originals: ru→%s et→%s en→%s; want all %s", ru.Original().Slug, et.Original().Slug, en.Original().Slug, en.Slug)
	}
	var langs []string
	for _, v := range ru.Versions() {
		langs = append(langs, v.Language)
	}
	if !slices.Equal(langs, []string{"en", "et", "ru"}) {
		t.Errorf("versions = %v; want the original, then by tag: [en et ru]", langs)
	}
	if ru.WorkIRI() != en.WorkIRI() || et.WorkIRI() != en.WorkIRI() {
		t.Errorf("work IRIs %s, %s, %s differ: versions are one work", en.WorkIRI(), ru.WorkIRI(), et.WorkIRI())
	}
	if n := len(VersionWarnings(a)); n != 0 {
		t.Errorf("the fixture's versions align, yet %d warnings: %v", n, VersionWarnings(a))
	}
}

// The treaty's English text says in its conclusions which texts are
// authentic and which prevails; its French version says so in its front matter.
func TestAuthenticFromTheText(t *testing.T) {
	a, err := Load(versionsTree(t))
	if err != nil {
		t.Fatal(err)
	}
	en, _ := a.Document(treatyEN)
	fr, _ := a.Document(treatyEN + "-fr")
	if !slices.Equal(en.Authentic, []string{"en", "fr"}) || en.Prevails != "en" {
		t.Errorf("read from the text: authentic %v, prevails %q; want [en fr], en", en.Authentic, en.Prevails)
	}
	if en.AuthenticLine != 30 {
		t.Errorf("authentic declared on line %d; want 30, the 'Done at' line", en.AuthenticLine)
	}
	if !fr.IsAuthentic() || fr.Prevailing() || !en.Prevailing() {
		t.Errorf("fr authentic %v prevailing %v, en prevailing %v; want true, false, true", fr.IsAuthentic(), fr.Prevailing(), en.Prevailing())
	}
	st, _ := a.Document(statementEN)
	if st.WorkAuthentic() != nil || st.WorkPrevails() != "" {
		t.Errorf("the statement says nothing of authentic texts, yet %v / %q", st.WorkAuthentic(), st.WorkPrevails())
	}
}

func TestDeclaredLanguages(t *testing.T) {
	for _, tc := range []struct {
		text      string
		authentic []string
		prevails  string
	}{
		{"Done at Astana on 3 March 2024 in two originals, each in the Estonian, Kazakh and English languages, all texts being equally authentic.", []string{"et", "kk", "en"}, ""},
		{"Done at Paris in the English and French languages, both texts being equally authentic. In case of any divergence, the English text shall prevail.", []string{"en", "fr"}, "en"},
		{"In case of divergence the English or French text shall prevail.", nil, ""}, // two named: not read
		{"Done at Brussels on 1 May 2024 in the English language.", nil, ""},         // nothing said of authenticity
	} {
		d, errs := Parse("documents/x.md", []byte("---\ntitle: T\nkind: agreement\ndate: 2024-05-01\nparties: [EE, FR]\n---\n## Article 1\n\nThe Parties agree.\n\n::: conclusions\n"+tc.text+"\n:::\n"))
		if errs != nil {
			t.Fatal(errs)
		}
		if !slices.Equal(d.Authentic, tc.authentic) || d.Prevails != tc.prevails {
			t.Errorf("%q: authentic %v, prevails %q; want %v, %q", tc.text, d.Authentic, d.Prevails, tc.authentic, tc.prevails)
		}
	}
}

func TestVersionErrors(t *testing.T) {
	ruFile := "documents/" + statementEN + "-ru.md"
	for _, tc := range []struct {
		name string
		edit func(fstest.MapFS)
		want string
	}{
		{"pointing nowhere", func(f fstest.MapFS) {
			replace(f, ruFile, "version-of: "+statementEN, "version-of: 2024-05-14-nowhere")
		}, ruFile + `:8: version-of "2024-05-14-nowhere" names no document`},
		{"itself", func(f fstest.MapFS) {
			replace(f, ruFile, "version-of: "+statementEN, "version-of: "+statementEN+"-ru")
		}, ruFile + ":8: version-of names this document itself"},
		{"a version of a version", func(f fstest.MapFS) {
			replace(f, ruFile, "version-of: "+statementEN, "version-of: "+statementEN+"-et")
		}, ruFile + `:8: version-of "2024-05-14-estonia-kazakhstan-et" names a version of "2024-05-14-estonia-kazakhstan": name the original`},
		{"two in one language", func(f fstest.MapFS) {
			f["documents/zz-ru.md"] = &fstest.MapFile{Data: f[ruFile].Data}
		}, "documents/zz-ru.md:8: 2024-05-14-estonia-kazakhstan-ru is already a version of 2024-05-14-estonia-kazakhstan in language \"ru\""},
		{"the original's language", func(f fstest.MapFS) {
			replace(f, ruFile, "language: ru", "language: en")
		}, ruFile + `:8: 2024-05-14-estonia-kazakhstan is already a version of 2024-05-14-estonia-kazakhstan in language "en"`},
		{"prevails not authentic", func(f fstest.MapFS) {
			replace(f, "documents/"+treatyEN+"-fr.md", "prevails: en", "prevails: de")
		}, "documents/" + treatyEN + `-fr.md:10: prevails "de" is not among the authentic languages [en fr]`},
		{"authentic unlike the original's", func(f fstest.MapFS) {
			replace(f, "documents/"+treatyEN+"-fr.md", "authentic: [en, fr]", "authentic: [en, fr, ru]")
		}, "documents/" + treatyEN + `-fr.md:9: authentic [en fr ru] differs from [en fr] in documents/2023-09-21-estonia-france.md`},
		{"bad authentic tag", func(f fstest.MapFS) {
			replace(f, "documents/"+treatyEN+"-fr.md", "authentic: [en, fr]", "authentic: [en, French]")
		}, "documents/" + treatyEN + `-fr.md:9: bad language "French" in authentic`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := versionsTree(t)
			tc.edit(f)
			_, err := Load(f)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Load = %v\nwant an error containing %q", err, tc.want)
			}
			if n := strings.Count(err.Error(), "\n") + 1; n != 1 {
				t.Errorf("%d errors; want the one:\n%v", n, err)
			}
		})
	}
}

func TestMisalignedVersionsWarn(t *testing.T) {
	f := versionsTree(t)
	et := "documents/" + statementEN + "-et.md"
	src := string(f[et].Data)
	f[et].Data = []byte(src[:strings.Index(src, "6. Ministrite")])
	a, err := Load(f)
	if err != nil {
		t.Fatal(err)
	}
	w := VersionWarnings(a)
	want := et + ":8: warning: the provisions of this version do not align with documents/" + statementEN + ".md by eId (only in " + statementEN + ": para_6)"
	if len(w) != 1 || w[0].Error() != want {
		t.Fatalf("warnings = %v\nwant %s", w, want)
	}
}

func TestImportVersion(t *testing.T) {
	src := "14 May 2024\n\n1. Министры подтвердили свою приверженность сотрудничеству.\n"
	slug, file, err := Import("ru.txt", []byte(src), ImportMeta{
		Title: "Заявление", Kind: "joint-statement", Parties: []string{"EE", "KZ"}, Language: "ru",
		VersionOf: statementEN, Authentic: []string{"en", "ru"}, Prevails: "en",
	})
	if err != nil {
		t.Fatal(err)
	}
	if slug != statementEN+"-ru" {
		t.Errorf("slug = %q; want the original's and the language, %s-ru", slug, statementEN)
	}
	for _, want := range []string{"language: ru\nversion-of: " + statementEN + "\nauthentic: [en, ru]\nprevails: en\n"} {
		if !strings.Contains(string(file), want) {
			t.Errorf("file lacks %q:\n%s", want, file)
		}
	}
	d, errs := Parse("documents/"+slug+".md", file)
	if errs != nil {
		t.Fatal(errs)
	}
	if d.VersionOf != statementEN || d.Prevails != "en" || !slices.Equal(d.Authentic, []string{"en", "ru"}) {
		t.Errorf("parsed back: %+v", d.Versioning)
	}
}

func replace(f fstest.MapFS, name, old, new string) {
	f[name].Data = []byte(strings.Replace(string(f[name].Data), old, new, 1))
}
