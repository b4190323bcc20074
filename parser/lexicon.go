package parser

// This file owns the lexicon: every Russian and English word, phrase and
// stem the parser looks for in the docs' text, one named table per
// concept, and the helpers that match a table. Supporting another edition
// of the docs, or a new wording of an existing one, is an edit here.
//
// Every entry of a phrases table is lower case and matches text folded
// by fold, so that a phrase matches whatever its capitals: a table's
// helpers take only folded text (isWord, which compares under Unicode case
// folding, excepted), and the compiler refuses the rest. Where
// a caller takes the first entry that matches (index, find), the order of
// the table is the order of preference. The few tables of plain strings
// are matched as written, and say so: the name of REST 3.0 and the marks
// at the end of its titles, the words of upper-case error codes, the
// prefixes of placeholders.
//
// No table is guarded by a cheaper test on a fragment of its words ("начени"
// before "возможные значения"): such a test misses the phrase it was not
// written for. Folding is what a match costs, and fold keeps it cheap.
//
// Not here, because they are not words of the docs' language: the names
// of the API (the parameters order, filter, select…; the envelope keys
// result, time, total, next; the verbs of fields methods), file names
// (index.md, data-types.md, required.md), literal values (true, Y, null),
// Markdown and YFM marks (the "*" and "^*^" of required parameters) and
// code-fence languages.

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/b24gen/b24gen/model"
)

// folded is text lower-cased for matching against the lexicon.
type folded string

// fold lower-cases text for the lexicon. Its result is what
// strings.ToLower returns, byte for byte (an invalid byte becomes U+FFFD,
// as strings.Map writes it), so that an offset in the folded text is one
// in the original wherever strings.ToLower's would be. It is about twice
// as fast: it maps ASCII and the Cyrillic of the Russian edition without
// the Unicode tables, and copies the text in runs, only when a letter
// changes.
func fold(s string) folded {
	var b strings.Builder // the folded text up to done, once a letter changed
	done := 0
	for i := 0; i < len(s); {
		// the bytes that stay as they are: ASCII but capitals (eight at a
		// time in a run of them), and the small letters а-я, ѐ-џ
		for i < len(s) {
			if c := s[i]; asciiKept[c] {
				if i+8 <= len(s) && !hasCapitalOrNonASCII(s[i:i+8]) {
					i += 8
				} else {
					i++
				}
			} else if i+1 < len(s) && (c == 0xD0 && 0xB0 <= s[i+1] && s[i+1] <= 0xBF || c == 0xD1 && 0x80 <= s[i+1] && s[i+1] <= 0x9F) {
				i += 2
			} else {
				break
			}
		}
		if i == len(s) {
			break
		}
		c := s[i]
		var lower [utf8.UTFMax]byte
		n, size := 0, 1
		switch {
		case c < utf8.RuneSelf:
			lower[0], n = c+'a'-'A', 1
		case c == 0xD0 && i+1 < len(s) && 0x80 <= s[i+1] && s[i+1] <= 0xBF:
			// U+0400–U+043F, two bytes in either case
			size, n = 2, 2
			switch d := s[i+1]; {
			case d < 0x90: // Ѐ-Џ → ѐ-џ
				lower[0], lower[1] = 0xD1, d+0x10
			case d < 0xA0: // А-П → а-п
				lower[0], lower[1] = 0xD0, d+0x20
			default: // Р-Я → р-я (а-п were skipped above)
				lower[0], lower[1] = 0xD1, d-0x20
			}
		default:
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			l := lowerRune(r)
			if l == r && (r != utf8.RuneError || size > 1) {
				i += size
				continue
			}
			n = utf8.EncodeRune(lower[:], l)
		}
		if b.Cap() == 0 {
			b.Grow(len(s) + utf8.UTFMax)
		}
		b.WriteString(s[done:i])
		b.Write(lower[:n])
		i += size
		done = i
	}
	if b.Cap() == 0 {
		return folded(s)
	}
	b.WriteString(s[done:])
	return folded(b.String())
}

// asciiKept says which bytes fold keeps as they are: ASCII but capitals.
var asciiKept = func() (kept [256]bool) {
	for c := range utf8.RuneSelf {
		kept[c] = c < 'A' || 'Z' < c
	}
	return kept
}()

// hasCapitalOrNonASCII reports whether one of the eight bytes of s is an
// ASCII capital or not ASCII, all eight at once: with every byte below
// 0x80, adding 0x3F to a byte sets its high bit when it is 'A' or more,
// adding 0x25 when it is past 'Z', and no sum carries into the next byte.
func hasCapitalOrNonASCII(s string) bool {
	const ones = 0x0101010101010101
	x := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
	if x&(0x80*ones) != 0 {
		return true
	}
	return (x+0x3F*ones)&^(x+0x25*ones)&(0x80*ones) != 0
}

// lowerRune is unicode.ToLower, with the ASCII and basic Cyrillic letters
// mapped without a table look-up.
func lowerRune(r rune) rune {
	switch {
	case r < utf8.RuneSelf:
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	case 'А' <= r && r <= 'Я':
		return r + 'а' - 'А'
	case 'Ѐ' <= r && r <= 'Џ':
		return r + 'ѐ' - 'Ѐ'
	case 'а' <= r && r <= 'џ':
		return r
	}
	return unicode.ToLower(r)
}

// phrases is one table of the lexicon: lower-case words, phrases or stems
// of one meaning, Russian and English.
type phrases []string

// in reports whether one of the phrases occurs in text.
func (ps phrases) in(text folded) bool { return ps.index(text) >= 0 }

// index returns where in text the first phrase of the table that occurs
// there starts, or -1.
func (ps phrases) index(text folded) int {
	at, _ := ps.find(text)
	return at
}

// find returns where in text the first phrase of the table that occurs
// there starts, and that phrase; -1 and "" when none does.
func (ps phrases) find(text folded) (int, string) {
	for _, p := range ps {
		if i := strings.Index(string(text), p); i >= 0 {
			return i, p
		}
	}
	return -1, ""
}

// begins reports whether text starts with one of the phrases.
func (ps phrases) begins(text folded) bool {
	for _, p := range ps {
		if strings.HasPrefix(string(text), p) {
			return true
		}
	}
	return false
}

// ends reports whether text ends with one of the phrases.
func (ps phrases) ends(text folded) bool {
	for _, p := range ps {
		if strings.HasSuffix(string(text), p) {
			return true
		}
	}
	return false
}

// is reports whether text is one of the phrases.
func (ps phrases) is(text folded) bool {
	for _, p := range ps {
		if string(text) == p {
			return true
		}
	}
	return false
}

// isWord reports whether a word is one of the phrases in any case, under
// Unicode case folding (strings.EqualFold).
func (ps phrases) isWord(word string) bool {
	for _, p := range ps {
		if strings.EqualFold(word, p) {
			return true
		}
	}
	return false
}

// startsWord reports whether one of the phrases occurs in text at the
// start of a word: "пуст" in "пустой", not in "недопустимое".
func (ps phrases) startsWord(text folded) bool {
	for _, p := range ps {
		for i := 0; ; {
			j := strings.Index(string(text[i:]), p)
			if j < 0 {
				break
			}
			j += i
			r, _ := utf8.DecodeLastRuneInString(string(text[:j]))
			if j == 0 || !unicode.IsLetter(r) {
				return true
			}
			i = j + len(p)
		}
	}
	return false
}

// containsAny reports whether text holds one of the strings of a table
// matched as written.
func containsAny(text string, table []string) bool {
	for _, s := range table {
		if strings.Contains(text, s) {
			return true
		}
	}
	return false
}

// baseWords are the words that give the base type of a data type
// described in words.
type baseWords struct {
	base  model.Base
	words phrases
}

// lexicon holds the tables. Their entries, with what each table means,
// are in the value below.
var lexicon = struct {
	// page kinds (classify.go)
	overviewTitle, eventTitle, typesTitleStart, typesTitle, methodHeader phrases
	// section headings (sections.go)
	paramsHeading, handlerHeading, examplesHeading, responseHeading, returnsHeading, errorsHeading, seeAlsoHeading phrases
	responseExampleHeading, withError                                                                              phrases
	// the method's header and notes (page.go, examples.go)
	scopeLabel, permissionsLabel, deprecatedTitle, deprecatedNote, curlTab phrases
	restV3Note, restV3TitleMarks                                           []string
	// field tables and their columns (table.go, datatypes.go)
	nameColumn, codeColumn, typeColumn, typeHeaderMark, descriptionColumn, noteColumn, typeWord, typeWordAfter, nameWord phrases
	// member headings (members.go)
	memberBefore, memberAfter, arrayElementBefore, arrayElementAfter, memberAround phrases
	// parameters and what the docs say of them (params.go, required.go, table.go)
	noParams, oneOf, conditional, absent, multiple, multipleEnd, objectElements, keyedObjects phrases
	// where an object's members are listed (linked.go)
	fieldsWords, keyWords, keyWord phrases
	// what a method answers (returns.go)
	fileAnswer phrases
	// values and defaults (enums.go, defaults.go)
	enumIntro, dependsOn, rangeWords, valueSeparator, defaultIntro, notValueList phrases
	// data types described in words (datatypes.go)
	baseWords []baseWords
	// error tables (errors.go)
	httpStatusLabel, statusColumn, errorCodeColumn, codeWithMessage, messageColumn, meaningColumn, emptyCode phrases
	errorCodeLabel, errorFieldColumn, errorDescriptionColumn, errorFixColumn, errorColumn, errorTextColumn   phrases
	// what errors say of a parameter (checks.go)
	missing, invalid, fieldInvalid, requiredInGeneral, emptyStem phrases
	codeMissing, codeInvalid                                     []string
	// examples (lenient.go)
	placeholderPrefixes []string
}{
	// ---- page kinds: the H1 of a page (classify.go)

	// An overview page's H1 says so, anywhere.
	overviewTitle: phrases{"обзор", "overview"},
	// An event page's H1 starts so ("Событие…", "События…", "Event on…").
	eventTitle: phrases{"событи", "event"},
	// A page of types or object fields starts its H1 so ("Типы…", "Поля
	// сделки", "Fields of…", "Data types…")…
	typesTitleStart: phrases{"тип", "поля", "fields", "data type"},
	// … or says so anywhere.
	typesTitle: phrases{"типы данных"},
	// The header quote of a method page: "> Scope: …", "> Кто может
	// выполнять метод: …", "> Who can execute the method: …".
	methodHeader: phrases{"scope", "кто может выполнять", "who can"},

	// ---- section headings, matched at the start of a heading (sections.go)

	// The method's parameters…
	paramsHeading: phrases{"параметры", "method parameters", "parameters"},
	// … or what an event handler receives, a section of the same role;
	// a page with a heading that says so anywhere is an event page.
	handlerHeading: phrases{"что получает обработчик", "what the handler receives"},
	// Code examples.
	examplesHeading: phrases{"примеры", "пример", "code examples", "examples"},
	// An example of the answer, under the answer's section or anywhere
	// ("Пример ответа при `RETURN_CONTENT = 'Y'`", "Пример возвращаемых
	// данных" of a particular call), not a code example…
	responseExampleHeading: phrases{"пример ответа", "примеры ответа", "пример успешного ответа",
		"пример возвращаемых данных", "примеры возвращаемых данных",
		"example response", "response example", "returned data example", "example of returned data"},
	// … and of an error answer when it says so ("Пример ответа с ошибкой").
	withError: phrases{"с ошибкой", "with error", "with an error"},
	// The success answer.
	responseHeading: phrases{"обработка ответа", "ответ в случае успеха", "response handling", "response on success", "successful response"},
	// The table of returned fields.
	returnsHeading: phrases{"возвращаемые данные", "возвращаемые значения", "returned data", "returned values"},
	// Error handling and error codes.
	errorsHeading: phrases{"обработка ошибок", "возможные коды ошибок", "возможные ошибки", "коды ошибок", "error handling", "possible error codes"},
	// Links to related pages.
	seeAlsoHeading: phrases{"продолжите изучение", "continue learning"},

	// ---- the method's header and notes (page.go, examples.go)

	// The label of the scope line of the header quote.
	scopeLabel: phrases{"scope"},
	// The labels of the permissions line: who may call the method, or
	// subscribe to the event.
	permissionsLabel: phrases{"кто может выполнять метод", "who can execute", "who can call", "кто может подписаться", "who can subscribe"},
	// The title of a note that retires a method ("{% note warning
	// \"DEPRECATED\" %}")…
	deprecatedTitle: phrases{"deprecated"},
	// … or what its text says.
	deprecatedNote: phrases{"развитие метода остановлено", "метод устарел", "development of this method has been stopped", "method is deprecated"},
	// A note of the preamble that says the method is of REST 3.0: the
	// product's name, matched as written.
	restV3Note: []string{"REST 3.0"},
	// The marks a REST 3.0 method's title ends with, dropped from it in
	// this order; they are matched as written, capitals included.
	restV3TitleMarks: []string{"v 3.0", "v3"},
	// The tab of an example that shows the cURL call.
	curlTab: phrases{"curl"},

	// ---- field tables and their columns (table.go, datatypes.go)

	// The label of the first column of a header row: the column of
	// names (or of codes, statuses), matched at the start.
	nameColumn: phrases{"название", "name", "параметр", "parameter", "поле", "field", "код", "code", "статус", "status"},
	// A first column labelled so lists codes, not fields.
	codeColumn: phrases{"код", "code"},
	// The label of a column of types, matched at the start.
	typeColumn: phrases{"тип", "type", "`тип`", "`type`"},
	// A header cell that ends so names its column's second line as the
	// type ("**Значение**\n`тип`").
	typeHeaderMark: phrases{"`тип`", "`type`"},
	// The label of a column of descriptions, anywhere in it.
	descriptionColumn: phrases{"описание", "description"},
	// The label of a column of notes after the description ("Множественное,
	// только для чтения"), the whole label.
	noteColumn: phrases{"примечание", "дополнительно", "note", "additional"},
	// The word for a type: before the type's name in a heading ("Тип
	// LayoutDto", "Type LayoutDto"), and the label of a data-types
	// table's column of types.
	typeWord: phrases{"тип", "type"},
	// The word for a type after the type's name ("LayoutDto Type").
	typeWordAfter: phrases{"type"},
	// The label of a data-types table's column of names.
	nameWord: phrases{"название", "name"},

	// ---- member headings: a heading that names one parameter or object (members.go)

	// The word before the name: "Параметр fields", "Объект result",
	// "Поле X", "Элемент X", "Parameter fields".
	memberBefore: phrases{"параметр", "объект", "поле", "элемент", "parameter", "object", "field", "element"},
	// The word after the name: "Filter Parameter", "result Object".
	memberAfter: phrases{"parameter", "object", "field", "element"},
	// The words before the name of an array's elements: "Элемент
	// массива DATA", "Array Element DATA".
	arrayElementBefore: phrases{"элемент массива", "array element"},
	// The words after it: "result Array Element".
	arrayElementAfter: phrases{"array element"},
	// The word on both sides of the name: "Parameter fields Parameter".
	memberAround: phrases{"parameter"},

	// ---- parameters and what the docs say of them (params.go, required.go, table.go)

	// A page that says so takes no parameters ("Без параметров.").
	noParams: phrases{"без параметров", "метод не принимает параметр", "метод не имеет параметров", "параметры отсутствуют",
		"no parameters", "does not take any parameters", "does not accept parameters", "method has no parameters", "without parameters"},
	// A sentence that introduces parameters of which one is enough
	// ("Необходимо указать хотя бы один из параметров: `IBLOCK_ID` или
	// `IBLOCK_CODE`"); the first that occurs starts the sentence.
	oneOf: phrases{"хотя бы один из", "один из параметров", "одного из параметров", "один из двух", "одного из двух",
		"at least one of", "one of the parameters", "one of the two", "either"},
	// A parameter marked required but required only in some cases
	// ("Обязателен, если не передан `DIALOG_ID`", "Required if `CHAT_ID`
	// is not provided").
	conditional: phrases{"обязателен, если", "обязательный, если", "обязательное, если", "обязательна, если",
		"обязателен если", "обязательно, если", "required if", "required when", "required unless", "mandatory if"},
	// A requirement that holds when another parameter is not given, so
	// that one of the two must be ("Обязателен, если не передан
	// `DIALOG_ID`", "Required if `CHAT_ID` is not provided").
	absent: phrases{"если не передан", "если не указан", "если не задан",
		"is not provided", "are not provided", "is not specified", "are not specified", "is not passed", "are not passed"},
	// The note of a field that holds several values, in the first line
	// of its description ("Телефон. Множественное")…
	multiple: phrases{"множественное", "multiple values"},
	// … or at its end ("Phone. Multiple").
	multipleEnd: phrases{"multiple"},
	// A list's description that says its elements are objects ("Передается
	// массив объектов с полями …", "An array of objects with fields …").
	objectElements: phrases{"массив объектов", "array of objects"},
	// An object's description that says it holds objects by keys, each as
	// its type describes ("Ассоциативный массив объектов, описывающих
	// теги", "Associative array of content blocks"): a map of them.
	keyedObjects: phrases{"ассоциативный массив объектов", "ассоциативный массив контент-блоков",
		"associative array of objects", "associative array of content blocks"},

	// ---- where an object's members are listed (linked.go)

	// A heading or title that names the fields of an object ("Поля
	// задачи", "Обзор полей сделки", "Task Fields"), by one of its words.
	fieldsWords: phrases{"поля", "полей", "fields"},
	// The words right before a key of an object or the member holding a
	// list ("с ключом **activity**", "массив `icons`", "the key
	// `categories`", "an array of `logos`")…
	keyWords: phrases{"ключ", "key", "массив", "array"},
	// … and the word of the keys of a map ("ключ — `ID` пользователя",
	// "the key is the `user ID`").
	keyWord: phrases{"ключ", "key", "keys"},

	// The answer is a file, not JSON (returns.go).
	fileAnswer: phrases{"приходит файл", "возвращается файл", "содержимое файла", "a file is returned", "content of the file", "returns the file"},

	// ---- values and defaults (enums.go, defaults.go)

	// The phrase that introduces the values a field takes.
	enumIntro: phrases{"возможные значения", "допустимые значения", "possible values", "allowed values", "acceptable values"},
	// A sentence ending in a colon before a list of values introduces
	// the values a field takes ("Тип статуса:") unless it says the list
	// gives examples, the parts of a format, keys, fields or only the
	// basic values of an open set.
	notValueList: phrases{"пример", "example", "e.g.", "such as", "формат", "format", "где:", "where:", "ключ", "key",
		"поля", "полей", "полям", "field", "базов", "основн", "basic", "типичн", "typical", "модификатор", "modifier",
		"расширени", "extension"},
	// The values depend on another parameter, and are listed per value
	// of it rather than once.
	dependsOn: phrases{"зависят от", "зависит от", "depend on", "depends on"},
	// The values bound a range ("от `1` до `200`") rather than list the
	// choices.
	rangeWords: phrases{" до ", " по ", "from ", " to ", "диапазон", "range"},
	// The whole text between two values of a list item ("`true` или
	// `1`").
	valueSeparator: phrases{",", "/", "или", "or", ", или", ", or"},
	// The phrase before a field's default value; the first that occurs
	// is the one read.
	defaultIntro: phrases{"по умолчанию", "default value", "by default", "default:"},

	// ---- data types described in words (datatypes.go)

	// The base type of an alias on a data-types page, from the first of
	// these words its description has: the earliest in the text wins,
	// and of two at the same place the earlier here ("Целочисленный
	// идентификатор…", "Строковый…", "Объект…").
	baseWords: []baseWords{
		{"string", phrases{"строков", "символьн", "string", "строка", "привязка", "character identifier", "symbolic identifier", "text identifier"}},
		{"integer", phrases{"целочисл", "целое", "integer", "числовой идентификатор", "идентификатор", "numeric identifier", "identifier"}},
		{"double", phrases{"дробн", "с плавающей", "float", "double", "fractional"}},
		{"decimal", phrases{"денежн", "decimal", "money", "monetary"}},
		{"boolean", phrases{"логическ", "boolean", "logical"}},
		{"datetime", phrases{"дата и время", "datetime", "date and time"}},
		{"date", phrases{"дата", "date"}},
		{"array", phrases{"массив", "array", "список", "list of"}},
		{"object", phrases{"объект", "object", "структур", "значение пользовательского поля", "structure", "custom field value"}},
		{"file", phrases{"файл", "картинка", "file", "image"}},
	},

	// ---- error tables (errors.go)

	// The label of the line that gives the HTTP status of a section's
	// errors ("HTTP-статус: **400**").
	httpStatusLabel: phrases{"http-статус", "http статус", "http-status", "http status", "http status code"},
	// The column of HTTP statuses, by a word of its label.
	statusColumn: phrases{"статус", "status"},
	// The column of error codes.
	errorCodeColumn: phrases{"код", "code"},
	// A code column that also holds the message ("Код и текст ошибки").
	codeWithMessage: phrases{"текст", "сообщение", "message"},
	// The column of the message the portal sends.
	messageColumn: phrases{"сообщение", "текст ошибки", "message"},
	// The column of what an error means, or when it occurs; with it, a
	// column labelled "Описание" holds the message.
	meaningColumn: phrases{"значение", "value", "когда", "when", "причина"},
	// What a code cell says when the error comes without a code.
	emptyCode: phrases{"пустое значение", "пустая строка", "пусто", "empty value", "empty string", "empty", "-", "—", "–"},
	// The label of a paragraph that gives the code of the table after it
	// (REST 3.0 pages): "Код ошибки: `CODE`", "Error code: `CODE`".
	errorCodeLabel: phrases{"код ошибки", "error code"},
	// The columns of such a table: the field the error concerns, the
	// message and how to fix it.
	errorFieldColumn:       phrases{"поле", "field"},
	errorDescriptionColumn: phrases{"описание ошибки", "error description"},
	errorFixColumn:         phrases{"как исправить", "how to fix"},
	// A column of messages in a table without a code column, by its whole
	// label ("Ошибка")…
	errorColumn: phrases{"ошибка", "error"},
	// … or a word of it, beside messageColumn ("Error text").
	errorTextColumn: phrases{"error text", "error message"},

	// ---- what an error's texts say of a parameter (checks.go)

	// The parameter is missing.
	missing: phrases{"missing", "not provided", "not passed", "not specified", "not set", "is required", "are required",
		"is empty", "не передан", "не указан", "не задан", "обязател", "отсутству"},
	// Its value is wrong.
	invalid: phrases{"invalid", "incorrect", "not correct", "wrong", "format", "has to be", "must be", "must contain",
		"not allowed", "неверн", "некоррект", "недопустим", "должен быть", "должна быть", "должно быть", "должны быть",
		"должен содержать", "должно содержать", "не является", "не соответству"},
	// The value of a field an error row names is wrong (REST 3.0:
	// "Неизвестное поле `#FIELD#`", "Не удается распознать выражение").
	fieldInvalid: phrases{"неизвестн", "unknown", "не удается распознать", "не удаётся распознать", "cannot parse", "can not parse", "could not parse", "unable to parse"},
	// The error is about required parameters in general.
	requiredInGeneral: phrases{"required param", "обязательный параметр", "обязательные параметр", "обязательного параметр"},
	// "Пустой", "пусто": the parameter is missing; a stem that counts
	// only at the start of a word ("недопустимое" holds it too).
	emptyStem: phrases{"пуст"},
	// The words of an error code (upper snake case, matched as whole
	// parts) that say the parameter is missing…
	codeMissing: []string{"NOT_PROVIDED", "MISSING", "REQUIRED", "EMPTY"},
	// … or its value wrong.
	codeInvalid: []string{"INVALID", "WRONG", "FORMAT", "INCORRECT"},

	// ---- examples (lenient.go)

	// A string of an example that starts so stands for a value the reader
	// fills in ("your_invoice_id", "put_id_here"), matched as written.
	placeholderPrefixes: []string{"your_", "put_", "insert_"},
}
