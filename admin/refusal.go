package admin

import (
	"errors"
	"fmt"
	"strings"

	"github.com/orgnews/orgnews/news"
)

// refusal returns what staff read when err refuses their step, in l's
// language, or "" when err is not a refusal it words (the page then shows
// the domain's message). A workflow refusal (a *news.TransitionError)
// says what may not be done to an article in which state, why, and what
// the person may do instead; a slug another category holds says whose.
func refusal(l *locale, err error) string {
	var te *news.TransitionError
	var st *news.SlugTakenError
	switch {
	case errors.As(err, &te) && !errors.Is(te.Kind, news.ErrNotFound) && !errors.Is(te.Kind, news.ErrInvalid):
		return transitionRefusal(l, te)
	case errors.As(err, &st) && st.Alias:
		return fmt.Sprintf(l.T("refusal.slug-alias"), st.Slug, st.Owner)
	case errors.As(err, &st):
		return fmt.Sprintf(l.T("refusal.slug"), st.Slug, st.Owner)
	}
	return ""
}

// transitionRefusal words te: the sentence of its kind, then what the
// person may do instead.
func transitionRefusal(l *locale, te *news.TransitionError) string {
	act := strings.ToLower(l.Action(te.Action))
	var s string
	switch {
	case te.Action == news.ActionCreate && strings.Contains(te.Rule, "scope"):
		return l.T("refusal.create-scope")
	case te.Action == news.ActionCreate:
		return l.T("refusal.create-exists")
	case errors.Is(te.Kind, news.ErrConflict):
		s = fmt.Sprintf(l.T("refusal.state"), act, l.Status(te.State), l.T(stateReason(te)))
	case strings.Contains(te.Rule, "scope"):
		s = fmt.Sprintf(l.T("refusal.scope"), act)
	default:
		when := ""
		if strings.Contains(te.Rule, "approval step is on") {
			when = l.T("refusal.while-approval")
		}
		s = fmt.Sprintf(l.T("refusal.role"), l.Role(te.Role), act, l.Status(te.State), when)
	}
	if len(te.Allowed) == 0 {
		return s + " " + l.T("refusal.nothing-else")
	}
	names := make([]string, len(te.Allowed))
	for i, a := range te.Allowed {
		names[i] = "“" + l.Action(a) + "”"
	}
	return s + " " + fmt.Sprintf(l.T("refusal.allowed"), strings.Join(names, ", "))
}

// stateReason returns the catalogue key of why the article's state does
// not allow te's action at all.
func stateReason(te *news.TransitionError) string {
	switch {
	case strings.Contains(te.Rule, "approval step is off"):
		return "refusal.reason.no-approval"
	case te.Action == news.ActionRestore:
		return "refusal.reason.edit"
	}
	key := "refusal.reason." + string(te.Action)
	if _, ok := messages[key]; ok {
		return key
	}
	return "refusal.reason.other"
}
