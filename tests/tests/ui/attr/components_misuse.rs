use envspec::{EnvConfig, SecretString};

#[derive(EnvConfig)]
#[env(components(api, worker))]
struct Settings {
    #[env(components(wroker))]
    typo: Option<String>,
    #[env(components(api), required_for(worker))]
    not_read_by_worker: Option<String>,
    #[env(required_for(api), default = "x")]
    defaulted: Option<String>,
    #[env(secret, default_for(api = "x"))]
    token: Option<SecretString>,
    #[env(default_for(api = "eighty", worker = 1, api = 2))]
    port: Option<u16>,
    #[env(components())]
    empty: Option<String>,
    #[env(used_by = "worker")]
    old: Option<String>,
}

fn main() {}
