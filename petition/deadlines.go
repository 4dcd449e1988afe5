package petition

import "slices"

// The codes of the deadlines Replay derives, the value of
// deadline.Deadline.Code: stable, short and English, for machines (filters,
// APIs, stores, registers), while the Italian Name is for people and may be
// reworded or carry the office ("riscontro dell'ufficio competente
// (dip-mobilita)").
const (
	// AnswerCode is the answer term, from filing, the first of
	// Petition.Deadlines: the written answer to a petition or a popular
	// interrogazione or interpellanza, the decision on a popular proposal of
	// deliberation (KindRules.AnswerTerm).
	AnswerCode = "answer"
	// OfficeReplyCode is the internal term, from forwarding, for a
	// competent office to reply to a request for information
	// (Policy.ReplyTerm, or Request.Days), one per request not superseded.
	OfficeReplyCode = "office-reply"
)

var deadlineCodes = []string{AnswerCode, OfficeReplyCode}

// DeadlineCodes lists the codes of every deadline Replay derives.
func DeadlineCodes() []string { return slices.Clone(deadlineCodes) }
