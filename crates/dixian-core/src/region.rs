//! Region names → a jurisdiction chain. 湖北, 湖北省, 湖北省武汉市 and 武汉市 all find 湖北; a city with no
//! rules of its own falls back to its province, and the report says so.

use crate::rules::{JurisdictionId, RuleSet};

/// Where a region resolved to, with a note when a city fell back to its province.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    pub jurisdiction: JurisdictionId,
    pub note: Option<String>,
}

/// Why a region could not be resolved; lists what is known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownRegion {
    pub message: String,
}

const SUFFIXES: [&str; 5] = ["市", "地区", "自治州", "盟", "区"];

fn strip_suffix(name: &str) -> &str {
    SUFFIXES
        .iter()
        .find_map(|s| name.strip_suffix(s).filter(|r| !r.is_empty()))
        .unwrap_or(name)
}

fn names(set: &RuleSet, id: JurisdictionId) -> impl Iterator<Item = &str> {
    set.jurisdiction(id)
        .into_iter()
        .flat_map(|j| std::iter::once(j.name.as_str()).chain(j.names.iter().map(String::as_str)))
}

fn ids(set: &RuleSet) -> impl Iterator<Item = JurisdictionId> + '_ {
    (0..set.jurisdictions.len())
        .filter_map(|i| u16::try_from(i).ok())
        .map(JurisdictionId)
}

/// The longest name of any child of `parent` (or of a root-level region when `parent` is the root) that
/// starts `text`.
fn longest_prefix(
    set: &RuleSet,
    text: &str,
    parent: Option<JurisdictionId>,
) -> Option<(JurisdictionId, usize)> {
    ids(set)
        .filter(|&id| match parent {
            Some(p) => set.jurisdiction(id).and_then(|j| j.parent) == Some(p),
            None => true,
        })
        .flat_map(|id| {
            names(set, id)
                .filter(|n| text.starts_with(n))
                .map(move |n| (id, n.len()))
        })
        .max_by_key(|&(id, len)| (len, std::cmp::Reverse(id)))
}

pub fn resolve(set: &RuleSet, region: &str) -> Result<Resolved, UnknownRegion> {
    let text: String = region.chars().filter(|c| !c.is_whitespace()).collect();
    if let Some((mut at, mut used)) = longest_prefix(set, &text, None) {
        // Walk down: 湖北省 → 武汉市 if 武汉 has rules of its own.
        loop {
            let rest = text.get(used..).unwrap_or("");
            if rest.is_empty() {
                return Ok(Resolved {
                    jurisdiction: at,
                    note: None,
                });
            }
            match longest_prefix(set, rest, Some(at)) {
                Some((child, len)) => {
                    at = child;
                    used += len;
                }
                None => {
                    let name = set.jurisdiction(at).map_or("", |j| j.name.as_str());
                    return Ok(Resolved {
                        jurisdiction: at,
                        note: Some(format!("“{rest}”没有本地规则，适用{name}的规则")),
                    });
                }
            }
        }
    }
    // A city named alone: find the one province that lists it.
    let city = strip_suffix(&text);
    let owners: Vec<JurisdictionId> = ids(set)
        .filter(|&id| {
            set.jurisdiction(id)
                .is_some_and(|j| j.cities.iter().any(|c| strip_suffix(c) == city))
        })
        .collect();
    if let [owner] = owners[..] {
        let name = set.jurisdiction(owner).map_or("", |j| j.name.as_str());
        return Ok(Resolved {
            jurisdiction: owner,
            note: Some(format!("“{region}”没有本地规则，适用{name}的规则")),
        });
    }
    let mut known: Vec<&str> = set.jurisdictions.iter().map(|j| j.name.as_str()).collect();
    known.sort_unstable();
    let message = if owners.len() > 1 {
        format!("地区“{region}”有歧义：多个省份都有同名城市，请写明省份（如 湖北省{region}）")
    } else {
        format!("未知地区“{region}”。已知地区：{}", known.join("、"))
    };
    Err(UnknownRegion { message })
}
