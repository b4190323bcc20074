package corpus

import (
	"slices"
	"strings"
	"testing"

	"github.com/b24gen/b24gen/model"
	"github.com/b24gen/b24gen/parser"
)

// TestAlternatives counts the methods whose pages say that one of some
// parameters is enough, that one is required when another is not given,
// or document several ways to call them: the groups of parameters of which
// a call gives at least one. A few pages must come out with their groups.
func TestAlternatives(t *testing.T) { forEach(t, alternatives) }

func alternatives(t *testing.T, res *parser.Result) {
	methods, groups := 0, 0
	for _, m := range res.API.Methods {
		if len(m.Alternatives) == 0 {
			continue
		}
		methods++
		groups += len(m.Alternatives)
		for _, a := range m.Alternatives {
			if len(a.Members(m.Params)) != len(a.Params) || len(a.Params) < 2 {
				t.Errorf("%s:%d: %s: the group %s does not name two documented parameters", m.File, a.Line, m.Name, group(a))
			}
			if testing.Verbose() {
				t.Logf("%s (%s:%d): %s", m.Name, m.File, a.Line, group(a))
			}
		}
	}
	t.Logf("%d methods have %d groups of parameters of which a call gives one", methods, groups)
	// The snapshot the project is measured on has 41 methods with 49
	// groups in either edition.
	between(t, "methods with groups", methods, 35, 80)
	for file, want := range map[string]string{
		"lists/elements/lists-element-add.md":                 "IBLOCK_ID | IBLOCK_CODE",
		"telephony/telephony-external-call-register.md":       "USER_ID | USER_PHONE_INNER",
		"vote/vote.attachedvote.download.md":                  "attachId | moduleId | entityType | entityId | signedAttachId",
		"calendar/resource/calendar-resource-booking-list.md": "filter: resourceTypeIdList | resourceIdList",
		"chats/messages/im-message-add.md":                    "MESSAGE | ATTACH",
		"sign/sign-b2e-document-send.md":                      "fields.company: uuid | crmId",
		"chat-bots/chat-bots-v2/imbot.v2/bots/bot-get.md":     "botId | code",
	} {
		m := method(t, res, file)
		var got []string
		for _, a := range m.Alternatives {
			got = append(got, group(a))
		}
		if !slices.Contains(got, want) {
			t.Errorf("%s: groups %q, want one %q", file, got, want)
		}
	}
}

// group writes a group as "parent: a | b".
func group(a model.Alternative) string {
	s := strings.Join(a.Params, " | ")
	if len(a.Parent) > 0 {
		s = strings.Join(a.Parent, ".") + ": " + s
	}
	return s
}
