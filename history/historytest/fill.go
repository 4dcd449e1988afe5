package historytest

import (
	"encoding"
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/puntodiascolto/ascolto/deadline"
)

// Fill sets every exported field reachable from the pointer v to a value
// that differs from its zero and depends on seed: strings, numbers and
// booleans, dates and instants, nil pointers allocated and filled, empty
// slices given one filled element. Fields tagged json:"-" are left alone,
// and so are maps and values already set: a leaf that is not zero, and a
// non-zero value of a type with its own text encoding (which may refuse
// arbitrary contents: set such fields to a valid value before calling
// Fill). It builds the events Tamper needs, "with every payload
// field set", without listing the fields by hand: a field added later is
// covered the day it is added. The values are not valid for any procedure's
// rules, only encodable. Fill panics if v is not a non-nil pointer.
func Fill(v any, seed int) {
	p := reflect.ValueOf(v)
	if p.Kind() != reflect.Pointer || p.IsNil() {
		panic("historytest.Fill: not a non-nil pointer")
	}
	fill(p.Elem(), seed, "v")
}

func fill(v reflect.Value, seed int, name string) {
	if !v.IsZero() && (v.Kind() != reflect.Struct && v.Kind() != reflect.Pointer && v.Kind() != reflect.Slice && v.Kind() != reflect.Array ||
		v.Type().Implements(textMarshaler) || v.Type() == timeType || v.Type() == dateType) {
		return
	}
	switch {
	case v.Type() == timeType:
		v.Set(reflect.ValueOf(time.Date(2026, time.January, 1, 9, 0, 0, 0, time.UTC).Add(time.Duration(seed+1) * time.Minute)))
		return
	case v.Type() == dateType:
		v.Set(reflect.ValueOf(deadline.MustDate(2026, time.January, 1).AddDays(seed + 1)))
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("%s-%d", strings.ToLower(name), seed))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(int64(seed%100 + 1))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(uint64(seed%100 + 1))
	case reflect.Float32, reflect.Float64:
		v.SetFloat(float64(seed%100) + 1.5)
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		fill(v.Elem(), seed, name)
	case reflect.Struct:
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if !f.IsExported() || strings.HasPrefix(f.Tag.Get("json"), "-") {
				continue
			}
			fill(v.Field(i), seed, f.Name)
		}
	case reflect.Slice:
		if v.Len() == 0 {
			v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		}
		for i := range v.Len() {
			fill(v.Index(i), seed, name)
		}
	case reflect.Array:
		for i := range v.Len() {
			fill(v.Index(i), seed+i, name)
		}
	}
}

var textMarshaler = reflect.TypeFor[encoding.TextMarshaler]()
