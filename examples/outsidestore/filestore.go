// Package outsidestore is a store written as a city's engineer would write
// one: in another module, from ascolto's public packages only. It keeps
// every history of a procedure in one file, replaced atomically (write,
// fsync, rename) under an exclusive flock, and reads it under a shared one,
// so that several handles (several processes) on the same directory see one
// consistent store. It is simple rather than fast: every write rewrites the
// file. It passes historytest and the conformance suite of every procedure.
package outsidestore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"github.com/puntodiascolto/ascolto/history"
)

// Store is a history.Store on a directory.
type Store[ID ~string, E any] struct {
	dir string
}

// Open returns a handle on the store in dir, creating the directory.
func Open[ID ~string, E any](dir string) (*Store[ID, E], error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return &Store[ID, E]{dir: dir}, nil
}

type stored struct {
	Head    history.Head      `json:"head"`
	Index   history.Index     `json:"index"`
	Records []history.Encoded `json:"records"`
}

func (s *Store[ID, E]) path() string { return filepath.Join(s.dir, "histories.json") }

// locked runs f holding the directory's lock (exclusive or shared).
func (s *Store[ID, E]) locked(exclusive bool, f func() error) error {
	lf, err := os.OpenFile(filepath.Join(s.dir, "lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return err
	}
	defer lf.Close()
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	if err := syscall.Flock(int(lf.Fd()), how); err != nil {
		return err
	}
	defer syscall.Flock(int(lf.Fd()), syscall.LOCK_UN)
	return f()
}

func (s *Store[ID, E]) read() (map[ID]*stored, error) {
	all := map[ID]*stored{}
	b, err := os.ReadFile(s.path())
	if errors.Is(err, fs.ErrNotExist) {
		return all, nil
	}
	if err != nil {
		return nil, err
	}
	return all, json.Unmarshal(b, &all)
}

func (s *Store[ID, E]) write(all map[ID]*stored) error {
	b, err := json.Marshal(all)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(s.dir, "histories-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), s.path())
}

// Write implements history.Store.
func (s *Store[ID, E]) Write(ctx context.Context, changes ...history.Change[ID, E]) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	prepared, err := history.Prepare(changes)
	if err != nil {
		return err
	}
	return s.locked(true, func() error {
		all, err := s.read()
		if err != nil {
			return err
		}
		for _, p := range prepared {
			cur, ok := all[p.ID]
			switch {
			case p.Expected == 0 && ok:
				return fmt.Errorf("%w: %s", history.ErrExists, p.ID)
			case p.Expected > 0 && !ok:
				return fmt.Errorf("%w: %s", history.ErrNotFound, p.ID)
			}
			var head history.Head
			if ok {
				head = cur.Head
			}
			if err := p.Check(head); err != nil {
				return err
			}
		}
		for _, p := range prepared {
			cur := all[p.ID]
			if cur == nil {
				cur = &stored{}
				all[p.ID] = cur
			}
			cur.Head = p.Head(cur.Head)
			cur.Index = p.Index
			cur.Records = append(cur.Records, p.Records...)
		}
		// The last moment to give up: after the rename the write is done.
		if err := ctx.Err(); err != nil {
			return err
		}
		return s.write(all)
	})
}

// Load implements history.Store.
func (s *Store[ID, E]) Load(ctx context.Context, id ID, after int) (history.Stream[ID, E], error) {
	var out history.Stream[ID, E]
	if err := ctx.Err(); err != nil {
		return out, err
	}
	if after < 0 {
		return out, fmt.Errorf("%w: negative version", history.ErrInvalid)
	}
	err := s.locked(false, func() error {
		all, err := s.read()
		if err != nil {
			return err
		}
		cur, ok := all[id]
		if !ok {
			return fmt.Errorf("%w: %s", history.ErrNotFound, id)
		}
		recs, err := history.DecodeAll[E](string(id), after, cur.Records[min(after, len(cur.Records)):])
		if err != nil {
			return err
		}
		out = history.Stream[ID, E]{ID: id, Head: cur.Head, Records: recs, Index: cur.Index.Clone()}
		return nil
	})
	return out, err
}

// List implements history.Store.
func (s *Store[ID, E]) List(ctx context.Context, q history.Query) (history.Page[ID], error) {
	var page history.Page[ID]
	if err := ctx.Err(); err != nil {
		return page, err
	}
	limit, err := q.PageSize()
	if err != nil {
		return page, err
	}
	cur, resume, err := history.ParseCursor(q)
	if err != nil {
		return page, err
	}
	var hits []history.Summary[ID]
	err = s.locked(false, func() error {
		all, err := s.read()
		if err != nil {
			return err
		}
		for id, st := range all {
			if q.Matches(st.Index) && (!resume || cur.After(q.Key(st.Index), string(id))) {
				hits = append(hits, history.Summary[ID]{ID: id, Head: st.Head, Index: st.Index.Clone()})
			}
		}
		return nil
	})
	if err != nil {
		return page, err
	}
	slices.SortFunc(hits, func(a, b history.Summary[ID]) int {
		if c := q.Key(a.Index).Compare(q.Key(b.Index)); c != 0 {
			return c
		}
		return strings.Compare(string(a.ID), string(b.ID))
	})
	if len(hits) > limit {
		last := hits[limit-1]
		page.Next = history.Cursor{ByDue: q.ByDue(), Day: q.Key(last.Index), ID: string(last.ID)}.String()
		hits = hits[:limit]
	}
	page.Items = hits
	return page, nil
}
