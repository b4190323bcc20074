package apidiff

import "io/fs"

// fsWalk calls fn with every file of fsys.
func fsWalk(fsys fs.FS, fn func(path string, data []byte)) error {
	return fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		fn(p, data)
		return nil
	})
}
