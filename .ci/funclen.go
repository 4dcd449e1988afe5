//go:build ignore

// funclen prints the non-test functions longer than 80 lines in the given
// directories (recursively) and fails if there is any:
//
//	go run .ci/funclen.go ./access ./complaint ./petition ./register ./procedure ./history
package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	fs := token.NewFileSet()
	bad := 0
	for _, root := range os.Args[1:] {
		root = strings.TrimSuffix(root, "/...")
		filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
			if err != nil || info.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
				return nil
			}
			f, err := parser.ParseFile(fs, p, nil, 0)
			if err != nil {
				return nil
			}
			for _, d := range f.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok || fd.Body == nil {
					continue
				}
				n := fs.Position(fd.End()).Line - fs.Position(fd.Pos()).Line + 1
				if n > 80 {
					bad++
					fmt.Printf("%s:%d %s %d lines\n", p, fs.Position(fd.Pos()).Line, fd.Name.Name, n)
				}
			}
			return nil
		})
	}
	if bad > 0 {
		os.Exit(1)
	}
}
