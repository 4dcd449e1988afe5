package procedure

import (
	"fmt"
	"slices"
	"strings"

	"github.com/puntodiascolto/ascolto/law"
	"github.com/puntodiascolto/ascolto/office"
)

// Row is one act of a procedure.
type Row[S, A comparable] struct {
	// Act is the act, e.g. "decide".
	Act A
	// From lists the states in which the act is allowed.
	From []S
	// To is the state after the act; the zero S means the state does not change.
	To S
	// Roles may perform the act.
	Roles []office.Role
	// Basis is the rule that provides for the act.
	Basis law.Citation
	// Label is how the act reads in Italian on a graph or a button: "decide", "notifica ai controinteressati".
	Label string
}

// Stays reports whether the act leaves the state unchanged.
func (r Row[S, A]) Stays() bool {
	var zero S
	return r.To == zero
}

// NotAllowedError says an act was refused in a state, and cites the rule of
// the act. It wraps ErrNotAllowed.
type NotAllowedError[S, A comparable] struct {
	// State is the state the case is in.
	State S
	// Act is the act refused.
	Act A
	// Allowed lists the states in which the act would be allowed.
	Allowed []S
	// Basis is the rule that provides for the act.
	Basis law.Citation
}

// Error says which act was refused in which state, where it is allowed and
// the rule that provides for it.
func (e *NotAllowedError[S, A]) Error() string {
	return fmt.Sprintf("%v: %v is not allowed in state %v (allowed in %v; %s)", ErrNotAllowed, e.Act, e.State, e.Allowed, e.Basis)
}

// Unwrap returns ErrNotAllowed.
func (e *NotAllowedError[S, A]) Unwrap() error { return ErrNotAllowed }

// ForbiddenError says an actor's role may not perform an act. It wraps
// ErrForbidden.
type ForbiddenError[A comparable] struct {
	// Act is the act refused.
	Act A
	// Role is the role that tried.
	Role office.Role
	// Roles may perform the act.
	Roles []office.Role
	// Basis is the rule that provides for the act.
	Basis law.Citation
}

// Error says which roles may perform the act and which tried.
func (e *ForbiddenError[A]) Error() string {
	names := make([]string, len(e.Roles))
	for i, r := range e.Roles {
		names[i] = r.Italian()
	}
	return fmt.Sprintf("%v: %v may be performed by %s, not by %s (%s)", ErrForbidden, e.Act, strings.Join(names, ", "), e.Role.Italian(), e.Basis)
}

// Unwrap returns ErrForbidden.
func (e *ForbiddenError[A]) Unwrap() error { return ErrForbidden }

// Table is a procedure's lifecycle: one Row per act, saying in which states
// it is allowed, the state it leads to, who may perform it and the rule
// behind it. It answers what is permitted now (a UI's buttons), refuses acts
// with typed errors that cite the rule, and draws itself as a DOT graph.
// Guards that depend on more than state and role (a ground of refusal, a
// date not yet reached) belong to the procedure. It is immutable after
// NewTable.
type Table[S, A comparable] struct {
	name   string
	rows   []Row[S, A]
	byAct  map[A]int
	states []S
}

// NewTable builds a table. Each act may appear in one row only; every row
// needs at least one From state and one role.
func NewTable[S, A comparable](name string, rows ...Row[S, A]) (*Table[S, A], error) {
	t := &Table[S, A]{name: name, byAct: make(map[A]int, len(rows))}
	for i, r := range rows {
		if _, dup := t.byAct[r.Act]; dup {
			return nil, fmt.Errorf("procedure: %s: act %v appears twice", name, r.Act)
		}
		if len(r.From) == 0 || len(r.Roles) == 0 {
			return nil, fmt.Errorf("procedure: %s: act %v needs From states and Roles", name, r.Act)
		}
		r.From = slices.Clone(r.From)
		r.Roles = slices.Clone(r.Roles)
		t.rows = append(t.rows, r)
		t.byAct[r.Act] = i
		for _, s := range r.From {
			t.addState(s)
		}
		if !r.Stays() {
			t.addState(r.To)
		}
	}
	return t, nil
}

// MustTable is NewTable for tables written in the source: it panics on a
// malformed table, which is a programming error found by the first test.
func MustTable[S, A comparable](name string, rows ...Row[S, A]) *Table[S, A] {
	t, err := NewTable(name, rows...)
	if err != nil {
		panic(err)
	}
	return t
}

func (t *Table[S, A]) addState(s S) {
	if !slices.Contains(t.states, s) {
		t.states = append(t.states, s)
	}
}

// Rows returns copies of the table's rows, in order.
func (t *Table[S, A]) Rows() []Row[S, A] {
	out := make([]Row[S, A], len(t.rows))
	for i, r := range t.rows {
		r.From = slices.Clone(r.From)
		r.Roles = slices.Clone(r.Roles)
		out[i] = r
	}
	return out
}

// States returns every state the table mentions, in order of first mention.
func (t *Table[S, A]) States() []S { return slices.Clone(t.states) }

// Row returns a copy of the row of act.
func (t *Table[S, A]) Row(act A) (Row[S, A], bool) {
	i, ok := t.byAct[act]
	if !ok {
		return Row[S, A]{}, false
	}
	r := t.rows[i]
	r.From = slices.Clone(r.From)
	r.Roles = slices.Clone(r.Roles)
	return r, true
}

// Check reports whether role may perform act in state, and returns the
// state that follows. A refusal is a *NotAllowedError or a *ForbiddenError
// (ErrNotAllowed, ErrForbidden); an act the table does not know is not allowed.
func (t *Table[S, A]) Check(state S, act A, role office.Role) (S, error) {
	i, ok := t.byAct[act]
	if !ok {
		return state, &NotAllowedError[S, A]{State: state, Act: act}
	}
	r := t.rows[i]
	if !slices.Contains(r.From, state) {
		return state, &NotAllowedError[S, A]{State: state, Act: act, Allowed: slices.Clone(r.From), Basis: r.Basis}
	}
	if !slices.Contains(r.Roles, role) {
		return state, &ForbiddenError[A]{Act: act, Role: role, Roles: slices.Clone(r.Roles), Basis: r.Basis}
	}
	if r.Stays() {
		return state, nil
	}
	return r.To, nil
}

// Permitted returns the acts role may perform in state, in table order: the
// buttons a UI shows. An invalid role (the zero Role a caller forgot to set)
// may perform nothing. Acts lists every act of a state whatever the role.
func (t *Table[S, A]) Permitted(state S, role office.Role) []A {
	if !role.Valid() {
		return nil
	}
	var out []A
	for _, r := range t.rows {
		if slices.Contains(r.From, state) && slices.Contains(r.Roles, role) {
			out = append(out, r.Act)
		}
	}
	return out
}

// Acts returns every act allowed in state, whoever performs it, in table order.
func (t *Table[S, A]) Acts(state S) []A {
	var out []A
	for _, r := range t.rows {
		if slices.Contains(r.From, state) {
			out = append(out, r.Act)
		}
	}
	return out
}

// DOT draws the table as a Graphviz digraph: one node per state, one edge per
// (state, act), labelled with the act and its basis. Acts that keep the state
// are drawn as loops. The output is deterministic.
func (t *Table[S, A]) DOT() string {
	var b strings.Builder
	fmt.Fprintf(&b, "digraph %s {\n\trankdir=LR;\n\tnode [shape=box, style=rounded];\n", dotQuote(t.name))
	for _, s := range t.states {
		fmt.Fprintf(&b, "\t%s;\n", dotQuote(fmt.Sprint(s)))
	}
	for _, r := range t.rows {
		label := r.Label
		if label == "" {
			label = fmt.Sprint(r.Act)
		}
		if !r.Basis.IsZero() {
			label += "\n" + r.Basis.String()
		}
		for _, from := range r.From {
			to := r.To
			if r.Stays() {
				to = from
			}
			fmt.Fprintf(&b, "\t%s -> %s [label=%s];\n", dotQuote(fmt.Sprint(from)), dotQuote(fmt.Sprint(to)), dotQuote(label))
		}
	}
	b.WriteString("}\n")
	return b.String()
}

// dotQuote quotes s as a DOT string: quotes and backslashes escaped, line
// breaks as \n, which Graphviz draws as centred lines.
func dotQuote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}
