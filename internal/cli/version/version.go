// Package version holds b24gen's version. It is recorded in the manifest of
// an output directory, not stamped into every generated file, so that an
// upgrade changes only the files whose content changes.
package version

// Version is b24gen's version.
const Version = "0.1.0"
