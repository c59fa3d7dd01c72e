package config

import (
	"reflect"
	"testing"
)

// TestModelExported checks that the model is plain data the engines can
// read from other packages: every field reachable from Config is
// exported and of an exported type.
func TestModelExported(t *testing.T) {
	seen := map[reflect.Type]bool{}
	var walk func(tp reflect.Type, path string)
	walk = func(tp reflect.Type, path string) {
		if seen[tp] {
			return
		}
		seen[tp] = true
		if tp.PkgPath() != "" && !isExported(tp.Name()) {
			t.Errorf("%s: type %s is not exported", path, tp)
		}
		switch tp.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array:
			walk(tp.Elem(), path+"[]")
		case reflect.Map:
			walk(tp.Key(), path+"{key}")
			walk(tp.Elem(), path+"{}")
		case reflect.Struct:
			if tp.PkgPath() != reflect.TypeOf(Config{}).PkgPath() {
				return // netip, time: opaque values
			}
			for i := 0; i < tp.NumField(); i++ {
				f := tp.Field(i)
				if !f.IsExported() {
					t.Errorf("%s.%s is not exported", path, f.Name)
					continue
				}
				walk(f.Type, path+"."+f.Name)
			}
		case reflect.Func, reflect.Chan, reflect.Interface, reflect.UnsafePointer:
			t.Errorf("%s: %s is not plain data", path, tp.Kind())
		}
	}
	walk(reflect.TypeOf(Config{}), "Config")
}

func isExported(name string) bool {
	return name != "" && name[0] >= 'A' && name[0] <= 'Z'
}
