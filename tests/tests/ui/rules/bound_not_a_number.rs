use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    #[env(max = u64::MAXIMUM)]
    a: u64,
    #[env(min = LIMIT)]
    b: u64,
    #[env(range = 1..=u8::MAX, lt = i64::MIN)]
    c: i64,
}

const LIMIT: u64 = 3;

fn main() {}
