package historytest

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/puntodiascolto/ascolto/deadline"
	"github.com/puntodiascolto/ascolto/history"
)

// Tamper checks that Verify finds every single-field edit, deletion,
// insertion, reorder and truncation of an intact history with head head:
// for each record, each leaf of its metadata and event (strings, numbers,
// booleans, instants, dates, hash bytes, and each nil pointer filled in) is
// changed in turn, and Verify must fail every time. Give it a history that
// holds every event type of the procedure, with every payload field set, and
// it proves the hash covers all of them. It returns the number of
// tamperings tried.
func Tamper[E any](t *testing.T, records []history.Record[E], head history.Head) int {
	t.Helper()
	if err := history.Verify(records, head); err != nil {
		t.Fatalf("Tamper needs an intact history: %v", err)
	}
	tried := 0
	fails := func(what string, recs []history.Record[E]) {
		t.Helper()
		tried++
		if history.Verify(recs, head) == nil {
			t.Errorf("Verify accepted a history with %s", what)
		}
	}
	for i := range records {
		for _, edit := range edits(records[i]) {
			recs := slices.Clone(records)
			recs[i] = edit.rec
			fails(fmt.Sprintf("record %d edited at %s", i+1, edit.path), recs)
		}
		fails(fmt.Sprintf("record %d deleted", i+1), slices.Delete(slices.Clone(records), i, i+1))
		fails(fmt.Sprintf("record %d repeated", i+1), slices.Insert(slices.Clone(records), i, records[i]))
		if i+1 < len(records) {
			recs := slices.Clone(records)
			recs[i], recs[i+1] = recs[i+1], recs[i]
			fails(fmt.Sprintf("records %d and %d swapped", i+1, i+2), recs)
		}
		fails(fmt.Sprintf("the history cut to %d records", i), records[:i])
	}
	return tried
}

type edit[E any] struct {
	path string
	rec  history.Record[E]
}

var (
	timeType = reflect.TypeFor[time.Time]()
	dateType = reflect.TypeFor[deadline.Date]()
)

// edits returns one copy of r per leaf, with that leaf changed.
func edits[E any](r history.Record[E]) []edit[E] {
	var paths [][]int
	var names []string
	collect(reflect.ValueOf(r), nil, "", &paths, &names)
	out := make([]edit[E], 0, len(paths))
	for i, p := range paths {
		c := deepCopy(r)
		change(reflect.ValueOf(&c).Elem(), p)
		out = append(out, edit[E]{path: names[i], rec: c})
	}
	return out
}

// deepCopy copies r through its canonical encoding, keeping its hash.
func deepCopy[E any](r history.Record[E]) history.Record[E] {
	b, err := history.Encode(r)
	if err != nil {
		panic(err)
	}
	c, err := history.Decode[E](b)
	if err != nil {
		panic(err)
	}
	c.Hash = r.Hash
	return c
}

// A path is a list of steps: field index for structs, element index for
// arrays and slices, -1 to go through a pointer or interface.
func collect(v reflect.Value, path []int, name string, paths *[][]int, names *[]string) {
	leaf := func() {
		*paths = append(*paths, slices.Clone(path))
		*names = append(*names, name)
	}
	if v.Type() == timeType || v.Type() == dateType {
		leaf()
		return
	}
	switch v.Kind() {
	case reflect.String, reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		leaf()
	case reflect.Pointer:
		if v.IsNil() {
			leaf() // filling it in is an edit
			return
		}
		collect(v.Elem(), append(path, -1), name, paths, names)
	case reflect.Struct:
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if !f.IsExported() || strings.HasPrefix(f.Tag.Get("json"), "-") {
				continue
			}
			collect(v.Field(i), append(path, i), name+"."+f.Name, paths, names)
		}
	case reflect.Array, reflect.Slice:
		for i := range v.Len() {
			collect(v.Index(i), append(path, i), fmt.Sprintf("%s[%d]", name, i), paths, names)
		}
	}
}

func change(v reflect.Value, path []int) {
	for _, step := range path {
		switch {
		case step == -1:
			v = v.Elem()
		case v.Kind() == reflect.Struct:
			v = v.Field(step)
		default:
			v = v.Index(step)
		}
	}
	switch {
	case v.Type() == timeType:
		v.Set(reflect.ValueOf(v.Interface().(time.Time).Add(time.Nanosecond)))
	case v.Type() == dateType:
		d := v.Interface().(deadline.Date)
		if d.IsZero() {
			d = deadline.MustDate(2000, time.January, 1)
		} else {
			d = d.AddDays(1)
		}
		v.Set(reflect.ValueOf(d))
	case v.Kind() == reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
	case v.Kind() == reflect.String:
		v.SetString(v.String() + "x")
	case v.Kind() == reflect.Bool:
		v.SetBool(!v.Bool())
	case v.CanInt():
		v.SetInt(v.Int() + 1)
	case v.CanUint():
		v.SetUint(v.Uint() + 1)
	case v.CanFloat():
		v.SetFloat(v.Float() + 1)
	}
}
