package news

import (
	"errors"
	"slices"
)

// An Action is something done in the newsroom. The workflow actions act on
// an article and are decided by [Permit]; the others only name what an
// [AuditEntry] records.
type Action string

// The workflow actions on an article.
const (
	ActionView            Action = "view"              // read it in the newsroom
	ActionCreate          Action = "create"            // write a new draft
	ActionEdit            Action = "edit"              // change its fields (a save or an autosave)
	ActionSubmit          Action = "submit"            // draft or returned → submitted (chờ biên tập)
	ActionReturn          Action = "return"            // submitted or awaiting approval → returned (trả lại), with a comment
	ActionSendForApproval Action = "send-for-approval" // → awaiting approval (chờ duyệt)
	ActionApprove         Action = "approve"           // awaiting approval → published, now or at a time
	ActionPublish         Action = "publish"           // → published now
	ActionSchedule        Action = "schedule"          // → published at a time (scheduled when it is ahead)
	ActionUnpublish       Action = "unpublish"         // published or archived → draft
	ActionArchive         Action = "archive"           // → archived
	ActionDelete          Action = "delete"            // remove for good
	ActionRestore         Action = "restore-revision"  // make an old revision's fields current, as a new revision
)

// The actions an audit entry records besides the workflow actions.
const (
	ActionSignIn         Action = "sign-in"         // a sign-in attempt, successful or not
	ActionSignOut        Action = "sign-out"        // a session ended by its owner
	ActionConflict       Action = "conflict"        // a stale save, refused and kept as a revision
	ActionAccountCreate  Action = "account-create"  // an account created
	ActionAccountUpdate  Action = "account-update"  // an account's name, email, role, scope or disabled flag changed
	ActionPasswordChange Action = "password-change" // a password set or changed
	ActionTOTPChange     Action = "totp-change"     // a second factor enabled or removed
	ActionTokenCreate    Action = "token-create"    // an API token created
	ActionTokenRevoke    Action = "token-revoke"    // an API token revoked
	ActionCategoryCreate Action = "category-create" // a category created
	ActionCategoryUpdate Action = "category-update" // a category changed
)

// WorkflowActions lists the actions Permit decides, in workflow order.
func WorkflowActions() []Action {
	return []Action{ActionView, ActionCreate, ActionEdit, ActionSubmit, ActionReturn, ActionSendForApproval,
		ActionApprove, ActionPublish, ActionSchedule, ActionUnpublish, ActionArchive, ActionDelete, ActionRestore}
}

// An Attempt is an action an actor tries on an article, with everything
// the workflow decides it on.
type Attempt struct {
	Role   Role
	Action Action
	// State is the article's status; "" for ActionCreate, which has no
	// article yet. A scheduled article is StatusPublished.
	State Status
	// ApprovalRequired is the site's approval step: when true, only an
	// approver or an admin approves and publishes; when false, editors
	// publish too and there is no approval to send for.
	ApprovalRequired bool
	// InScope reports whether the article's category (for ActionCreate,
	// the new article's category) is in the actor's category scope.
	// Admins are never limited by scope.
	InScope bool
	// Owner reports whether the actor created the article.
	Owner bool
}

// A grant is the states in which a role may do an action.
type grant map[Role][]Status

var (
	writing   = []Status{StatusDraft, StatusReturned}
	editing   = []Status{StatusDraft, StatusSubmitted, StatusReturned}
	reviewing = []Status{StatusDraft, StatusSubmitted, StatusAwaitingApproval, StatusReturned}
	live      = []Status{StatusDraft, StatusSubmitted, StatusAwaitingApproval, StatusReturned, StatusPublished}
	every     = Statuses()
)

// grants returns who may do action in which states, under the approval
// setting.
func grants(action Action, approval bool) grant {
	// With the approval step off, editors act as approvers for publishing.
	publisher := func(states []Status) grant {
		g := grant{RoleApprover: states, RoleAdmin: states}
		if !approval {
			g[RoleEditor] = states
		}
		return g
	}
	switch action {
	case ActionView:
		return grant{RoleContributor: every, RoleEditor: every, RoleApprover: every, RoleAdmin: every}
	case ActionEdit, ActionRestore:
		ed := editing
		if !approval {
			ed = live
		}
		return grant{RoleContributor: writing, RoleEditor: ed, RoleApprover: live, RoleAdmin: live}
	case ActionSubmit:
		return grant{RoleContributor: writing, RoleEditor: writing, RoleApprover: writing, RoleAdmin: writing}
	case ActionReturn:
		ed := []Status{StatusSubmitted}
		all := []Status{StatusSubmitted, StatusAwaitingApproval}
		if !approval {
			ed = all
		}
		return grant{RoleEditor: ed, RoleApprover: all, RoleAdmin: all}
	case ActionSendForApproval:
		if !approval {
			return grant{}
		}
		return grant{RoleEditor: editing, RoleApprover: editing, RoleAdmin: editing}
	case ActionApprove:
		if !approval {
			return grant{}
		}
		return grant{RoleApprover: {StatusAwaitingApproval}, RoleAdmin: {StatusAwaitingApproval}}
	case ActionPublish, ActionSchedule:
		return publisher(every)
	case ActionUnpublish:
		return publisher([]Status{StatusPublished, StatusArchived})
	case ActionArchive:
		return publisher(live)
	case ActionDelete:
		return grant{RoleContributor: writing, RoleEditor: editing,
			RoleApprover: append(slices.Clone(reviewing), StatusArchived), RoleAdmin: every}
	}
	return nil
}

// Permit decides whether at may happen and, when not, says why with a
// *TransitionError. It is the whole workflow; the package documentation
// tabulates it. In order:
//
//   - an unknown role is forbidden (ErrForbidden), an unknown or non-workflow
//     action invalid (ErrInvalid);
//   - create: there must be no article yet (ErrConflict) and the category
//     must be in scope (ErrForbidden);
//   - any other action needs the actor to see the article, or it fails
//     with ErrNotFound: admins see every article, the owner sees their
//     own, editors and approvers see those in their scope;
//   - when no role may do the action in the article's state (such as
//     submitting a published article, or approving with the approval step
//     off), ErrConflict;
//   - when the role may not do it in that state, or (except for view) the
//     article is outside the actor's scope, ErrForbidden.
//
// A refusal of an action on an article the actor sees lists, in
// TransitionError.Allowed, what the actor may do to it instead.
func Permit(at Attempt) error {
	err := permit(at)
	if te, ok := err.(*TransitionError); ok && at.Action != ActionCreate && !errors.Is(te.Kind, ErrNotFound) {
		for _, a := range WorkflowActions() {
			other := at
			other.Action = a
			if a != ActionView && a != ActionCreate && a != at.Action && permit(other) == nil {
				te.Allowed = append(te.Allowed, a)
			}
		}
	}
	return err
}

// permit is Permit without TransitionError.Allowed.
func permit(at Attempt) error {
	deny := func(kind error, rule string) error {
		return &TransitionError{Role: at.Role, Action: at.Action, State: at.State, Rule: rule, Kind: kind}
	}
	if !at.Role.Valid() {
		return deny(ErrForbidden, "unknown role")
	}
	admin := at.Role == RoleAdmin
	inScope := admin || at.InScope
	if at.Action == ActionCreate {
		switch {
		case at.State != "":
			return deny(ErrConflict, "the article already exists")
		case !inScope:
			return deny(ErrForbidden, "the category is outside your scope")
		}
		return nil
	}
	g := grants(at.Action, at.ApprovalRequired)
	if g == nil {
		return &FieldError{Field: "action", Rule: "unknown action " + string(at.Action)}
	}
	if !at.State.Valid() {
		return deny(ErrConflict, "unknown state")
	}
	if !admin && !at.Owner && (at.Role == RoleContributor || !at.InScope) {
		if at.Role == RoleContributor {
			return deny(ErrNotFound, "contributors see only their own articles")
		}
		return deny(ErrNotFound, "the article's category is outside your scope")
	}
	possible := false
	for _, states := range g {
		possible = possible || slices.Contains(states, at.State)
	}
	if !possible {
		return deny(ErrConflict, stateRule(at.Action, at.ApprovalRequired))
	}
	if !slices.Contains(g[at.Role], at.State) {
		return deny(ErrForbidden, roleRule(at.Action, at.State, at.ApprovalRequired, g))
	}
	if at.Action != ActionView && !inScope {
		return deny(ErrForbidden, "the article's category is outside your scope")
	}
	return nil
}

// stateRule words the states in which action is possible at all.
func stateRule(action Action, approval bool) string {
	switch action {
	case ActionEdit, ActionRestore:
		return "archived articles are not edited: unpublish it first"
	case ActionSubmit:
		return "only a draft or a returned article is submitted"
	case ActionReturn:
		return "only a submitted article or one awaiting approval is returned"
	case ActionSendForApproval:
		if !approval {
			return "the approval step is off: publish instead"
		}
		return "only a draft, submitted or returned article is sent for approval"
	case ActionApprove:
		if !approval {
			return "the approval step is off: publish instead"
		}
		return "only an article awaiting approval is approved"
	case ActionUnpublish:
		return "only a published or archived article is unpublished"
	case ActionArchive:
		return "the article is already archived"
	}
	return "not possible in this state"
}

// roleRule words who may do action in state.
func roleRule(action Action, state Status, approval bool, g grant) string {
	var who []string
	for _, r := range Roles() {
		if slices.Contains(g[r], state) {
			who = append(who, string(r))
		}
	}
	rule := "only " + joinOr(who) + " may " + string(action) + " " + state.article()
	if approval && slices.Contains([]Action{ActionPublish, ActionSchedule, ActionUnpublish, ActionArchive}, action) {
		rule += " while the approval step is on"
	}
	return rule
}

// joinOr joins words as "a, b or c".
func joinOr(words []string) string {
	switch len(words) {
	case 0:
		return "nobody"
	case 1:
		return words[0]
	}
	out := ""
	for i, w := range words[:len(words)-1] {
		if i > 0 {
			out += ", "
		}
		out += w
	}
	return out + " or " + words[len(words)-1]
}

// Target returns the state an article in state from is in after the
// workflow action a, and whether a changes the state at all (view, create,
// edit, delete and restore do not; create makes a draft).
func (a Action) Target(from Status) (Status, bool) {
	switch a {
	case ActionSubmit:
		return StatusSubmitted, true
	case ActionReturn:
		return StatusReturned, true
	case ActionSendForApproval:
		return StatusAwaitingApproval, true
	case ActionApprove, ActionPublish, ActionSchedule:
		return StatusPublished, true
	case ActionUnpublish:
		return StatusDraft, true
	case ActionArchive:
		return StatusArchived, true
	}
	return from, false
}
