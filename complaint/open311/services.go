package open311

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/puntodiascolto/ascolto/complaint"
)

// Datatype is the kind of answer an Attribute asks for.
type Datatype string

// The datatypes of GeoReport v2.
const (
	// String is a short text.
	String Datatype = "string"
	// Number is a decimal number.
	Number Datatype = "number"
	// DatetimeType is a W3C datetime with a zone.
	DatetimeType Datatype = "datetime"
	// Text is a longer text.
	Text Datatype = "text"
	// SingleValueList is one key of Values.
	SingleValueList Datatype = "singlevaluelist"
	// MultiValueList is one or more keys of Values.
	MultiValueList Datatype = "multivaluelist"
)

// Attribute is a question a service asks when a report is filed (GET
// service definition): a licence plate, a photo's link, the kind of
// damage. The answers are kept in the complaint's history as personal data
// (complaint.Attribute) and never published.
type Attribute struct {
	// XMLName is the element name, <attribute>; it is not part of the JSON.
	XMLName xml.Name `json:"-" xml:"attribute"`
	// Variable is false for an attribute that only informs the citizen
	// and takes no answer.
	Variable bool `json:"variable" xml:"variable"`
	// Code identifies the attribute: lower-case letters, digits, '-', '_'
	// or '.', as a category code (clients send attribute[code]=value).
	Code string `json:"code" xml:"code"`
	// Datatype is the kind of answer.
	Datatype Datatype `json:"datatype" xml:"datatype"`
	// Required tells whether a report must answer it.
	Required bool `json:"required" xml:"required"`
	// DatatypeDescription explains the expected format.
	DatatypeDescription string `json:"datatype_description" xml:"datatype_description"`
	// Order is the position of the attribute in a form, from 1.
	Order int `json:"order" xml:"order"`
	// Description is the question put to the citizen.
	Description string `json:"description" xml:"description"`
	// Values are the choices of a list datatype.
	Values []AttributeValue `json:"values,omitempty" xml:"values>value,omitempty"`
}

// MarshalXML writes the attribute, with <values> only for a list
// (encoding/xml writes the parent of an "a>b,omitempty" path even when the
// list is empty).
func (a Attribute) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	type plain Attribute
	type values struct {
		Values []AttributeValue `xml:"value"`
	}
	out := struct {
		plain
		Values *values `xml:"values,omitempty"`
	}{plain: plain(a)}
	out.plain.Values = nil
	if len(a.Values) > 0 {
		out.Values = &values{a.Values}
	}
	start.Name = xml.Name{Local: "attribute"}
	return e.EncodeElement(out, start)
}

// AttributeValue is one choice of a list attribute.
type AttributeValue struct {
	// Key is what clients send.
	Key string `json:"key" xml:"key"`
	// Name is what citizens read.
	Name string `json:"name" xml:"name"`
}

// ServiceDefinition is the document of GET service definition: the
// attributes of one service.
type ServiceDefinition struct {
	// XMLName is the element name, <service_definition>.
	XMLName xml.Name `json:"-" xml:"service_definition"`
	// ServiceCode is the service (category) the attributes belong to.
	ServiceCode string `json:"service_code" xml:"service_code"`
	// Attributes are the questions, in Order.
	Attributes []Attribute `json:"attributes" xml:"attributes>attribute"`
}

// Definition returns GET service definition for code: the attributes
// declared for the category and its ancestors (Codec.Attributes), root's
// first, each group in its Order. It returns false for a code the taxonomy
// does not have.
func (o Codec) Definition(code string) (ServiceDefinition, bool) {
	if !o.Taxonomy.Has(code) {
		return ServiceDefinition{}, false
	}
	return ServiceDefinition{ServiceCode: code, Attributes: o.attributes(code)}, true
}

// attributes are those of code's path, root first, numbered again from 1.
func (o Codec) attributes(code string) []Attribute {
	out := []Attribute{}
	for _, c := range o.Taxonomy.Path(code) {
		own := slices.Clone(o.Attributes[c])
		slices.SortStableFunc(own, func(a, b Attribute) int { return a.Order - b.Order })
		out = append(out, own...)
	}
	for i := range out {
		out[i].Order = i + 1
		out[i].XMLName = xml.Name{}
		out[i].Values = slices.Clone(out[i].Values)
	}
	return out
}

// checkAttributes checks the attribute declarations of a Codec.
func (o Codec) checkAttributes() error {
	for code, as := range o.Attributes {
		if !o.Taxonomy.Has(code) {
			return fieldErr("attributes", "declared for a category the taxonomy does not have")
		}
		for _, a := range as {
			if !validCode(a.Code) {
				return fieldErr("attributes", "malformed attribute code")
			}
			switch a.Datatype {
			case String, Number, DatetimeType, Text:
			case SingleValueList, MultiValueList:
				if len(a.Values) == 0 {
					return fieldErr("attributes", "a list attribute without values")
				}
			default:
				return fieldErr("attributes", "unknown datatype")
			}
		}
	}
	return nil
}

// answers turns the attribute[code] values of a POST into the complaint's
// attributes: only the variable attributes declared for the service are
// kept (data minimisation: what was not asked is not stored), each checked
// against its datatype; a required one must be answered; a multivaluelist
// answer may list keys separated by commas. The code "municipio" is read
// by Filing as the Municipio and is not kept as an attribute unless
// declared.
func (o Codec) answers(code string, given map[string]string) ([]complaint.Attribute, error) {
	var out []complaint.Attribute
	for _, a := range o.attributes(code) {
		if !a.Variable {
			continue
		}
		v := strings.TrimSpace(given[a.Code])
		field := "attribute[" + a.Code + "]"
		if v == "" {
			if a.Required {
				return nil, fieldErr(field, "is required")
			}
			continue
		}
		vals, err := answer(a, v)
		if err != nil {
			return nil, fieldErr(field, err.Error())
		}
		for _, s := range vals {
			out = append(out, complaint.Attribute{Code: a.Code, Value: s})
		}
	}
	return out, nil
}

// answer checks one answer against its attribute's datatype; the error
// says what is wrong without repeating the answer.
func answer(a Attribute, v string) ([]string, error) {
	if n := len([]rune(v)); n > 500 {
		return nil, fmt.Errorf("has %d characters, more than 500", n)
	}
	switch a.Datatype {
	case Number:
		if _, err := strconv.ParseFloat(v, 64); err != nil {
			return nil, fmt.Errorf("is not a number")
		}
	case DatetimeType:
		var d Datetime
		if d.UnmarshalText([]byte(v)) != nil {
			return nil, fmt.Errorf("is not a W3C datetime with a zone")
		}
	case SingleValueList, MultiValueList:
		keys := []string{v}
		if a.Datatype == MultiValueList {
			keys = strings.Split(v, ",")
		}
		for i, k := range keys {
			keys[i] = strings.TrimSpace(k)
			if !slices.ContainsFunc(a.Values, func(av AttributeValue) bool { return av.Key == keys[i] }) {
				return nil, fmt.Errorf("is not one of the values of the service definition")
			}
		}
		return keys, nil
	}
	return []string{v}, nil
}

type xmlServices struct {
	XMLName  xml.Name  `xml:"services"`
	Services []Service `xml:"service"`
}

// EncodeServicesJSON writes GET services as a JSON array.
func EncodeServicesJSON(w io.Writer, services []Service) error {
	if services == nil {
		services = []Service{}
	}
	return encodeJSON(w, services)
}

// EncodeServicesXML writes GET services as the <services> document.
func EncodeServicesXML(w io.Writer, services []Service) error {
	return encodeXML(w, xmlServices{Services: services})
}

// DecodeServicesJSON reads the JSON array of GET services, leniently: a
// service_code given as a number, metadata given as the string "true".
// Errors wrap complaint.ErrInvalid.
func DecodeServicesJSON(r io.Reader) ([]Service, error) {
	var out []Service
	if err := json.NewDecoder(r).Decode(&out); err != nil {
		return nil, fmt.Errorf("%w: open311: %v", complaint.ErrInvalid, err)
	}
	return out, nil
}

// DecodeServicesXML reads the <services> document of GET services.
// Errors wrap complaint.ErrInvalid.
func DecodeServicesXML(r io.Reader) ([]Service, error) {
	var doc xmlServices
	if err := xml.NewDecoder(r).Decode(&doc); err != nil {
		return nil, fmt.Errorf("%w: open311: %v", complaint.ErrInvalid, err)
	}
	for i := range doc.Services {
		doc.Services[i].XMLName = xml.Name{}
	}
	return doc.Services, nil
}

// UnmarshalJSON reads a service leniently: service_code as a string or a
// number, metadata as a boolean or the strings "true" and "false".
func (s *Service) UnmarshalJSON(b []byte) error {
	type plain Service
	var raw struct {
		plain
		ServiceCode lenientString `json:"service_code"`
		Metadata    lenientBool   `json:"metadata"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	*s = Service(raw.plain)
	s.ServiceCode, s.Metadata = string(raw.ServiceCode), bool(raw.Metadata)
	return nil
}

// EncodeDefinitionJSON writes GET service definition as a JSON object.
func EncodeDefinitionJSON(w io.Writer, d ServiceDefinition) error {
	if d.Attributes == nil {
		d.Attributes = []Attribute{}
	}
	return encodeJSON(w, d)
}

// EncodeDefinitionXML writes GET service definition as the
// <service_definition> document.
func EncodeDefinitionXML(w io.Writer, d ServiceDefinition) error {
	return encodeXML(w, d)
}

// DecodeDefinitionJSON reads GET service definition, leniently: codes and
// value keys given as numbers, booleans given as strings, order as a
// string. Errors wrap complaint.ErrInvalid.
func DecodeDefinitionJSON(r io.Reader) (ServiceDefinition, error) {
	var raw struct {
		ServiceCode lenientString  `json:"service_code"`
		Attributes  []lenientAttrs `json:"attributes"`
	}
	if err := json.NewDecoder(r).Decode(&raw); err != nil {
		return ServiceDefinition{}, fmt.Errorf("%w: open311: %v", complaint.ErrInvalid, err)
	}
	d := ServiceDefinition{ServiceCode: string(raw.ServiceCode), Attributes: []Attribute{}}
	for _, a := range raw.Attributes {
		at := Attribute{Variable: bool(a.Variable), Code: string(a.Code), Datatype: Datatype(a.Datatype),
			Required: bool(a.Required), DatatypeDescription: a.DatatypeDescription, Description: a.Description}
		n, err := strconv.Atoi(string(a.Order))
		if a.Order != "" && err != nil {
			return ServiceDefinition{}, invalid("open311: attribute order is not a whole number")
		}
		at.Order = n
		for _, v := range a.Values {
			at.Values = append(at.Values, AttributeValue{Key: string(v.Key), Name: string(v.Name)})
		}
		d.Attributes = append(d.Attributes, at)
	}
	return d, nil
}

type lenientAttrs struct {
	Variable            lenientBool   `json:"variable"`
	Code                lenientString `json:"code"`
	Datatype            string        `json:"datatype"`
	Required            lenientBool   `json:"required"`
	DatatypeDescription string        `json:"datatype_description"`
	Order               lenientString `json:"order"`
	Description         string        `json:"description"`
	Values              []struct {
		Key  lenientString `json:"key"`
		Name lenientString `json:"name"`
	} `json:"values"`
}

// DecodeDefinitionXML reads the <service_definition> document. Errors
// wrap complaint.ErrInvalid.
func DecodeDefinitionXML(r io.Reader) (ServiceDefinition, error) {
	var d ServiceDefinition
	if err := xml.NewDecoder(r).Decode(&d); err != nil {
		return ServiceDefinition{}, fmt.Errorf("%w: open311: %v", complaint.ErrInvalid, err)
	}
	d.XMLName = xml.Name{}
	if d.Attributes == nil {
		d.Attributes = []Attribute{}
	}
	for i := range d.Attributes {
		d.Attributes[i].XMLName = xml.Name{}
	}
	return d, nil
}

// validCode is complaint's rule for category and attribute codes: 1-64
// lower-case letters, digits, '-', '_' or '.'.
func validCode(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
			return false
		}
	}
	return true
}
