//! The vocabulary contracts and rules share: units and terms (产假, 卫生费 …). It is data, declared in
//! `rules/vocabulary.dixian`, so a new benefit is a new line there, not a release.

use serde::Serialize;
use std::collections::HashMap;
use std::fmt;

/// Index of a unit in the vocabulary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnitId(pub u16);

/// Index of a term in the vocabulary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TermId(pub u16);

/// The five periods (五期) of women workers' protection.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Period {
    经期,
    孕期,
    产期,
    哺乳期,
    更年期,
}

impl Period {
    pub const ALL: [Period; 5] = [
        Self::经期,
        Self::孕期,
        Self::产期,
        Self::哺乳期,
        Self::更年期,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::经期 => "经期",
            Self::孕期 => "孕期",
            Self::产期 => "产期",
            Self::哺乳期 => "哺乳期",
            Self::更年期 => "更年期",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.name() == s)
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What a term's value is: a quantity in one of some units, or a yes/no commitment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TermKind {
    Quantity(Vec<UnitId>),
    Commitment,
}

#[derive(Clone, Debug)]
pub struct Term {
    pub name: String,
    pub id: String,
    pub kind: TermKind,
    pub periods: Vec<Period>,
    /// How people read the term (流产假（怀孕满4个月）); the name when none is declared.
    pub label: Option<String>,
    /// How its figures are written, `{n}` standing for the number (怀孕{n}个月以上).
    pub value_form: Option<String>,
    /// The commitment this figure details: when that commitment is missing, so is this, and one
    /// finding says it.
    pub detail_of: Option<TermId>,
}

impl Term {
    /// The term as people read it.
    pub fn label(&self) -> &str {
        self.label.as_deref().unwrap_or(&self.name)
    }
}

/// How a quantity term is written (the vocabulary's `form` lines): an example for messages, the
/// schema and `dixian init`, and the units a bare spelling stands for when that is unambiguous for the
/// term (哺乳时间: 小时 → 小时/日).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Form {
    pub example: String,
    /// A unit as written (`小时`) and the term's unit it means (`小时/日`).
    pub infer: Vec<(String, UnitId)>,
}

#[derive(Clone, Debug, Default)]
pub struct Vocabulary {
    units: Vec<String>,
    /// Each unit's aliases, in declaration order (for the JSON schema and docs).
    aliases: Vec<Vec<String>>,
    unit_names: HashMap<String, UnitId>,
    terms: Vec<Term>,
    term_names: HashMap<String, TermId>,
    forms: HashMap<TermId, Form>,
    /// The units of the calendar (`unit 天 … calendar day`, `unit 月 … calendar month`): quantities in
    /// them add up (`98天+3个月`) and compare with each other, a month being any calendar month.
    calendar_day: Option<UnitId>,
    calendar_month: Option<UnitId>,
    /// Per term, the model clause a fix proposes when the contract leaves the term out (`{floor}`
    /// stands for the figure in force).
    models: HashMap<TermId, String>,
}

/// Which part of the calendar a unit counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Calendar {
    Day,
    Month,
}

impl Vocabulary {
    /// Declares a unit and its aliases; returns false if a name is already taken.
    pub fn add_unit(&mut self, name: &str, aliases: &[String]) -> bool {
        let id = UnitId(u16::try_from(self.units.len()).unwrap_or(u16::MAX));
        if self.unit_names.contains_key(name)
            || aliases.iter().any(|a| self.unit_names.contains_key(a))
        {
            return false;
        }
        self.units.push(name.to_owned());
        self.aliases.push(aliases.to_vec());
        self.unit_names.insert(name.to_owned(), id);
        for a in aliases {
            self.unit_names.insert(a.clone(), id);
        }
        true
    }

    /// Declares a term under its canonical name and English id; returns false if either is taken.
    pub fn add_term(&mut self, term: Term) -> bool {
        if self.term_names.contains_key(&term.name) || self.term_names.contains_key(&term.id) {
            return false;
        }
        let id = TermId(u16::try_from(self.terms.len()).unwrap_or(u16::MAX));
        self.term_names.insert(term.name.clone(), id);
        self.term_names.insert(term.id.clone(), id);
        self.terms.push(term);
        true
    }

    /// Marks a declared unit as the calendar's day or month; false if that role is already taken.
    pub fn set_calendar(&mut self, unit: UnitId, role: Calendar) -> bool {
        let slot = match role {
            Calendar::Day => &mut self.calendar_day,
            Calendar::Month => &mut self.calendar_month,
        };
        if slot.is_some_and(|u| u != unit) {
            return false;
        }
        *slot = Some(unit);
        true
    }

    pub fn calendar_day(&self) -> Option<UnitId> {
        self.calendar_day
    }

    pub fn calendar_month(&self) -> Option<UnitId> {
        self.calendar_month
    }

    /// Whether a term stated in `units` accepts `q`: its unit is one of them, or `q` is a calendar
    /// quantity (days, months or their sum) and the term is counted in calendar days or months.
    pub fn accepts(&self, units: &[UnitId], q: &crate::quantity::Quantity) -> bool {
        let calendar =
            |u: &UnitId| Some(*u) == self.calendar_day || Some(*u) == self.calendar_month;
        if q.months == 0 && units.contains(&q.unit) {
            return true;
        }
        calendar(&q.unit) && units.iter().any(calendar)
    }

    /// Lets contracts use `name` (a display label, or a region's own name for the term) as a key.
    /// False when the name already means another term.
    pub fn add_name(&mut self, id: TermId, name: &str) -> bool {
        match self.term_names.get(name) {
            Some(existing) => *existing == id,
            None => {
                self.term_names.insert(name.to_owned(), id);
                true
            }
        }
    }

    pub fn term_info_mut(&mut self, id: TermId) -> Option<&mut Term> {
        self.terms.get_mut(usize::from(id.0))
    }

    /// The term as people read it (its label, or its name).
    pub fn term_label(&self, id: TermId) -> &str {
        self.term_info(id).map_or("?", Term::label)
    }

    pub fn unit(&self, name: &str) -> Option<UnitId> {
        self.unit_names.get(name).copied()
    }

    pub fn unit_name(&self, id: UnitId) -> &str {
        self.units
            .get(usize::from(id.0))
            .map_or("?", String::as_str)
    }

    /// A term by canonical Chinese name, English id or display label.
    pub fn term(&self, name: &str) -> Option<TermId> {
        self.term_names.get(name).copied()
    }

    /// Sets a term's model clause; returns false if it already has one.
    pub fn add_model(&mut self, id: TermId, text: &str) -> bool {
        if self.models.contains_key(&id) {
            return false;
        }
        self.models.insert(id, text.to_owned());
        true
    }

    /// The model clause of a term, if the vocabulary gives one.
    pub fn model(&self, id: TermId) -> Option<&str> {
        self.models.get(&id).map(String::as_str)
    }

    pub fn term_info(&self, id: TermId) -> Option<&Term> {
        self.terms.get(usize::from(id.0))
    }

    pub fn term_name(&self, id: TermId) -> &str {
        self.term_info(id).map_or("?", |t| t.name.as_str())
    }

    pub fn term_count(&self) -> usize {
        self.terms.len()
    }

    pub fn terms(&self) -> impl Iterator<Item = (TermId, &Term)> {
        self.terms
            .iter()
            .enumerate()
            .map(|(i, t)| (TermId(u16::try_from(i).unwrap_or(u16::MAX)), t))
    }

    /// The units a term may be stated in, by name (for messages).
    pub fn units_of(&self, id: TermId) -> Vec<&str> {
        match self.term_info(id).map(|t| &t.kind) {
            Some(TermKind::Quantity(units)) => units.iter().map(|u| self.unit_name(*u)).collect(),
            _ => Vec::new(),
        }
    }

    /// Every name a contract may give the term (its Chinese name, English id, and any other), canonical
    /// name first, the rest sorted.
    pub fn names_of(&self, id: TermId) -> Vec<&str> {
        let canonical = self.term_name(id);
        let mut others: Vec<&str> = self
            .term_names
            .iter()
            .filter(|(name, t)| **t == id && name.as_str() != canonical)
            .map(|(name, _)| name.as_str())
            .collect();
        crate::sort::sort(&mut others);
        std::iter::once(canonical).chain(others).collect()
    }

    /// Every spelling a contract may write a unit in: its name and aliases.
    pub fn spellings_of(&self, id: UnitId) -> Vec<&str> {
        std::iter::once(self.unit_name(id))
            .chain(self.aliases_of(id).iter().map(String::as_str))
            .collect()
    }

    /// A unit's aliases as declared (`天`: 日 自然日).
    pub fn aliases_of(&self, id: UnitId) -> &[String] {
        self.aliases
            .get(usize::from(id.0))
            .map_or(&[], Vec::as_slice)
    }

    /// Declares how a term is written; returns false if it already has a form.
    pub fn set_form(&mut self, term: TermId, form: Form) -> bool {
        if self.forms.contains_key(&term) {
            return false;
        }
        self.forms.insert(term, form);
        true
    }

    pub fn form(&self, term: TermId) -> Option<&Form> {
        self.forms.get(&term)
    }

    /// A value of the term as a contract writes it, for messages: its declared example, else one of
    /// its first unit.
    pub fn example(&self, term: TermId) -> String {
        match (self.form(term), self.units_of(term).first()) {
            (Some(f), _) => f.example.clone(),
            (None, Some(unit)) => format!("1{unit}"),
            (None, None) => "是".to_owned(),
        }
    }

    /// The unit a bare spelling stands for in this term (哺乳时间, `小时` → 小时/日), if declared.
    /// A spelling that is an alias of a declared unit (`10日` for 育儿假) is looked up by that unit's name.
    pub fn inferred_unit(&self, term: TermId, written: &str) -> Option<UnitId> {
        let canonical = self.unit(written).map(|u| self.unit_name(u));
        self.form(term)?
            .infer
            .iter()
            .find(|(w, _)| w == written || Some(w.as_str()) == canonical)
            .map(|(_, u)| *u)
    }
}
