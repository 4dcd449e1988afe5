package complaint

import "slices"

// The codes of the deadlines Replay derives, the value of
// deadline.Deadline.Code: stable, short and English, for machines (filters,
// APIs, stores, registers), while the Italian Name is for people and may be
// reworded or numbered ("risposta dopo la riapertura n. 2").
const (
	// AnswerCode is the administration's answer term from TermStart, the
	// first of View.Deadlines ("risposta al cittadino").
	AnswerCode = "answer"
	// ReopeningAnswerCode is the new answer term a reopening starts from the
	// citizen's request, View.Deadlines after the first ("risposta dopo la
	// riapertura n. N").
	ReopeningAnswerCode = "answer-after-reopening"
	// CitizenReplyCode is the citizen's term to reply to a request for
	// information (Policy.ReplyTerm), Exchange.ReplyBy: the citizen's, not
	// the administration's, after which the desk may close the case.
	CitizenReplyCode = "citizen-reply"
)

var deadlineCodes = []string{AnswerCode, ReopeningAnswerCode, CitizenReplyCode}

// DeadlineCodes lists the codes of every deadline Replay derives.
func DeadlineCodes() []string { return slices.Clone(deadlineCodes) }
