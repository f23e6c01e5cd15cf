//! `portfolio.missing`: a county the plan serves with no MOU under a
//! template it needs. A cross-file rule: `moulint portfolio` reports it
//! from the plan profile and every MOU of the repository, never `check`.

use crate::diagnostic::Severity;
use crate::rule::{RuleMeta, Scope};

pub const ID: &str = "portfolio.missing";

pub const META: RuleMeta = RuleMeta {
    id: ID,
    title: "MOU missing from the portfolio",
    default_severity: Severity::Error,
    decides: &[],
    scope: Scope::Portfolio,
    summary: "a county the plan serves has no MOU, executed or in draft, under a template it needs, and no good-faith effort recorded",
    doc: "\
## What it checks
`moulint portfolio` reads the plan profile (`plan.yaml`, or `[plan]` in
`moulint.toml`): the counties the plan serves and what operates in each
(`dmc-ods` or `dmc-state-plan`, `whole-child-model`,
`targeted-case-management`). Each county needs an MOU under every template
of `every_county` in `rules/vocab/portfolio.yaml` and under the templates
of its features, less those the profile leaves out with a reason
(`not_needed`). A needed template with no MOU in the repository whose
`counties` name the county and whose `template` names the template is one
finding. A recorded good-faith effort (`good_faith` in the profile, or in a
draft MOU's records) is shown in the matrix instead.

## Why the state's review cares
APL 23-029 requires an MOU with every required entity in every county
where the entity has responsibilities; a plan that cannot execute one must
show good-faith efforts.

## Example
```yaml
# plan.yaml
counties:
  - county: Alpine
    operates: [dmc-state-plan]
```
With no MOU naming `template: dmc` and `counties: [Alpine]`, the `dmc`
cell of Alpine is missing.

## How to fix
Add the MOU's draft to the repository (`moulint init dmc`), or record the
efforts made (`good_faith: [{county, template, date, action}]` in the
profile), or, if the county truly needs none, list the template under the
county's `not_needed` with the reason.",
};
