package historytest_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"

	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/history/historytest"
)

type note struct {
	Text string `json:"text"`
	N    int    `json:"n"`
}

func event(n int) note { return note{Text: fmt.Sprintf("nota %d", n), N: n} }

type store = history.Store[string, note]

// Broken stores, each wrong in one way a real store can be wrong.
var broken = map[string]struct {
	open func(t *testing.T) func() store
	// rule is a case of the suite that must fail.
	rule string
}{
	// Each handle has its own memory behind its own mutex.
	"per-handle": {func(*testing.T) func() store {
		return func() store { return history.NewMemory[string, note]() }
	}, "ConcurrentWritersAcrossHandles"},
	// Load drops the last record but reports the stored head.
	"truncating": {func(*testing.T) func() store {
		s := truncating{history.NewMemory[string, note]()}
		return func() store { return s }
	}, "RoundTrip"},
	// Write applies a batch change by change.
	"non-atomic": {func(*testing.T) func() store {
		s := nonAtomic{history.NewMemory[string, note]()}
		return func() store { return s }
	}, "BatchAllOrNothing"},
	// Load returns the records a caller wrote, sharing their memory.
	"aliasing": {func(*testing.T) func() store {
		s := &aliasing{Memory: history.NewMemory[string, note](), kept: map[string][]history.Record[note]{}}
		return func() store { return s }
	}, "Isolation"},
}

type truncating struct{ *history.Memory[string, note] }

func (s truncating) Load(ctx context.Context, id string, after int) (history.Stream[string, note], error) {
	st, err := s.Memory.Load(ctx, id, after)
	if len(st.Records) > 1 {
		st.Records = st.Records[:len(st.Records)-1]
	}
	return st, err
}

type nonAtomic struct{ *history.Memory[string, note] }

func (s nonAtomic) Write(ctx context.Context, changes ...history.Change[string, note]) error {
	for _, c := range changes {
		if err := s.Memory.Write(ctx, c); err != nil {
			return err
		}
	}
	if len(changes) == 0 {
		return s.Memory.Write(ctx)
	}
	return nil
}

type aliasing struct {
	*history.Memory[string, note]
	mu   sync.Mutex
	kept map[string][]history.Record[note]
}

func (s *aliasing) Write(ctx context.Context, changes ...history.Change[string, note]) error {
	if err := s.Memory.Write(ctx, changes...); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range changes {
		s.kept[c.ID] = append(s.kept[c.ID], c.Records...)
	}
	return nil
}

func (s *aliasing) Load(ctx context.Context, id string, after int) (history.Stream[string, note], error) {
	st, err := s.Memory.Load(ctx, id, after)
	s.mu.Lock()
	defer s.mu.Unlock()
	if err == nil && after == 0 {
		st.Records = s.kept[id]
	}
	return st, err
}

// The suite must fail each broken store, on the rule it breaks: a suite
// that passes whatever it is given proves nothing.
func TestSuiteFailsBrokenStores(t *testing.T) {
	if name := os.Getenv("HISTORYTEST_BROKEN"); name != "" {
		historytest.Run(t, historytest.Harness[string, note]{Open: broken[name].open, Event: event, Large: 600})
		return
	}
	for name, b := range broken {
		t.Run(name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestSuiteFailsBrokenStores$", "-test.count=1", "-test.v")
			cmd.Env = append(os.Environ(), "HISTORYTEST_BROKEN="+name)
			out, err := cmd.CombinedOutput()
			if err == nil {
				t.Fatalf("the suite passed the %s store", name)
			}
			if !strings.Contains(string(out), "--- FAIL: TestSuiteFailsBrokenStores/"+b.rule) {
				t.Fatalf("the %s store did not fail %s:\n%s", name, b.rule, out)
			}
		})
	}
}
