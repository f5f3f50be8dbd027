package content

// Irregular is the loader's: the eIds of the confirmable numbering
// problems in a Parse error. Until the loader reads numbering, there are
// none. (This stand-in goes when the loader's lands.)
func Irregular(err error) []string { return nil }
