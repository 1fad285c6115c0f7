use envspec::EnvConfig;

#[derive(EnvConfig)]
struct Inner {
    port: u16,
}

#[derive(EnvConfig)]
struct Settings {
    #[env(nested, flatten)]
    inner: Inner,
}

fn main() {}
