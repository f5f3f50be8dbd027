package archive

// Party is who a document binds or speaks for: a state, an international
// organisation, one of its organs, or an informal group of parties. Its
// code is stable: ISO 3166-1 alpha-2 for a state, a short upper-case code
// (EU, UNSC, G7) for the rest. Parties come from the party vocabulary.
type Party struct {
	Code string    // "KZ", "EU", "UNSC", "G7"
	Name string    // "Kazakhstan", "European Union"
	Kind PartyKind // state, organisation, organ, group

	Short string // a shorter name for citations ("UN Security Council"), or ""
}

// ShortName is the short name if there is one, else the name.
func (p Party) ShortName() string {
	if p.Short != "" {
		return p.Short
	}
	return p.Name
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
