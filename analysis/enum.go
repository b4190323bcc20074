package analysis

import (
	"strconv"

	"github.com/b24gen/b24gen/model"
)

// Enum is the set of values a field may take, as a schema can hold it.
type Enum struct {
	// Values are the documented values, as the page writes them.
	Values []string
	// Ints are the values as numbers when the field is an integer; nil
	// for a string.
	Ints []int64
}

// EnumOf returns the enumeration of a field (of its elements, for a list)
// when its values fit its type: the field has no members and is a string
// or an integer by the base type table, and an integer's values are all
// numbers. nil means any value of the type goes.
func EnumOf(f *model.Field) *Enum {
	if len(f.Enum) == 0 || len(f.Fields) > 0 {
		return nil
	}
	row, _ := model.BaseOf(f.Base)
	switch row.OpenAPIType {
	case "string":
		return &Enum{Values: f.Enum}
	case "integer":
		ints := make([]int64, len(f.Enum))
		for i, v := range f.Enum {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return nil
			}
			ints[i] = n
		}
		return &Enum{Values: f.Enum, Ints: ints}
	}
	return nil
}
