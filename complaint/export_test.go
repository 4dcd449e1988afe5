package complaint

// Folded is a complaint's history folded by the Service's Runner
// functions (Replay, Fold, Copy, Index), the ones its acts use, for the
// property tests of the fold.
type Folded struct {
	s *Service
	f *folder
}

// ReplayFolded folds recs whole, as the Runner's Replay (without the
// deadlines).
func (s *Service) ReplayFolded(id ID, recs []Record) (*Folded, error) {
	f, err := s.run.Replay(id, recs)
	if err != nil {
		return nil, err
	}
	return &Folded{s: s, f: f}, nil
}

// Fold folds recs onto f, as the Runner's Fold (which changes f's state in
// place).
func (f *Folded) Fold(recs []Record) error {
	id := f.f.v.ID
	g, err := f.s.run.Fold(id, f.f, recs)
	if err != nil {
		return err
	}
	f.f = g
	return nil
}

// Copy returns a copy of f, as the Runner's Copy.
func (f *Folded) Copy() *Folded { return &Folded{s: f.s, f: f.s.run.Copy(f.f)} }

// View returns the View, with its deadlines, the Service returns for f.
func (f *Folded) View() (View, error) { return f.s.view(f.f) }

// Index returns the index the Service stores for f.
func (f *Folded) Index() Index { return f.s.run.Index(f.f) }

// Kept returns the number of complaints whose folded histories the Service
// keeps.
func (s *Service) Kept() int {
	if s.run.States == nil {
		return 0
	}
	return s.run.States.Len()
}
