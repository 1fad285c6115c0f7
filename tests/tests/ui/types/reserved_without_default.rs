use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Settings {
    /// Never read, so it needs a value of its own.
    #[env(reserved)]
    shard_count: u32,
}

fn main() {}
