package complaint_test

import (
	"context"
	"math"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/puntodiascolto/ascolto/complaint"
	"github.com/puntodiascolto/ascolto/deadline"
)

func TestDistance(t *testing.T) {
	colosseo := complaint.Point{Lat: 41.890210, Lon: 12.492231}
	sanPietro := complaint.Point{Lat: 41.902167, Lon: 12.453937}
	d := complaint.Distance(colosseo, sanPietro)
	assert.InDelta(t, 3400, d, 50, "Colosseo - San Pietro is about 3.4 km")
	assert.Zero(t, complaint.Distance(colosseo, colosseo))
	// 0.0001 degrees of latitude is about 11.1 m.
	assert.InDelta(t, 11.12, complaint.Distance(colosseo, complaint.Point{Lat: colosseo.Lat + 0.0001, Lon: colosseo.Lon}), 0.05)
	assert.False(t, complaint.Point{Lat: math.NaN()}.Valid())
	assert.False(t, complaint.Point{Lon: 181}.Valid())
}

func TestPlaceStreet(t *testing.T) {
	for in, want := range map[string]string{
		"Via Appia Nuova 120":       "via appia nuova",
		"Via Appia Nuova, 120/B":    "via appia nuova",
		"VIA APPIA NUOVA snc":       "via appia nuova",
		"Piazza di Spagna":          "piazza di spagna",
		"Viale Trastevere 60 a":     "viale trastevere",
		"Lungotevere dei Mellini 1": "lungotevere dei mellini",
		"":                          "",
		// What follows the civic number is not the street.
		"Via Roma 12 int. 4 c/o Zappacosta": "via roma",
		"Via Roma c/o Zappacosta":           "via roma",
		"Via dei Gracchi 12, scala B":       "via dei gracchi",
		"Via XX Settembre 8":                "via xx settembre",
		"Via 20 Settembre 8":                "via 20 settembre",
		"Via Tiburtina km 12,5":             "via tiburtina",
		"Via Roma n. 12":                    "via roma",
	} {
		assert.Equal(t, want, complaint.Place{Address: in}.Street(), in)
	}
}

// TestPlacePublicAddress: the published address is the street and civic
// number as written, with its suffix, and nothing after them.
func TestPlacePublicAddress(t *testing.T) {
	for in, want := range map[string]string{
		"Via Appia Nuova 120":                  "Via Appia Nuova 120",
		"Via Appia Nuova, 120/B":               "Via Appia Nuova, 120/B",
		"Via Appia Nuova, 120/B scala C":       "Via Appia Nuova, 120/B",
		"VIA APPIA NUOVA snc":                  "VIA APPIA NUOVA snc",
		"Viale Trastevere 60 a":                "Viale Trastevere 60 a",
		"Viale Trastevere 60 bis, int. 2":      "Viale Trastevere 60 bis",
		"Via Roma 12 int. 4 c/o Zappacosta":    "Via Roma 12",
		"Via Roma 12, c/o Zappacosta":          "Via Roma 12",
		"Via Roma 12 Zappacosta":               "Via Roma 12",
		"Via Roma 12/4":                        "Via Roma 12",
		"Via Roma 12int4":                      "Via Roma 12",
		"Via Roma 12-14 piano 3":               "Via Roma 12-14",
		"Via Roma c/o Zappacosta":              "Via Roma",
		"Via Roma, presso il sig. Zappacosta":  "Via Roma",
		"Via Roma interno 7":                   "Via Roma",
		"Piazza di Spagna":                     "Piazza di Spagna",
		"Via 20 Settembre 8 scala A":           "Via 20 Settembre 8",
		"Via Tiburtina km 12,5 presso Bianchi": "Via Tiburtina km 12",
		"Via Roma n. 12 int. 3":                "Via Roma n. 12",
		"c/o Zappacosta, Via Roma 12":          "",
		"":                                     "",
	} {
		assert.Equal(t, want, complaint.Place{Address: in}.PublicAddress(), in)
	}
	pt := complaint.Point{Lat: 41.871234, Lon: 12.52125}
	assert.Equal(t, complaint.Point{Lat: 41.8712, Lon: 12.5213}, pt.Public())
	pl := complaint.Place{Address: "Via Roma 12 int. 4", AddressID: "RM-1", ZIP: "00185", Municipio: 1, Point: &pt}
	assert.Equal(t, complaint.Place{Address: "Via Roma 12", AddressID: "RM-1", ZIP: "00185", Municipio: 1, Point: &complaint.Point{Lat: 41.8712, Lon: 12.5213}}, pl.Public())
	assert.Equal(t, 41.871234, pt.Lat, "Public does not change the place")
}

func TestMunicipio(t *testing.T) {
	for in, want := range map[string]complaint.Municipio{"VII": 7, "7": 7, "Municipio VII": 7, "mun. 15": 15, "xv": 15, "": 0, " I ": 1} {
		got, err := complaint.ParseMunicipio(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for _, in := range []string{"XVI", "16", "0", "Ostia", "IIII"} {
		_, err := complaint.ParseMunicipio(in)
		require.ErrorIs(t, err, complaint.ErrInvalid, in)
	}
	assert.Equal(t, "Municipio X", complaint.Municipio(10).Italian())
	b, err := complaint.Municipio(7).MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "VII", string(b))
	var m complaint.Municipio
	require.NoError(t, m.UnmarshalText([]byte("XIV")))
	assert.Equal(t, complaint.Municipio(14), m)
	_, err = complaint.Municipio(20).MarshalText()
	require.Error(t, err)
}

// countingStore counts List calls, the items they return and Loads, to
// prove the duplicate search narrows its queries. It has only the four
// methods of complaint.Store, like any store a city writes.
type countingStore struct {
	complaint.Store
	lists, items, loads atomic.Int64
}

func (s *countingStore) List(ctx context.Context, q complaint.Query) (complaint.Page, error) {
	p, err := s.Store.List(ctx, q)
	s.lists.Add(1)
	s.items.Add(int64(len(p.Items)))
	return p, err
}

func (s *countingStore) Load(ctx context.Context, id complaint.ID, after int) (complaint.Stream, error) {
	s.loads.Add(1)
	return s.Store.Load(ctx, id, after)
}

// TestFindDuplicates_SamePothole: reports of the same category near a
// point are found through Lists narrowed by the cell and street tags,
// without listing or loading the others.
func TestFindDuplicates_SamePothole(t *testing.T) {
	f := newFixture(t)
	cs := &countingStore{Store: f.store}
	svc, err := complaint.NewService(complaint.Config{Calendar: deadline.Rome(), Store: cs, Directory: directory(t), Policy: f.svc.Policy(), Now: f.clock.Now})
	require.NoError(t, err)

	base := complaint.Point{Lat: 41.874110, Lon: 12.521120}
	at := func(dLat, dLon float64) *complaint.Point {
		return &complaint.Point{Lat: base.Lat + dLat, Lon: base.Lon + dLon}
	}
	file := func(cat string, pt *complaint.Point, addr string) complaint.ID {
		fl := pothole()
		fl.Category, fl.Place.Point, fl.Place.Address = cat, pt, addr
		return f.file(t, desk, fl).ID
	}
	near := file("buche", at(0.0002, 0), "Via Appia Nuova 122")        // ~22 m
	nearer := file("buche", at(0, 0.0001), "Via Appia Nuova 120")      // ~8 m
	far := file("buche", at(0.002, 0), "Via Appia Nuova 300")          // ~222 m
	otherCat := file("marciapiedi", at(0, 0), "Via Appia Nuova 120")   // same place, other category
	noPoint := file("buche", nil, "Via Appia Nuova 120")               // same address, no point
	sameStreet := file("buche", nil, "Via Appia Nuova 7")              // same street, no point
	merged := file("buche", at(0, 0), "Via Appia Nuova 120")           // merged: not a candidate
	closed := file("buche", at(0.0001, 0.0001), "Via Appia Nuova 120") // closed: not a candidate
	elsewhere := file("buche", &complaint.Point{Lat: 41.9, Lon: 12.49}, "Via dei Fori Imperiali 1")
	for i := 0; i < 50; i++ { // noise in other cells
		file("buche", &complaint.Point{Lat: 41.80 + float64(i)*0.003, Lon: 12.40}, "Via Lontana 1")
	}
	must(t)(f.svc.Merge(f.ctx, complaint.Act{ID: merged, By: desk}, complaint.Merger{Master: near}))
	must(t)(f.svc.Close(f.ctx, complaint.Act{ID: closed, By: desk}, complaint.Closure{Reason: complaint.ClosedWithdrawn}))
	_ = otherCat
	_ = elsewhere

	for range 20 { // other categories in the same cell and street
		file("marciapiedi", at(0.0001, 0), "Via Appia Nuova 118")
	}
	cs.lists.Store(0)
	cs.items.Store(0)
	cs.loads.Store(0)
	got, err := svc.FindDuplicates(f.ctx, complaint.Probe{Category: "buche", Place: complaint.Place{Point: &base, Address: "Via Appia Nuova 120"}})
	require.NoError(t, err)
	var ids []complaint.ID
	for _, m := range got {
		ids = append(ids, m.ID)
	}
	assert.Equal(t, []complaint.ID{nearer, near, noPoint, sameStreet}, ids)
	assert.Equal(t, complaint.SamePoint, got[0].Proximity)
	assert.InDelta(t, 8.28, got[0].Distance, 0.01, "0.0001° of longitude at 41.874° N: 11.12 m × cos 41.874° = 8.28 m")
	assert.Equal(t, "stessa categoria, a 8 m", got[0].Reason)
	assert.Equal(t, complaint.SameAddress, got[2].Proximity)
	assert.Equal(t, complaint.SameStreet, got[3].Proximity)
	assert.NotContains(t, ids, far, "222 m is not the same pothole")
	assert.LessOrEqual(t, cs.lists.Load(), int64(5), "one List per cell touched, one for the street")
	assert.LessOrEqual(t, cs.items.Load(), int64(8), "only the candidates of those cells and that street are listed, not the 80 reports")
	assert.LessOrEqual(t, cs.loads.Load(), cs.items.Load(), "only the listed candidates are loaded")

	got, err = svc.FindDuplicates(f.ctx, complaint.Probe{Category: "buche", Place: complaint.Place{Point: &base}, Radius: 300})
	require.NoError(t, err)
	ids = ids[:0]
	for _, m := range got {
		ids = append(ids, m.ID)
	}
	assert.True(t, slices.Contains(ids, far), "a wider radius reaches it")

	got, err = svc.DuplicatesOf(f.ctx, nearer)
	require.NoError(t, err)
	require.NotEmpty(t, got)
	assert.Equal(t, near, got[0].ID, "the complaint itself is left out")

	_, err = svc.FindDuplicates(f.ctx, complaint.Probe{Place: complaint.Place{Point: &base}})
	require.ErrorIs(t, err, complaint.ErrInvalid, "a category is needed")
	_, err = svc.FindDuplicates(f.ctx, complaint.Probe{Category: "buche", Place: complaint.Place{Point: &base}, Radius: 5000})
	require.ErrorIs(t, err, complaint.ErrInvalid)
}

func TestFindDuplicates_MunicipioOnlyAndWindow(t *testing.T) {
	f := newFixture(t)
	fl := complaint.Filed{Kind: complaint.Segnalazione, Channel: complaint.Phone, Category: "rifiuti", Place: complaint.Place{Municipio: 10}, Description: "rifiuti abbandonati"}
	old := f.file(t, desk, fl)
	f.clock.at(2027, 3, 1)
	recent := f.file(t, desk, fl)
	other := fl
	other.Place.Municipio = 9
	f.file(t, desk, other)
	got, err := f.svc.FindDuplicates(f.ctx, complaint.Probe{Category: "rifiuti", Place: complaint.Place{Municipio: 10}})
	require.NoError(t, err)
	require.Len(t, got, 1, "the report of October 2026 is outside the 90-day window")
	assert.Equal(t, recent.ID, got[0].ID)
	assert.Equal(t, complaint.SameMunicipio, got[0].Proximity)
	assert.Equal(t, "stessa categoria, stesso Municipio X", got[0].Reason)
	got, err = f.svc.FindDuplicates(f.ctx, complaint.Probe{Category: "rifiuti", Place: complaint.Place{Municipio: 10}, Since: date(2026, 1, 1)})
	require.NoError(t, err)
	assert.Len(t, got, 2)
	_ = old
}

// TestDuplicates_ChainInOrderOfReceipt: the master's duplicates are found
// level by level through the chain of mergers by Lists of its "master:" tag,
// each level in order of receipt whatever the IDs, the same from the
// MemoryStore and from a store that has only the four Store methods.
func TestDuplicates_ChainInOrderOfReceipt(t *testing.T) {
	f := newFixture(t)
	cs := &countingStore{Store: f.store}
	svc, err := complaint.NewService(complaint.Config{Calendar: deadline.Rome(), Store: cs, Directory: directory(t), Policy: f.svc.Policy(), Now: f.clock.Now})
	require.NoError(t, err)
	file := func(id complaint.ID) complaint.ID {
		t.Helper()
		return must(t)(f.svc.File(f.ctx, complaint.Act{ID: id, By: desk}, pothole())).ID
	}
	m := file("M-1")
	f.clock.at(2026, time.October, 5)
	z := file("Z-1") // received first, last in ID order
	f.clock.at(2026, time.October, 6)
	d1 := file("A-1")
	f.clock.at(2026, time.October, 7)
	d2 := file("B-1")
	must(t)(svc.Merge(f.ctx, complaint.Act{ID: d1, By: desk}, complaint.Merger{Master: m}))
	must(t)(svc.Merge(f.ctx, complaint.Act{ID: z, By: desk}, complaint.Merger{Master: m}))
	must(t)(svc.Merge(f.ctx, complaint.Act{ID: m, By: desk}, complaint.Merger{Master: d2})) // m (with its duplicates z and d1) goes under d2
	cs.lists.Store(0)
	ids, err := svc.Duplicates(f.ctx, d2)
	require.NoError(t, err)
	assert.Equal(t, []complaint.ID{m, z, d1}, ids, "through the chain, each level in order of receipt")
	assert.Equal(t, int64(4), cs.lists.Load(), "one List by master tag per complaint of the chain")
	got, err := svc.Get(f.ctx, d1)
	require.NoError(t, err)
	assert.Equal(t, d2, got.Master.ID, "a duplicate follows the root of its chain")
	ids2, err := f.svc.Duplicates(f.ctx, d2)
	require.NoError(t, err)
	assert.Equal(t, ids, ids2, "the MemoryStore gives the same answer")
}
