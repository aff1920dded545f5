//! Placeholder for the quantity module (replaced by the `quantity` branch).
#[derive(Debug, Clone)]
pub struct Quantity {
    pub low: f64,
    pub high: f64,
    pub value: f64,
    pub start: usize,
    pub end: usize,
    pub text: String,
}
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    Agree,
    Disagree,
}
pub fn quantities(text: &str) -> Vec<Quantity> {
    let _ = text;
    Vec::new()
}
pub fn compare(a: &Quantity, b: &Quantity) -> Option<Comparison> {
    let _ = (a, b);
    None
}
