use envspec::EnvConfig;

#[derive(EnvConfig)]
#[env(profiles())]
#[env(crate = "not a path")]
struct Settings {
    port: u16,
}

#[derive(EnvConfig)]
#[env(profiles("canary release"))]
#[env(check(no_description))]
struct Other {
    port: u16,
}

fn main() {}
