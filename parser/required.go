package parser

// This file owns whether a field is required: the mark of a row, and the
// relaxations that make optional the parameters the docs mark required
// but do not always require — alternatives ("хотя бы один из") and
// conditional ones ("Обязателен, если…").

import (
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/b24gen/b24gen/model"
	"github.com/b24gen/b24gen/parser/yfm"
)

// rowRequirement reads whether a row is required: marked, it is; unmarked,
// a parameter is optional on a page that includes the footnote explaining
// the mark, and anything else unknown.
func (p *page) rowRequirement(nc nameCellInfo, s side) model.Requirement {
	switch {
	case nc.required:
		return model.Required
	case s == requestSide && p.requiredFootnote:
		return model.Optional
	default:
		return model.RequiredUnknown
	}
}

// relaxRequired makes optional the parameters the docs mark required but
// do not always require: alternatives and conditional ones.
func relaxRequired(fs []model.Field) {
	relaxOneOf(fs)
	relaxConditional(fs)
}

// relaxOneOf makes optional the parameters a description says are
// alternatives ("Необходимо указать хотя бы один из параметров: `IBLOCK_ID`
// или `IBLOCK_CODE`"): the docs mark each of them required.
func relaxOneOf(fs []model.Field) {
	if !anyRequired(fs, false) {
		return
	}
	for _, f := range fs {
		if sentence := oneOfSentence(f.Description); sentence != "" {
			relaxNamed(fs, sentence, false)
		}
	}
}

// relaxOneOfNotes applies the rule of relaxOneOf to the paragraphs and
// notes of the params sections, for the parameters they name at any depth
// ("необходимо использовать только один из двух обязательных параметров:
// `resourceTypeIdList` или `resourceIdList`", under "### Параметр filter").
func relaxOneOfNotes(fs []model.Field, sections []*section) {
	if !anyRequired(fs, true) {
		return
	}
	for _, s := range sections {
		for _, b := range s.blocks {
			_ = ast.Walk(b.node, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
				switch n.(type) {
				case *yfm.Table:
					return ast.WalkSkipChildren, nil
				case *ast.Paragraph:
					if entering {
						if sentence := oneOfSentence(b.src.inlineText(n)); sentence != "" {
							relaxNamed(fs, sentence, true)
						}
					}
					return ast.WalkSkipChildren, nil
				}
				return ast.WalkContinue, nil
			})
		}
	}
}

// oneOfSentence returns the sentence of text that introduces alternatives,
// from the phrase on, or "".
func oneOfSentence(text string) string {
	i := lexicon.oneOf.index(fold(text))
	if i < 0 {
		return ""
	}
	sentence := text[i:]
	if end := strings.IndexAny(sentence, ".\n"); end >= 0 {
		sentence = sentence[:end]
	}
	return sentence
}

// anyRequired reports whether a field of fs (deep: at any depth) is
// required: without one, there is nothing to relax.
func anyRequired(fs []model.Field, deep bool) bool {
	for _, f := range fs {
		if f.Required.IsRequired() || deep && anyRequired(f.Fields, true) {
			return true
		}
	}
	return false
}

// relaxNamed makes optional the required fields a sentence names in
// backquotes, among fs or, deep, at any depth under them.
func relaxNamed(fs []model.Field, sentence string, deep bool) {
	for i := range fs {
		if fs[i].Required.IsRequired() && strings.Contains(sentence, "`"+fs[i].Name+"`") {
			fs[i].Required = model.Optional
		}
		if deep {
			relaxNamed(fs[i].Fields, sentence, true)
		}
	}
}

// relaxConditional makes optional, at every depth, the parameters whose
// description makes their requirement conditional: a caller that meets the
// other case leaves them out, and a portal accepts the call.
func relaxConditional(fs []model.Field) {
	for i := range fs {
		f := &fs[i]
		relaxConditional(f.Fields)
		if f.Required.IsRequired() && lexicon.conditional.in(fold(f.Description)) {
			f.Required = model.Optional
		}
	}
}
