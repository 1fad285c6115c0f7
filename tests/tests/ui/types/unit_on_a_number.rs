use envspec::EnvConfig;

// `unit` is for durations; a lenient field needs a default or an `Option`.
#[derive(EnvConfig)]
struct Settings {
    #[env(default = 5, unit = "ms")]
    timeout_ms: u64,
    #[env(on_invalid = "default")]
    retention: u32,
}

fn main() {}
