package complaint

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/puntodiascolto/ascolto/internal/textfold"
	"github.com/puntodiascolto/ascolto/procedure"
)

// Municipio is one of the administrative districts of a large comune,
// numbered in Roman numerals: Roma Capitale has fifteen (I to XV); Milano,
// Napoli, Torino and Genova have fewer. The zero Municipio is "not known".
type Municipio uint8

// MaxMunicipio is the highest Municipio number accepted: Rome's fifteen.
const MaxMunicipio = 15

var romanNumerals = [...]string{"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"}

// Valid reports whether m is zero (not known) or between I and XV.
func (m Municipio) Valid() bool { return m <= MaxMunicipio }

// String returns the Roman numeral, "VII", or "" for the zero Municipio.
func (m Municipio) String() string {
	if int(m) < len(romanNumerals) {
		return romanNumerals[m]
	}
	return strconv.Itoa(int(m))
}

// Italian returns "Municipio VII", or "" for the zero Municipio.
func (m Municipio) Italian() string {
	if m == 0 {
		return ""
	}
	return "Municipio " + m.String()
}

// ParseMunicipio reads a Municipio written as a Roman numeral or a number,
// with or without the word: "VII", "7", "Municipio VII", "mun. 7". The empty
// string gives the zero Municipio.
func ParseMunicipio(s string) (Municipio, error) {
	f := strings.TrimSpace(strings.ToUpper(s))
	for _, prefix := range []string{"MUNICIPIO", "MUN."} {
		if rest, ok := strings.CutPrefix(f, prefix); ok {
			f = strings.TrimSpace(rest)
			break
		}
	}
	if f == "" {
		return 0, nil
	}
	if n, err := strconv.Atoi(f); err == nil {
		if n < 1 || n > MaxMunicipio {
			return 0, invalid("municipio %q out of I..XV", s)
		}
		return Municipio(n), nil
	}
	for i, r := range romanNumerals {
		if i > 0 && r == f {
			return Municipio(i), nil
		}
	}
	return 0, invalid("municipio %q is not a Roman numeral I..XV or a number", s)
}

// MarshalText encodes the Municipio as its Roman numeral.
func (m Municipio) MarshalText() ([]byte, error) {
	if !m.Valid() {
		return nil, invalid("municipio %d out of range", m)
	}
	return []byte(m.String()), nil
}

// UnmarshalText decodes what ParseMunicipio reads.
func (m *Municipio) UnmarshalText(b []byte) error {
	v, err := ParseMunicipio(string(b))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// Point is a position in WGS84 degrees, the reference of GPS and of Open311.
type Point struct {
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
}

// Valid reports whether p is a real position: finite, latitude within ±90,
// longitude within ±180.
func (p Point) Valid() bool {
	return !math.IsNaN(p.Lat) && !math.IsNaN(p.Lon) &&
		p.Lat >= -90 && p.Lat <= 90 && p.Lon >= -180 && p.Lon <= 180
}

// String renders p with six decimals (about 10 cm): "41.890210,12.492231".
func (p Point) String() string { return fmt.Sprintf("%.6f,%.6f", p.Lat, p.Lon) }

// earthRadius is the mean Earth radius in metres (IUGG).
const earthRadius = 6371008.8

// Distance returns the great-circle distance between a and b in metres, by
// the haversine formula: accurate to a few metres at the distances that
// matter for duplicates.
func Distance(a, b Point) float64 {
	φ1, φ2 := a.Lat*math.Pi/180, b.Lat*math.Pi/180
	dφ := φ2 - φ1
	dλ := (b.Lon - a.Lon) * math.Pi / 180
	h := math.Sin(dφ/2)*math.Sin(dφ/2) + math.Cos(φ1)*math.Cos(φ2)*math.Sin(dλ/2)*math.Sin(dλ/2)
	return 2 * earthRadius * math.Asin(math.Min(1, math.Sqrt(h)))
}

// Place is where the reported problem is. It describes a place in the city,
// not the reporter: the reporter's own address belongs in Person.
//
// The View keeps the Place as given, for the office. What is published
// (View.PublicPlace, the Open311 GET representation) is coarser: the street
// and civic number without anything after them (PublicAddress), and the
// position rounded to 4 decimals (Point.Public, about 10 m). The Index
// carries only the street's name (Street) and a cell about 222 m a side.
type Place struct {
	// Address is the address as written: "Via Appia Nuova 120". Citizens
	// add what follows the civic number (interno, scala, "c/o" and a
	// name): it stays here and is never published.
	Address string `json:"address,omitempty" limit:"500"`
	// AddressID is the administration's code for the address (the
	// toponomastica code; Open311 address_id).
	AddressID string `json:"addressId,omitempty" limit:"500"`
	// ZIP is the CAP, the postal code.
	ZIP string `json:"zip,omitempty" limit:"500"`
	// Municipio is the district, when known.
	Municipio Municipio `json:"municipio,omitempty"`
	// Point is the position, when known.
	Point *Point `json:"point,omitempty"`
}

// IsZero reports whether p says nothing about the place.
func (p Place) IsZero() bool {
	return p.Address == "" && p.AddressID == "" && p.ZIP == "" && p.Municipio == 0 && p.Point == nil
}

// Validate reports an error wrapping ErrInvalid for a Municipio out of
// range, an impossible point, or a text longer than its limit (500
// characters) or not valid UTF-8 (*history.TextError).
func (p Place) Validate() error {
	if !p.Municipio.Valid() {
		return invalid("municipio %d out of I..XV", p.Municipio)
	}
	if p.Point != nil && !p.Point.Valid() {
		return invalid("point %v is not a WGS84 position", *p.Point)
	}
	if err := procedure.CheckText(p); err != nil {
		return err
	}
	return checkTexts("address", p.Address, "address id", p.AddressID, "zip", p.ZIP)
}

func (p Place) clone() Place {
	if p.Point != nil {
		pt := *p.Point
		p.Point = &pt
	}
	return p
}

// PublishedDecimals is the number of decimals of a published coordinate:
// 4, about 11 m of latitude and 8 m of longitude in Rome, enough to find a
// pothole and too coarse to single out a doorway.
const PublishedDecimals = 4

// Public returns p rounded to PublishedDecimals decimals: the position
// published in the Open311 representation.
func (p Point) Public() Point {
	const f = 1e4
	return Point{Lat: math.Round(p.Lat*f) / f, Lon: math.Round(p.Lon*f) / f}
}

// Public returns the publishable form of p: the street and civic number
// only (PublicAddress), the address code, CAP and Municipio, and the
// position rounded to 4 decimals (Point.Public). View.PublicPlace also
// leaves out an address that names the reporter.
func (p Place) Public() Place {
	out := Place{Address: p.PublicAddress(), AddressID: p.AddressID, ZIP: p.ZIP, Municipio: p.Municipio}
	if p.Point != nil {
		pt := p.Point.Public()
		out.Point = &pt
	}
	return out
}

// Street returns the folded name of the street, without civic number and
// without anything after it: "Via Appia Nuova, 120/B" and "Via Roma 12 int.
// 4 c/o Rossi" give "via appia nuova" and "via roma". It is the key that
// finds other reports in the same street (the Index's "street:" tag).
func (p Place) Street() string {
	street, _ := parseAddress(p.Address)
	return textfold.Fold(strings.Join(street, " "))
}

// PublicAddress returns the address as published: the street and its
// civic number (with a letter or "bis" suffix), as written, and nothing
// after them. "Via Roma 12 int. 4 c/o Zappacosta" gives "Via Roma 12";
// "Via Appia Nuova, 120/B scala C" gives "Via Appia Nuova, 120/B"; an
// address without civic number is cut where an interno, scala, piano or
// "c/o"/"presso" begins ("Via Roma c/o Rossi" gives "Via Roma"). A number
// followed by a month belongs to the street's name ("Via 20 Settembre 8"
// gives "Via 20 Settembre 8"); "km 12" and "n. 12" are civic numbers.
func (p Place) PublicAddress() string {
	street, civic := parseAddress(p.Address)
	return strings.TrimRight(strings.Join(append(street, civic...), " "), ",;:-")
}

// parseAddress splits an address, as written, into the words of the street
// and those of the civic number; what follows the civic number, or a marker
// of an apartment or a person, is dropped. The first word (via, piazza...)
// is never a civic number.
func parseAddress(addr string) (street, civic []string) {
	toks := strings.Fields(addr)
	for i := 0; i < len(toks); i++ {
		if addressStop(toks[i]) {
			return toks[:i:i], nil
		}
		if i == 0 {
			continue
		}
		// "km 12", "n. 12", "civ. 12": the word introduces the number.
		if civicPrefix(toks[i]) && i+1 < len(toks) && civicToken(toks[i+1]) {
			return toks[:i:i], []string{toks[i], trimCivic(toks[i+1])}
		}
		if !civicToken(toks[i]) || i+1 < len(toks) && nameAfterNumber(toks[i+1]) {
			continue
		}
		c := trimCivic(toks[i])
		civic = []string{c}
		whole := c == strings.TrimRight(toks[i], ",;:.")
		if last := c[len(c)-1]; whole && last >= '0' && last <= '9' && i+1 < len(toks) && civicSuffix(toks[i+1]) {
			civic = append(civic, strings.TrimRight(toks[i+1], ",;:."))
		}
		return toks[:i:i], civic
	}
	return toks, nil
}

// civicPrefix reports whether tok introduces a civic number: "km", "n.",
// "nr", "civ.", "civico".
func civicPrefix(tok string) bool {
	switch textfold.Fold(tok) {
	case "km", "n", "nr", "num", "civ", "civico":
		return true
	}
	return false
}

// addressStop reports whether tok begins what follows a civic number in an
// address: an interno, a scala, a piano, a building, "c/o" or "presso".
func addressStop(tok string) bool {
	l := strings.ToLower(strings.TrimRight(tok, ",;:"))
	if l == "c/o" || l == "c.o." {
		return true
	}
	ws := strings.Fields(textfold.Fold(tok))
	if len(ws) == 0 {
		return false
	}
	switch ws[0] {
	case "int", "interno", "scala", "sc", "piano", "presso", "pal", "palazzina", "edificio", "app", "appartamento", "citofono", "cit":
		return true
	}
	return false
}

// civicToken reports whether tok is a civic number: it begins with a digit
// ("120", "120/B", "12,"), or is "snc" (senza numero civico).
func civicToken(tok string) bool {
	f := strings.ReplaceAll(textfold.Fold(tok), " ", "")
	return f == "snc" || f == "sn" || f != "" && f[0] >= '0' && f[0] <= '9'
}

// trimCivic returns the civic number of tok: its digits, with a letter
// suffix ("120b", "120/B", "120-B") or a range ("12-14"); what else is glued
// to it ("12/4", an interno in some cities; "12int4"; "12,") is dropped.
// "snc" stays as it is.
func trimCivic(tok string) string {
	digit := func(b byte) bool { return b >= '0' && b <= '9' }
	letter := func(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }
	i := 0
	for i < len(tok) && digit(tok[i]) {
		i++
	}
	if i == 0 {
		return strings.TrimRight(tok, ",;:")
	}
	rest := tok[i:]
	j := 0
	if len(rest) > 0 && (rest[0] == '/' || rest[0] == '-') {
		j = 1
	}
	if j < len(rest) && letter(rest[j]) && (j+1 == len(rest) || strings.IndexByte(",;:.", rest[j+1]) >= 0) {
		return tok[:i+j+1]
	}
	if len(rest) > 1 && rest[0] == '-' && digit(rest[1]) {
		k := 1
		for k < len(rest) && digit(rest[k]) {
			k++
		}
		return tok[:i+k]
	}
	return tok[:i]
}

// civicSuffix reports whether tok is the suffix of a civic number: a
// single letter, "bis", "ter" or "quater".
func civicSuffix(tok string) bool {
	if strings.Contains(tok, "/") {
		return false
	}
	ws := strings.Fields(textfold.Fold(tok))
	if len(ws) != 1 {
		return false
	}
	w := ws[0]
	return len(w) == 1 && w[0] >= 'a' && w[0] <= 'z' || w == "bis" || w == "ter" || w == "quater"
}

// nameAfterNumber reports whether tok, after a number, makes the number part
// of the street's name: a month ("Via 20 Settembre") or "giornate".
func nameAfterNumber(tok string) bool {
	switch textfold.Fold(tok) {
	case "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre", "giornate":
		return true
	}
	return false
}

// Geographic cells. A complaint with a Point carries the tag of the cell it
// lies in; a search for reports near a point lists only the cells its circle
// touches. Rows are cellDegrees of latitude high (about 222 m); each row is
// divided in columns about as wide, so cells are roughly square everywhere.
const cellDegrees = 0.002

func cellRow(lat float64) int { return int(math.Floor((lat + 90) / cellDegrees)) }

// cellWidth is the longitude width of the cells of row r: cellDegrees
// divided by the cosine of the row's middle latitude, capped near the poles.
func cellWidth(r int) float64 {
	mid := -90 + (float64(r)+0.5)*cellDegrees
	c := math.Cos(mid * math.Pi / 180)
	if c < 0.01 {
		c = 0.01
	}
	return math.Min(cellDegrees/c, 360)
}

func cellCol(r int, lon float64) int { return int(math.Floor((lon + 180) / cellWidth(r))) }

func cellTag(r, c int) string { return "cell:" + strconv.Itoa(r) + ":" + strconv.Itoa(c) }

// Cell returns the tag of the cell p lies in: "cell:65945:4861".
func (p Point) Cell() string {
	r := cellRow(p.Lat)
	return cellTag(r, cellCol(r, p.Lon))
}

// metresPerDegreeLat is the length of one degree of latitude.
const metresPerDegreeLat = earthRadius * math.Pi / 180

// cellsAround returns the tags of the cells a circle of radius metres around
// p touches, at most limit of them; false if there would be more.
func cellsAround(p Point, radius float64, limit int) ([]string, bool) {
	dLat := radius / metresPerDegreeLat
	latLo, latHi := math.Max(-90, p.Lat-dLat), math.Min(90, p.Lat+dLat)
	maxAbs := math.Max(math.Abs(latLo), math.Abs(latHi))
	cos := math.Cos(maxAbs * math.Pi / 180)
	if cos < 0.01 {
		cos = 0.01
	}
	dLon := radius / (metresPerDegreeLat * cos)
	var out []string
	for r := cellRow(latLo); r <= cellRow(latHi); r++ {
		for c := cellCol(r, p.Lon-dLon); c <= cellCol(r, p.Lon+dLon); c++ {
			if len(out) == limit {
				return nil, false
			}
			out = append(out, cellTag(r, c))
		}
	}
	return out, true
}
