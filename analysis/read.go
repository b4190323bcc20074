package analysis

import "strings"

// readVerbs are the last name segments of methods that only read.
var readVerbs = []string{"get", "list", "fields", "search", "count", "find", "info", "current", "filter", "export", "getlist", "getfields", "download"}

// IsRead reports whether a method only reads, judged by the verb that ends
// its name (crm.deal.get, crm.deal.list, user.search, …): the docs say
// nothing else of it, and a wrong "read" would let a client repeat a call
// that writes.
func IsRead(name string) bool {
	i := strings.LastIndexByte(name, '.')
	verb := strings.ToLower(name[i+1:])
	for _, v := range readVerbs {
		if verb == v || strings.HasPrefix(verb, "get") {
			return true
		}
	}
	return false
}
