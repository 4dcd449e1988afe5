// Package textcheck walks every string reachable from a value, with the path
// of the field that holds it and the length limit that field declares in a
// `limit:"N"` struct tag. The history package uses it to refuse invalid
// UTF-8 before hashing; the procedure package to refuse over-long texts.
package textcheck

import (
	"reflect"
	"strconv"
	"strings"
)

// Visit is called for each string: path names the field ("Filed.Subject",
// "Signatures[3].Name"), limit is the field's declared limit (0 when the
// field declares none). A non-nil error stops the walk and is returned.
type Visit func(path, s string, limit int) error

// Walk calls visit for every string reachable from v through exported struct
// fields, pointers, interfaces, slices, arrays and maps (keys and values).
func Walk(v any, visit Visit) error {
	if v == nil {
		return nil
	}
	return walk(reflect.ValueOf(v), "", 0, visit)
}

func walk(v reflect.Value, path string, limit int, visit Visit) error {
	switch v.Kind() {
	case reflect.String:
		return visit(path, v.String(), limit)
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return walk(v.Elem(), path, limit, visit)
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			l := 0
			if tag, ok := f.Tag.Lookup("limit"); ok {
				l, _ = strconv.Atoi(tag)
			}
			if err := walk(v.Field(i), join(path, f.Name), l, visit); err != nil {
				return err
			}
		}
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			return nil // bytes are not text
		}
		for i := range v.Len() {
			if err := walk(v.Index(i), path+"["+strconv.Itoa(i)+"]", limit, visit); err != nil {
				return err
			}
		}
	case reflect.Map:
		it := v.MapRange()
		for it.Next() {
			if err := walk(it.Key(), path+"{key}", limit, visit); err != nil {
				return err
			}
			if err := walk(it.Value(), path+"[…]", limit, visit); err != nil {
				return err
			}
		}
	}
	return nil
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	var b strings.Builder
	b.WriteString(path)
	b.WriteByte('.')
	b.WriteString(name)
	return b.String()
}
