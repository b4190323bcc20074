package parser

import (
	"path"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
)

// PageKind says what a documentation page documents.
type PageKind string

// The kinds of pages under api-reference/.
const (
	PageMethod    PageKind = "method"    // a REST method
	PageEvent     PageKind = "event"     // an event the portal sends (onCrmDealAdd)
	PagePlacement PageKind = "placement" // a widget placement (CRM_DEAL_DETAIL_TAB)
	PageJSSDK     PageKind = "jssdk"     // a BX24.* JavaScript library function
	PageTypes     PageKind = "types"     // a reference of data types or object fields
	PageOverview  PageKind = "overview"  // an index or overview
	PageFragment  PageKind = "fragment"  // a fragment other pages include (_includes/)
	PageOther     PageKind = "other"     // anything else (guides, change logs)
)

// Page is one page of the tree and what it was classified as.
type Page struct {
	File string   `json:"file"`
	Kind PageKind `json:"kind"`
	// Name is the method, event or placement the page documents.
	Name  string `json:"name,omitempty"`
	Title string `json:"title,omitempty"`
}

// classify decides the kind of a page from its H1, its path and its
// sections. A method page names a method at the end of its H1 and carries
// the method header (scope, who may call it) or method sections; the few
// undotted methods (methods, scope, profile, events) need the header.
func (p *page) classify(h1 string) (PageKind, string, string) {
	base := path.Base(p.file)
	title, name := splitTitle(h1)
	lower := strings.ToLower(h1)
	switch {
	case strings.HasPrefix(base, "data-types"):
		return PageTypes, "", h1
	case isEventName(name):
		return PageEvent, name, title
	case strings.HasPrefix(strings.ToUpper(name), "BX24."):
		return PageJSSDK, name, title
	case isPlacementCode(name):
		return PagePlacement, name, title
	case name != "" && strings.Contains(name, ".") && (p.hasMethodHeader() || p.hasMethodSections()):
		return PageMethod, name, title
	case name != "" && !strings.Contains(name, ".") && isLowerIdent(name) && p.hasMethodHeader():
		return PageMethod, name, title
	case base == "index.md" || strings.Contains(lower, "обзор") || strings.Contains(lower, "overview"):
		return PageOverview, "", h1
	case strings.HasPrefix(lower, "событи") || strings.HasPrefix(lower, "event") || p.hasEventSection():
		return PageEvent, name, title
	case strings.HasPrefix(lower, "тип") || strings.HasPrefix(lower, "поля") || strings.Contains(lower, "типы данных") || strings.HasPrefix(lower, "fields") || strings.HasPrefix(lower, "data type"):
		return PageTypes, "", h1
	}
	return PageOther, "", h1
}

// isEventName recognises event names: onCrmDealAdd, ONIMBOTJOINCHAT,
// CATALOG.PRICE.ON.ADD.
func isEventName(name string) bool {
	if name == "" {
		return false
	}
	if (strings.HasPrefix(name, "on") || strings.HasPrefix(name, "On")) && len(name) > 2 && unicode.IsUpper(rune(name[2])) {
		return true
	}
	if strings.ToUpper(name) != name || !hasLetter(name) {
		return false
	}
	return strings.HasPrefix(name, "ON") || strings.Contains(name, ".ON.")
}

// isPlacementCode recognises placement codes: CRM_DEAL_DETAIL_TAB, CALL_CARD.
func isPlacementCode(name string) bool {
	return name != "" && strings.ToUpper(name) == name && strings.Contains(name, "_") && !strings.Contains(name, ".") && hasLetter(name)
}

func hasLetter(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}

func isLowerIdent(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z') && r != '_' {
			return false
		}
	}
	return s != ""
}

// hasMethodHeader reports whether the preamble has the method header:
// "> Scope: …" or "> Кто может выполнять метод: …".
func (p *page) hasMethodHeader() bool {
	for _, b := range p.preamble {
		q, ok := b.node.(*ast.Blockquote)
		if !ok {
			continue
		}
		t := strings.ToLower(b.src.blockText(q))
		if strings.Contains(t, "scope") || strings.Contains(t, "кто может выполнять") || strings.Contains(t, "who can") {
			return true
		}
	}
	return false
}

// hasMethodSections reports whether the page has a parameters, returned
// data or errors section.
func (p *page) hasMethodSections() bool {
	for _, s := range p.sections {
		switch s.role {
		case roleParams, roleReturns, roleErrors:
			return true
		}
	}
	return false
}

// hasEventSection reports whether the page describes what an event
// handler receives.
func (p *page) hasEventSection() bool {
	for _, s := range p.sections {
		t := strings.ToLower(s.title)
		if strings.Contains(t, "что получает обработчик") || strings.Contains(t, "what the handler receives") {
			return true
		}
	}
	return false
}
