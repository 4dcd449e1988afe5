package access

import (
	"reflect"
	"testing"
	"time"
	"unsafe"

	"github.com/stretchr/testify/require"
)

// shared are the fields of a fold its clone shares: the Service's
// calendar, policy and lifecycle table, never changed.
var shared = map[string]bool{"cal": true, "p": true, "table": true}

// fill sets every field of v, exported or not, to a value derived from
// n: every pointer to a filled value, every slice to two filled elements,
// every map to one filled entry; time.Time and the shared fields are left
// as they are.
func fill(v reflect.Value, n int) {
	if v.Type() == reflect.TypeFor[time.Time]() {
		return
	}
	switch v.Kind() {
	case reflect.Bool:
		v.SetBool(n%2 == 1)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(int64(n))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(uint64(n))
	case reflect.String:
		v.SetString("v" + string(rune('a'+n%26)))
	case reflect.Array:
		for i := range v.Len() {
			fill(v.Index(i), n+i)
		}
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		fill(p.Elem(), n+1)
		v.Set(p)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := range 2 {
			fill(s.Index(i), n+i+1)
		}
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
		fill(k, n)
		fill(e, n+1)
		m.SetMapIndex(k, e)
		v.Set(m)
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type() == reflect.TypeFor[fold]() && shared[v.Type().Field(i).Name] {
				continue
			}
			fill(settable(v.Field(i)), n+i)
		}
	default:
		panic("fill: " + v.Type().String())
	}
}

// settable returns v, a field, settable even if unexported.
func settable(v reflect.Value) reflect.Value {
	return reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem()
}

// disjoint fails if a and b share a pointer, a slice's array or a map,
// anywhere but in the shared fields of a fold; it counts what it checked.
func disjoint(t *testing.T, path string, a, b reflect.Value, checked *int) {
	t.Helper()
	switch a.Kind() {
	case reflect.Pointer:
		require.False(t, a.IsNil(), "%s: nil, so not checked", path)
		require.NotEqual(t, a.Pointer(), b.Pointer(), "%s: shared", path)
		*checked++
		disjoint(t, path, a.Elem(), b.Elem(), checked)
	case reflect.Slice:
		require.NotZero(t, a.Len(), "%s: empty, so not checked", path)
		require.NotEqual(t, a.Pointer(), b.Pointer(), "%s: array shared", path)
		*checked++
		for i := range a.Len() {
			disjoint(t, path+"[]", a.Index(i), b.Index(i), checked)
		}
	case reflect.Map:
		require.NotEqual(t, a.Pointer(), b.Pointer(), "%s: shared", path)
		*checked++
	case reflect.Array:
		for i := range a.Len() {
			disjoint(t, path, a.Index(i), b.Index(i), checked)
		}
	case reflect.Struct:
		if a.Type() == reflect.TypeFor[time.Time]() {
			return
		}
		for i := range a.NumField() {
			name := a.Type().Field(i).Name
			if a.Type() == reflect.TypeFor[fold]() && shared[name] {
				continue
			}
			disjoint(t, path+"."+name, a.Field(i), b.Field(i), checked)
		}
	}
}

// TestFoldClone_Deep: a fold's clone (and so a Request's) shares no
// pointer, slice or map with the original, at any depth, exported field or
// not (the shared calendar, policy and table aside); and changing every
// field of the clone leaves the original as it was.
func TestFoldClone_Deep(t *testing.T) {
	var f, same fold
	fill(reflect.ValueOf(&f).Elem(), 1)
	fill(reflect.ValueOf(&same).Elem(), 1)
	require.Equal(t, same, f)
	c := f.clone()
	require.Equal(t, f, *c, "a clone equals its original")
	checked := 0
	disjoint(t, "fold", reflect.ValueOf(&f).Elem(), reflect.ValueOf(c).Elem(), &checked)
	require.Greater(t, checked, 30)
	fill(reflect.ValueOf(c).Elem(), 7)
	require.NotEqual(t, same, *c)
	require.Equal(t, same, f, "changing the clone changed the original")

	var r Request
	fill(reflect.ValueOf(&r).Elem(), 3)
	rc := r.clone()
	require.Equal(t, r, *rc)
	disjoint(t, "Request", reflect.ValueOf(&r).Elem(), reflect.ValueOf(rc).Elem(), &checked)
	require.Nil(t, (*Request)(nil).clone())
}
