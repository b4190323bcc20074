// Command b24gen generates typed Go clients, server stubs, error constants
// and an OpenAPI document from the Bitrix24 REST API documentation.
//
// Usage:
//
//	b24gen generate [-docs DIR] [-out DIR] [-methods PATTERNS] [-config FILE] [-check]
//	b24gen model    -docs DIR [-methods PATTERNS] [-format json|yaml]
//	b24gen lint     -docs DIR [-format text|json]
//	b24gen openapi  -docs DIR [-methods PATTERNS] -o FILE [-html FILE]
//	b24gen diff     OLD NEW (two docs trees, models or OpenAPI documents; -git DIR REV REV)
//	b24gen schema   (the JSON Schema of b24gen.yaml)
//	b24gen version
//	b24gen -config b24gen.yaml (generate, as go:generate lines run it)
//
// With no flags, generate reads specs/ and writes generated/. Every
// command lists its flags with -h.
package main

import (
	"os"

	"github.com/b24gen/b24gen/internal/cli"
)

func main() {
	cli.TuneRuntime(os.Args[1:])
	os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr))
}
