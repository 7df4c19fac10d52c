package news_test

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/orgnews/orgnews/news"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// matrix is the workflow as the package documentation tabulates it: for
// each approval setting and action, the states (by the two letters of the
// table) in which each role may do it, for an article in scope and, for a
// contributor, owned. "all" is every state, "-" none.
var matrix = map[bool]map[news.Action][4]string{
	true: {
		news.ActionView:            {"all", "all", "all", "all"},
		news.ActionEdit:            {"dr re", "dr su re", "dr su aw re pu", "dr su aw re pu"},
		news.ActionSubmit:          {"dr re", "dr re", "dr re", "dr re"},
		news.ActionReturn:          {"-", "su", "su aw", "su aw"},
		news.ActionSendForApproval: {"-", "dr su re", "dr su re", "dr su re"},
		news.ActionApprove:         {"-", "-", "aw", "aw"},
		news.ActionPublish:         {"-", "-", "all", "all"},
		news.ActionSchedule:        {"-", "-", "all", "all"},
		news.ActionUnpublish:       {"-", "-", "pu ar", "pu ar"},
		news.ActionArchive:         {"-", "-", "dr su aw re pu", "dr su aw re pu"},
		news.ActionDelete:          {"dr re", "dr su re", "dr su aw re ar", "all"},
		news.ActionRestore:         {"dr re", "dr su re", "dr su aw re pu", "dr su aw re pu"},
	},
	false: {
		news.ActionView:            {"all", "all", "all", "all"},
		news.ActionEdit:            {"dr re", "dr su aw re pu", "dr su aw re pu", "dr su aw re pu"},
		news.ActionSubmit:          {"dr re", "dr re", "dr re", "dr re"},
		news.ActionReturn:          {"-", "su aw", "su aw", "su aw"},
		news.ActionSendForApproval: {"-", "-", "-", "-"},
		news.ActionApprove:         {"-", "-", "-", "-"},
		news.ActionPublish:         {"-", "all", "all", "all"},
		news.ActionSchedule:        {"-", "all", "all", "all"},
		news.ActionUnpublish:       {"-", "pu ar", "pu ar", "pu ar"},
		news.ActionArchive:         {"-", "dr su aw re pu", "dr su aw re pu", "dr su aw re pu"},
		news.ActionDelete:          {"dr re", "dr su re", "dr su aw re ar", "all"},
		news.ActionRestore:         {"dr re", "dr su aw re pu", "dr su aw re pu", "dr su aw re pu"},
	},
}

// abbrev is the two letters of a state in the table.
func abbrev(s news.Status) string { return string(s)[:2] }

// allowed reports whether the table lets role do action in state.
func allowed(approval bool, action news.Action, role news.Role, state news.Status) bool {
	cell := matrix[approval][action][slices.Index(news.Roles(), role)]
	return cell == "all" || slices.Contains(strings.Fields(cell), abbrev(state))
}

// TestPermitMatrix checks every cell: each approval setting, role, action
// and state, in scope or not, owned or not.
func TestPermitMatrix(t *testing.T) {
	t.Parallel()
	cells := 0
	for _, approval := range []bool{true, false} {
		for _, action := range news.WorkflowActions() {
			if action == news.ActionCreate {
				continue
			}
			for _, state := range news.Statuses() {
				possible := false
				for _, r := range news.Roles() {
					possible = possible || allowed(approval, action, r, state)
				}
				for _, role := range news.Roles() {
					for _, inScope := range []bool{true, false} {
						for _, owner := range []bool{true, false} {
							at := news.Attempt{Role: role, Action: action, State: state, ApprovalRequired: approval, InScope: inScope, Owner: owner}
							admin := role == news.RoleAdmin
							var want error
							switch {
							case !admin && !owner && (role == news.RoleContributor || !inScope):
								want = news.ErrNotFound
							case !possible:
								want = news.ErrConflict
							case !allowed(approval, action, role, state):
								want = news.ErrForbidden
							case action != news.ActionView && !admin && !inScope:
								want = news.ErrForbidden
							}
							cells++
							err := news.Permit(at)
							if want == nil {
								assert.NoError(t, err, "Permit(%+v)", at)
								continue
							}
							var te *news.TransitionError
							if assert.ErrorAs(t, err, &te, "Permit(%+v)", at) {
								assert.ErrorIs(t, err, want, "Permit(%+v) = %v", at, err)
								assert.Equal(t, at.Action, te.Action)
								assert.Equal(t, at.Role, te.Role)
								assert.Equal(t, at.State, te.State)
								assert.NotEmpty(t, te.Rule)
							}
						}
					}
				}
			}
		}
	}
	assert.Equal(t, 2*12*6*4*2*2, cells)
}

func TestPermitCreate(t *testing.T) {
	t.Parallel()
	for _, approval := range []bool{true, false} {
		for _, role := range news.Roles() {
			for _, inScope := range []bool{true, false} {
				at := news.Attempt{Role: role, Action: news.ActionCreate, ApprovalRequired: approval, InScope: inScope}
				err := news.Permit(at)
				if inScope || role == news.RoleAdmin {
					assert.NoError(t, err, "Permit(%+v)", at)
				} else {
					assert.ErrorIs(t, err, news.ErrForbidden, "Permit(%+v)", at)
				}
				for _, state := range news.Statuses() {
					at.State = state
					assert.ErrorIs(t, news.Permit(at), news.ErrConflict, "Permit(%+v)", at)
				}
			}
		}
	}
}

func TestPermitRules(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		at   news.Attempt
		want string
		kind error
	}{
		{"contributor publishes", news.Attempt{Role: news.RoleContributor, Action: news.ActionPublish, State: news.StatusDraft, ApprovalRequired: true, InScope: true, Owner: true},
			"contributor may not publish a draft article: only approver or admin may publish a draft article while the approval step is on", news.ErrForbidden},
		{"editor publishes without approval step", news.Attempt{Role: news.RoleEditor, Action: news.ActionPublish, State: news.StatusSubmitted, InScope: true}, "", nil},
		{"submit a published article", news.Attempt{Role: news.RoleEditor, Action: news.ActionSubmit, State: news.StatusPublished, ApprovalRequired: true, InScope: true},
			"editor may not submit a published article: only a draft or a returned article is submitted", news.ErrConflict},
		{"approve with the step off", news.Attempt{Role: news.RoleApprover, Action: news.ActionApprove, State: news.StatusAwaitingApproval, InScope: true},
			"approver may not approve an awaiting approval article: the approval step is off: publish instead", news.ErrConflict},
		{"another's draft", news.Attempt{Role: news.RoleContributor, Action: news.ActionView, State: news.StatusDraft, InScope: true},
			"contributor may not view a draft article: contributors see only their own articles", news.ErrNotFound},
		{"edit outside scope", news.Attempt{Role: news.RoleEditor, Action: news.ActionEdit, State: news.StatusDraft, ApprovalRequired: true, Owner: true},
			"editor may not edit a draft article: the article's category is outside your scope", news.ErrForbidden},
		{"contributor edits own submitted", news.Attempt{Role: news.RoleContributor, Action: news.ActionEdit, State: news.StatusSubmitted, ApprovalRequired: true, InScope: true, Owner: true},
			"contributor may not edit a submitted article: only editor, approver or admin may edit a submitted article", news.ErrForbidden},
		{"approver deletes a published article", news.Attempt{Role: news.RoleApprover, Action: news.ActionDelete, State: news.StatusPublished, ApprovalRequired: true, InScope: true},
			"approver may not delete a published article: only admin may delete a published article", news.ErrForbidden},
		{"unknown role", news.Attempt{Role: "guest", Action: news.ActionView, State: news.StatusDraft}, "guest may not view a draft article: unknown role", news.ErrForbidden},
		{"create in another category", news.Attempt{Role: news.RoleContributor, Action: news.ActionCreate}, "contributor may not create: the category is outside your scope", news.ErrForbidden},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := news.Permit(tc.at)
			if tc.kind == nil {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Equal(t, tc.want, err.Error())
			assert.ErrorIs(t, err, tc.kind)
		})
	}
	err := news.Permit(news.Attempt{Role: news.RoleAdmin, Action: news.ActionSignIn, State: news.StatusDraft})
	assert.ErrorIs(t, err, news.ErrInvalid, "an action that is not a workflow action")
	err = news.Permit(news.Attempt{Role: news.RoleAdmin, Action: news.ActionEdit, State: "lost"})
	assert.ErrorIs(t, err, news.ErrConflict, "an unknown state")
}

// TestMatrixDocumented checks that the table in the package documentation
// is the matrix the tests hold Permit to.
func TestMatrixDocumented(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile("doc.go")
	require.NoError(t, err)
	rows := map[news.Action][4]string{}
	in := false
	for line := range strings.Lines(string(doc)) {
		line = strings.TrimSpace(strings.TrimPrefix(line, "//"))
		if strings.HasPrefix(line, "action ") && strings.Contains(line, "contributor") {
			in = true
			continue
		}
		if !in {
			continue
		}
		if line == "" {
			break
		}
		// Columns are at least two spaces apart.
		var cols []string
		for _, c := range strings.Split(line, "  ") {
			if c = strings.TrimSpace(c); c != "" {
				cols = append(cols, c)
			}
		}
		require.Len(t, cols, 5, "documented row %q", line)
		rows[news.Action(cols[0])] = [4]string{cols[1], cols[2], cols[3], cols[4]}
	}
	for action, want := range matrix[true] {
		assert.Equal(t, want, rows[action], "documented row of %s", action)
	}
	assert.Equal(t, [4]string{"(in scope)", "(in scope)", "(in scope)", "yes"}, rows[news.ActionCreate])
	assert.Len(t, rows, len(news.WorkflowActions()))
}

func TestActionTarget(t *testing.T) {
	t.Parallel()
	tests := []struct {
		action news.Action
		want   news.Status
		moves  bool
	}{
		{news.ActionSubmit, news.StatusSubmitted, true},
		{news.ActionReturn, news.StatusReturned, true},
		{news.ActionSendForApproval, news.StatusAwaitingApproval, true},
		{news.ActionApprove, news.StatusPublished, true},
		{news.ActionPublish, news.StatusPublished, true},
		{news.ActionSchedule, news.StatusPublished, true},
		{news.ActionUnpublish, news.StatusDraft, true},
		{news.ActionArchive, news.StatusArchived, true},
		{news.ActionEdit, news.StatusReturned, false},
		{news.ActionRestore, news.StatusReturned, false},
		{news.ActionDelete, news.StatusReturned, false},
	}
	for _, tc := range tests {
		got, moves := tc.action.Target(news.StatusReturned)
		assert.Equal(t, tc.want, got, "%s.Target", tc.action)
		assert.Equal(t, tc.moves, moves, "%s.Target moves", tc.action)
	}
}

func TestRolesAndStatuses(t *testing.T) {
	t.Parallel()
	roles := news.Roles()
	for i, r := range roles {
		assert.True(t, r.Valid())
		assert.NotEqual(t, string(r), r.Label(), "Vietnamese name of %s", r)
		for j, s := range roles {
			assert.Equal(t, i >= j, r.AtLeast(s), "%s.AtLeast(%s)", r, s)
		}
	}
	assert.False(t, news.Role("khach").Valid())
	assert.False(t, news.Role("khach").AtLeast(news.RoleContributor))
	assert.Equal(t, "khach", news.Role("khach").Label())
	labels := map[string]bool{}
	for _, s := range news.Statuses() {
		assert.True(t, s.Valid())
		labels[s.Label()] = true
	}
	assert.Len(t, labels, 6, "every status has its own Vietnamese name")
	assert.Equal(t, "chờ duyệt", news.StatusAwaitingApproval.Label())
	assert.Equal(t, "trả lại", news.StatusReturned.Label())
	assert.False(t, news.Status("scheduled").Valid())
	assert.True(t, errors.Is(news.ErrTOTPRequired, news.ErrUnauthenticated))
	assert.Equal(t, fmt.Sprint(news.StatusDraft), "draft")
}

func TestPermitAllowed(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		at   news.Attempt
		want []news.Action
	}{
		{"contributor publishing own draft", news.Attempt{Role: news.RoleContributor, Action: news.ActionPublish, State: news.StatusDraft,
			ApprovalRequired: true, InScope: true, Owner: true},
			[]news.Action{news.ActionEdit, news.ActionSubmit, news.ActionDelete, news.ActionRestore}},
		{"editor submitting a published article", news.Attempt{Role: news.RoleEditor, Action: news.ActionSubmit, State: news.StatusPublished,
			ApprovalRequired: true, InScope: true}, nil},
		{"approver approving a draft", news.Attempt{Role: news.RoleApprover, Action: news.ActionApprove, State: news.StatusDraft,
			ApprovalRequired: true, InScope: true},
			[]news.Action{news.ActionEdit, news.ActionSubmit, news.ActionSendForApproval, news.ActionPublish, news.ActionSchedule,
				news.ActionArchive, news.ActionDelete, news.ActionRestore}},
		{"contributor on another's article: not even seen", news.Attempt{Role: news.RoleContributor, Action: news.ActionEdit,
			State: news.StatusDraft, ApprovalRequired: true, InScope: true}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var te *news.TransitionError
			require.ErrorAs(t, news.Permit(tc.at), &te)
			assert.Equal(t, tc.want, te.Allowed)
		})
	}
}
