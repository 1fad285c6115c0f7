use envspec::EnvConfig;

#[derive(EnvConfig)]
#[env(forbid_names("TEST-*", only_in = prod))]
#[env(forbid_names("**"))]
#[env(forbid_names(only_in = production))]
#[env(forbid_names("X_*", in = production))]
struct Settings {
    a: Option<u32>,
}

fn main() {}
