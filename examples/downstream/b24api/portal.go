package b24api

import "github.com/b24gen/b24gen/b24/b24fake"

// This file is written by hand: b24gen's manifest does not list it, so
// regenerating b24api/ leaves it as it is.

// NewFakePortal returns a fake portal serving every generated method.
func NewFakePortal() *b24fake.Portal {
	p := b24fake.New()
	RegisterFakes(p)
	return p
}
