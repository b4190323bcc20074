package yfm

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// tableParser reads `#| … |#` tables.
//
// YFM rows are `|| cell | cell ||` and may span many lines; a cell holds any
// Markdown, including code fences and whole nested tables. The parser feeds
// the table's lines to a tableScanner that finds the row and cell boundaries
// outside code spans, code fences and nested tables, and records each cell's
// content as segments of the page source. The cells are parsed into blocks
// afterwards by cellTransformer.
type tableParser struct {
	runs bool // read plain lines in runs (runs.go)
}

func (tableParser) Trigger() []byte { return []byte{'#'} }

func (p tableParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pos+1 >= len(line) || line[pos] != '#' || line[pos+1] != '|' {
		return nil, parser.NoChildren
	}
	t := &Table{Start: seg}
	t.scan = &tableScanner{table: t, src: reader.Source(), runIndent: -1}
	if p.runs {
		t.scan.runIndent = runIndent(parent)
	}
	t.scan.scan(line, seg, pos+2, false)
	reader.AdvanceToEOL()
	return t, parser.NoChildren
}

func (tableParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	t := node.(*Table)
	line, seg := reader.PeekLine()
	if line == nil || t.scan == nil {
		return parser.Close
	}
	closed := t.scan.feed(line, seg)
	reader.AdvanceToEOL()
	if !closed && t.scan.runIndent >= 0 && pageLines(reader) {
		var examined int
		closed, examined = t.scan.takeRun(reader)
		countRunLines(pc, examined)
	}
	if closed {
		return parser.Close
	}
	return parser.Continue | parser.NoChildren
}

// takeRun feeds the plain lines after the current one (runs.go) up to
// the last non-blank one or the table's end, leaves the reader at the
// end of the last line fed, and reports whether the table ended and how
// many lines it looked at.
func (s *tableScanner) takeRun(reader text.Reader) (closed bool, examined int) {
	_, pos := reader.Position()
	if pos.Stop < s.stop {
		return false, 0 // blank lines up to a line no run takes
	}
	src := reader.Source()
	blanks := s.blanks[:0] // blank lines wait for a line that is not
	fed := 0
	start := pos.Stop
	for start < len(src) && !closed {
		end := nextLine(src, start)
		if end < 0 {
			break
		}
		seg, _, blank, ok := afterContainers(src, start, end, s.runIndent)
		if !ok {
			break
		}
		examined++
		start = end
		if blank {
			blanks = append(blanks, seg)
			continue
		}
		for _, b := range blanks {
			s.feed(src[b.Start:b.Stop], b)
		}
		fed += len(blanks) + 1
		blanks = blanks[:0]
		closed = s.feed(src[seg.Start:seg.Stop], seg)
	}
	s.stop = start
	s.blanks = blanks
	if fed > 0 {
		for range fed {
			reader.AdvanceLine()
		}
		reader.AdvanceToEOL()
	}
	return closed, examined + 1
}

func (tableParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	t := node.(*Table)
	if t.scan == nil {
		return
	}
	if !t.scan.closed {
		t.Unclosed = true
		if t.scan.fenceLen > 0 {
			t.UnclosedFence = true
		}
		if t.scan.row != nil {
			t.UnclosedRow = true
			t.scan.endRow()
		}
	}
	t.scan = nil
}

func (tableParser) CanInterruptParagraph() bool { return true }
func (tableParser) CanAcceptIndentedLine() bool { return false }

// tableScanner splits a table into rows and cells, one line at a time.
type tableScanner struct {
	table *Table
	// depth counts the nested tables open inside the current cell; their
	// separators belong to the cell.
	depth int
	// fenceChar and fenceLen describe the code fence open in the current
	// cell; fenceLen is 0 when none is open.
	fenceChar byte
	fenceLen  int
	row       *TableRow
	cell      *TableCell
	closed    bool

	// runIndent is the enclosing list items' (runs.go), -1 for no runs;
	// blanks holds the blank lines of a run not fed yet; stop is where
	// the last run found a line it could not take, with only blank lines
	// before it: no run starts before it
	runIndent int
	blanks    []text.Segment
	stop      int

	// src is the page source; line is the line being scanned
	src  []byte
	line []byte
	seg  text.Segment
}

// offset maps an index into the line (which may start with virtual spaces
// standing for a tab) to an offset into the source.
func (s *tableScanner) offset(i int) int {
	if i < s.seg.Padding {
		return s.seg.Start
	}
	return s.seg.Start + i - s.seg.Padding
}

// feed scans one whole line and reports whether it closed the table.
func (s *tableScanner) feed(line []byte, seg text.Segment) bool {
	s.line, s.seg = line, seg
	if s.fenceLen > 0 {
		j, w := skipSpace(line, 0)
		run := runLength(line, j, s.fenceChar)
		switch {
		case w < 4 && run >= s.fenceLen && closesFence(line[j+run:]):
			// A closing fence; YFM lets the row's `||` follow it.
			s.fenceLen = 0
			end := j + run
			if isBlank(line[end:]) {
				s.appendCell(0, len(line))
				return false
			}
			s.appendCell(0, end)
			return s.scan(line, seg, end, false)
		case s.depth == 0 && bytes.HasPrefix(line[j:], []byte("|#")):
			// The table ends inside an unclosed fence: end the fence rather
			// than let it swallow the rest of the page.
			s.fenceLen = 0
			s.table.UnclosedFence = true
		default:
			s.appendCell(0, len(line))
			return false
		}
	}
	return s.scan(line, seg, 0, true)
}

// scan scans line from index from. lineStart says whether from is the start
// of the line (where `|#` may close the table).
func (s *tableScanner) scan(line []byte, seg text.Segment, from int, lineStart bool) bool {
	s.line, s.seg = line, seg
	cellStart := from
	atStart := true
	i := from
	for i < len(line) {
		if atStart {
			j, w := skipSpace(line, i)
			if j >= len(line) || line[j] == '\n' || line[j] == '\r' {
				break
			}
			rest := line[j:]
			switch {
			case lineStart && s.depth == 0 && bytes.HasPrefix(rest, []byte("|#")):
				if s.row != nil {
					s.endCell(cellStart, j)
					s.table.UnclosedRow = true
					s.endRow()
				} else {
					s.stray(cellStart, j)
				}
				s.stray(j+2, len(line))
				s.closed = true
				return true
			case bytes.HasPrefix(rest, []byte("#|")):
				s.depth++
				i = j + 2
			case s.depth > 0 && bytes.HasPrefix(rest, []byte("|#")):
				s.depth--
				i = j + 2
			case w < 4 && opensFence(rest):
				s.fenceChar = rest[0]
				s.fenceLen = runLength(rest, 0, rest[0])
				s.appendOrStray(cellStart, len(line))
				return false
			default:
				i = j
			}
			atStart, lineStart = false, false
			continue
		}
		switch line[i] {
		case '\\':
			i += 2
		case '`':
			i = skipCodeSpan(line, i)
		case '|':
			double := i+1 < len(line) && line[i+1] == '|'
			if s.depth > 0 {
				// a separator of a nested table: part of the cell
				i++
				if double {
					i++
				}
				continue
			}
			if double {
				if s.row != nil {
					s.endCell(cellStart, i)
					s.endRow()
				} else {
					s.stray(cellStart, i)
					s.startRow(i)
				}
				i += 2
			} else {
				if s.row != nil {
					s.endCell(cellStart, i)
					s.startCell(i + 1)
				} else {
					s.stray(cellStart, i)
				}
				i++
			}
			cellStart = i
			atStart = true
		default:
			i++
		}
	}
	if i > len(line) {
		i = len(line)
	}
	s.appendOrStray(cellStart, len(line))
	return false
}

func (s *tableScanner) appendOrStray(a, b int) {
	if s.cell != nil {
		s.appendCell(a, b)
	} else {
		s.stray(a, b)
	}
}

func (s *tableScanner) appendCell(a, b int) {
	if s.cell == nil || a >= b {
		return
	}
	seg := text.NewSegment(s.offset(a), s.offset(b))
	// Keep one segment per source line: goldmark reads every segment but the
	// last as a whole line ending in a newline.
	if n := s.cell.Content.Len(); n > 0 {
		if last := s.cell.Content.At(n - 1); last.Stop == seg.Start && last.Stop > last.Start && s.src[last.Stop-1] != '\n' {
			s.cell.Content.Set(n-1, text.NewSegment(last.Start, seg.Stop))
			return
		}
	}
	s.cell.Content.Append(seg)
}

func (s *tableScanner) stray(a, b int) {
	if a >= b || isBlank(s.line[a:b]) {
		return
	}
	s.table.Stray = append(s.table.Stray, text.NewSegment(s.offset(a), s.offset(b)))
}

func (s *tableScanner) startRow(i int) {
	s.row = &TableRow{Start: s.offset(i)}
	s.row.SetPos(s.offset(i))
	s.table.AppendChild(s.table, s.row)
	s.startCell(i + 2)
}

func (s *tableScanner) startCell(i int) {
	s.cell = &TableCell{Start: s.offset(i), Content: text.NewSegments()}
	s.cell.SetPos(s.offset(i))
	s.row.AppendChild(s.row, s.cell)
}

func (s *tableScanner) endCell(cellStart, i int) {
	s.appendCell(cellStart, i)
	s.cell = nil
	s.fenceLen = 0
	s.depth = 0
}

func (s *tableScanner) endRow() {
	s.cell = nil
	s.row = nil
}

// skipSpace returns the index of the first non-space byte at or after i and
// the indentation width up to it (a tab counts to the next multiple of 4).
func skipSpace(line []byte, i int) (int, int) {
	w := 0
	for ; i < len(line); i++ {
		switch line[i] {
		case ' ':
			w++
		case '\t':
			w += 4 - w%4
		default:
			return i, w
		}
	}
	return i, w
}

func runLength(b []byte, i int, c byte) int {
	n := 0
	for i+n < len(b) && b[i+n] == c {
		n++
	}
	return n
}

// opensFence reports whether b starts a CommonMark code fence: three or more
// backticks or tildes, and for backticks an info string without backticks
// (so that a line starting with inline ```code``` is not a fence).
func opensFence(b []byte) bool {
	if len(b) == 0 || (b[0] != '`' && b[0] != '~') {
		return false
	}
	n := runLength(b, 0, b[0])
	if n < 3 {
		return false
	}
	return b[0] == '~' || bytes.IndexByte(b[n:], '`') < 0
}

// closesFence reports whether what follows a closing fence run allows it to
// close: nothing, or (YFM) the separators of the row.
func closesFence(rest []byte) bool {
	j, _ := skipSpace(rest, 0)
	return j >= len(rest) || rest[j] == '\n' || rest[j] == '\r' || rest[j] == '|'
}

// skipCodeSpan skips a code span starting at i (a run of backticks) and
// returns the index after it. An opening run with no closing run of the same
// length on the line is literal text.
func skipCodeSpan(line []byte, i int) int {
	n := runLength(line, i, '`')
	for j := i + n; j < len(line); {
		if line[j] != '`' {
			j++
			continue
		}
		m := runLength(line, j, '`')
		if m == n {
			return j + m
		}
		j += m
	}
	return i + n
}

func isBlank(b []byte) bool { return util.IsBlank(b) }
