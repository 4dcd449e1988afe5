package privacy_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/puntodiascolto/ascolto/internal/privacy"
)

func TestFind(t *testing.T) {
	ids := []string{"Li", "Wu", "Maria Rossi", "RSSMRA85T10A562S", "+39 3331234567", "a.b@example.org", "Via dei Gracchi 12", "Zappacosta"}
	for _, tt := range []struct {
		name, text string
		kind       string
	}{
		{"surname of two letters as a word", "richiesta del sig. Wu sui verbali", "identificativo"},
		{"name in another order and case", "ROSSI, maria: accesso negato", ""},
		{"full name", "chiesto da Maria Rossi", "identificativo"},
		{"accents and case", "segnalata da ZAPPACÒSTA", "identificativo"},
		{"spaced codice fiscale", "RSS MRA 85T10 A562S", "identificativo"},
		{"reformatted phone", "richiamare il 333 123 4567", "identificativo"},
		{"spaced e-mail", "scrivere a a.b @ example.org", "identificativo"},
		{"address", "residente in via dei Gracchi, 12", "identificativo"},
		{"someone else's codice fiscale", "il terzo BNCGPP70A41H501G", "codice fiscale"},
		{"omocodic codice fiscale", "RSSMRA85T10A56NH", "codice fiscale"},
		{"codice fiscale after words shaped like one", "ripristino del manto stradale per BNCGPP70A41H501G", "codice fiscale"},
		{"codice fiscale with all seven digits replaced", "il terzo rssmra urtml arsnl", "codice fiscale"},
		{"mistyped codice fiscale (wrong check character)", "il terzo BNCGPP70A41H501X", "codice fiscale"},
		{"someone else's e-mail", "contatto: mario.verdi@pec.example.it", "e-mail"},
		{"e-mail with (at)", "mario (at) example . it", "e-mail"},
		{"someone else's mobile", "tel. +39 347 765 4321", "telefono"},
		{"landline", "chiamare lo 06 6710 7812", "telefono"},
		{"IBAN", "rimborso su IT60 X054 2811 1010 0000 0123 456", "IBAN"},
		// Gaps found in issue 11.
		{"e-mail spelled out", "scrivere a mario at example dot it", "e-mail"},
		{"e-mail in brackets", "contatto mario[at]example[dot]it", "e-mail"},
		{"e-mail in Italian words", "mario.verdi chiocciola example punto com", "e-mail"},
		{"licence plate", "veicolo AB 123 CD in sosta", "targa"},
		{"licence plate without spaces", "multa al veicolo FG456HL", "targa"},
		{"old provincial plate", "autovettura targata RM A12345", "targa"},
		{"moped plate after targa", "ciclomotore targa X4F9KL", "targa"},
		{"third party's address", "il vicino che abita in via dei Segreti 13 lamenta rumori", "indirizzo"},
		{"residence with n.", "residente in piazza Vittorio n. 45/B", "indirizzo"},
		{"birth date", "Mario Bianchi, nato il 12/05/1971, chiede", "dati di nascita"},
		{"birth place and date", "la sig.ra Verdi nata a Frosinone (FR) il 3 marzo 1980", "dati di nascita"},
		{"omocodic code all in letters, lower case", "cf rssmraurtmlarsnl", "codice fiscale"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f, found := privacy.Find(tt.text, ids...)
			if tt.kind == "" {
				assert.False(t, found, "%+v", f)
				return
			}
			assert.True(t, found)
			assert.Equal(t, tt.kind, f.Kind, "%+v", f)
		})
	}
}

func TestFindLeavesOfficeTextAlone(t *testing.T) {
	for _, text := range []string{
		"Registri di transito dei varchi ZTL, gennaio 2026",
		"accesso parziale: oscurati dati personali (art. 5-bis c. 2 lett. a D.Lgs. 33/2013)",
		"prot. RA/2026/0012345 del 02/03/2026",
		"intervento programmato entro il 31/10/2026",
		"Delibera 1309/2016, costo 12,50 euro per 25 pagine",
		"riesame respinto: limite confermato",
		"buca sulla carreggiata in via Appia Nuova",
		"ripristino del manto stradale",
		"intervento di ripristino del manto stradale programmato entro il 31/10",
		"sportello aperto presso la sede di via Capitan Bavastro 94",
		"Municipio II, via Dire Daua 11: lavori in piazza San Giovanni",
		"rimborso di € 1.234,56 disposto con determinazione n. 345 del 12/03/2026",
		"art. 5 c. 2 D.Lgs. 33/2013; Del. AC 8/2013; prot. QA 12345/2026",
		"the office is open at 9",
		"residente nel Municipio VII",
	} {
		f, found := privacy.Find(text, "Maria Rossi", "Li", "RSSMRA85T10A562S")
		assert.False(t, found, "%q: %+v", text, f)
	}
}

func TestAddress(t *testing.T) {
	assert.Equal(t, []string{"Via dei Gracchi 12 int. 7, 00192 Roma", "via dei gracchi 12"}, privacy.Address("Via dei Gracchi 12 int. 7, 00192 Roma"))
	assert.Equal(t, []string{"Piazza del Popolo"}, privacy.Address("Piazza del Popolo"))
	ids := privacy.Address("Via dei Gracchi 12 int. 7, 00192 Roma")
	_, found := privacy.Find("residente in via dei Gracchi, 12", ids...)
	assert.True(t, found)
	_, found = privacy.Find("lavori in via dei Gracchi", ids...)
	assert.False(t, found, "the street alone is not personal data")
}

func TestFindIgnoresEmptyAndOneLetterIDs(t *testing.T) {
	_, found := privacy.Find("a e i o u", "", "A", " ")
	assert.False(t, found)
}

func FuzzFind(f *testing.F) {
	f.Add("sig. Wu, tel. 333 123 4567", "Wu")
	f.Add("", "")
	f.Fuzz(func(t *testing.T, text, id string) {
		fd, found := privacy.Find(text, id)
		if !found && fd != (privacy.Finding{}) {
			t.Fatalf("finding without found: %+v", fd)
		}
	})
}

// A shape written all in letters is a codice fiscale when codicefiscale
// accepts it (right check character and date), not otherwise.
func TestFindAllLetterCodes(t *testing.T) {
	f, found := privacy.Find("segnalazione di RSSMRAURTMLARSNL")
	assert.True(t, found)
	assert.Equal(t, privacy.Finding{Kind: "codice fiscale", Match: "RSSMRAURTMLARSNL"}, f)
	f, found = privacy.Find("segnalazione di RSSMRAURTMLARSNA") // check character L, not A
	assert.False(t, found, "%+v", f)
}
