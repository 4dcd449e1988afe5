package complaint

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/puntodiascolto/ascolto/office"
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
type Place struct {
	// Address is the address as written: "Via Appia Nuova 120".
	Address string `json:"address,omitempty"`
	// AddressID is the administration's code for the address (the
	// toponomastica code; Open311 address_id).
	AddressID string `json:"addressId,omitempty"`
	// ZIP is the CAP, the postal code.
	ZIP string `json:"zip,omitempty"`
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
// range, an impossible point or overlong text.
func (p Place) Validate() error {
	if !p.Municipio.Valid() {
		return invalid("municipio %d out of I..XV", p.Municipio)
	}
	if p.Point != nil && !p.Point.Valid() {
		return invalid("point %v is not a WGS84 position", *p.Point)
	}
	return checkTexts(maxShortText, "address", p.Address, "address id", p.AddressID, "zip", p.ZIP)
}

func (p Place) clone() Place {
	if p.Point != nil {
		pt := *p.Point
		p.Point = &pt
	}
	return p
}

// Street returns the folded street of the address without its civic number:
// "Via Appia Nuova, 120/B" gives "via appia nuova". It is the key that finds
// other reports in the same street.
func (p Place) Street() string {
	ws := strings.Fields(office.Fold(p.Address))
	for len(ws) > 0 && civicNumber(ws[len(ws)-1]) {
		ws = ws[:len(ws)-1]
	}
	return strings.Join(ws, " ")
}

// civicNumber reports whether w looks like a civic number or its suffix:
// "120", "120b", "b", "snc".
func civicNumber(w string) bool {
	if w == "snc" || w == "sn" {
		return true
	}
	if len(w) == 1 {
		return true
	}
	return w != "" && unicode.IsDigit(rune(w[0]))
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
