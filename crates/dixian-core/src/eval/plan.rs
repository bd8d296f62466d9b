//! A rule set compiled for one jurisdiction chain: which rules apply and at what depth, where the
//! contract's term must be cut, and the texts every finding under a version repeats (expected value,
//! citations). Built on the first contract of a chain and kept in the rule set's [`Cache`], with the
//! region names already resolved, so a batch pays for them once instead of once per contract.

use super::text::CharMask;
use crate::region::{self, Resolved, UnknownRegion};
use crate::rules::{Check, JurisdictionId, Operand, Rule, RuleSet, Version};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, RwLock};

/// Region names resolved beyond this many are not remembered (a batch of made-up names cannot grow
/// the cache without bound).
const MAX_REMEMBERED_REGIONS: usize = 4096;

/// One version as evaluation needs it, precomputed.
pub(super) struct VersionPlan {
    /// `≥158天` for a bound on a quantity (a bound on a fact depends on the contract).
    pub expected: Option<String>,
    /// The version's citations as a finding shows them: from each day where the citations in force
    /// change (the version's start first), those in force.
    pub citations: Vec<(Option<NaiveDate>, String)>,
    /// For forbidden wording: each pattern with the characters a text must contain to match it.
    pub patterns: Vec<CharMask>,
}

pub(super) struct RulePlan {
    /// Index into `RuleSet::rules`.
    pub rule: usize,
    /// Position of the rule's jurisdiction in the chain (0 = 全国).
    pub depth: usize,
    /// Parallel to the rule's versions.
    pub versions: Vec<VersionPlan>,
}

pub(super) struct Plan {
    /// The chain's jurisdiction names, root first.
    pub names: Vec<String>,
    /// Who makes each jurisdiction's rules, as a reader names it (国家, 湖北省), parallel to `names`.
    pub authorities: Vec<String>,
    /// The last jurisdiction of the chain, for the names its statutes give terms.
    pub at: JurisdictionId,
    pub rules: Vec<RulePlan>,
    /// Every date where some version starts or the day after one ends, sorted, without repeats.
    pub cuts: Vec<NaiveDate>,
    /// Whether any rule checks wording (so clause texts need scanning at all).
    pub has_text: bool,
}

impl Plan {
    fn new(set: &RuleSet, at: JurisdictionId) -> Self {
        let chain = set.chain(at);
        let vocab = &set.vocabulary;
        let mut cuts = Vec::new();
        let mut has_text = false;
        let rules: Vec<RulePlan> = set
            .rules
            .iter()
            .enumerate()
            .filter_map(|(i, r)| {
                let depth = chain.iter().position(|j| *j == r.jurisdiction)?;
                Some((i, r, depth))
            })
            .map(|(i, r, depth)| {
                cuts.extend(version_cuts(r));
                let versions = r
                    .versions
                    .iter()
                    .map(|v| VersionPlan {
                        expected: match &v.check {
                            Check::Bound {
                                op,
                                value: Operand::Quantity(q),
                                term,
                            } => Some(crate::render::words::requirement(
                                *op,
                                *q,
                                vocab.term_info(*term),
                                vocab,
                            )),
                            _ => None,
                        },
                        citations: citation_windows(v),
                        patterns: match &v.check {
                            Check::ForbidText { patterns } => {
                                has_text = true;
                                patterns.iter().map(|p| CharMask::of(p)).collect()
                            }
                            _ => Vec::new(),
                        },
                    })
                    .collect();
                RulePlan {
                    rule: i,
                    depth,
                    versions,
                }
            })
            .collect();
        crate::sort::sort(&mut cuts);
        cuts.dedup();
        Plan {
            at,
            names: chain
                .iter()
                .filter_map(|j| set.jurisdiction(*j))
                .map(|j| j.name.clone())
                .collect(),
            authorities: chain
                .iter()
                .filter_map(|j| set.jurisdiction(*j))
                .map(|j| crate::render::words::authority_of(j).to_owned())
                .collect(),
            rules,
            cuts,
            has_text,
        }
    }

    /// The rule a plan entry stands for.
    pub fn rule<'s>(&self, set: &'s RuleSet, entry: &RulePlan) -> Option<&'s Rule> {
        set.rules.get(entry.rule)
    }
}

fn version_cuts(rule: &Rule) -> impl Iterator<Item = NaiveDate> + '_ {
    rule.versions.iter().flat_map(|v| {
        v.from
            .into_iter()
            .chain(v.until.and_then(|u| u.succ_opt()))
            .chain(v.citation_cuts())
    })
}

fn citation_windows(v: &Version) -> Vec<(Option<NaiveDate>, String)> {
    let mut starts: Vec<NaiveDate> = v.citation_cuts().collect();
    crate::sort::sort(&mut starts);
    starts.dedup();
    let first = v.from.unwrap_or(NaiveDate::MIN);
    std::iter::once((v.from, v.citations_on(first)))
        .chain(starts.into_iter().map(|d| (Some(d), v.citations_on(d))))
        .collect()
}

impl VersionPlan {
    /// The citations that ground a finding on `day`.
    pub fn citations_on(&self, day: NaiveDate) -> &str {
        self.citations
            .iter()
            .rev()
            .find(|(from, _)| from.is_none_or(|f| f <= day))
            .or(self.citations.first())
            .map_or("", |(_, text)| text.as_str())
    }
}

/// What a rule set remembers between checks: resolved region names and a plan per chain. It is
/// filled on first use and shared by threads; a clone starts empty (it may be changed before use).
/// A rule set whose rules or jurisdictions are changed after it has checked a contract must call
/// [`RuleSet::forget_compiled`](crate::rules::RuleSet::forget_compiled).
#[derive(Default)]
pub struct Cache {
    plans: RwLock<HashMap<JurisdictionId, Arc<Plan>>>,
    regions: RwLock<HashMap<String, Result<Resolved, UnknownRegion>>>,
}

impl Cache {
    pub(super) fn plan(&self, set: &RuleSet, at: JurisdictionId) -> Arc<Plan> {
        if let Some(p) = self.plans.read().ok().and_then(|m| m.get(&at).cloned()) {
            return p;
        }
        let plan = Arc::new(Plan::new(set, at));
        if let Ok(mut m) = self.plans.write() {
            m.insert(at, Arc::clone(&plan));
        }
        plan
    }

    pub(super) fn resolve(&self, set: &RuleSet, name: &str) -> Result<Resolved, UnknownRegion> {
        if let Some(r) = self.regions.read().ok().and_then(|m| m.get(name).cloned()) {
            return r;
        }
        let resolved = region::resolve(set, name);
        if let Ok(mut m) = self.regions.write() {
            if m.len() < MAX_REMEMBERED_REGIONS {
                m.insert(name.to_owned(), resolved.clone());
            }
        }
        resolved
    }

    /// Drops everything remembered.
    pub fn clear(&mut self) {
        *self = Self::default();
    }
}

impl Clone for Cache {
    fn clone(&self) -> Self {
        Self::default()
    }
}

impl fmt::Debug for Cache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plans = self.plans.read().map_or(0, |m| m.len());
        let regions = self.regions.read().map_or(0, |m| m.len());
        write!(f, "Cache {{ {plans} plans, {regions} regions }}")
    }
}
