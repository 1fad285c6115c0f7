use envspec::EnvConfig;

fn ports_differ(s: &Settings) -> bool {
    s.a != s.b
}

#[derive(EnvConfig)]
#[env(check(ports_differ, "a and b differ"))]
struct Settings {
    a: u16,
    b: u16,
}

fn main() {}
