//! Scalars: text, booleans, numbers, paths, durations and network addresses.

use super::{EnvValue, ParseContext, ValueError, ValueView};
use envspec_schema::TypeKind;
use envspec_schema::spelling::{self, IntegerSpellingError};
use std::borrow::Cow;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

impl EnvValue for String {
    fn parse_env(raw: &str, _: &ParseContext) -> Result<Self, ValueError> {
        Ok(raw.to_owned())
    }
    fn type_kind() -> TypeKind {
        TypeKind::String
    }
    fn to_env(&self) -> Option<String> {
        Some(self.clone())
    }
    fn view(&self) -> ValueView<'_> {
        ValueView::Str(Cow::Borrowed(self))
    }
}

impl EnvValue for char {
    fn parse_env(raw: &str, _: &ParseContext) -> Result<Self, ValueError> {
        let mut chars = raw.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => Ok(c),
            _ => Err(ValueError::new("a single character")),
        }
    }
    fn type_kind() -> TypeKind {
        TypeKind::Custom { name: "single character".into() }
    }
    fn to_env(&self) -> Option<String> {
        Some(self.to_string())
    }
    fn view(&self) -> ValueView<'_> {
        ValueView::Str(Cow::Owned(self.to_string()))
    }
}

impl EnvValue for bool {
    fn parse_env(raw: &str, cx: &ParseContext) -> Result<Self, ValueError> {
        spelling::parse_bool(raw, cx.strict_bool).ok_or_else(|| {
            ValueError::new(if cx.strict_bool { "true or false" } else { "boolean: true/false, 1/0, yes/no or on/off" })
        })
    }
    fn type_kind() -> TypeKind {
        TypeKind::Boolean { strict: false }
    }
    fn to_env(&self) -> Option<String> {
        Some(self.to_string())
    }
    fn view(&self) -> ValueView<'_> {
        ValueView::Bool(*self)
    }
}

macro_rules! integers {
    ($($t:ty, $signed:expr;)*) => {$(
        impl EnvValue for $t {
            fn parse_env(raw: &str, _: &ParseContext) -> Result<Self, ValueError> {
                let expected = || if $signed {
                    format!("integer {}–{}", <$t>::MIN, <$t>::MAX)
                } else {
                    format!("integer 0–{}", <$t>::MAX)
                };
                let digits = spelling::integer_digits(raw).map_err(|e| {
                    ValueError::new(expected()).detail(match e {
                        IntegerSpellingError::Empty => "empty",
                        IntegerSpellingError::NotAWholeNumber => "not a whole number",
                    })
                })?;
                digits.parse::<$t>().map_err(|e| {
                    let reason = if !$signed && digits.starts_with('-') { "negative" } else { integer_reason(e.kind()) };
                    ValueError::new(expected()).detail(reason)
                })
            }
            fn type_kind() -> TypeKind {
                TypeKind::Integer { signed: $signed, bits: <$t>::BITS as u8 }
            }
            fn to_env(&self) -> Option<String> {
                Some(self.to_string())
            }
            fn view(&self) -> ValueView<'_> {
                i128::try_from(*self).map(ValueView::Int).unwrap_or(ValueView::Float(*self as f64))
            }
        }
    )*};
}

integers! {
    u8, false; u16, false; u32, false; u64, false; u128, false; usize, false;
    i8, true; i16, true; i32, true; i64, true; i128, true; isize, true;
}

fn integer_reason(kind: &std::num::IntErrorKind) -> &'static str {
    use std::num::IntErrorKind::*;
    match kind {
        Empty => "empty",
        PosOverflow => "too large",
        NegOverflow => "too small",
        _ => "not a whole number",
    }
}

macro_rules! floats {
    ($($t:ty, $bits:expr;)*) => {$(
        impl EnvValue for $t {
            fn parse_env(raw: &str, _: &ParseContext) -> Result<Self, ValueError> {
                raw.trim().parse::<$t>().map_err(|_| ValueError::new("number"))
            }
            fn type_kind() -> TypeKind {
                TypeKind::Float { bits: $bits }
            }
            fn to_env(&self) -> Option<String> {
                Some(format!("{:?}", self))
            }
            fn view(&self) -> ValueView<'_> {
                ValueView::Float(*self as f64)
            }
        }
    )*};
}

floats! { f32, 32; f64, 64; }

impl EnvValue for PathBuf {
    fn parse_env(raw: &str, cx: &ParseContext) -> Result<Self, ValueError> {
        expand_home(raw, cx)
    }
    fn type_kind() -> TypeKind {
        TypeKind::Path
    }
    fn to_env(&self) -> Option<String> {
        Some(self.to_string_lossy().into_owned())
    }
    fn view(&self) -> ValueView<'_> {
        ValueView::Str(self.to_string_lossy())
    }
}

/// Expands a leading `~` or `~/` to the home directory; `~user` is left alone.
fn expand_home(raw: &str, cx: &ParseContext) -> Result<PathBuf, ValueError> {
    if raw.is_empty() {
        return Err(ValueError::new("path").detail("empty"));
    }
    let rest = match raw.strip_prefix('~') {
        Some("") => Some(""),
        Some(r) if r.starts_with('/') || r.starts_with(std::path::MAIN_SEPARATOR) => Some(&r[1..]),
        _ => None,
    };
    match rest {
        None => Ok(PathBuf::from(raw)),
        Some(rest) => match cx.home() {
            Some(home) if rest.is_empty() => Ok(home.to_path_buf()),
            Some(home) => Ok(home.join(rest)),
            None => Err(ValueError::new("path").detail("`~` used but no home directory is known")),
        },
    }
}

impl EnvValue for Duration {
    fn parse_env(raw: &str, cx: &ParseContext) -> Result<Self, ValueError> {
        let s = raw.trim();
        let (per_unit, unit) = match cx.unit {
            Some("ms") => (0.001, "milliseconds"),
            Some("m") => (60.0, "minutes"),
            Some("h") => (3600.0, "hours"),
            _ => (1.0, "seconds"),
        };
        let expected = || format!("duration: {unit}, or a span such as 30s, 15m, 1h 30m");
        if let Ok(n) = s.parse::<u64>() {
            if per_unit == 1.0 {
                return Ok(Duration::from_secs(n));
            }
            if per_unit == 0.001 {
                return Ok(Duration::from_millis(n));
            }
        }
        if let Ok(n) = s.parse::<f64>() {
            return Duration::try_from_secs_f64(n * per_unit)
                .map_err(|_| ValueError::new(expected()).detail("negative or too large"));
        }
        humantime::parse_duration(s).map_err(|_| ValueError::new(expected()))
    }
    fn type_kind() -> TypeKind {
        TypeKind::Duration { unit: None }
    }
    fn to_env(&self) -> Option<String> {
        Some(humantime::format_duration(*self).to_string())
    }
    fn view(&self) -> ValueView<'_> {
        ValueView::Float(self.as_secs_f64())
    }
}

macro_rules! from_str_scalars {
    ($($t:ty, $kind:expr, $expected:expr;)*) => {$(
        impl EnvValue for $t {
            fn parse_env(raw: &str, _: &ParseContext) -> Result<Self, ValueError> {
                raw.trim().parse::<$t>().map_err(|_| ValueError::new($expected))
            }
            fn type_kind() -> TypeKind {
                $kind
            }
            fn to_env(&self) -> Option<String> {
                Some(self.to_string())
            }
            fn view(&self) -> ValueView<'_> {
                ValueView::Str(Cow::Owned(self.to_string()))
            }
        }
    )*};
}

from_str_scalars! {
    IpAddr, TypeKind::IpAddr, "IP address";
    Ipv4Addr, TypeKind::IpAddr, "IPv4 address";
    Ipv6Addr, TypeKind::IpAddr, "IPv6 address";
    SocketAddr, TypeKind::SocketAddr, "socket address such as 0.0.0.0:8080";
}

impl EnvValue for serde_json::Value {
    fn parse_env(raw: &str, _: &ParseContext) -> Result<Self, ValueError> {
        serde_json::from_str(raw)
            .map_err(|e| ValueError::new("JSON").detail(format!("line {} column {}", e.line(), e.column())))
    }
    fn type_kind() -> TypeKind {
        TypeKind::Json
    }
    fn to_env(&self) -> Option<String> {
        Some(self.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cx() -> ParseContext {
        ParseContext { home: Some(PathBuf::from("/home/op")), ..Default::default() }
    }

    #[test]
    fn booleans_accept_the_usual_spellings_unless_strict() {
        for yes in ["1", "true", "TRUE", "Yes", "on", " on "] {
            assert_eq!(bool::parse_env(yes, &cx()), Ok(true), "{yes}");
        }
        for no in ["0", "false", "No", "OFF"] {
            assert_eq!(bool::parse_env(no, &cx()), Ok(false), "{no}");
        }
        assert!(bool::parse_env("maybe", &cx()).is_err());
        let strict = ParseContext { strict_bool: true, ..cx() };
        assert_eq!(bool::parse_env("true", &strict), Ok(true));
        assert!(bool::parse_env("yes", &strict).is_err());
    }

    #[test]
    fn integers_report_their_range_and_never_the_value() {
        let err = u16::parse_env("70000", &cx()).unwrap_err();
        assert_eq!(err.to_string(), "expected integer 0–65535 (too large)");
        assert_eq!(i8::parse_env("-5", &cx()), Ok(-5));
        assert_eq!(u32::parse_env("1_000", &cx()), Ok(1000));
        assert_eq!(u32::parse_env("+7", &cx()), Ok(7));
        assert!(u32::parse_env("++1", &cx()).is_err());
        assert!(i32::parse_env("+-1", &cx()).is_err());
    }

    #[test]
    fn durations_take_seconds_or_humantime() {
        assert_eq!(Duration::parse_env("30", &cx()), Ok(Duration::from_secs(30)));
        assert_eq!(Duration::parse_env("15m", &cx()), Ok(Duration::from_secs(900)));
        assert_eq!(Duration::parse_env("1h 30m", &cx()), Ok(Duration::from_secs(5400)));
        assert_eq!(Duration::parse_env("0.5", &cx()), Ok(Duration::from_millis(500)));
        assert!(Duration::parse_env("-1", &cx()).is_err());
        assert!(Duration::parse_env("soon", &cx()).is_err());
    }

    #[test]
    fn paths_expand_a_leading_tilde_only() {
        assert_eq!(PathBuf::parse_env("~/.orcheo/x", &cx()), Ok(PathBuf::from("/home/op/.orcheo/x")));
        assert_eq!(PathBuf::parse_env("~", &cx()), Ok(PathBuf::from("/home/op")));
        assert_eq!(PathBuf::parse_env("~bob/x", &cx()), Ok(PathBuf::from("~bob/x")));
        assert_eq!(PathBuf::parse_env("/var/lib", &cx()), Ok(PathBuf::from("/var/lib")));
        let no_home = ParseContext::default();
        assert!(PathBuf::parse_env("~/x", &no_home).is_err());
    }

    #[test]
    fn addresses_parse() {
        assert!(IpAddr::parse_env("::1", &cx()).is_ok());
        assert!(SocketAddr::parse_env("0.0.0.0:8080", &cx()).is_ok());
        assert!(SocketAddr::parse_env("0.0.0.0", &cx()).is_err());
    }
}
