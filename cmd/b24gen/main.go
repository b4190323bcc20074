// Command b24gen generates typed Go clients, server stubs, error constants
// and an OpenAPI document from the Bitrix24 REST API documentation.
//
// Usage:
//
//	b24gen generate [-docs DIR] [-out DIR] [-methods PATTERNS] [-check]
//	b24gen model -docs DIR [-methods PATTERNS] [-format json|yaml]
//	b24gen openapi -docs DIR [-methods PATTERNS] -o FILE
//
// With no flags, generate reads specs/ and writes generated/.
package main

import (
	"os"

	"github.com/b24gen/b24gen/internal/cli"
)

func main() {
	cli.TuneRuntime()
	os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr))
}
