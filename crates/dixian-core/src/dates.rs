//! Calendar dates as contracts and rules write them (`2023-05-01`), with a reason in plain words when
//! a text is not one: a wrong format and a day that does not exist (2023-02-30) are different slips.

use chrono::{Months, NaiveDate};

/// Parses `YYYY-MM-DD`. The error completes a sentence that starts with what the date is for:
/// “期限起始日” + “2023-02-30”这一天不存在（2023 年 2 月只有 28 天）.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let text = text.trim();
    let parts: Vec<&str> = text.split('-').collect();
    let [y, m, d] = parts[..] else {
        return Err(bad_format(text));
    };
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(y, 4) && digits(m, 2) && digits(d, 2)) {
        return Err(bad_format(text));
    }
    let (Ok(year), Ok(month), Ok(day)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>())
    else {
        return Err(bad_format(text));
    };
    if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
        return Ok(date);
    }
    if !(1..=12).contains(&month) {
        return Err(format!("“{text}”这一天不存在（月份应为 01 至 12）"));
    }
    match days_in_month(year, month) {
        Some(n) => Err(format!(
            "“{text}”这一天不存在（{year} 年 {month} 月只有 {n} 天）"
        )),
        None => Err(format!("“{text}”这一天不存在")),
    }
}

fn bad_format(text: &str) -> String {
    format!("“{text}”不是日期：应写作 YYYY-MM-DD，如 2023-05-01")
}

fn days_in_month(year: i32, month: u32) -> Option<i64> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next = first.checked_add_months(Months::new(1))?;
    Some(next.signed_duration_since(first).num_days())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_why_a_date_is_not_one() {
        assert_eq!(
            parse_date(" 2023-05-01 ").ok(),
            NaiveDate::from_ymd_opt(2023, 5, 1)
        );
        assert!(parse_date("2023-02-30").is_err_and(|e| e.contains("只有 28 天")));
        assert!(parse_date("2024-02-30").is_err_and(|e| e.contains("只有 29 天")));
        assert!(parse_date("2023-13-01").is_err_and(|e| e.contains("月份")));
        assert!(parse_date("2023年5月1日").is_err_and(|e| e.contains("YYYY-MM-DD")));
        assert!(parse_date("2023-5-1").is_err_and(|e| e.contains("YYYY-MM-DD")));
    }
}
