// Package textcheck walks every string reachable from a value, with the path
// of the field that holds it and the length limit that field declares in a
// `limit:"N"` struct tag. The history package uses it to refuse invalid
// UTF-8 before hashing; the procedure package to refuse over-long texts.
package textcheck

import (
	"reflect"
	"strconv"
	"strings"
	"sync"
)

// Visit is called for each string: path returns the name of the field that
// holds it ("Filed.Subject", "Signatures[3].Name"), built only when called
// (a visit that accepts the string never pays for it); limit is the field's
// declared limit (0 when the field declares none). A non-nil error stops
// the walk and is returned.
type Visit func(path func() string, s string, limit int) error

// Walk calls visit for every string reachable from v through exported struct
// fields, pointers, interfaces, slices, arrays and maps (keys and values).
func Walk(v any, visit Visit) error {
	if v == nil {
		return nil
	}
	w := walker{visit: visit}
	w.pathFn = w.path
	return w.walk(reflect.ValueOf(v), 0)
}

// walker holds the path to the value being walked as a stack of steps.
type walker struct {
	visit  Visit
	steps  []step
	pathFn func() string
}

// step is a field name, or an index (name empty, index ≥ 0), or a map key
// or value (name "{key}" or "[…]").
type step struct {
	name  string
	index int
}

func (w *walker) path() string {
	var b strings.Builder
	for _, s := range w.steps {
		switch {
		case s.name == "":
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(s.index))
			b.WriteByte(']')
		case s.name[0] == '{' || s.name[0] == '[':
			b.WriteString(s.name)
		default:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(s.name)
		}
	}
	return b.String()
}

func (w *walker) walk(v reflect.Value, limit int) error {
	switch v.Kind() {
	case reflect.String:
		return w.visit(w.pathFn, v.String(), limit)
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return w.walk(v.Elem(), limit)
	case reflect.Struct:
		for _, f := range fieldsOf(v.Type()) {
			w.steps = append(w.steps, step{name: f.name})
			err := w.walk(v.Field(f.index), f.limit)
			w.steps = w.steps[:len(w.steps)-1]
			if err != nil {
				return err
			}
		}
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			return nil // bytes are not text
		}
		for i := range v.Len() {
			w.steps = append(w.steps, step{index: i})
			err := w.walk(v.Index(i), limit)
			w.steps = w.steps[:len(w.steps)-1]
			if err != nil {
				return err
			}
		}
	case reflect.Map:
		return w.walkMap(v, limit)
	}
	return nil
}

func (w *walker) walkMap(v reflect.Value, limit int) error {
	it := v.MapRange()
	for it.Next() {
		for _, kv := range [2]struct {
			name string
			v    reflect.Value
		}{{"{key}", it.Key()}, {"[…]", it.Value()}} {
			w.steps = append(w.steps, step{name: kv.name})
			err := w.walk(kv.v, limit)
			w.steps = w.steps[:len(w.steps)-1]
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// field is an exported field of a struct type and its declared limit.
type field struct {
	name  string
	index int
	limit int
}

// fields caches, per struct type, its exported fields with their limits:
// the tags are read once per type, not once per value.
var fields sync.Map // reflect.Type → []field

func fieldsOf(t reflect.Type) []field {
	if fs, ok := fields.Load(t); ok {
		return fs.([]field)
	}
	var fs []field
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		l := 0
		if tag, ok := f.Tag.Lookup("limit"); ok {
			l, _ = strconv.Atoi(tag)
		}
		fs = append(fs, field{name: f.Name, index: i, limit: l})
	}
	fields.Store(t, fs)
	return fs
}
