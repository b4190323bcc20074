package parser

// This file owns the reading of a method's returned data: the table of
// the returns sections, the rows that belong inside "result", and the
// descriptors a fields method answers with.

import (
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/b24gen/b24gen/b24/protocol"
	"github.com/b24gen/b24gen/model"
)

// readReturns reads the table of returned fields.
func (p *page) readReturns(m *model.Method) {
	m.Returns = []model.Field{}
	returns := p.sectionsWith(roleReturns)
	for _, s := range returns {
		if t, src := firstTable(s.blocks); t != nil {
			m.Returns = promoteIntoResult(p.tableFields(src, t, newTableRead(answerSide, 0)))
			p.attachMemberSections(m.Returns, returns, answerSide)
			break
		}
	}
	if describesFields(m.Name) {
		fieldDescriptors(m.Returns)
	}
	if len(m.Returns) == 0 {
		m.AnswersFile = p.saysAnswersFile()
	}
}

// saysAnswersFile says whether the page's answer sections say the method
// answers with a file rather than JSON ("В качестве ответа приходит
// файл", "it returns not a JSON object, but the actual content of the
// file"), in a paragraph of their own.
func (p *page) saysAnswersFile() bool {
	for _, s := range p.sections {
		if s.role != roleResponse && s.role != roleReturns {
			continue
		}
		for _, b := range s.blocks {
			if _, ok := b.node.(*ast.Paragraph); ok && b.include == "" && lexicon.fileAnswer.in(fold(b.src.inlineText(b.node))) {
				return true
			}
		}
	}
	return false
}

// describesFields recognises the methods that describe an entity's fields
// (crm.deal.fields, disk.file.getfields, catalog.product.getFieldsByFilter).
func describesFields(method string) bool {
	verb := strings.ToLower(method[strings.LastIndexByte(method, '.')+1:])
	return verb == "fields" || strings.HasPrefix(verb, "getfields") || strings.HasPrefix(verb, "get-fields")
}

// fieldDescriptors retypes the result of a fields method: its members are
// the entity's fields, each answered with a descriptor object (type,
// isRequired, title, …), not with a value of the field's type.
func fieldDescriptors(returns []model.Field) {
	for i := range returns {
		if returns[i].Name != "result" {
			continue
		}
		for j := range returns[i].Fields {
			f := &returns[i].Fields[j]
			if len(f.Fields) == 0 && f.Base != "object" {
				f.Description = strings.TrimSpace("Field of type " + f.Type + ". " + f.Description)
				f.Base, f.Array = "object", false
			}
		}
	}
}

// envelopeRows are the returned-data rows that belong to the answer
// envelope, not to its result.
var envelopeRows = map[string]bool{protocol.Result: true, protocol.TimeMember: true, protocol.Total: true, protocol.Next: true}

// promoteIntoResult moves the rows that follow a "result" object without
// members of its own into it: many pages list the members of the result
// (items, products, …) as rows of the same table.
func promoteIntoResult(fs []model.Field) []model.Field {
	ri := -1
	for i, f := range fs {
		if f.Name == "result" {
			ri = i
			break
		}
	}
	if ri < 0 || len(fs[ri].Fields) > 0 {
		return fs
	}
	switch fs[ri].Base {
	case "object", "any", "array", "":
	default:
		return fs
	}
	var keep, members []model.Field
	for _, f := range fs {
		switch {
		case envelopeRows[f.Name]:
			keep = append(keep, f)
		default:
			members = append(members, f)
		}
	}
	if len(members) == 0 {
		return fs
	}
	for i := range keep {
		if keep[i].Name == "result" {
			keep[i].Fields = members
			if keep[i].Base != "object" {
				keep[i].Base = "object"
				if keep[i].Type == "array" {
					keep[i].Array = true
				}
			}
		}
	}
	return keep
}
