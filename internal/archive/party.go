package archive

import "fmt"

// Party is a state that is party to a document, by its ISO 3166-1 alpha-2 code.
type Party struct {
	Code string // "KZ"
	Name string // "Kazakhstan"
}

// LookupParty returns the party with the given ISO 3166-1 alpha-2 code
// (upper case), or an error naming the code if ISO assigns no such code.
func LookupParty(code string) (Party, error) {
	name, ok := countryNames[code]
	if !ok {
		return Party{}, fmt.Errorf("unknown party %q: want an ISO 3166-1 alpha-2 code such as KZ or EE", code)
	}
	return Party{Code: code, Name: name}, nil
}

// Kind is the kind of a document, as a stable lower-case code.
type Kind string

// The kinds of document the archive holds.
const (
	JointStatement   Kind = "joint-statement"
	JointDeclaration Kind = "joint-declaration"
	Declaration      Kind = "declaration"
	Communique       Kind = "communique"
	JointCommunique  Kind = "joint-communique"
	Statement        Kind = "statement"
	Memorandum       Kind = "memorandum"
	Agreement        Kind = "agreement"
	Treaty           Kind = "treaty"
	Resolution       Kind = "resolution"
)

var kindNames = map[Kind]string{
	JointStatement:   "Joint statement",
	JointDeclaration: "Joint declaration",
	Declaration:      "Declaration",
	Communique:       "Communiqué",
	JointCommunique:  "Joint communiqué",
	Statement:        "Statement",
	Memorandum:       "Memorandum of understanding",
	Agreement:        "Agreement",
	Treaty:           "Treaty",
	Resolution:       "Resolution",
}

// Name is the kind's display name, e.g. "Joint statement".
func (k Kind) Name() string {
	if n, ok := kindNames[k]; ok {
		return n
	}
	return string(k)
}

// Valid reports whether k is one of the known kinds.
func (k Kind) Valid() bool {
	_, ok := kindNames[k]
	return ok
}

// Kinds lists every known kind, for messages and browsing.
func Kinds() []Kind {
	return []Kind{JointStatement, JointDeclaration, Declaration, Communique, JointCommunique,
		Statement, Memorandum, Agreement, Treaty, Resolution}
}
