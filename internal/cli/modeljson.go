package cli

import (
	"bytes"
	"encoding/json"
	"runtime"
	"strconv"
	"sync"

	"github.com/b24gen/b24gen/model"
)

// marshalModel encodes api exactly as json.MarshalIndent(api, "", "  ")
// does, with its methods and events encoded on every core: encoding was a
// quarter of the model command's time on the whole docs. TestMarshalModel
// holds it to MarshalIndent byte for byte, and to model.API's fields.
func marshalModel(api *model.API) ([]byte, error) {
	methods, err := indentEach(api.Methods)
	if err != nil {
		return nil, err
	}
	events, err := indentEach(api.Events)
	if err != nil {
		return nil, err
	}
	size := 64
	for _, m := range methods {
		size += len(m) + 6
	}
	for _, e := range events {
		size += len(e) + 6
	}
	var b bytes.Buffer
	b.Grow(size)
	b.WriteString("{\n  \"version\": ")
	b.WriteString(strconv.Itoa(api.Version))
	b.WriteString(",\n  \"methods\": ")
	writeList(&b, methods, api.Methods == nil)
	b.WriteString(",\n  \"events\": ")
	writeList(&b, events, api.Events == nil)
	b.WriteString("\n}")
	return b.Bytes(), nil
}

// indentEach encodes each item at the depth of a member of a top-level
// list, on every core.
func indentEach[T any](items []T) ([][]byte, error) {
	out := make([][]byte, len(items))
	errs := make([]error, len(items))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				out[i], errs[i] = json.MarshalIndent(items[i], "    ", "  ")
			}
		})
	}
	for i := range items {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// writeList writes encoded items as MarshalIndent writes a list member of
// a top-level object.
func writeList(b *bytes.Buffer, items [][]byte, isNil bool) {
	switch {
	case isNil:
		b.WriteString("null")
		return
	case len(items) == 0:
		b.WriteString("[]")
		return
	}
	b.WriteString("[\n    ")
	for i, it := range items {
		if i > 0 {
			b.WriteString(",\n    ")
		}
		b.Write(it)
	}
	b.WriteString("\n  ]")
}
