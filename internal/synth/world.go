package synth

import (
	"io/fs"
	"maps"
	"strings"
	"testing/fstest"
)

// FortyParties are the parties of World's forty-party text, by code.
var FortyParties = strings.Split("AL,AT,BE,BG,CA,HR,CZ,DK,EE,FI,FR,DE,GR,HU,IS,IT,LV,LT,LU,ME,NL,MK,NO,PL,PT,RO,SK,SI,ES,SE,TR,GB,US,UA,MD,GE,JP,KR,AU,NZ", ",")

// World is a small content tree of the parties texts name beyond two
// states: an organisation with a state, an organ's resolution, a group's
// communiqué, former states, a state of limited recognition, forty
// parties, two works of one date and parties told apart by a number, and
// a text with its translation. Hand-written, short, and shaped as real
// texts are; for tests of every place a party appears.
func World() fstest.MapFS {
	docs := map[string]string{
		"2025-04-04-eu-kazakhstan": `---
title: Joint Statement by the European Union and the Republic of Kazakhstan
kind: joint-statement
date: 2025-04-04
place: Samarkand
parties: [EU, KZ]
language: en
---
The European Union and the Republic of Kazakhstan met in Samarkand on the occasion of the first summit between them.

1. The European Union welcomed the progress of reforms in Kazakhstan.

2. The Parties agreed to deepen cooperation on critical raw materials and the Trans-Caspian route.
`,
		"2025-04-04-eu-kazakhstan-ru": `---
title: Совместное заявление Европейского союза и Республики Казахстан
kind: joint-statement
date: 2025-04-04
place: Самарканд
parties: [EU, KZ]
language: ru
---
Европейский союз и Республика Казахстан встретились в Самарканде.

1. Европейский союз приветствовал ход реформ в Казахстане.

2. Стороны договорились углублять сотрудничество.
`,
		"2008-06-19-unsc-1820": `---
title: Resolution 1820 (2008)
kind: resolution
date: 2008-06-19
place: New York
issuer: UNSC
number: "1820"
language: en
---
The Security Council, reaffirming its commitment to the continuing and full implementation of resolution 1325 (2000), adopted the following:

1. The Security Council stressed that sexual violence, when used as a tactic of war, can significantly exacerbate situations of armed conflict.

2. The Security Council requested the Secretary-General to submit a report by 30 June 2009.
`,
		"2025-06-17-g7-kananaskis": `---
title: G7 Leaders' Statement on Recent Developments
kind: statement
date: 2025-06-17
place: Kananaskis
issuer: G7
language: en
---
We, the Leaders of the G7, met in Kananaskis.

1. The Leaders reaffirmed their commitment to peace and stability.
`,
		"1975-08-01-union-of-soviet-socialist-republics-final-act": `---
title: Final Act of the Conference on Security and Co-operation in Europe (extract)
kind: declaration
date: 1975-08-01
place: Helsinki
parties: [SU, US, DD, YU, CS]
language: en
---
The High Representatives of the participating States declared their determination to respect the following principles.

1. The participating States agreed to respect each other's sovereign equality.
`,
		"2020-09-04-kosovo-serbia-united-states": `---
title: Economic Normalization
kind: agreement
date: 2020-09-04
place: Washington
parties: [XK, RS, US]
language: en
---
Kosovo and Serbia agreed to the following in the presence of the United States.

1. The Parties agreed to work with the U.S. International Development Finance Corporation.
`,
		"2024-07-10-albania-washington-summit": `---
title: Washington Summit Declaration
kind: declaration
date: 2024-07-10
place: Washington
parties: [` + strings.Join(FortyParties, ", ") + `]
language: en
---
We, the Heads of State and Government, have gathered in Washington.

1. The Parties reaffirmed their commitment to the principles of the Charter of the United Nations.
`,
		"2024-05-10-netherlands-estonia": `---
title: Agreement between the Kingdom of the Netherlands and the Republic of Estonia on Cooperation in Education
kind: agreement
date: 2024-05-10
place: Tallinn
parties: [NL, EE]
language: en
---
The Kingdom of the Netherlands and the Republic of Estonia have agreed as follows.

1. The Parties agreed to promote exchanges between schools.
`,
		"2024-05-10-netherlands-estonia-defence": `---
title: Agreement between the Kingdom of the Netherlands and the Republic of Estonia on Defence Cooperation
kind: agreement
date: 2024-05-10
place: Tallinn
parties: [NL, EE]
number: "2"
language: en
---
The Kingdom of the Netherlands and the Republic of Estonia have agreed as follows.

1. The Parties agreed to hold joint exercises.
`,
	}
	fsys := fstest.MapFS{}
	for slug, src := range docs {
		fsys["documents/"+slug+".md"] = &fstest.MapFile{Data: []byte(src)}
	}
	return fsys
}

// WithWorld is the content tree base (the repository's content, say)
// with World's documents added.
func WithWorld(base fs.FS) (fstest.MapFS, error) {
	out := fstest.MapFS{}
	err := fs.WalkDir(base, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(base, name)
		out[name] = &fstest.MapFile{Data: b}
		return err
	})
	maps.Copy(out, World())
	return out, err
}
