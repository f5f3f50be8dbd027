package web

// maxListedParties is the most parties a one-line list names in full.
const maxListedParties = 6
