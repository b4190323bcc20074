package analysis

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"

	"github.com/b24gen/b24gen/b24/protocol"
	"github.com/b24gen/b24gen/model"
)

// Types from examples. The generated types follow a page's tables; where a
// table says nothing of a value's members or type (an object without
// members, a list of unknown elements, an untyped value, a result the page
// does not document), the page's examples do, and where the two disagree
// the examples win, for portals send what the examples show. Members are
// inferred as quicktype infers them: an object's members from every object
// of the examples, a list's element from all its elements, numbers as
// integers unless one has a fraction, strings as strings (the runtime's
// String, Int and Float read numbers quoted or not, so a PHP numeric
// string stays a string). Every example of the page decodes into the type
// that results: it is checked against each of them (fitsAnswer,
// fitsRequest), and what no type the runtime has reads stays raw JSON.
// Lint keeps reporting where the examples contradict the tables.

// Origin says where the type of a member or a result comes from.
type Origin int

const (
	// Documented: the page's table says it.
	Documented Origin = iota
	// Inferred: the page gives no type, no members or no element type;
	// they are inferred from the page's examples.
	Inferred
	// Widened: the page's examples send values the documented type does
	// not read (a list where it says boolean, a text where it says
	// integer); the type is widened to read them, or is the examples'.
	Widened
	// Conventional: the page shows no answer; the result is typed as the
	// methods like it in its namespace answer (field descriptors, for
	// crm.product.fields; a boolean, for crm.product.delete).
	Conventional
)

var originNames = []string{"documented", "inferred", "widened", "conventional"}

func (o Origin) String() string { return originNames[o] }

// provenance says where the types of a field and of its members come
// from; nil means everything is documented.
type provenance struct {
	origin Origin
	// members are the provenances of the field's members, in the order of
	// its Fields; nil when all are documented.
	members []*provenance
	// inferredMembers is set when the field's members are inferred from
	// the examples: the page documents none.
	inferredMembers bool
	// relaxed is set when the page documents the parameter as required and
	// one of its request examples leaves it out: it is not required.
	relaxed bool
	// untyped says why the field is kept as raw JSON; "" when it is not.
	untyped string
	// query says the field is a request's filter or order (queryOf).
	query Query
}

func (p *provenance) queryOf() Query {
	if p == nil {
		return QueryNone
	}
	return p.query
}

func (p *provenance) untypedReason() string {
	if p == nil {
		return ""
	}
	return p.untyped
}

func (p *provenance) isRelaxed() bool { return p != nil && p.relaxed }

func (p *provenance) originOf() Origin {
	if p == nil {
		return Documented
	}
	return p.origin
}

// member returns the provenance of the i-th member.
func (p *provenance) member(i int) *provenance {
	if p == nil || i >= len(p.members) {
		return nil
	}
	return p.members[i]
}

// kind is a bit set of the kinds of JSON values seen in one place.
type kind uint16

const (
	kNull kind = 1 << iota
	kFalse
	kTrue
	kInt
	kFloat
	kEmptyString
	kString
	kEmptyList
	kEmptyObject
	kObject
	kList
)

// weakKinds are the values that say "nothing" (PHP's empty values and
// null): every tolerant type of the runtime but the number types reads
// them, and they tell nothing of a type when others are seen.
const weakKinds = kNull | kFalse | kEmptyString | kEmptyList | kEmptyObject

// shape is what the examples show of the values in one place: their
// kinds, an object's members, a list's elements.
type shape struct {
	kinds kind
	// keys are the objects' member names in the order first seen.
	keys    []string
	members map[string]*shape
	elem    *shape
	// objects counts the objects seen; keyed those of them that map keys
	// to values (IDs to values that do not hold them, codes to rows),
	// whose values value shows.
	objects, keyed int
	value          *shape
}

// add records a value.
func (s *shape) add(raw []byte) {
	t := bytes.TrimSpace(raw)
	if len(t) == 0 {
		return
	}
	switch t[0] {
	case 'n':
		s.kinds |= kNull
	case 't':
		s.kinds |= kTrue
	case 'f':
		s.kinds |= kFalse
	case '"':
		var str string
		if json.Unmarshal(t, &str) != nil {
			return
		}
		if strings.TrimSpace(str) == "" {
			s.kinds |= kEmptyString
		} else {
			s.kinds |= kString
		}
	case '[':
		var items []json.RawMessage
		if json.Unmarshal(t, &items) != nil {
			return
		}
		if len(items) == 0 {
			s.kinds |= kEmptyList
			return
		}
		s.kinds |= kList
		s.addElems(items)
	case '{':
		members, ok := objectMembers(t)
		switch {
		case !ok:
			return
		case len(members) == 0:
			s.kinds |= kEmptyObject
			return
		}
		if items, isList := rowsByKey(members); isList {
			s.kinds |= kList
			s.addElems(items)
			return
		}
		s.kinds |= kObject
		s.objects++
		if values, keyed := mapValues(members); keyed {
			s.keyed++
			if s.value == nil {
				s.value = &shape{}
			}
			for _, v := range values {
				s.value.add(v)
			}
			return
		}
		for _, m := range members {
			s.member(m.key).add(m.value)
		}
	default:
		switch {
		case !json.Valid(t):
		case isIntText(string(t)):
			s.kinds |= kInt
		default:
			s.kinds |= kFloat
		}
	}
}

func (s *shape) addElems(items []json.RawMessage) {
	if s.elem == nil {
		s.elem = &shape{}
	}
	for _, it := range items {
		s.elem.add(it)
	}
}

func (s *shape) member(key string) *shape {
	if m, ok := s.members[key]; ok {
		return m
	}
	if s.members == nil {
		s.members = map[string]*shape{}
	}
	m := &shape{}
	s.members[key] = m
	s.keys = append(s.keys, key)
	return m
}

// field returns the type the shape shows, for a field called name; ok is
// false when the values tell nothing (null and empty values only). An
// object's members are those the examples name as a member can be named
// (inferableName); the values of one place that no one type reads (an
// object here, a number there) are of base any.
func (s *shape) field(name string) (f model.Field, ok bool) {
	f = model.Field{Name: name}
	strong := s.kinds &^ weakKinds
	switch {
	case strong == 0:
		switch {
		case s.kinds&kFalse != 0 && s.kinds&kEmptyObject == 0:
			f.Base = protocol.Boolean
		case s.kinds&kEmptyString != 0 && s.kinds&(kEmptyObject|kEmptyList) == 0:
			f.Base = protocol.String
		default:
			return f, false
		}
	case strong == kObject && s.keyed == s.objects:
		// every object maps keys to values: a map of them
		v, known := s.value.field(name)
		if !known || v.Map {
			f.Base = protocol.Object
			break
		}
		f = v
		f.Map = true
	case strong == kObject:
		f.Base = protocol.Object
		for _, key := range s.keys {
			if !inferableName(key) {
				continue
			}
			if m, known := s.members[key].field(key); known {
				f.Fields = append(f.Fields, m)
			}
		}
	case strong == kList:
		elem, known := s.elem.field(name)
		switch {
		case !known:
			f.Base = protocol.Array
		case elem.Array:
			// a list of lists: a list of raw values
			f.Base, f.Array = protocol.Array, true
		default:
			f = elem
			f.Array = true
		}
	case strong&(kObject|kList) == 0:
		switch {
		case strong&kString != 0 || s.kinds&kEmptyObject != 0:
			f.Base = protocol.String
		case strong&kFloat != 0:
			f.Base = protocol.Double
		case strong&kInt != 0:
			f.Base = protocol.Integer
		default:
			f.Base = protocol.Boolean
		}
	default:
		f.Base = protocol.Any
	}
	f.Type = string(f.Base)
	return f, true
}

// inferableNamePattern is a member name inference takes: an identifier.
var inferableNamePattern = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// instanceKey is the name of a member that one portal has and another has
// not: a word and an instance's number (PARENT_ID_1032, a smart process's
// entity type id; user1, group6, chat123 as keys of a map; D_1833, a
// deal's code).
var instanceKey = regexp.MustCompile(`_[0-9]{3,}$|^[A-Za-z]+_?[0-9]+$`)

// inferableName reports whether a member an example shows is one of the
// type's own: an identifier that is no user field (UF_CRM_1712345678,
// which a portal's administrator adds) and no instance's key. Others (ids
// as keys, filter keys such as ">=DATE_CREATE") are kept in Extra.
func inferableName(key string) bool {
	return inferableNamePattern.MatchString(key) && !strings.HasPrefix(strings.ToUpper(key), "UF_") && !instanceKey.MatchString(key)
}

// inferAnswer returns the type the samples show, ok false when they tell
// nothing.
func inferAnswer(name string, samples []json.RawMessage) (model.Field, bool) {
	var s shape
	for _, v := range samples {
		s.add(v)
	}
	return s.field(name)
}
