package complaint

import (
	"context"
)

// Attribute is one answer of the citizen to a question the administration
// asks when a report of a category is filed (an Open311 service's
// attribute): the question's code and the answer as text. Personal: a
// licence plate, a photo's link or a free text may identify someone, so
// attributes stay in the history, for the office, and no projection
// (Public, Index, the Open311 GET representation) carries them.
type Attribute struct {
	// Code identifies the question, like a category code: lower-case
	// letters, digits, '-', '_' or '.', at most 64 characters.
	Code string `json:"code" limit:"64"`
	// Value is the answer; for a multi-valued question, one Attribute
	// per value.
	Value string `json:"value" limit:"500"`
}

// MaxAttributes is the number of attributes a filing may carry.
const MaxAttributes = 50

// validAttributes refuses malformed codes, texts that are not clean UTF-8
// (their lengths are checked against the limit tags with every payload),
// and more than MaxAttributes answers.
func validAttributes(as []Attribute) error {
	if len(as) > MaxAttributes {
		return invalid("%d attributes, more than %d", len(as), MaxAttributes)
	}
	for _, a := range as {
		if !validCode(a.Code) {
			return invalid("malformed attribute code %q", a.Code)
		}
		if err := checkText("attribute "+a.Code, a.Value); err != nil {
			return err
		}
	}
	return nil
}

// Attributes returns the attributes the complaint was filed with, read from
// its filing record, for the office. They are personal (Attribute) and not
// part of the View, which is folded on every act: callers that show them
// ask for them. Errors wrap ErrNotFound for an unknown ID, or are the
// store's.
func (s *Service) Attributes(ctx context.Context, id ID) ([]Attribute, error) {
	if err := validID(id); err != nil {
		return nil, err
	}
	st, err := s.run.Store.Load(ctx, id, 0)
	if err != nil {
		return nil, err
	}
	if len(st.Records) == 0 || st.Records[0].Event.Filed == nil {
		return nil, invalid("complaint %s: the history does not start with its filing", id)
	}
	out := make([]Attribute, len(st.Records[0].Event.Filed.Attributes))
	copy(out, st.Records[0].Event.Filed.Attributes)
	return out, nil
}
