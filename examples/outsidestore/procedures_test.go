package outsidestore_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"example.com/outsidestore"
	"github.com/puntodiascolto/ascolto/access"
	"github.com/puntodiascolto/ascolto/access/accesstest"
	"github.com/puntodiascolto/ascolto/complaint"
	"github.com/puntodiascolto/ascolto/complaint/complainttest"
	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
	"github.com/puntodiascolto/ascolto/office"
	"github.com/puntodiascolto/ascolto/petition"
	"github.com/puntodiascolto/ascolto/petition/petitiontest"
	"github.com/puntodiascolto/ascolto/procedure"
	"github.com/puntodiascolto/ascolto/register/council"
	"github.com/puntodiascolto/ascolto/register/council/counciltest"
)

// The conformance suite of every procedure passes on a store written in
// this module from public packages only.
func TestAccessConformance(t *testing.T) {
	t.Parallel()
	accesstest.Run(t, opener[access.ID, access.Event])
}

func TestCouncilConformance(t *testing.T) {
	t.Parallel()
	counciltest.Run(t, opener[council.ID, council.Event])
}

func TestComplaintConformance(t *testing.T) {
	t.Parallel()
	complainttest.Run(t, opener[complaint.ID, complaint.Event])
}

func TestPetitionConformance(t *testing.T) {
	t.Parallel()
	petitiontest.Run(t, opener[petition.ID, petition.Event])
}

var (
	desk     = office.Actor{ID: "l.rossi", Role: office.FrontOffice, Office: "punto-di-ascolto"}
	outsider = office.Actor{ID: "pec-gateway", Role: office.External}
	officer  = office.Actor{ID: "m.bianchi", Role: office.CompetentOffice, Office: "dip-mobilita"}
	day0     = time.Date(2026, time.March, 2, 9, 0, 0, 0, time.UTC)
)

// act is what every procedure's Act holds, spelled once for the table.
type act struct {
	ID      string
	By      office.Actor
	Version int
}

// subject is one procedure driven through its public Service on a file
// store in dir: the same seven questions are asked of each.
type subject struct {
	// open files a new case as the desk and returns its ID.
	open func(ctx context.Context) (string, error)
	// next performs an act that is allowed right after open, for the desk.
	next func(ctx context.Context, a act) error
	// forbidden is a valid actor whose role may not perform next.
	forbidden office.Actor
	// close performs an act after which next is not allowed.
	close func(ctx context.Context, id string) error
	// text performs an act carrying the free text s in a field of limit
	// characters, on a case just opened.
	text  func(ctx context.Context, id, s string) error
	limit int
}

// procedures returns, for each procedure, how to build its subject on a
// fresh store in dir.
func procedures() map[string]func(t *testing.T, dir string) subject {
	return map[string]func(t *testing.T, dir string) subject{
		"access":    accessSubject,
		"complaint": complaintSubject,
		"petition":  petitionSubject,
		"council":   councilSubject,
	}
}

func clock() func() time.Time { return func() time.Time { return day0 } }

func accessSubject(t *testing.T, dir string) subject {
	store, err := outsidestore.Open[access.ID, access.Event](dir)
	if err != nil {
		t.Fatal(err)
	}
	svc, err := access.NewService(access.Config{Store: store, Calendar: deadline.Rome(), Now: clock()})
	if err != nil {
		t.Fatal(err)
	}
	A := func(a act) access.Act { return access.Act{ID: access.ID(a.ID), By: a.By, Version: a.Version} }
	return subject{
		open: func(ctx context.Context) (string, error) {
			r, err := svc.File(ctx, access.Act{By: desk}, access.Filing{Kind: access.Generalizzato, Channel: access.ChannelPEC,
				Protocol: access.Protocol{Number: "RA/2026/0000001"}, Subject: "dati sulle multe"})
			if err != nil {
				return "", err
			}
			return string(r.ID), nil
		},
		next: func(ctx context.Context, a act) error {
			_, err := svc.Assign(ctx, A(a), access.Assignment{Office: "dip-mobilita"})
			return err
		},
		forbidden: outsider,
		close: func(ctx context.Context, id string) error {
			_, err := svc.Withdraw(ctx, access.Act{ID: access.ID(id), By: outsider}, access.Note{})
			return err
		},
		text: func(ctx context.Context, id, s string) error {
			_, err := svc.SetPublicSubject(ctx, access.Act{ID: access.ID(id), By: desk}, access.PublicSubject{Text: s})
			return err
		},
		limit: 1000,
	}
}

func directory(t *testing.T) *office.Directory {
	d, err := office.NewDirectory(
		office.Office{ID: "punto-di-ascolto", Name: "Ufficio Punto di Ascolto"},
		office.Office{ID: "dip-mobilita", Name: "Dipartimento Mobilità", Matters: []string{"mobilità"}},
		office.Office{ID: "segreteria-sindaco", Name: "Segreteria del Sindaco"},
	)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func complaintSubject(t *testing.T, dir string) subject {
	store, err := outsidestore.Open[complaint.ID, complaint.Event](dir)
	if err != nil {
		t.Fatal(err)
	}
	svc, err := complaint.NewService(complaint.Config{Store: store, Directory: directory(t), Calendar: deadline.Rome(), Now: clock()})
	if err != nil {
		t.Fatal(err)
	}
	return subject{
		open: func(ctx context.Context) (string, error) {
			v, err := svc.File(ctx, complaint.Act{By: desk}, complaint.Filed{Kind: complaint.Segnalazione, Channel: complaint.Email, Summary: "buca sulla carreggiata"})
			return string(v.ID), err
		},
		next: func(ctx context.Context, a act) error {
			_, err := svc.Assign(ctx, complaint.Act{ID: complaint.ID(a.ID), By: a.By, Version: a.Version}, complaint.Assignment{To: "dip-mobilita"})
			return err
		},
		forbidden: officer,
		close: func(ctx context.Context, id string) error {
			_, err := svc.Close(ctx, complaint.Act{ID: complaint.ID(id), By: desk}, complaint.Closure{Reason: complaint.ClosedWithdrawn})
			return err
		},
		text: func(ctx context.Context, id, s string) error {
			_, err := svc.Reclassify(ctx, complaint.Act{ID: complaint.ID(id), By: desk}, complaint.Reclassification{Summary: s})
			return err
		},
		limit: 1000,
	}
}

func petitionSubject(t *testing.T, dir string) subject {
	store, err := outsidestore.Open[petition.ID, petition.Event](dir)
	if err != nil {
		t.Fatal(err)
	}
	policy := petition.Rome().WithBody(petition.Body{ID: petition.Sindaco, Name: "Sindaco di Roma Capitale", Secretariat: "segreteria-sindaco"})
	svc, err := petition.NewService(petition.Config{Store: store, Directory: directory(t), Calendar: deadline.Rome(), Policy: policy, Now: clock()})
	if err != nil {
		t.Fatal(err)
	}
	return subject{
		open: func(ctx context.Context) (string, error) {
			p, err := svc.Draft(ctx, petition.Act{By: desk}, petition.Registration{Kind: petition.Petizione, Addressee: petition.Sindaco,
				Channel: petition.Counter, Subject: "rifacimento dei marciapiedi", Promoters: []petition.Person{{FamilyName: "Promotore"}}})
			return string(p.ID), err
		},
		next: func(ctx context.Context, a act) error {
			_, err := svc.OpenCollection(ctx, petition.Act{ID: petition.ID(a.ID), By: a.By, Version: a.Version}, petition.Collection{})
			return err
		},
		forbidden: officer,
		close: func(ctx context.Context, id string) error {
			_, err := svc.Archive(ctx, petition.Act{ID: petition.ID(id), By: desk}, petition.Archiving{Reason: "ritirata dai promotori"})
			return err
		},
		text: func(ctx context.Context, id, s string) error {
			_, err := svc.Archive(ctx, petition.Act{ID: petition.ID(id), By: desk}, petition.Archiving{Reason: s})
			return err
		},
		limit: 20000,
	}
}

func councilSubject(t *testing.T, dir string) subject {
	store, err := outsidestore.Open[council.ID, council.Event](dir)
	if err != nil {
		t.Fatal(err)
	}
	svc, err := council.NewService(council.Config{Store: store, Calendar: deadline.Rome(), Now: clock()})
	if err != nil {
		t.Fatal(err)
	}
	filed := deadline.DateOf(day0)
	n := 0
	return subject{
		open: func(ctx context.Context) (string, error) {
			n++
			it, err := svc.Register(ctx, council.Act{By: desk}, council.Registered{Kind: council.InterrogazioneScritta,
				Number: council.Number{Register: "RQ", Year: 2026, Seq: n}, Body: council.Assemblea, Filed: filed,
				Presenters: []council.Councillor{{Name: "Consigliera Prima", Group: "Gruppo Misto"}}, Subject: "manutenzione stradale"})
			return string(it.ID), err
		},
		next: func(ctx context.Context, a act) error {
			_, err := svc.Remind(ctx, council.Act{ID: council.ID(a.ID), By: a.By, Version: a.Version}, council.Reminded{Date: filed})
			return err
		},
		forbidden: outsider,
		close: func(ctx context.Context, id string) error {
			_, err := svc.Withdraw(ctx, council.Act{ID: council.ID(id), By: desk}, council.Withdrawal{Date: filed})
			return err
		},
		text: func(ctx context.Context, id, s string) error {
			_, err := svc.Classify(ctx, council.Act{ID: council.ID(id), By: desk}, council.Classified{Matters: []string{"mobilità"}, Summary: s})
			return err
		},
		limit: procedure.DefaultTextLimit,
	}
}

// TestSameBadInputSameError sends the same bad inputs to every procedure
// and gets the same sentinel through errors.Is, with the stored bytes
// unchanged: one act convention and one error vocabulary (issue 8).
func TestSameBadInputSameError(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		want error
		// prepare brings the case where the bad act is tried; try tries it.
		prepare func(ctx context.Context, s subject, id string) error
		try     func(ctx context.Context, s subject, id string) error
	}{
		{"EmptyActor", history.ErrInvalid, nil,
			func(ctx context.Context, s subject, id string) error { return s.next(ctx, act{ID: id}) }},
		{"UnknownID", history.ErrNotFound, nil,
			func(ctx context.Context, s subject, id string) error {
				return s.next(ctx, act{ID: "sconosciuto", By: desk})
			}},
		{"WrongRole", procedure.ErrForbidden, nil,
			func(ctx context.Context, s subject, id string) error {
				return s.next(ctx, act{ID: id, By: s.forbidden})
			}},
		{"StaleVersion", history.ErrConflict,
			func(ctx context.Context, s subject, id string) error { return s.next(ctx, act{ID: id, By: desk}) },
			func(ctx context.Context, s subject, id string) error {
				return s.next(ctx, act{ID: id, By: desk, Version: 1})
			}},
		{"OutOfOrder", procedure.ErrNotAllowed,
			func(ctx context.Context, s subject, id string) error { return s.close(ctx, id) },
			func(ctx context.Context, s subject, id string) error { return s.next(ctx, act{ID: id, By: desk}) }},
		{"InvalidUTF8", history.ErrInvalid, nil,
			func(ctx context.Context, s subject, id string) error { return s.text(ctx, id, "testo \xff\xfe") }},
		{"OverLongText", history.ErrInvalid, nil,
			func(ctx context.Context, s subject, id string) error {
				return s.text(ctx, id, strings.Repeat("à", s.limit+1))
			}},
	}
	for name, build := range procedures() {
		for _, c := range cases {
			t.Run(name+"/"+c.name, func(t *testing.T) {
				ctx := context.Background()
				dir := t.TempDir()
				s := build(t, dir)
				id, err := s.open(ctx)
				if err != nil {
					t.Fatalf("open: %v", err)
				}
				if c.prepare != nil {
					if err := c.prepare(ctx, s, id); err != nil {
						t.Fatalf("prepare: %v", err)
					}
				}
				before := storedBytes(t, dir)
				err = c.try(ctx, s, id)
				if !errors.Is(err, c.want) {
					t.Fatalf("got %v, want an error that is %v", err, c.want)
				}
				if !bytes.Equal(before, storedBytes(t, dir)) {
					t.Fatal("a refused act changed the stored bytes")
				}
			})
		}
	}
}

// TestEveryProcedureIsExercised: the table above drives each procedure's
// valid act too, so a subject that refuses everything cannot pass it.
func TestEveryProcedureIsExercised(t *testing.T) {
	t.Parallel()
	for name, build := range procedures() {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			s := build(t, t.TempDir())
			id, err := s.open(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.next(ctx, act{ID: id, By: desk, Version: 1}); err != nil {
				t.Fatalf("next: %v", err)
			}
			if err := s.close(ctx, id); err != nil {
				t.Fatalf("close: %v", err)
			}
			fresh, err := s.open(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.text(ctx, fresh, strings.Repeat("à", s.limit)); err != nil {
				t.Fatalf("a text at its limit: %v", err)
			}
		})
	}
}

func storedBytes(t *testing.T, dir string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "histories.json"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
