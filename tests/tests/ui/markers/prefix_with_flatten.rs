use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Inner {
    port: u16,
}

#[derive(EnvConfig)]
struct Settings {
    #[env(flatten, prefix = "DB_")]
    db: Inner,
}

fn main() {}
