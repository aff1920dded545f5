//! Relating claims: comparing what two texts say.
//!
//! [`quantity`]: the numbers in a text, what they measure, and whether two agree.

pub mod quantity;
