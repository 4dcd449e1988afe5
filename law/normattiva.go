package law

import (
	"strings"
)

// NormattivaResolver is the address of Normattiva's URN resolver: a
// URN-NIR appended to it opens the official text in force.
const NormattivaResolver = "https://www.normattiva.it/uri-res/N2Ls?"

// Act is an act the library cites, keyed by the short form Citation.Act
// uses, with where its official text is: its URN-NIR when Normattiva (the
// State's database of legislation in force) holds it, otherwise why it
// does not and, when there is one, the address of the official text
// elsewhere.
type Act struct {
	// Name is the short form used in Citation.Act: "L. 241/1990".
	Name string
	// Title is the act as Italian legal writing names it in full:
	// "legge 7 agosto 1990, n. 241".
	Title string
	// URN is the act's URN-NIR (authority, kind of act, date, number), for
	// the codes with the annex that holds their articles:
	// "urn:nir:stato:legge:1990-08-07;241". Empty when Normattiva does
	// not hold the act.
	URN string
	// Elsewhere says, for an act Normattiva does not hold, what it is and
	// where its official text is published.
	Elsewhere string
	// Official is the address of the official text of an act Normattiva
	// does not hold, when it has a stable one (EUR-Lex's ELI for an EU
	// regulation); empty otherwise.
	Official string
}

// acts are the acts the library cites. A test walks every citation in the
// module's code and fails on an act missing here. The dates of the acts were
// checked against their titles in secondary sources (the commit that added
// them lists them); the annexes of the codes (":2" for the codice
// civile and the codice del processo amministrativo, ":1" for the codice di
// procedura civile) follow the URNs other publishers link to Normattiva with,
// not a reading of Normattiva itself.
var acts = [...]Act{
	{Name: "L. 241/1990", Title: "legge 7 agosto 1990, n. 241", URN: "urn:nir:stato:legge:1990-08-07;241"},
	{Name: "D.Lgs. 33/2013", Title: "decreto legislativo 14 marzo 2013, n. 33", URN: "urn:nir:stato:decreto.legislativo:2013-03-14;33"},
	{Name: "D.Lgs. 97/2016", Title: "decreto legislativo 25 maggio 2016, n. 97", URN: "urn:nir:stato:decreto.legislativo:2016-05-25;97"},
	{Name: "DPR 184/2006", Title: "decreto del Presidente della Repubblica 12 aprile 2006, n. 184", URN: "urn:nir:presidente.repubblica:decreto:2006-04-12;184"},
	{Name: "DPR 445/2000", Title: "decreto del Presidente della Repubblica 28 dicembre 2000, n. 445", URN: "urn:nir:presidente.repubblica:decreto:2000-12-28;445"},
	{Name: "DPR 605/1973", Title: "decreto del Presidente della Repubblica 29 settembre 1973, n. 605", URN: "urn:nir:presidente.repubblica:decreto:1973-09-29;605"},
	{Name: "DPR 642/1972", Title: "decreto del Presidente della Repubblica 26 ottobre 1972, n. 642", URN: "urn:nir:presidente.repubblica:decreto:1972-10-26;642"},
	{Name: "DPR 792/1985", Title: "decreto del Presidente della Repubblica 28 dicembre 1985, n. 792", URN: "urn:nir:presidente.repubblica:decreto:1985-12-28;792"},
	{Name: "D.Lgs. 82/2005", Title: "decreto legislativo 7 marzo 2005, n. 82 (Codice dell'amministrazione digitale)", URN: "urn:nir:stato:decreto.legislativo:2005-03-07;82"},
	{Name: "D.Lgs. 267/2000", Title: "decreto legislativo 18 agosto 2000, n. 267 (TUEL)", URN: "urn:nir:stato:decreto.legislativo:2000-08-18;267"},
	{Name: "D.Lgs. 104/2010", Title: "decreto legislativo 2 luglio 2010, n. 104", URN: "urn:nir:stato:decreto.legislativo:2010-07-02;104"},
	{Name: "c.p.a.", Title: "codice del processo amministrativo, all. 1 al decreto legislativo 2 luglio 2010, n. 104", URN: "urn:nir:stato:decreto.legislativo:2010-07-02;104:2"},
	{Name: "c.c.", Title: "codice civile, approvato con regio decreto 16 marzo 1942, n. 262", URN: "urn:nir:stato:regio.decreto:1942-03-16;262:2"},
	{Name: "c.p.c.", Title: "codice di procedura civile, approvato con regio decreto 28 ottobre 1940, n. 1443", URN: "urn:nir:stato:regio.decreto:1940-10-28;1443:1"},
	{Name: "L. 150/2000", Title: "legge 7 giugno 2000, n. 150", URN: "urn:nir:stato:legge:2000-06-07;150"},
	{Name: "L. 151/2025", Title: "legge 8 ottobre 2025, n. 151", URN: "urn:nir:stato:legge:2025-10-08;151"},
	{Name: "L. 260/1949", Title: "legge 27 maggio 1949, n. 260", URN: "urn:nir:stato:legge:1949-05-27;260"},
	{Name: "L. 336/2000", Title: "legge 20 novembre 2000, n. 336", URN: "urn:nir:stato:legge:2000-11-20;336"},
	{Name: "L. 54/1977", Title: "legge 5 marzo 1977, n. 54", URN: "urn:nir:stato:legge:1977-03-05;54"},
	{Name: "L. 742/1969", Title: "legge 7 ottobre 1969, n. 742", URN: "urn:nir:stato:legge:1969-10-07;742"},
	{Name: "D.L. 5/2011", Title: "decreto-legge 22 febbraio 2011, n. 5", URN: "urn:nir:stato:decreto.legge:2011-02-22;5"},
	{Name: "D.L. 18/2020", Title: "decreto-legge 17 marzo 2020, n. 18", URN: "urn:nir:stato:decreto.legge:2020-03-17;18"},
	{Name: "D.L. 132/2014", Title: "decreto-legge 12 settembre 2014, n. 132", URN: "urn:nir:stato:decreto.legge:2014-09-12;132"},

	{Name: "Reg. UE 2016/679", Title: "regolamento (UE) 2016/679 (GDPR)",
		Elsewhere: "atto dell'Unione europea: il testo ufficiale è su EUR-Lex", Official: "https://eur-lex.europa.eu/eli/reg/2016/679/oj"},
	{Name: "Circolare Funzione Pubblica 2/2017", Title: "circolare del Ministro per la semplificazione e la pubblica amministrazione n. 2/2017",
		Elsewhere: "circolare: pubblicata dal Dipartimento della Funzione Pubblica, non è un atto normativo raccolto in Normattiva"},
	{Name: "Delibera ANAC 1309/2016", Title: "delibera ANAC 28 dicembre 2016, n. 1309 (linee guida sull'accesso civico)",
		Elsewhere: "linee guida dell'Autorità nazionale anticorruzione: pubblicate da ANAC"},
	{Name: "Direttiva P.C.M. 27 gennaio 1994", Title: "direttiva del Presidente del Consiglio dei Ministri 27 gennaio 1994",
		Elsewhere: "direttiva: pubblicata in Gazzetta Ufficiale, non raccolta in Normattiva"},
	{Name: "Statuto Roma Capitale", Title: "Statuto di Roma Capitale",
		Elsewhere: "statuto comunale: pubblicato da Roma Capitale, non in Normattiva, che raccoglie atti dello Stato"},
	{Name: "Statuto Comune di Milano", Title: "Statuto del Comune di Milano",
		Elsewhere: "statuto comunale: pubblicato dal Comune di Milano, non in Normattiva"},
	{Name: "Regolamento del Consiglio Comunale di Roma (Del. C.C. 100/2002)", Title: "regolamento del Consiglio comunale di Roma",
		Elsewhere: "regolamento comunale: pubblicato da Roma Capitale, non in Normattiva"},
	{Name: "Regolamento istituti di partecipazione (Del. CC 101/1994)", Title: "regolamento degli istituti di partecipazione e di iniziativa popolare di Roma",
		Elsewhere: "regolamento comunale: pubblicato da Roma Capitale, non in Normattiva"},
	{Name: "Gabinetto del Sindaco di Roma Capitale, D.D. 105/2024", Title: "determinazione dirigenziale del Gabinetto del Sindaco di Roma Capitale n. 105/2024",
		Elsewhere: "atto amministrativo comunale: pubblicato nell'albo pretorio di Roma Capitale"},
	{Name: "Roma Capitale, ChiamaRoma 060606", Title: "contact center ChiamaRoma 060606",
		Elsewhere: "servizio di Roma Capitale, non un atto normativo"},
	{Name: "Roma Capitale, Sistema Unico di Segnalazione (SUS)", Title: "Sistema Unico di Segnalazione di Roma Capitale",
		Elsewhere: "servizio di Roma Capitale, non un atto normativo"},
	{Name: "regolamento o carta dei servizi dell'amministrazione", Title: "regolamento o carta dei servizi dell'amministrazione",
		Elsewhere: "atto proprio di ciascuna amministrazione, scelto dal chiamante"},
}

// LookupAct returns the Act cited as name (the short form of Citation.Act),
// and false for an act the library does not know.
func LookupAct(name string) (Act, bool) {
	for _, a := range acts {
		if a.Name == name {
			return a, true
		}
	}
	return Act{}, false
}

// Acts returns every act the library knows, those Normattiva holds first,
// in a new slice the caller may change.
func Acts() []Act {
	out := make([]Act, len(acts))
	copy(out, acts[:])
	return out
}

// NormattivaURN returns the URN-NIR of the provision c cites, down to its
// article ("urn:nir:stato:legge:1990-08-07;241~art25"; "5-bis" becomes
// "~art5bis"), and false when Normattiva does not hold the act (see Act).
// The act's URN is c.URN when set, otherwise the one LookupAct knows. An
// article that is not a number with an optional Latin suffix ("bis",
// "ter"...) is left out and the URN names the act alone; commas and letters
// are never part of it.
func (c Citation) NormattivaURN() (string, bool) {
	urn := c.URN
	if urn == "" {
		a, ok := LookupAct(c.Act)
		if !ok || a.URN == "" {
			return "", false
		}
		urn = a.URN
	}
	if art, ok := articleSuffix(c.Article); ok {
		urn += "~art" + art
	}
	return urn, true
}

// URL returns the address of the official text of the provision c cites:
// Normattiva's resolver with NormattivaURN, or the official address of an
// act Normattiva does not hold (Act.Official), or "" when there is none.
func (c Citation) URL() string {
	if urn, ok := c.NormattivaURN(); ok {
		return NormattivaResolver + urn
	}
	if a, ok := LookupAct(c.Act); ok {
		return a.Official
	}
	return ""
}

// latinSuffixes are the suffixes of articles inserted between two others.
var latinSuffixes = [...]string{"bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "nonies", "decies",
	"undecies", "duodecies", "terdecies", "quaterdecies", "quinquiesdecies", "sexiesdecies", "septiesdecies", "octiesdecies"}

// articleSuffix turns an article as cited ("25", "5-bis", "5 bis") into
// the form a URN-NIR uses ("25", "5bis"), and false for anything else.
func articleSuffix(article string) (string, bool) {
	a := strings.ToLower(strings.TrimSpace(article))
	i := 0
	for i < len(a) && a[i] >= '0' && a[i] <= '9' {
		i++
	}
	if i == 0 || a[0] == '0' {
		return "", false
	}
	num, rest := a[:i], strings.TrimLeft(a[i:], "- ")
	if rest == "" {
		return num, true
	}
	for _, s := range latinSuffixes {
		if rest == s {
			return num + s, true
		}
	}
	return "", false
}
