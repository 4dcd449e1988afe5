package deadline

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/puntodiascolto/ascolto/law"
)

// ErrUnknownMunicipality is wrapped by ForMunicipality and LookupMunicipality
// errors for a name or ISTAT code the package does not know.
var ErrUnknownMunicipality = errors.New("deadline: unknown municipality")

// Municipality is an Italian comune known to the package: its name, its
// ISTAT code, its region and the day of its patron saint.
type Municipality struct {
	// Name is the official name: "Roma", "L'Aquila".
	Name string `json:"name"`
	// ISTAT is the six-digit ISTAT code of the comune: "058091".
	ISTAT string `json:"istat"`
	// Region is the region the comune belongs to.
	Region string `json:"region"`
	// Capital reports whether the comune is the capital of its region.
	Capital bool `json:"capital,omitempty"`
	// Patron is the patron saint's day. Outside Rome it is an office
	// closure that does not move legal terms (RULES.md §2); in Rome, 29
	// June is a legal holiday (DPR 792/1985).
	Patron Holiday `json:"patron"`
}

// citePatron is the source of a patron saint's office closure: collective
// agreements and custom, not law (RULES.md §2).
var citePatron = law.Citation{
	Note:       "festa del santo patrono: contratti collettivi e consuetudine; non proroga i termini (C. App. Milano 5251/2018)",
	Confidence: law.Secondary,
}

func patron(name string, m time.Month, d int) Holiday {
	return Holiday{Name: name, Month: m, Day: d, Source: citePatron}
}

// municipalities lists the 20 regional capitals and the 15 largest comuni
// by population (24 comuni: 11 are both). Patron days are those of RULES.md
// §2 [S].
var municipalities = [...]Municipality{
	{Name: "Roma", ISTAT: "058091", Region: "Lazio", Capital: true, Patron: romeHoliday()},
	{Name: "Milano", ISTAT: "015146", Region: "Lombardia", Capital: true, Patron: patron("Sant'Ambrogio", time.December, 7)},
	{Name: "Napoli", ISTAT: "063049", Region: "Campania", Capital: true, Patron: patron("San Gennaro", time.September, 19)},
	{Name: "Torino", ISTAT: "001272", Region: "Piemonte", Capital: true, Patron: patron("San Giovanni Battista", time.June, 24)},
	{Name: "Palermo", ISTAT: "082053", Region: "Sicilia", Capital: true, Patron: patron("Santa Rosalia", time.July, 15)},
	{Name: "Genova", ISTAT: "010025", Region: "Liguria", Capital: true, Patron: patron("San Giovanni Battista", time.June, 24)},
	{Name: "Bologna", ISTAT: "037006", Region: "Emilia-Romagna", Capital: true, Patron: patron("San Petronio", time.October, 4)},
	{Name: "Firenze", ISTAT: "048017", Region: "Toscana", Capital: true, Patron: patron("San Giovanni Battista", time.June, 24)},
	{Name: "Bari", ISTAT: "072006", Region: "Puglia", Capital: true, Patron: patron("San Nicola", time.December, 6)},
	{Name: "Catania", ISTAT: "087015", Region: "Sicilia", Patron: patron("Sant'Agata", time.February, 5)},
	{Name: "Verona", ISTAT: "023091", Region: "Veneto", Patron: patron("San Zeno", time.May, 21)},
	{Name: "Venezia", ISTAT: "027042", Region: "Veneto", Capital: true, Patron: patron("San Marco", time.April, 25)},
	{Name: "Messina", ISTAT: "083048", Region: "Sicilia", Patron: patron("Madonna della Lettera", time.June, 3)},
	{Name: "Padova", ISTAT: "028060", Region: "Veneto", Patron: patron("Sant'Antonio di Padova", time.June, 13)},
	{Name: "Trieste", ISTAT: "032006", Region: "Friuli-Venezia Giulia", Capital: true, Patron: patron("San Giusto", time.November, 3)},
	{Name: "Aosta", ISTAT: "007003", Region: "Valle d'Aosta", Capital: true, Patron: patron("San Grato", time.September, 7)},
	{Name: "Trento", ISTAT: "022205", Region: "Trentino-Alto Adige", Capital: true, Patron: patron("San Vigilio", time.June, 26)},
	{Name: "Perugia", ISTAT: "054039", Region: "Umbria", Capital: true, Patron: patron("San Costanzo", time.January, 29)},
	{Name: "Ancona", ISTAT: "042002", Region: "Marche", Capital: true, Patron: patron("San Ciriaco", time.May, 4)},
	{Name: "L'Aquila", ISTAT: "066049", Region: "Abruzzo", Capital: true, Patron: patron("San Massimo", time.June, 10)},
	{Name: "Campobasso", ISTAT: "070006", Region: "Molise", Capital: true, Patron: patron("San Giorgio", time.April, 23)},
	{Name: "Potenza", ISTAT: "076063", Region: "Basilicata", Capital: true, Patron: patron("San Gerardo", time.May, 30)},
	{Name: "Catanzaro", ISTAT: "079023", Region: "Calabria", Capital: true, Patron: patron("San Vitaliano", time.July, 16)},
	{Name: "Cagliari", ISTAT: "092009", Region: "Sardegna", Capital: true, Patron: patron("San Saturnino", time.October, 30)},
}

// municipalCalendars builds each municipality's calendar once, on first use.
var municipalCalendars = func() []func() *Calendar {
	fs := make([]func() *Calendar, len(municipalities))
	for i := range municipalities {
		m := municipalities[i]
		fs[i] = sync.OnceValue(func() *Calendar {
			if m.ISTAT == "058091" {
				return Rome()
			}
			return newCalendar(m.Name, nationalHolidays(), []Holiday{m.Patron}, nil)
		})
	}
	return fs
}()

// Municipalities returns the comuni the package knows, largest first.
func Municipalities() []Municipality { return slices.Clone(municipalities[:]) }

// LookupMunicipality finds a comune by name (ignoring case, accents,
// apostrophes and spaces: "l'aquila", "LAquila") or ISTAT code ("058091",
// "58091").
func LookupMunicipality(nameOrISTAT string) (Municipality, error) {
	i, err := lookup(nameOrISTAT)
	if err != nil {
		return Municipality{}, err
	}
	return municipalities[i], nil
}

func lookup(q string) (int, error) {
	key := fold(q)
	if key == "" {
		return -1, fmt.Errorf("%w: empty name", ErrUnknownMunicipality)
	}
	if n, err := strconv.Atoi(key); err == nil {
		for i, m := range municipalities {
			if c, _ := strconv.Atoi(m.ISTAT); c == n {
				return i, nil
			}
		}
		return -1, fmt.Errorf("%w: ISTAT code %q", ErrUnknownMunicipality, q)
	}
	for i, m := range municipalities {
		if fold(m.Name) == key {
			return i, nil
		}
	}
	return -1, fmt.Errorf("%w: %q", ErrUnknownMunicipality, q)
}

// fold lowercases s and keeps only letters and digits, with accents removed.
func fold(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		default:
			if a, ok := unaccent(r); ok {
				b.WriteByte(a)
			}
		}
	}
	return b.String()
}

// unaccent maps an accented lowercase vowel to its plain letter.
func unaccent(r rune) (byte, bool) {
	switch r {
	case 'à', 'á', 'â', 'ä':
		return 'a', true
	case 'è', 'é', 'ê', 'ë':
		return 'e', true
	case 'ì', 'í', 'î', 'ï':
		return 'i', true
	case 'ò', 'ó', 'ô', 'ö':
		return 'o', true
	case 'ù', 'ú', 'û', 'ü':
		return 'u', true
	}
	return 0, false
}

// ForMunicipality returns the calendar of a comune, by name or ISTAT code:
// Rome for Roma (29 June is a legal holiday there), otherwise the national
// calendar with the patron saint's day as an office closure. Calendars are
// built once and shared.
func ForMunicipality(nameOrISTAT string) (*Calendar, error) {
	i, err := lookup(nameOrISTAT)
	if err != nil {
		return nil, err
	}
	return municipalCalendars[i](), nil
}
