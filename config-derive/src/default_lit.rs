//! Compile-time checks of literal defaults against field types the macro can recognise.
//! Other types are checked when the schema is built and at load (`Problem::BadDefault`).

use crate::ast::option_inner;
use envspec_schema::spelling;
use std::num::IntErrorKind;

/// An error message when `text` cannot be a value of `ty`, for types known by name. Spellings
/// are read by the grammars the runtime's parsers use; `strict` is the field's `strict_bool`.
pub fn check(text: &str, ty: &syn::Type, strict: bool) -> Option<String> {
    let ty = option_inner(ty).unwrap_or(ty);
    let syn::Type::Path(p) = ty else { return None };
    if p.qself.is_some() {
        return None;
    }
    // `u16`, or a standard type spelled in full: `std::net::IpAddr`, `core::primitive::u16`.
    let segments: Vec<String> = p.path.segments.iter().map(|s| s.ident.to_string()).collect();
    let (last, module) = segments.split_last()?;
    let module: Vec<&str> = module.iter().map(String::as_str).collect();
    if !matches!(module.as_slice(), [] | ["std" | "core", "net" | "primitive"]) {
        return None;
    }
    let name = last.clone();
    macro_rules! try_parse {
        ($($t:ty),*) => {
            match name.as_str() {
                $(stringify!($t) => {
                    let range = format!("{} to {}", <$t>::MIN, <$t>::MAX);
                    let invalid = || format!("default `{text}` is not a valid `{}`: expected a whole number from {range}", stringify!($t));
                    match spelling::integer_digits(text) {
                        Err(_) => Some(invalid()),
                        Ok(t) => t.parse::<$t>().err().map(|e| {
                            let negative = t.strip_prefix('-').is_some_and(|d| d.parse::<u128>().is_ok());
                            let overflow = matches!(e.kind(), IntErrorKind::PosOverflow | IntErrorKind::NegOverflow);
                            if overflow || negative {
                                format!("default `{text}` is out of range for `{}`: expected {range}", stringify!($t))
                            } else {
                                invalid()
                            }
                        }),
                    }
                })*
                "f32" | "f64" => text.trim().parse::<f64>().err().map(|_| format!("default `{text}` is not a number, such as `0.5`")),
                "bool" => spelling::parse_bool(text, strict)
                    .is_none()
                    .then(|| format!("default `{text}` is not a boolean; use `true` or `false`")),
                "IpAddr" => text.parse::<std::net::IpAddr>().err().map(|_| format!("default `{text}` is not an IP address")),
                "SocketAddr" => text.parse::<std::net::SocketAddr>().err().map(|_| format!("default `{text}` is not a socket address such as `0.0.0.0:8080`")),
                "Ipv4Addr" => text.parse::<std::net::Ipv4Addr>().err().map(|_| format!("default `{text}` is not an IPv4 address")),
                "Ipv6Addr" => text.parse::<std::net::Ipv6Addr>().err().map(|_| format!("default `{text}` is not an IPv6 address")),
                _ => None,
            }
        };
    }
    try_parse!(u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize)
}
