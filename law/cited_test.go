package law_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// citedActs reads every non-test Go file of the module and returns the
// acts its citations name (the first argument of law.Cite, the Act field of
// a law.Citation literal), each with the files that cite it, and the URN
// fields written beside them. Identifiers are resolved against the string
// constants and variables of the same package. Act expressions it cannot
// resolve are returned as unresolved, so that no citation escapes the check.
func citedActs(t *testing.T) (acts map[string][]string, urns map[string]map[string]bool, unresolved []string) {
	t.Helper()
	acts, urns = map[string][]string{}, map[string]map[string]bool{}
	pkgs := map[string][]*ast.File{}
	fset := token.NewFileSet()
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") && path != "..") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		pkgs[filepath.Dir(path)] = append(pkgs[filepath.Dir(path)], f)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for dir, files := range pkgs {
		consts := stringConsts(files)
		value := func(e ast.Expr) (string, bool) {
			switch e := e.(type) {
			case *ast.BasicLit:
				s, err := strconv.Unquote(e.Value)
				return s, err == nil
			case *ast.Ident:
				s, ok := consts[e.Name]
				return s, ok
			}
			return "", false
		}
		add := func(actExpr, urnExpr ast.Expr) {
			act, ok := value(actExpr)
			if !ok {
				unresolved = append(unresolved, fset.Position(actExpr.Pos()).String())
				return
			}
			if act == "" {
				return
			}
			acts[act] = append(acts[act], dir)
			if urnExpr != nil {
				if u, ok := value(urnExpr); ok {
					if urns[act] == nil {
						urns[act] = map[string]bool{}
					}
					urns[act][u] = true
				}
			}
		}
		for _, f := range files {
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.CallExpr:
					if isLaw(n.Fun, "Cite") && len(n.Args) > 0 {
						add(n.Args[0], nil)
					}
				case *ast.CompositeLit:
					if isLaw(n.Type, "Citation") {
						var act, urn ast.Expr
						for _, el := range n.Elts {
							if kv, ok := el.(*ast.KeyValueExpr); ok {
								switch kv.Key.(*ast.Ident).Name {
								case "Act":
									act = kv.Value
								case "URN":
									urn = kv.Value
								}
							}
						}
						if act != nil {
							add(act, urn)
						}
					}
				}
				return true
			})
		}
	}
	for _, v := range acts {
		sort.Strings(v)
	}
	return acts, urns, unresolved
}

// isLaw reports whether e is law.<name>.
func isLaw(e ast.Expr, name string) bool {
	s, ok := e.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	x, ok := s.X.(*ast.Ident)
	return ok && x.Name == "law" && s.Sel.Name == name
}

// stringConsts returns the package-level constants and variables of files
// initialised with a string literal.
func stringConsts(files []*ast.File) map[string]string {
	out := map[string]string{}
	for _, f := range files {
		for _, decl := range f.Decls {
			g, ok := decl.(*ast.GenDecl)
			if !ok || (g.Tok != token.CONST && g.Tok != token.VAR) {
				continue
			}
			for _, spec := range g.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, name := range vs.Names {
					if i >= len(vs.Values) {
						continue
					}
					if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
						if s, err := strconv.Unquote(lit.Value); err == nil {
							out[name.Name] = s
						}
					}
				}
			}
		}
	}
	return out
}
