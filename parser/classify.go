package parser

// This file owns what a page documents: its kind (method, event,
// placement, types, overview…) and the name it documents, read from its
// H1, its path and its text.

import (
	"bytes"
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
	PageJSSDK     PageKind = "jssdk"     // a BX24.* JavaScript library function, or an event it delivers to a placement
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
	if name == "" || (!isEventName(name) && !strings.Contains(name, ".") && !isPlacementCode(name)) {
		// The English edition words its titles freely: the name may stand
		// anywhere in the H1 ("Remove the ai.engine.unregister Service"),
		// or only in the page's text ("Retrieve Fields of CRM Item").
		t, n := p.nameInTitle(h1)
		fromPage := p.nameFromPage()
		switch {
		case n != "" && (fromPage == "" || !strings.HasPrefix(fileNameOf(fromPage), fileNameOf(n)+"-")):
			// the title's own spelling, even when the file is named
			// otherwise (lint and the comparison report show it)
			title, name = t, n
		case fromPage != "" && strings.EqualFold(fromPage, name):
			// the title's last word, in the spelling of the page's text
			// ("… Available Methods" on methods.md)
			name = fromPage
		case fromPage != "":
			// the title names a method the page's one belongs to ("Pin a
			// Chat at the Top of the im.recent List"), or none
			title, name = h1, fromPage
		}
	}
	lower := fold(h1)
	switch {
	case strings.HasPrefix(base, "data-types"):
		return PageTypes, "", h1
	case isEventName(name):
		return PageEvent, name, title
	case strings.HasPrefix(strings.ToUpper(name), "BX24."):
		return PageJSSDK, name, title
	case jsEventName(h1) != "":
		// "Событие перед закрытием карточки CallCard::BeforeClose": an
		// event a placement's JavaScript receives, not a REST event
		return PageJSSDK, jsEventName(h1), h1
	case isPlacementCode(name):
		return PagePlacement, name, title
	case name != "" && strings.Contains(name, ".") && (p.hasMethodHeader() || p.hasMethodSections()):
		return PageMethod, name, title
	case name != "" && !strings.Contains(name, ".") && isLowerIdent(name) && p.hasMethodHeader() && fileNameOf(name) == strings.TrimSuffix(base, ".md"):
		return PageMethod, name, title
	case base == "index.md" || lexicon.overviewTitle.in(lower):
		return PageOverview, "", h1
	case lexicon.eventTitle.begins(lower) || p.hasEventSection():
		if !isEventName(name) {
			// "Event on Booking Update": the code is in the page's text
			name, title = p.eventNameFromPage(), h1
		}
		if code := placementInTitle(h1); name == "" && code != "" {
			// "Widget Above the IM_TEXTAREA Input Field": a placement
			// whose page describes the events of its JavaScript
			return PagePlacement, code, h1
		}
		return PageEvent, name, title
	case lexicon.typesTitleStart.begins(lower) || lexicon.typesTitle.in(lower):
		return PageTypes, "", h1
	}
	return PageOther, "", h1
}

// splitTitle splits an H1 such as "Удалить источник biconnector.source.delete"
// into the title and the name at its end: the H1's last word when it reads
// as a method, event or placement name.
func splitTitle(h1 string) (title, name string) {
	h1 = strings.TrimSpace(h1)
	i := strings.LastIndexAny(h1, " \t")
	last := strings.Trim(h1[i+1:], "`")
	if !isMethodName(last) && !isIdent(last) {
		return h1, ""
	}
	return strings.TrimSpace(h1[:max(i, 0)]), last
}

// isIdent reports whether s is a single ASCII identifier word.
func isIdent(s string) bool {
	for i, r := range s {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || r == '_'):
		case r < unicode.MaxASCII && unicode.IsDigit(r) && i > 0:
		default:
			return false
		}
	}
	return s != ""
}

// isMethodName reports whether s is a dotted REST method name: segments of
// letters, digits and underscores, the first starting with a letter.
func isMethodName(s string) bool {
	segs := strings.Split(s, ".")
	if len(segs) < 2 {
		return false
	}
	for i, seg := range segs {
		if seg == "" {
			return false
		}
		for j, r := range seg {
			switch {
			case r < unicode.MaxASCII && (unicode.IsLetter(r) || r == '_'):
			case r < unicode.MaxASCII && unicode.IsDigit(r) && (i > 0 || j > 0):
			default:
				return false
			}
		}
	}
	return true
}

// nameInTitle finds a method or event name among the words of an H1
// other than its last: a dotted method name, or an event code ("OnAppInstall
// Event"). It returns the H1 without the name.
func (p *page) nameInTitle(h1 string) (title, name string) {
	words := strings.Fields(h1)
	for i, w := range words {
		w = strings.Trim(w, "`()[]«»\"',:;")
		if !isMethodName(w) && !isEventName(w) {
			continue
		}
		rest := append(append([]string{}, words[:i]...), words[i+1:]...)
		return strings.Join(rest, " "), w
	}
	return "", ""
}

// nameFromPage finds the method a page documents without naming it in its
// H1: a name in its text that spells the page's file name
// ("crm.item.fields" in crm-item-fields.md), looked for in the code spans
// before the first section, then in the whole page (its examples call the
// method). The file name is the evidence, so that a page that mentions
// other methods names none of them.
func (p *page) nameFromPage() string {
	file := strings.ToLower(strings.TrimSuffix(path.Base(p.file), ".md"))
	matches := func(s string) bool {
		return (isMethodName(s) || isLowerIdent(s)) && fileNameOf(s) == file
	}
	var spans []string
	for _, b := range p.preamble {
		if b.include == "" {
			collectCode(b.src, b.node, &spans)
		}
	}
	for _, s := range spans {
		if s = strings.TrimSpace(s); matches(s) {
			return s
		}
	}
	// the page's words of ASCII letters, digits, dots and underscores that
	// hold a dot, scanned in place: most pages have none that matches
	src := p.src
	for i := 0; i < len(src); {
		j := i
		for j < len(src) && isNameByte(src[j]) {
			j++
		}
		// "user.option.*" names a group of methods, not one; a word of
		// these ASCII bytes spells a file name of its own length
		if w := src[i:j]; len(w) > 0 && len(w) == len(file) && w[len(w)-1] != '.' && bytes.IndexByte(w, '.') >= 0 && matches(string(w)) {
			return string(w)
		}
		i = j + 1
	}
	return ""
}

// isNameByte says whether c can be part of a method name.
func isNameByte(c byte) bool {
	return c == '.' || c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// eventNameFromPage finds the code of an event whose H1 does not give it:
// an event code in the page's text that spells the file name without its
// separators (ONBOOKINGUPDATE in on-booking-update.md).
func (p *page) eventNameFromPage() string {
	squash := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r == '-' || r == '.' || r == '_' {
				return -1
			}
			return unicode.ToLower(r)
		}, s)
	}
	file := squash(strings.TrimSuffix(path.Base(p.file), ".md"))
	for _, w := range strings.FieldsFunc(string(p.src), func(r rune) bool {
		return !(r == '.' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
	}) {
		if w = strings.Trim(w, "."); isEventName(w) && squash(w) == file {
			return w
		}
	}
	return ""
}

// fileNameOf is the docs' file name for a method: crm.item.fields →
// crm-item-fields.
func fileNameOf(method string) string {
	return fileNameReplacer.Replace(strings.ToLower(method))
}

var fileNameReplacer = strings.NewReplacer(".", "-", "_", "-")

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

// jsEventName returns the JavaScript event an H1 names
// ("BackgroundCallCard::addCommentButtonClick"), or "".
func jsEventName(h1 string) string {
	for word := range strings.FieldsSeq(h1) {
		if before, after, ok := strings.Cut(strings.Trim(word, "`"), "::"); ok && isIdent(before) && isIdent(after) {
			return before + "::" + after
		}
	}
	return ""
}

// placementInTitle returns the placement code an H1 names among its words
// (IM_TEXTAREA, LANDING_BLOCK_*, CRM_XXX_DETAIL_ACTIVITY), or "".
func placementInTitle(h1 string) string {
	for word := range strings.FieldsSeq(h1) {
		word = strings.Trim(word, "`,.;:()«»\"")
		if isPlacementCode(strings.TrimRight(word, "*")) {
			return word
		}
	}
	return ""
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
		if lexicon.methodHeader.in(fold(b.src.blockText(q))) {
			return true
		}
	}
	return false
}

// hasMethodSections reports whether the page has a parameters, returned
// data or errors section of its own, at its second level: a guide's
// "### Параметры методов" deep in it is none.
func (p *page) hasMethodSections() bool {
	for _, s := range p.sections {
		if s.level > 2 {
			continue
		}
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
		if lexicon.handlerHeading.in(fold(s.title)) {
			return true
		}
	}
	return false
}
