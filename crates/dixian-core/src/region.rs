//! Region names → a jurisdiction chain. 湖北, 湖北省, 湖北省武汉市 and 武汉市 all find 湖北; a city with no
//! rules of its own falls back to its province, and the report says so.
//!
//! Matching goes from the most to the least certain reading, so that a city whose name starts like a
//! province (吉林市, 海南藏族自治州, 鄂尔多斯市, 宁波市) is never mistaken for that province:
//! 1. the whole text is a jurisdiction's name or alias (湖北, 湖北省, 宁, 北京市);
//! 2. the whole text is a listed city, written in full (武汉市, 朝阳区) or without its suffix (武汉);
//! 3. the text starts with a jurisdiction's name (two characters or more: one-character abbreviations such
//!    as 宁 or 鄂 only ever match whole) and the rest names a child jurisdiction or a city.

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

fn name_of(set: &RuleSet, id: JurisdictionId) -> &str {
    set.jurisdiction(id).map_or("", |j| j.name.as_str())
}

/// The longest name (of two characters or more) of any child of `parent` (or of any region when
/// `parent` is `None`) that starts `text`.
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
                .filter(|n| n.chars().count() >= 2 && text.starts_with(n))
                .map(move |n| (id, n.len()))
        })
        .max_by_key(|&(id, len)| (len, std::cmp::Reverse(id)))
}

/// The jurisdictions that list `city` among their cities: written in full first, else without suffix.
fn city_owners(set: &RuleSet, city: &str) -> Vec<JurisdictionId> {
    let owners = |matches: &dyn Fn(&str) -> bool| -> Vec<JurisdictionId> {
        ids(set)
            .filter(|&id| {
                set.jurisdiction(id)
                    .is_some_and(|j| j.cities.iter().any(|c| matches(c)))
            })
            .collect()
    };
    let exact = owners(&|c| c == city);
    if !exact.is_empty() {
        return exact;
    }
    let bare = strip_suffix(city);
    owners(&|c| strip_suffix(c) == bare)
}

fn fallback(set: &RuleSet, at: JurisdictionId, city: &str) -> Resolved {
    Resolved {
        jurisdiction: at,
        note: Some(format!(
            "“{city}”没有本地规定，适用{}的规定",
            set.jurisdiction(at)
                .map_or("", crate::render::words::authority_of)
        )),
    }
}

/// Finds the jurisdiction whose rules apply to `region`.
pub fn resolve(set: &RuleSet, region: &str) -> Result<Resolved, UnknownRegion> {
    let text: String = region.chars().filter(|c| !c.is_whitespace()).collect();
    if let Some(id) = ids(set).find(|&id| names(set, id).any(|n| n == text)) {
        return Ok(Resolved {
            jurisdiction: id,
            note: None,
        });
    }
    let owners = city_owners(set, &text);
    if let [owner] = owners[..] {
        return Ok(fallback(set, owner, &text));
    }
    if owners.len() > 1 {
        let provinces: Vec<&str> = owners.iter().map(|o| name_of(set, *o)).collect();
        return Err(UnknownRegion {
            message: format!(
                "地区“{region}”有歧义：{}都有同名的地方，请写明省份（如 {}{region}）",
                provinces.join("、"),
                provinces.first().copied().unwrap_or("")
            ),
        });
    }
    if let Some((mut at, mut used)) = longest_prefix(set, &text, None) {
        // Walk down: 山东省 → 济南市 when 济南 has rules of its own.
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
                None => return Ok(fallback(set, at, rest)),
            }
        }
    }
    let mut known: Vec<&str> = set.jurisdictions.iter().map(|j| j.name.as_str()).collect();
    crate::sort::sort(&mut known);
    Err(UnknownRegion {
        message: format!("未知地区“{region}”。已知地区：{}", known.join("、")),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn resolved(region: &str) -> (String, bool) {
        let set = crate::rules::builtin().expect("built-in rules load");
        let r = resolve(&set, region).unwrap_or_else(|e| panic!("{region}: {}", e.message));
        (name_of(&set, r.jurisdiction).to_owned(), r.note.is_some())
    }

    #[test]
    fn provinces_in_their_usual_forms() {
        for (text, expected) in [
            ("湖北", "湖北"),
            ("湖北省", "湖北"),
            ("宁夏", "宁夏"),
            ("宁夏回族自治区", "宁夏"),
            ("内蒙古自治区", "内蒙古"),
            ("内蒙古", "内蒙古"),
            ("新疆维吾尔自治区", "新疆"),
            ("广西壮族自治区", "广西"),
            ("西藏自治区", "西藏"),
            ("北京", "北京"),
            ("北京市", "北京"),
            ("天津市", "天津"),
            ("上海", "上海"),
            ("重庆市", "重庆"),
            (" 湖 北 省 ", "湖北"),
            ("全国", "全国"),
        ] {
            assert_eq!(resolved(text), (expected.to_owned(), false), "{text}");
        }
    }

    #[test]
    fn cities_fall_back_to_their_province_with_a_note() {
        for (text, expected) in [
            ("湖北省武汉市", "湖北"),
            ("武汉市", "湖北"),
            ("武汉", "湖北"),
            ("江苏省南通市", "江苏"),
            ("南通市", "江苏"),
            ("吴忠市", "宁夏"),
            ("成都", "四川"),
            ("广州市", "广东"),
            ("北京市海淀区", "北京"),
            ("海淀区", "北京"),
            // Cities whose names start like another province's name or abbreviation.
            ("吉林市", "吉林"),
            ("海南藏族自治州", "青海"),
            ("鄂尔多斯市", "内蒙古"),
            ("宁波市", "浙江"),
            ("河北区", "天津"),
            ("内蒙古自治区呼和浩特市", "内蒙古"),
        ] {
            assert_eq!(resolved(text), (expected.to_owned(), true), "{text}");
        }
    }

    #[test]
    fn unknown_and_ambiguous_regions_are_errors() {
        let set = crate::rules::builtin().expect("built-in rules load");
        let unknown = resolve(&set, "火星").expect_err("unknown");
        assert!(
            unknown.message.contains("已知地区") && unknown.message.contains("湖北"),
            "{}",
            unknown.message
        );
        // 朝阳 is both 北京市朝阳区 and 辽宁省朝阳市.
        let ambiguous = resolve(&set, "朝阳").expect_err("ambiguous");
        assert!(ambiguous.message.contains("歧义"), "{}", ambiguous.message);
        assert_eq!(resolved("朝阳市"), ("辽宁".to_owned(), true));
        assert_eq!(resolved("朝阳区"), ("北京".to_owned(), true));
    }
}
