package history

import (
	"reflect"
	"sync"
)

// cloneRecords returns deep copies of recs: what Memory hands a reader, so
// that changing a loaded record (an event's payload behind a pointer, a
// slice's element) cannot change what is stored. Copying the decoded
// records it keeps is an order of magnitude cheaper than decoding their
// bytes again on every Load.
func cloneRecords[E any](recs []Record[E]) []Record[E] {
	out := make([]Record[E], len(recs))
	copy(out, recs)
	if !needsCopy(reflect.TypeFor[Record[E]]()) {
		return out
	}
	for i := range out {
		v := reflect.ValueOf(&out[i]).Elem()
		deepen(v)
	}
	return out
}

// deepen replaces, in the addressable value v (already a shallow copy),
// every pointer, slice and map reachable through exported fields by a copy
// of what it points to. Strings are immutable and shared; unexported
// fields (a time.Time's location) are kept as they are: they are not part
// of the encoding, so a reader cannot have set them from stored data.
func deepen(v reflect.Value) {
	if !needsCopy(v.Type()) {
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return
		}
		p := reflect.New(v.Type().Elem())
		p.Elem().Set(v.Elem())
		deepen(p.Elem())
		v.Set(p)
	case reflect.Interface:
		if v.IsNil() {
			return
		}
		c := reflect.New(v.Elem().Type()).Elem()
		c.Set(v.Elem())
		deepen(c)
		v.Set(c)
	case reflect.Slice:
		if v.IsNil() {
			return
		}
		s := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		reflect.Copy(s, v)
		for i := range s.Len() {
			deepen(s.Index(i))
		}
		v.Set(s)
	case reflect.Array:
		for i := range v.Len() {
			deepen(v.Index(i))
		}
	case reflect.Map:
		if v.IsNil() {
			return
		}
		m := reflect.MakeMapWithSize(v.Type(), v.Len())
		it := v.MapRange()
		for it.Next() {
			k := reflect.New(it.Key().Type()).Elem()
			k.Set(it.Key())
			deepen(k)
			e := reflect.New(it.Value().Type()).Elem()
			e.Set(it.Value())
			deepen(e)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			if t.Field(i).IsExported() {
				deepen(v.Field(i))
			}
		}
	}
}

// mutable caches, per type, whether a value of it can reach memory that a
// shallow copy would share (a pointer, slice, map or interface through
// exported fields).
var mutable sync.Map // reflect.Type → bool

func needsCopy(t reflect.Type) bool {
	if m, ok := mutable.Load(t); ok {
		return m.(bool)
	}
	mutable.Store(t, true) // a recursive type is assumed mutable while it is examined
	m := false
	switch t.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Slice, reflect.Map:
		m = true
	case reflect.Array:
		m = needsCopy(t.Elem())
	case reflect.Struct:
		for i := range t.NumField() {
			if f := t.Field(i); f.IsExported() && needsCopy(f.Type) {
				m = true
				break
			}
		}
	}
	mutable.Store(t, m)
	return m
}
