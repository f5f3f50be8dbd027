package formats

import (
	"unicode/utf16"
	"unicode/utf8"
)

// Offsets is a byte offset into a UTF-8 text counted as the languages that
// read it count: UTF-16 code units (JavaScript's, Java's and C#'s string
// indexes) and code points (Python's, and Go's over []rune). Each is where
// the same character starts in that language's string.
func Offsets(text string, byteOffset int) (utf16Units, codePoints int) {
	byteOffset = min(max(byteOffset, 0), len(text))
	for _, r := range text[:byteOffset] {
		codePoints++
		utf16Units += utf16.RuneLen(r)
	}
	return utf16Units, codePoints
}

// ByteOffset is Offsets' inverse for code points: the byte offset of the
// cp-th code point of text, or len(text) past its end.
func ByteOffset(text string, cp int) int {
	i := 0
	for ; cp > 0 && i < len(text); cp-- {
		_, n := utf8.DecodeRuneInString(text[i:])
		i += n
	}
	return i
}
