//! Report → text for people. (JSON is `Report::to_json`.)

pub mod human;
