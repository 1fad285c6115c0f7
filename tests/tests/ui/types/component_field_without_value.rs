use envspec::EnvConfig;

#[derive(EnvConfig)]
#[env(components(api, worker))]
struct Settings {
    /// The worker does not read it, so it needs a default or an `Option`.
    #[env(components(api))]
    port: u16,
}

fn main() {}
