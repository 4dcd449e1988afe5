package access

// Folded is a request's history folded by the Service's Runner functions
// (Replay, Fold, Copy, Index), the ones its acts use, for the property
// tests of the fold.
type Folded struct {
	s  *Service
	st *state
}

// ReplayFolded folds recs whole, as the Runner's Replay.
func (s *Service) ReplayFolded(id ID, recs []Record) (*Folded, error) {
	st, err := s.run.Replay(id, recs)
	if err != nil {
		return nil, err
	}
	return &Folded{s: s, st: st}, nil
}

// Fold folds recs onto f, as the Runner's Fold (which changes f's state in
// place).
func (f *Folded) Fold(recs []Record) error {
	st, err := f.s.run.Fold(f.st.r.ID, f.st, recs)
	if err != nil {
		return err
	}
	f.st = st
	return nil
}

// Request returns the request, with its deadlines, the Service returns
// for f.
func (f *Folded) Request() *Request { return f.st.r }

// Index returns the index the Service stores for f.
func (f *Folded) Index() Index { return f.s.run.Index(f.st) }

// Copy returns a copy of f, as the Runner's Copy.
func (f *Folded) Copy() *Folded { return &Folded{s: f.s, st: f.s.run.Copy(f.st)} }

// Kept returns the number of requests whose folded histories the Service
// keeps.
func (s *Service) Kept() int {
	if s.run.States == nil {
		return 0
	}
	return s.run.States.Len()
}
